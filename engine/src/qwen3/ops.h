// Records one operation of the forward pass into a sequence. Each checks nothing about the
// data (the forward pass sizes every buffer); each has a CPU twin in the tests.
#pragma once

#include "push_constants.h"
#include "qwen3/kernels.h"
#include "qwen3/weights.h"
#include "vk/sequence.h"

namespace xun::qwen3::ops {

// y[rows, y_stride] columns [y_offset, y_offset + w.rows) (+)= x[rows, w.cols] * w^T.
// x_quantized: scratch for x in 8-bit blocks (quantized_bytes), needed when the kernels use
// integer dot products and w is Q8_0; the coopmat kernel keeps split-K partial sums there
// (split_k_bytes), splitting only as far as it holds them; may be null otherwise.
Result<void> matmul(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const GpuMatrix& w,
                    const vk::Buffer& y, uint32_t rows, bool accumulate, uint32_t y_stride, uint32_t y_offset,
                    const vk::Buffer* x_quantized = nullptr);
// All parts of a projection, side by side in y[rows, projection.out_features()]; x is
// quantised once for all its Q8_0 parts.
Result<void> matmul(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const Projection& w,
                    const vk::Buffer& y, uint32_t rows, bool accumulate, const vk::Buffer* x_quantized = nullptr);
// y (+)= swiglu(gate_up) * w^T, gate_up being [rows, 2 * w.cols]. The tiled and coopmat matmuls apply
// SwiGLU as it loads its input (fuses_swiglu); otherwise the swiglu kernel writes `mlp`
// [rows, w.cols] first and the chosen matmul reads it.
Result<void> swiglu_matmul(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& gate_up,
                           const vk::Buffer& mlp, const Projection& w, const vk::Buffer& y, uint32_t rows,
                           bool accumulate, const vk::Buffer* x_quantized = nullptr);
bool fuses_swiglu(const Kernels& kernels, const Projection& w);
// Bytes of the 8-bit copy of rows x inner activations (36 per block of 32).
inline uint64_t quantized_bytes(uint64_t rows, uint64_t inner) { return rows * (inner / 32) * 36; }
// Scratch that lets the coopmat matmul split any product of up to `rows` x `cols` outputs into
// up to `slices` slices of the inner dimension.
inline uint64_t split_k_bytes(uint64_t rows, uint64_t cols, uint64_t slices) { return rows * cols * slices * 4; }
Result<void> rmsnorm(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const vk::Buffer& weight,
                     const vk::Buffer& y, uint32_t rows, uint32_t dim, float eps);
// rope_table: [max position + 1, head_dim / 2] (cos, sin) pairs (forward/rope_table.h).
Result<void> qk_norm_rope(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& qkv,
                          const vk::Buffer& q_norm, const vk::Buffer& k_norm, const vk::Buffer& positions,
                          const vk::Buffer& rope_table, const shaders::QkNormRopePush& push);
// shared_prefix: [tokens][2] (first, count) keys each token sees before its own sequence.
Result<void> attention(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& qkv,
                       const vk::Buffer& sequence_start, const vk::Buffer& shared_prefix,
                       const vk::Buffer& query_tokens, const vk::Buffer& y, const shaders::AttentionPush& push);
Result<void> swiglu(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& gate_up, const vk::Buffer& y,
                    uint32_t rows, uint32_t inter);
Result<void> gather_rows(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const vk::Buffer& index,
                         const vk::Buffer& y, uint32_t rows, uint32_t dim);

}  // namespace xun::qwen3::ops
