#version 450
#extension GL_GOOGLE_include_directive : require
// Y[t, i] = silu(GU[t, i]) * GU[t, inter + i] over the fused gate/up projection output.
#define PUSH_SWIGLU
#include "push_constants.h"
#include "swiglu.glsl"

layout(local_size_x = 256) in;

layout(std430, binding = 0) readonly buffer GateUp { float gate_up[]; };  // [rows, 2 * inter]
layout(std430, binding = 1) writeonly buffer Output { float y[]; };       // [rows, inter]

void main() {
  const uint i = gl_GlobalInvocationID.x, row = gl_GlobalInvocationID.y;
  if (i >= pc.inter || row >= pc.rows) return;
  const float gate = gate_up[row * 2u * pc.inter + i];
  const float up = gate_up[row * 2u * pc.inter + pc.inter + i];
  y[row * pc.inter + i] = swiglu(gate, up);
}
