#version 450
#extension GL_GOOGLE_include_directive : require
// Y[r] = X[r] / sqrt(mean(X[r]^2) + eps) * weight; one workgroup per row.
#define PUSH_RMSNORM
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // power of two, default 256

layout(std430, binding = 0) readonly buffer Input { float x[]; };
layout(std430, binding = 1) readonly buffer Weight { float weight[]; };
layout(std430, binding = 2) writeonly buffer Output { float y[]; };

shared float reduce_scratch[gl_WorkGroupSize.x];
#include "reduce.glsl"

void main() {
  const uint row = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
  if (row >= pc.rows) return;  // uniform per workgroup, so no barrier is skipped unevenly
  const uint base = row * pc.dim;
  float squares = 0.0;
  for (uint i = gl_LocalInvocationID.x; i < pc.dim; i += gl_WorkGroupSize.x) squares += x[base + i] * x[base + i];
  const float inverse_rms = inversesqrt(workgroup_sum(squares) / float(pc.dim) + pc.eps);
  for (uint i = gl_LocalInvocationID.x; i < pc.dim; i += gl_WorkGroupSize.x)
    y[base + i] = x[base + i] * inverse_rms * weight[i];
}
