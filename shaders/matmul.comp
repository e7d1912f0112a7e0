#version 450
#extension GL_GOOGLE_include_directive : require
// Y[rows, cols] (+)= X[rows, inner] * W[cols, inner]^T (into a column range of Y), f32 activations and accumulation, W
// in its stored precision (see weights.glsl). Tiled kernel: each THREADS x THREADS workgroup
// computes a TILE x TILE output tile (TILE = THREADS * PER_THREAD) from TILE x STEP slices of X
// and W staged in shared memory; each invocation owns a PER_THREAD x PER_THREAD block of
// outputs strided by THREADS, so that neighbours touch neighbouring banks. The sizes are
// specialization constants chosen per device (kernels.cpp); by default 16x16 invocations,
// 4x4 outputs each, slices of 16.
#define PUSH_MATMUL
#include "push_constants.h"

layout(local_size_x_id = 0, local_size_y_id = 1) in;  // THREADS x THREADS, by default 16 x 16
const uint THREADS = gl_WorkGroupSize.x;
layout(constant_id = 2) const uint PER_THREAD = 4;
layout(constant_id = 3) const uint STEP = 16;

layout(std430, binding = 0) readonly buffer Input { float x[]; };
layout(std430, binding = 1) readonly buffer Weights { uint weights[]; };
layout(std430, binding = 2) buffer Output { float y[]; };

#include "weights.glsl"
#include "swiglu.glsl"

// X[row, k]; with pc.x_swiglu the SwiGLU of the gate/up output, computed as the tile is loaded
// (once per column tile: cheap on a GPU, and the [rows, inner] activation is never stored).
float load_x(uint row, uint k) {
  if (pc.x_swiglu == 0u) return x[row * pc.inner + k];
  const uint base = row * 2u * pc.inner;
  return swiglu(x[base + k], x[base + pc.inner + k]);
}

const uint TILE = THREADS * PER_THREAD;
shared float x_tile[TILE][STEP + 1];
shared float w_tile[TILE][STEP + 1];

void main() {
  const uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
  const uint thread = ty * THREADS + tx;
  const uint col0 = gl_WorkGroupID.x * TILE, row0 = gl_WorkGroupID.y * TILE;

  float acc[PER_THREAD][PER_THREAD];
  for (uint i = 0; i < PER_THREAD; ++i)
    for (uint j = 0; j < PER_THREAD; ++j) acc[i][j] = 0.0;

  for (uint k0 = 0; k0 < pc.inner; k0 += STEP) {
    for (uint linear = thread; linear < TILE * STEP; linear += THREADS * THREADS) {
      const uint r = linear / STEP, c = linear % STEP;
      const uint k = k0 + c;
      const uint row = row0 + r, col = col0 + r;
      x_tile[r][c] = (row < pc.rows && k < pc.inner) ? load_x(row, k) : 0.0;
      w_tile[r][c] = (col < pc.cols && k < pc.inner) ? load_weight(col * pc.inner + k) : 0.0;
    }
    barrier();
    for (uint c = 0; c < STEP; ++c) {
      float a[PER_THREAD], b[PER_THREAD];
      for (uint i = 0; i < PER_THREAD; ++i) a[i] = x_tile[ty + THREADS * i][c];
      for (uint j = 0; j < PER_THREAD; ++j) b[j] = w_tile[tx + THREADS * j][c];
      for (uint i = 0; i < PER_THREAD; ++i)
        for (uint j = 0; j < PER_THREAD; ++j) acc[i][j] += a[i] * b[j];
    }
    barrier();
  }

  for (uint i = 0; i < PER_THREAD; ++i) {
    const uint row = row0 + ty + THREADS * i;
    if (row >= pc.rows) continue;
    for (uint j = 0; j < PER_THREAD; ++j) {
      const uint col = col0 + tx + THREADS * j;
      if (col >= pc.cols) continue;
      const uint at = row * pc.y_stride + pc.y_offset + col;
      y[at] = (pc.accumulate != 0u ? y[at] : 0.0) + acc[i][j];
    }
  }
}
