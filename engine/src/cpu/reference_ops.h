// Plain C++ versions of every operation of the forward pass, in double precision: the CPU
// backend's reference path (EngineOptions: CpuKernels::reference), and what every optimised kernel
// of both backends is tested against. Shapes are given in the comments; matrices are row-major.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace xun::reference {

// y[rows, cols] = x[rows, inner] * w[cols, inner]^T
std::vector<float> matmul(std::span<const float> x, std::span<const float> w, uint32_t rows, uint32_t cols,
                          uint32_t inner);
// x rounded as quantize_q8.comp rounds it: per block of 32, d = max|x| / 127 (in float),
// q = round(x / d); returns d * q. The integer-dot matmul equals matmul(quantize_q8(x), w).
std::vector<float> quantize_q8(std::span<const float> x);
// y[rows, dim] = x / sqrt(mean(x^2) + eps) * weight[dim]
std::vector<float> rmsnorm(std::span<const float> x, std::span<const float> weight, uint32_t rows, uint32_t dim,
                           float eps);
// In place on qkv[tokens, (q_heads + 2 kv_heads) * head_dim]: per-head RMSNorm of Q and K, then
// NEOX RoPE at positions[token] with base theta.
void qk_norm_rope(std::vector<float>& qkv, std::span<const float> q_norm, std::span<const float> k_norm,
                  std::span<const uint32_t> positions, uint32_t q_heads, uint32_t kv_heads, uint32_t head_dim,
                  float eps, double theta);
// out[queries, q_heads * head_dim]: causal attention of each listed token over its shared
// prefix (shared_prefix[2t] first, [2t+1] count) and then its own sequence up to itself.
std::vector<float> attention(std::span<const float> qkv, std::span<const uint32_t> sequence_start,
                             std::span<const uint32_t> shared_prefix, std::span<const uint32_t> query_tokens,
                             uint32_t q_heads, uint32_t kv_heads, uint32_t head_dim);
// y[rows, inter] = silu(gu[:, :inter]) * gu[:, inter:]
std::vector<float> swiglu(std::span<const float> gate_up, uint32_t rows, uint32_t inter);

}  // namespace xun::reference
