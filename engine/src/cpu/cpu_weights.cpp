#include "cpu/cpu_weights.h"

#include <algorithm>

#include "forward/host_tensor.h"
#include "forward/model_tensors.h"

namespace xun::cpu {
namespace {

std::vector<WeightRows> whole(std::span<const model::TensorView* const> tensors) {
  std::vector<WeightRows> parts;
  for (const model::TensorView* tensor : tensors)
    parts.push_back({tensor, 0, static_cast<uint32_t>(tensor->shape.front())});
  return parts;
}

}  // namespace

CpuWeights map_weights(const model::ModelFiles& files, int32_t yes_id, int32_t no_id) {
  CpuWeights weights;
  for (uint32_t layer = 0; layer < files.config.num_layers; ++layer) {
    const qwen3::LayerTensors t = qwen3::layer_tensors(files, layer);
    weights.layers.push_back({whole(t.qkv), whole(t.output), whole(t.gate_up), whole(t.down),
                              qwen3::decode_vector(*t.input_norm), qwen3::decode_vector(*t.post_attention_norm),
                              qwen3::decode_vector(*t.q_norm), qwen3::decode_vector(*t.k_norm)});
  }
  weights.final_norm = qwen3::decode_vector(*files.find("norm.weight"));
  if (const auto head = qwen3::yes_no_rows(files, yes_id, no_id)) {
    const uint64_t hidden = head->table->shape.back();
    std::vector<float> rows(2 * hidden);
    qwen3::decode_row(*head->table, head->yes, std::span<float>(rows).first(hidden));
    qwen3::decode_row(*head->table, head->no, std::span<float>(rows).last(hidden));
    weights.yes_no_head = std::move(rows);
  }
  if (!weights.layers.empty()) weights.matrix_type = weights.layers.front().qkv.front().tensor->dtype;
  return weights;
}

}  // namespace xun::cpu
