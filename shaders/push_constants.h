// Push-constant blocks, defined once for C++ (engine/src/qwen3) and GLSL (shaders/*.comp).
// A shader defines PUSH_<NAME> before including this file and gets its block as `pc`.
// Only 32-bit scalars appear here, so the C++ struct and the GLSL block have the same layout.
#ifdef __cplusplus
#pragma once
#include <cstdint>
namespace xun::shaders {
using uint = uint32_t;
#define XUN_PUSH_BEGIN(name) struct name {
#define XUN_PUSH_END(name) \
  };                       \
  static_assert(sizeof(name) <= 128, "push constants are limited to 128 bytes");
#define XUN_WANTS(name) 1
#else
#define XUN_PUSH_BEGIN(name) layout(push_constant) uniform name##Block {
#define XUN_PUSH_END(name) } pc;
#endif

#if defined(__cplusplus) || defined(PUSH_MATMUL)
// Y[r, y_offset + c] (+)= sum_k X[r, k] * W[c, k] for c < cols: one weight matrix may fill a
// column range of a wider output (Q, K and V of different types into one QKV buffer).
XUN_PUSH_BEGIN(MatmulPush)
  uint rows;        // tokens
  uint cols;        // output features (weight rows)
  uint inner;       // input features (weight columns)
  uint accumulate;  // 1: add to Y (the residual stream), 0: overwrite
  uint y_stride;    // floats per row of Y
  uint y_offset;    // first column of Y written
  uint x_swiglu;    // 1: X is a gate/up output [rows, 2 * inner], read as swiglu(gate, up)
                    // (matmul.comp, matmul_coopmat.comp)
  uint k_slices;    // matmul_coopmat.comp: > 1 splits the inner dimension into this many
                    // slices (gl_WorkGroupID.z), each writing its partial sums to Y as
                    // [slice][rows][cols]; matmul_split_reduce.comp adds them into the real Y
XUN_PUSH_END(MatmulPush)
#endif

#if defined(__cplusplus) || defined(PUSH_QUANTIZE)
// Blocks of 32 values of X[rows, inner] to 8 bits: inner % 32 == 0
XUN_PUSH_BEGIN(QuantizePush)
  uint rows;
  uint inner;
XUN_PUSH_END(QuantizePush)
#endif

#if defined(__cplusplus) || defined(PUSH_RMSNORM)
// Y[r] = X[r] / sqrt(mean(X[r]^2) + eps) * weight, one row per workgroup
XUN_PUSH_BEGIN(RmsNormPush)
  uint rows;
  uint dim;
  float eps;
XUN_PUSH_END(RmsNormPush)
#endif

#if defined(__cplusplus) || defined(PUSH_QK_NORM_ROPE)
// In place on the fused QKV rows: per-head RMSNorm of Q and K heads, then NEOX RoPE.
XUN_PUSH_BEGIN(QkNormRopePush)
  uint tokens;
  uint q_heads;
  uint kv_heads;
  uint head_dim;
  uint row_stride;  // floats per token in the QKV buffer: (q_heads + 2 * kv_heads) * head_dim
  float eps;
XUN_PUSH_END(QkNormRopePush)
#endif

#if defined(__cplusplus) || defined(PUSH_ATTENTION)
// Causal attention inside each packed sequence, for a list of query tokens.
XUN_PUSH_BEGIN(AttentionPush)
  uint queries;     // rows of the output = entries of the query-token list
  uint q_heads;
  uint kv_heads;
  uint head_dim;
  uint row_stride;  // floats per token in the QKV buffer
  float scale;      // 1 / sqrt(head_dim)
XUN_PUSH_END(AttentionPush)
#endif

#if defined(__cplusplus) || defined(PUSH_SWIGLU)
// Y[t, i] = silu(GU[t, i]) * GU[t, inter + i]
XUN_PUSH_BEGIN(SwigluPush)
  uint rows;
  uint inter;
XUN_PUSH_END(SwigluPush)
#endif

#if defined(__cplusplus) || defined(PUSH_GATHER_ROWS)
// Y[r] = X[index[r]]
XUN_PUSH_BEGIN(GatherRowsPush)
  uint rows;
  uint dim;
XUN_PUSH_END(GatherRowsPush)
#endif

#ifdef __cplusplus
}  // namespace xun::shaders
#endif
