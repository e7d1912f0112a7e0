#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_basic : require
// The product of matmul.comp, Y[rows, cols] (+)= X[rows, inner] * W[cols, inner]^T into a column
// range of Y, on the device's matrix units (coop.glsl; COOP_EMULATED: the same code with the
// matrix operations done by plain code). Each workgroup computes a BM x BN tile of Y with
// (BM / WM) x (BN / WN) subgroups, each a WM x WN block of COOP_M x COOP_N accumulators (f32).
// Per step of BK along the inner dimension the workgroup stages a BM x BK slice of X and a BN x BK
// slice of W in shared memory as f16: X (SwiGLU applied on load for the down projection) scaled
// per row, W converted from its stored type (F32, F16, BF16, Q8_0: weights.glsl).
//
// Why rows are scaled: activations reach beyond f16's 65504 (the SwiGLU output of a real model's
// MLP does), and converting them would give infinities. Before the loop the workgroup finds each
// of its rows' largest magnitude and scales the row by the power of two that brings it to 2^14
// (exact: only the exponent changes); the epilogue divides the row's results by the same power.
// Small rows gain as much: their values stay out of f16's subnormal range.
//
// Split-K (pc.k_slices > 1, for products with too few tiles to fill the device): workgroup z
// computes one slice of the inner dimension and writes its partial sums, unscaled, to Y laid out
// as [slice][rows][cols]; matmul_split_reduce.comp then adds the slices into the real output.
//
// Needs inner % 4 == 0 (ops.cpp falls back to matmul.comp otherwise).
#define PUSH_MATMUL
#include "push_constants.h"

layout(local_size_x_id = 0) in;  // (BM / WM) * (BN / WN) subgroups of SUBGROUP invocations
layout(constant_id = 1) const uint SUBGROUP = 32;
layout(constant_id = 2) const uint BM = 64;
layout(constant_id = 3) const uint BN = 64;
layout(constant_id = 4) const uint BK = 32;
layout(constant_id = 5) const uint WM = 32;
layout(constant_id = 6) const uint WN = 32;
layout(constant_id = 7) const uint COOP_M = 16;
layout(constant_id = 8) const uint COOP_N = 16;
layout(constant_id = 9) const uint COOP_K = 16;

layout(std430, binding = 0) readonly buffer Input { float x[]; };
layout(std430, binding = 1) readonly buffer Weights { uint weights[]; };
layout(std430, binding = 2) buffer Output { float y[]; };

#include "coop.glsl"
#include "weights.glsl"
#include "swiglu.glsl"

const uint WARPS_X = BN / WN;  // subgroups across the columns
const uint FRAGS_M = WM / COOP_M, FRAGS_N = WN / COOP_N;
const uint STRIDE = BK + 8u;   // halves per staged row: 16-byte aligned, off the bank period
shared float16_t x_tile[BM * STRIDE];
shared float16_t w_tile[BN * STRIDE];
shared uint row_max_bits[BM];  // max |x| of the tile's rows (non-negative floats order as uints)
shared float row_scale[BM];
shared float out_stage[(gl_WorkGroupSize.x / SUBGROUP) * COOP_M * COOP_N];

// X[row, k .. k + 3]; with pc.x_swiglu the SwiGLU of the gate/up output.
vec4 load_x4(uint row, uint k) {
  if (pc.x_swiglu == 0u) {
    const uint at = row * pc.inner + k;
    return vec4(x[at], x[at + 1u], x[at + 2u], x[at + 3u]);
  }
  const uint gate = row * 2u * pc.inner + k, up = gate + pc.inner;
  return vec4(swiglu(x[gate], x[up]), swiglu(x[gate + 1u], x[up + 1u]), swiglu(x[gate + 2u], x[up + 2u]),
              swiglu(x[gate + 3u], x[up + 3u]));
}

