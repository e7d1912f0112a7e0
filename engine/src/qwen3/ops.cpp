#include "qwen3/ops.h"

#include <algorithm>
#include <cmath>

namespace xun::qwen3::ops {
namespace {

constexpr uint32_t dot_tile = 64;           // matmul_q8_0_dot.comp's output tile per workgroup
constexpr uint32_t row_group = 64;          // per-row kernels: rows per workgroup (kernels.cpp)
constexpr uint32_t elementwise_group = 256;  // swiglu.comp, gather_rows.comp
constexpr uint32_t max_groups = 65535;       // the smallest maxComputeWorkGroupCount Vulkan allows

uint32_t groups(uint32_t items, uint32_t per_group) { return (items + per_group - 1) / per_group; }

bool uses_integer_dot(const Kernels& kernels, const GpuMatrix& w) {
  return kernels.integer_dot && w.dtype == model::DType::q8_0;
}

Result<void> quantize(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const vk::Buffer* x_quantized,
                      uint32_t rows, uint32_t inner) {
  if (x_quantized == nullptr) return fail("internal: the integer-dot matmul was given no scratch buffer");
  const shaders::QuantizePush push{rows, inner};
  if (auto recorded = sequence.dispatch(kernels.quantize_q8, {x, *x_quantized}, push, groups(rows * (inner / 32), 64));
      !recorded)
    return recorded;
  sequence.barrier();
  return {};
}

// The coopmat kernel on one matrix, split along the inner dimension where the product has too few
// tiles to fill the device and the scratch holds the partial sums.
Result<void> dispatch_coopmat(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x,
                              const vk::Buffer* scratch, const GpuMatrix& w, const vk::Buffer& y,
                              shaders::MatmulPush push) {
  const auto size = static_cast<size_t>(kernels.coop_tile_for(push.rows, w.rows));
  auto pipeline = kernels.coop_matmul[size].get(w.dtype);
  if (!pipeline) return std::unexpected(pipeline.error());
  const CoopTile& tile = kernels.coop_tiles[size];
  const uint32_t groups_x = groups(w.rows, tile.bn), groups_y = groups(push.rows, tile.bm);
  push.k_slices = kernels.split_k_slices(tile, push.rows, w.rows, w.cols, scratch ? scratch->size() : 0);
  if (push.k_slices <= 1) return sequence.dispatch(**pipeline, {x, w.buffer, y}, push, groups_x, groups_y);
  if (auto recorded = sequence.dispatch(**pipeline, {x, w.buffer, *scratch}, push, groups_x, groups_y, push.k_slices);
      !recorded)
    return recorded;
  sequence.barrier();
  if (auto recorded = sequence.dispatch(kernels.split_reduce, {*scratch, y}, push, groups(w.rows, elementwise_group),
                                        push.rows);
      !recorded)
    return recorded;
  sequence.barrier();  // the next product reuses the scratch
  return {};
}

// One matrix, with x already quantised where the integer-dot path needs it. x_swiglu: x is a
// gate/up output read through SwiGLU, which the tiled and coopmat kernels do (fuses_swiglu).
// scratch: the 8-bit copy of x (integer dot) or the split-K partial sums (coopmat).
Result<void> dispatch_matmul(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x,
                             const vk::Buffer* x_quantized, const GpuMatrix& w, const vk::Buffer& y, uint32_t rows,
                             bool accumulate, uint32_t y_stride, uint32_t y_offset, bool x_swiglu = false) {
  const shaders::MatmulPush push{rows, w.rows, w.cols, accumulate ? 1u : 0u, y_stride, y_offset, x_swiglu ? 1u : 0u, 1u};
  if (uses_integer_dot(kernels, w))
    return sequence.dispatch(kernels.matmul_q8_0_dot, {*x_quantized, w.buffer, y}, push, groups(w.rows, dot_tile),
                             groups(rows, dot_tile));
  const bool coopmat =
      kernels.matmul_kernel == MatmulKernel::coopmat || kernels.matmul_kernel == MatmulKernel::coopmat_emulated;
  if (coopmat && w.cols % 4 == 0)  // it stages four elements at a time
    return dispatch_coopmat(sequence, kernels, x, x_quantized, w, y, push);
  // The lanes kernel reads four elements at a time; other widths (and SwiGLU) take the tiled one.
  if (kernels.matmul_kernel == MatmulKernel::lanes && w.cols % 4 == 0 && !x_swiglu) {
    auto lanes = kernels.lanes_matmul.get(w.dtype);
    if (!lanes) return std::unexpected(lanes.error());
    return sequence.dispatch(**lanes, {x, w.buffer, y}, push, groups(rows, Kernels::lanes_block_rows),
                             groups(w.rows, Kernels::lanes_block_cols));
  }
  auto tiled = kernels.tiled_matmul.get(w.dtype);
  if (!tiled) return std::unexpected(tiled.error());
  return sequence.dispatch(**tiled, {x, w.buffer, y}, push, groups(w.rows, kernels.matmul_tile),
                           groups(rows, kernels.matmul_tile));
}

}  // namespace

Result<void> matmul(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const GpuMatrix& w,
                    const vk::Buffer& y, uint32_t rows, bool accumulate, uint32_t y_stride, uint32_t y_offset,
                    const vk::Buffer* x_quantized) {
  if (uses_integer_dot(kernels, w))
    if (auto quantized = quantize(sequence, kernels, x, x_quantized, rows, w.cols); !quantized) return quantized;
  return dispatch_matmul(sequence, kernels, x, x_quantized, w, y, rows, accumulate, y_stride, y_offset);
}

bool fuses_swiglu(const Kernels& kernels, const Projection& w) {
  return kernels.matmul_kernel != MatmulKernel::lanes &&
         std::none_of(w.parts.begin(), w.parts.end(), [&](const GpuMatrix& part) { return uses_integer_dot(kernels, part); });
}

Result<void> swiglu_matmul(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& gate_up,
                           const vk::Buffer& mlp, const Projection& w, const vk::Buffer& y, uint32_t rows,
                           bool accumulate, const vk::Buffer* x_quantized) {
  if (!fuses_swiglu(kernels, w)) {
    if (auto recorded = swiglu(sequence, kernels, gate_up, mlp, rows, w.parts.front().cols); !recorded) return recorded;
    sequence.barrier();
    return matmul(sequence, kernels, mlp, w, y, rows, accumulate, x_quantized);
  }
  const uint32_t stride = w.out_features();
  uint32_t offset = 0;
  for (const GpuMatrix& part : w.parts) {
    if (auto recorded =
            dispatch_matmul(sequence, kernels, gate_up, x_quantized, part, y, rows, accumulate, stride, offset, true);
        !recorded)
      return recorded;
    offset += part.rows;
  }
  return {};
}

Result<void> matmul(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const Projection& w,
                    const vk::Buffer& y, uint32_t rows, bool accumulate, const vk::Buffer* x_quantized) {
  const auto quantized_part = std::find_if(w.parts.begin(), w.parts.end(),
                                           [&](const GpuMatrix& part) { return uses_integer_dot(kernels, part); });
  if (quantized_part != w.parts.end())
    if (auto quantized = quantize(sequence, kernels, x, x_quantized, rows, quantized_part->cols); !quantized)
      return quantized;
  const uint32_t stride = w.out_features();
  uint32_t offset = 0;
  for (const GpuMatrix& part : w.parts) {
    if (auto recorded = dispatch_matmul(sequence, kernels, x, x_quantized, part, y, rows, accumulate, stride, offset);
        !recorded)
      return recorded;
    offset += part.rows;
  }
  return {};
}

Result<void> rmsnorm(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const vk::Buffer& weight,
                     const vk::Buffer& y, uint32_t rows, uint32_t dim, float eps) {
  const shaders::RmsNormPush push{rows, dim, eps};
  if (kernels.family == KernelFamily::per_row)
    return sequence.dispatch(kernels.rmsnorm, {x, weight, y}, push, groups(rows, row_group));
  const uint32_t groups_x = std::min(rows, max_groups);
  return sequence.dispatch(kernels.rmsnorm, {x, weight, y}, push, groups_x, groups(rows, groups_x));
}

Result<void> qk_norm_rope(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& qkv,
                          const vk::Buffer& q_norm, const vk::Buffer& k_norm, const vk::Buffer& positions,
                          const vk::Buffer& rope_table, const shaders::QkNormRopePush& push) {
  const uint32_t heads = push.q_heads + push.kv_heads;
  if (kernels.family == KernelFamily::per_row)
    return sequence.dispatch(kernels.qk_norm_rope, {qkv, q_norm, k_norm, positions, rope_table}, push,
                             groups(push.tokens * heads, row_group));
  return sequence.dispatch(kernels.qk_norm_rope, {qkv, q_norm, k_norm, positions, rope_table}, push, heads,
                           push.tokens);
}

Result<void> attention(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& qkv,
                       const vk::Buffer& sequence_start, const vk::Buffer& shared_prefix,
                       const vk::Buffer& query_tokens, const vk::Buffer& y, const shaders::AttentionPush& push) {
  switch (kernels.attention_kernel) {
    case AttentionKernel::rows:
      return sequence.dispatch(kernels.attention, {qkv, sequence_start, shared_prefix, query_tokens, y}, push,
                               groups(push.queries * push.q_heads, row_group));
    case AttentionKernel::flash:
    case AttentionKernel::flash_coopmat:
    case AttentionKernel::flash_coopmat_emulated: {
      // A workgroup per KV head and block of entries of the query list (specialization constant 3).
      const uint32_t q_block = kernels.attention.description().specialization.at(3);
      return sequence.dispatch(kernels.attention, {qkv, sequence_start, shared_prefix, query_tokens, y}, push,
                               push.kv_heads, groups(push.queries, q_block));
    }
    case AttentionKernel::lanes:
    case AttentionKernel::workgroup: break;
  }
  // A workgroup per KV head and query token, serving the query heads of the group.
  return sequence.dispatch(kernels.attention, {qkv, sequence_start, shared_prefix, query_tokens, y}, push,
                           push.kv_heads, push.queries);
}

Result<void> swiglu(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& gate_up, const vk::Buffer& y,
                    uint32_t rows, uint32_t inter) {
  const shaders::SwigluPush push{rows, inter};
  return sequence.dispatch(kernels.swiglu, {gate_up, y}, push, groups(inter, elementwise_group), rows);
}

Result<void> gather_rows(vk::Sequence& sequence, const Kernels& kernels, const vk::Buffer& x, const vk::Buffer& index,
                         const vk::Buffer& y, uint32_t rows, uint32_t dim) {
  const shaders::GatherRowsPush push{rows, dim};
  return sequence.dispatch(kernels.gather_rows, {x, index, y}, push, groups(dim, elementwise_group), rows);
}


}  // namespace xun::qwen3::ops
