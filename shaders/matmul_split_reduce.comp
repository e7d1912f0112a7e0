#version 450
#extension GL_GOOGLE_include_directive : require
// The second half of a split-K matmul (matmul_coopmat.comp with pc.k_slices > 1): Y[r, y_offset +
// c] (+)= the sum over slices of PARTIAL[slice][r][c], with the same push constants.
#define PUSH_MATMUL
#include "push_constants.h"

layout(local_size_x = 256) in;

layout(std430, binding = 0) readonly buffer Partial { float partial[]; };  // [k_slices][rows][cols]
layout(std430, binding = 1) buffer Output { float y[]; };

void main() {
  const uint col = gl_GlobalInvocationID.x, row = gl_GlobalInvocationID.y;
  if (col >= pc.cols || row >= pc.rows) return;
  float sum = 0.0;
  for (uint slice = 0; slice < pc.k_slices; ++slice) sum += partial[(slice * pc.rows + row) * pc.cols + col];
  const uint at = row * pc.y_stride + pc.y_offset + col;
  y[at] = pc.accumulate != 0u ? y[at] + sum : sum;
}