void main() {
  const uint id = gl_LocalInvocationIndex, threads = gl_WorkGroupSize.x;
  const uint col0 = gl_WorkGroupID.x * BN, row0 = gl_WorkGroupID.y * BM;
  const uint warp = gl_SubgroupID;
  const uint warp_row = (warp / WARPS_X) * WM, warp_col = (warp % WARPS_X) * WN;
  const uint quads = pc.inner / 4u;
  const uint quads_per_step = BK / 4u;

  // This workgroup's steps along the inner dimension: all, or its slice's.
  const uint steps = (pc.inner + BK - 1u) / BK;
  const uint slices = max(pc.k_slices, 1u), slice = gl_WorkGroupID.z;
  const uint steps_per_slice = (steps + slices - 1u) / slices;
  const uint k_begin = slice * steps_per_slice * BK;
  const uint k_end = min(pc.inner, k_begin + steps_per_slice * BK);

  // The rows' scales, over the slice: a slice's partial sums are unscaled before they are written.
  for (uint r = id; r < BM; r += threads) row_max_bits[r] = 0u;
  barrier();
  for (uint linear = id; linear < BM * quads_per_step; linear += threads) {
    const uint r = linear / quads_per_step, row = row0 + r;
    if (row >= pc.rows) continue;
    float largest = 0.0;
    for (uint q = k_begin / 4u + linear % quads_per_step; q < k_end / 4u; q += quads_per_step) {
      const vec4 v = abs(load_x4(row, 4u * q));
      largest = max(largest, max(max(v.x, v.y), max(v.z, v.w)));
    }
    COOP_SHARED_ATOMIC_MAX(row_max_bits[r], floatBitsToUint(largest));
  }
  barrier();
  for (uint r = id; r < BM; r += threads) {
    const float largest = uintBitsToFloat(row_max_bits[r]);
    int exponent;  // largest = f * 2^exponent, 0.5 <= f < 1
    frexp(largest, exponent);
    row_scale[r] = largest > 0.0 && !isinf(largest) ? exp2(float(clamp(14 - exponent, -120, 120))) : 1.0;
  }
  barrier();

  COOP_ACC(acc, FRAGS_M * FRAGS_N);
  COOP_A(a, FRAGS_M);
  COOP_B(b, FRAGS_N);

  for (uint k0 = k_begin; k0 < k_end; k0 += BK) {
    for (uint linear = id; linear < BM * quads_per_step; linear += threads) {
      const uint r = linear / quads_per_step, q = linear % quads_per_step;
      const uint row = row0 + r, k = k0 + 4u * q;
      const vec4 v = row < pc.rows && k < pc.inner ? load_x4(row, k) * row_scale[r] : vec4(0.0);
      const uint at = r * STRIDE + 4u * q;
      x_tile[at] = float16_t(v.x);
      x_tile[at + 1u] = float16_t(v.y);
      x_tile[at + 2u] = float16_t(v.z);
      x_tile[at + 3u] = float16_t(v.w);
    }
    for (uint linear = id; linear < BN * quads_per_step; linear += threads) {
      const uint c = linear / quads_per_step, q = linear % quads_per_step;
      const uint col = col0 + c, k = k0 + 4u * q;
      const vec4 v = col < pc.cols && k < pc.inner ? load_weight4(col * quads + k / 4u) : vec4(0.0);
      const uint at = c * STRIDE + 4u * q;
      w_tile[at] = to_f16_finite(v.x);
      w_tile[at + 1u] = to_f16_finite(v.y);
      w_tile[at + 2u] = to_f16_finite(v.z);
      w_tile[at + 3u] = to_f16_finite(v.w);
    }
    barrier();
    COOP_UNROLL for (uint kk = 0; kk < BK; kk += COOP_K) {
      COOP_UNROLL for (uint i = 0; i < FRAGS_M; ++i)
        COOP_LOAD_A(a[i], x_tile, (warp_row + i * COOP_M) * STRIDE + kk, STRIDE);
      COOP_UNROLL for (uint j = 0; j < FRAGS_N; ++j)
        COOP_LOAD_B(b[j], w_tile, (warp_col + j * COOP_N) * STRIDE + kk, STRIDE);
      COOP_UNROLL for (uint i = 0; i < FRAGS_M; ++i)
        COOP_UNROLL for (uint j = 0; j < FRAGS_N; ++j)
          COOP_MUL_ADD(acc, i * FRAGS_N + j, a[i], b[j], x_tile, STRIDE, w_tile, STRIDE);
    }
    barrier();
  }

  // Epilogue, one accumulator at a time through the subgroup's stage: unscale, add to Y where
  // accumulating (the residual stream), write inside the edges into the column range.
  const uint stage = warp * COOP_M * COOP_N;
  COOP_UNROLL for (uint i = 0; i < FRAGS_M; ++i) {
    COOP_UNROLL for (uint j = 0; j < FRAGS_N; ++j) {
      COOP_STORE(acc, i * FRAGS_N + j, out_stage, stage, COOP_N);
      subgroupMemoryBarrierShared();
      subgroupBarrier();
      for (uint e = gl_SubgroupInvocationID; e < COOP_M * COOP_N; e += SUBGROUP) {
        const uint r = warp_row + i * COOP_M + e / COOP_N, c = warp_col + j * COOP_N + e % COOP_N;
        const uint row = row0 + r, col = col0 + c;
        if (row >= pc.rows || col >= pc.cols) continue;
        const float value = out_stage[stage + e] / row_scale[r];
        if (slices > 1u) {
          y[(slice * pc.rows + row) * pc.cols + col] = value;
          continue;
        }
        const uint at = row * pc.y_stride + pc.y_offset + col;
        y[at] = pc.accumulate != 0u ? y[at] + value : value;
      }
      subgroupMemoryBarrierShared();
      subgroupBarrier();
    }
  }
}
