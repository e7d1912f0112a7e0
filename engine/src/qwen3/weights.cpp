#include "qwen3/weights.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "forward/host_tensor.h"
#include "forward/model_tensors.h"

namespace xun::qwen3 {
namespace {

struct RowRange {
  const model::TensorView* tensor;
  uint64_t first;
  uint64_t count;
};

// Bytes one row of `tensor` takes in the layout the shaders read (Q8_0: 36-byte blocks).
uint64_t gpu_row_bytes(const model::TensorView& tensor) {
  const uint64_t cols = tensor.shape.back();
  switch (tensor.dtype) {
    case model::DType::f32: return cols * 4;
    case model::DType::f16:
    case model::DType::bf16: return cols * 2;
    case model::DType::q8_0: return cols / model::q8_0_block_values * 36;
  }
  return cols * 4;
}

// The most bytes one matrix may take: what one shader binding of the device can address,
// lowered by VulkanKernelOptions::max_binding_bytes (so that the tests split small models'
// tables too).
uint64_t binding_limit(const vk::Device& device, std::optional<uint64_t> forced) {
  const uint64_t limit = device.info().features.max_storage_buffer_range;
  return forced ? std::min(limit, *forced) : limit;
}

Result<GpuMatrix> upload_rows(const std::shared_ptr<const vk::Device>& device, std::span<const RowRange> ranges) {
  std::vector<std::byte> bytes;
  GpuMatrix matrix;
  matrix.dtype = ranges.front().tensor->dtype;
  matrix.cols = static_cast<uint32_t>(ranges.front().tensor->shape.back());
  for (const RowRange& range : ranges) {
    append_gpu_rows(*range.tensor, range.first, range.count, bytes);
    matrix.rows += static_cast<uint32_t>(range.count);
  }
  bytes.resize((bytes.size() + 3) / 4 * 4);  // the shaders read whole words
  auto buffer = vk::Buffer::create(device, bytes.size(), vk::MemoryUse::device);
  if (!buffer) return std::unexpected(buffer.error());
  if (auto uploaded = vk::upload_bytes(device, *buffer, 0, bytes); !uploaded) return std::unexpected(uploaded.error());
  matrix.buffer = std::move(*buffer);
  return matrix;
}

// Cuts row ranges (all of one type) into matrices that each fit one binding: a table larger
// than the device can bind whole becomes several parts, each filling its own columns of the
// output, like Q, K and V of different types do.
Result<std::vector<GpuMatrix>> upload_in_bindings(const std::shared_ptr<const vk::Device>& device,
                                                  std::span<const RowRange> ranges, uint64_t limit) {
  const uint64_t row_bytes = gpu_row_bytes(*ranges.front().tensor);
  const uint64_t rows_per_binding = limit / row_bytes;
  if (rows_per_binding == 0)
    return fail(ranges.front().tensor->name + ": one row takes " + std::to_string(row_bytes) +
                " bytes, more than the " + std::to_string(limit) + " bytes one shader binding of '" +
                device->info().name + "' can address");
  std::vector<GpuMatrix> matrices;
  std::vector<RowRange> chunk;
  uint64_t chunk_rows = 0;
  auto flush = [&]() -> Result<void> {
    if (chunk.empty()) return {};
    auto matrix = upload_rows(device, chunk);
    if (!matrix) return std::unexpected(matrix.error());
    matrices.push_back(std::move(*matrix));
    chunk.clear();
    chunk_rows = 0;
    return {};
  };
  for (RowRange range : ranges) {
    while (range.count > 0) {
      const uint64_t take = std::min(range.count, rows_per_binding - chunk_rows);
      chunk.push_back({range.tensor, range.first, take});
      chunk_rows += take;
      range.first += take;
      range.count -= take;
      if (chunk_rows == rows_per_binding)
        if (auto flushed = flush(); !flushed) return std::unexpected(flushed.error());
    }
  }
  if (auto flushed = flush(); !flushed) return std::unexpected(flushed.error());
  return matrices;
}

// Fuses consecutive tensors of the same type into one matrix; a change of type starts a part,
// and so does the end of what one binding can hold.
Result<Projection> upload_projection(const std::shared_ptr<const vk::Device>& device,
                                     std::span<const model::TensorView* const> tensors, uint64_t limit) {
  Projection projection;
  std::vector<RowRange> pending;
  auto flush = [&]() -> Result<void> {
    if (pending.empty()) return {};
    auto matrices = upload_in_bindings(device, pending, limit);
    if (!matrices) return std::unexpected(matrices.error());
    for (GpuMatrix& matrix : *matrices) projection.parts.push_back(std::move(matrix));
    pending.clear();
    return {};
  };
  for (const model::TensorView* tensor : tensors) {
    if (!pending.empty() && pending.front().tensor->dtype != tensor->dtype)
      if (auto flushed = flush(); !flushed) return std::unexpected(flushed.error());
    pending.push_back({tensor, 0, tensor->shape.front()});
  }
  if (auto flushed = flush(); !flushed) return std::unexpected(flushed.error());
  return projection;
}

Result<vk::Buffer> upload_vector(const std::shared_ptr<const vk::Device>& device, const model::TensorView& tensor) {
  const std::vector<float> values = decode_vector(tensor);
  auto buffer = vk::Buffer::create(device, values.size() * sizeof(float), vk::MemoryUse::device);
  if (!buffer) return std::unexpected(buffer.error());
  if (auto uploaded = vk::upload_bytes(device, *buffer, 0, std::as_bytes(std::span(values))); !uploaded)
    return std::unexpected(uploaded.error());
  return std::move(*buffer);
}

Result<std::optional<GpuMatrix>> upload_head(const std::shared_ptr<const vk::Device>& device,
                                             const model::ModelFiles& files, int32_t yes_id, int32_t no_id) {
  const std::optional<YesNoRows> head = yes_no_rows(files, yes_id, no_id);
  if (!head) return std::optional<GpuMatrix>();
  const RowRange rows[] = {{head->table, head->yes, 1}, {head->table, head->no, 1}};
  auto matrix = upload_rows(device, rows);
  if (!matrix) return std::unexpected(matrix.error());
  return std::optional<GpuMatrix>(std::move(*matrix));
}

uint64_t bytes_of(const Projection& projection) {
  uint64_t total = 0;
  for (const GpuMatrix& part : projection.parts) total += part.buffer.size();
  return total;
}

}  // namespace

uint32_t Projection::out_features() const {
  uint32_t total = 0;
  for (const GpuMatrix& part : parts) total += part.rows;
  return total;
}

Result<ModelWeights> upload_weights(const std::shared_ptr<const vk::Device>& device,
                                    const model::ModelFiles& files, int32_t yes_id, int32_t no_id,
                                    std::optional<uint64_t> max_binding_bytes) {
  ModelWeights weights;
  for (uint32_t layer = 0; layer < files.config.num_layers; ++layer) {
    const LayerTensors t = layer_tensors(files, layer);
    LayerWeights w;
    for (auto [target, sources] : {std::pair{&w.qkv, std::span<const model::TensorView* const>(t.qkv)},
                                   std::pair{&w.output, std::span<const model::TensorView* const>(t.output)},
                                   std::pair{&w.gate_up, std::span<const model::TensorView* const>(t.gate_up)},
                                   std::pair{&w.down, std::span<const model::TensorView* const>(t.down)}}) {
      auto projection = upload_projection(device, sources, binding_limit(*device, max_binding_bytes));
      if (!projection) return std::unexpected(projection.error());
      *target = std::move(*projection);
      weights.device_bytes += bytes_of(*target);
    }
    for (auto [target, source] : {std::pair{&w.input_norm, t.input_norm}, std::pair{&w.post_attention_norm, t.post_attention_norm},
                                  std::pair{&w.q_norm, t.q_norm}, std::pair{&w.k_norm, t.k_norm}}) {
      auto buffer = upload_vector(device, *source);
      if (!buffer) return std::unexpected(buffer.error());
      *target = std::move(*buffer);
      weights.device_bytes += target->size();
    }
    weights.layers.push_back(std::move(w));
  }
  auto final_norm = upload_vector(device, *files.find("norm.weight"));
  if (!final_norm) return std::unexpected(final_norm.error());
  weights.final_norm = std::move(*final_norm);
  auto head = upload_head(device, files, yes_id, no_id);
  if (!head) return std::unexpected(head.error());
  weights.yes_no_head = std::move(*head);
  if (weights.yes_no_head) weights.device_bytes += weights.yes_no_head->buffer.size();
  return weights;
}

}  // namespace xun::qwen3
