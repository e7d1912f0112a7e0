#include "qwen3/weights.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "forward/host_tensor.h"

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
  std::vector<RowRange> rows;
  if (const auto* cls = files.find("cls.output.weight")) {
    rows = {{cls, 0, 1}, {cls, 1, 1}};
  } else {
    const auto* table = files.find("lm_head.weight");
    if (table == nullptr && files.config.tie_word_embeddings) table = files.find("embed_tokens.weight");
    if (table == nullptr) return std::optional<GpuMatrix>();
    if (yes_id < 0 || no_id < 0 || static_cast<uint64_t>(std::max(yes_id, no_id)) >= table->shape.front())
      return std::optional<GpuMatrix>();
    rows = {{table, static_cast<uint64_t>(yes_id), 1}, {table, static_cast<uint64_t>(no_id), 1}};
  }
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
  auto tensor = [&](const std::string& name) { return files.find(name); };  // presence checked by open_model
  for (uint32_t layer = 0; layer < files.config.num_layers; ++layer) {
    const std::string prefix = "layers." + std::to_string(layer) + ".";
    LayerWeights w;
    const model::TensorView* qkv[] = {tensor(prefix + "self_attn.q_proj.weight"), tensor(prefix + "self_attn.k_proj.weight"),
                                      tensor(prefix + "self_attn.v_proj.weight")};
    const model::TensorView* output[] = {tensor(prefix + "self_attn.o_proj.weight")};
    const model::TensorView* gate_up[] = {tensor(prefix + "mlp.gate_proj.weight"), tensor(prefix + "mlp.up_proj.weight")};
    const model::TensorView* down[] = {tensor(prefix + "mlp.down_proj.weight")};
    for (auto [target, sources] : {std::pair{&w.qkv, std::span<const model::TensorView* const>(qkv)},
                                   std::pair{&w.output, std::span<const model::TensorView* const>(output)},
                                   std::pair{&w.gate_up, std::span<const model::TensorView* const>(gate_up)},
                                   std::pair{&w.down, std::span<const model::TensorView* const>(down)}}) {
      auto projection = upload_projection(device, sources, binding_limit(*device, max_binding_bytes));
      if (!projection) return std::unexpected(projection.error());
      *target = std::move(*projection);
      weights.device_bytes += bytes_of(*target);
    }
    for (auto [target, name] : {std::pair{&w.input_norm, "input_layernorm.weight"},
                                std::pair{&w.post_attention_norm, "post_attention_layernorm.weight"},
                                std::pair{&w.q_norm, "self_attn.q_norm.weight"},
                                std::pair{&w.k_norm, "self_attn.k_norm.weight"}}) {
      auto buffer = upload_vector(device, *tensor(prefix + name));
      if (!buffer) return std::unexpected(buffer.error());
      *target = std::move(*buffer);
      weights.device_bytes += target->size();
    }
    weights.layers.push_back(std::move(w));
  }
  auto final_norm = upload_vector(device, *tensor("norm.weight"));
  if (!final_norm) return std::unexpected(final_norm.error());
  weights.final_norm = std::move(*final_norm);
  auto head = upload_head(device, files, yes_id, no_id);
  if (!head) return std::unexpected(head.error());
  weights.yes_no_head = std::move(*head);
  if (weights.yes_no_head) weights.device_bytes += weights.yes_no_head->buffer.size();
  return weights;
}

}  // namespace xun::qwen3
