#version 450
#extension GL_GOOGLE_include_directive : require
// rmsnorm.comp with one invocation per row: the plain kernel for CPU devices (no barriers).
#define PUSH_RMSNORM
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // default 64

layout(std430, binding = 0) readonly buffer Input { float x[]; };
layout(std430, binding = 1) readonly buffer Weight { float weight[]; };
layout(std430, binding = 2) writeonly buffer Output { float y[]; };

void main() {
  const uint row = gl_GlobalInvocationID.x;
  if (row >= pc.rows) return;
  const uint base = row * pc.dim;
  float squares = 0.0;
  for (uint i = 0; i < pc.dim; ++i) squares += x[base + i] * x[base + i];
  const float inverse_rms = inversesqrt(squares / float(pc.dim) + pc.eps);
  for (uint i = 0; i < pc.dim; ++i) y[base + i] = x[base + i] * inverse_rms * weight[i];
}
