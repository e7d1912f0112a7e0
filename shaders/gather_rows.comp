#version 450
#extension GL_GOOGLE_include_directive : require
// Y[r] = X[index[r]]: picks each sequence's last token before the final layer's MLP.
#define PUSH_GATHER_ROWS
#include "push_constants.h"

layout(local_size_x = 256) in;

layout(std430, binding = 0) readonly buffer Input { float x[]; };
layout(std430, binding = 1) readonly buffer Index { uint index[]; };
layout(std430, binding = 2) writeonly buffer Output { float y[]; };

void main() {
  const uint i = gl_GlobalInvocationID.x, row = gl_GlobalInvocationID.y;
  if (i >= pc.dim || row >= pc.rows) return;
  y[row * pc.dim + i] = x[index[row] * pc.dim + i];
}
