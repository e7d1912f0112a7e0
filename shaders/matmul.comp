#version 450
#extension GL_GOOGLE_include_directive : require
// Y[rows, cols] (+)= X[rows, inner] * W[cols, inner]^T (into a column range of Y), f32 activations and accumulation, W
// in its stored precision (see weights.glsl). Plain tiled kernel: each 16x16 workgroup computes
// a 64x64 output tile from 64x16 slices of X and W staged in shared memory; each invocation
// owns a 4x4 block of outputs strided by 16 so that neighbours touch neighbouring banks.
#define PUSH_MATMUL
#include "push_constants.h"

layout(local_size_x = 16, local_size_y = 16) in;

layout(std430, binding = 0) readonly buffer Input { float x[]; };
layout(std430, binding = 1) readonly buffer Weights { uint weights[]; };
layout(std430, binding = 2) buffer Output { float y[]; };

#include "weights.glsl"

const uint TILE = 64;
const uint STEP = 16;
shared float x_tile[TILE][STEP + 1];
shared float w_tile[TILE][STEP + 1];

void main() {
  const uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
  const uint thread = ty * 16u + tx;
  const uint col0 = gl_WorkGroupID.x * TILE, row0 = gl_WorkGroupID.y * TILE;

  float acc[4][4];
  for (uint i = 0; i < 4; ++i)
    for (uint j = 0; j < 4; ++j) acc[i][j] = 0.0;

  for (uint k0 = 0; k0 < pc.inner; k0 += STEP) {
    for (uint p = 0; p < 4; ++p) {
      const uint linear = thread + 256u * p;
      const uint r = linear / STEP, c = linear % STEP;
      const uint k = k0 + c;
      const uint row = row0 + r, col = col0 + r;
      x_tile[r][c] = (row < pc.rows && k < pc.inner) ? x[row * pc.inner + k] : 0.0;
      w_tile[r][c] = (col < pc.cols && k < pc.inner) ? load_weight(col * pc.inner + k) : 0.0;
    }
    barrier();
    for (uint c = 0; c < STEP; ++c) {
      float a[4], b[4];
      for (uint i = 0; i < 4; ++i) a[i] = x_tile[ty + 16u * i][c];
      for (uint j = 0; j < 4; ++j) b[j] = w_tile[tx + 16u * j][c];
      for (uint i = 0; i < 4; ++i)
        for (uint j = 0; j < 4; ++j) acc[i][j] += a[i] * b[j];
    }
    barrier();
  }

  for (uint i = 0; i < 4; ++i) {
    const uint row = row0 + ty + 16u * i;
    if (row >= pc.rows) continue;
    for (uint j = 0; j < 4; ++j) {
      const uint col = col0 + tx + 16u * j;
      if (col >= pc.cols) continue;
      const uint at = row * pc.y_stride + pc.y_offset + col;
      y[at] = (pc.accumulate != 0u ? y[at] : 0.0) + acc[i][j];
    }
  }
}
