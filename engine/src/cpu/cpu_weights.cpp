#include "cpu/cpu_weights.h"

#include <algorithm>

#include "forward/host_tensor.h"

namespace xun::cpu {
namespace {

std::vector<WeightRows> whole(std::initializer_list<const model::TensorView*> tensors) {
  std::vector<WeightRows> parts;
  for (const model::TensorView* tensor : tensors)
    parts.push_back({tensor, 0, static_cast<uint32_t>(tensor->shape.front())});
  return parts;
}

std::optional<std::vector<float>> head_rows(const model::ModelFiles& files, int32_t yes_id, int32_t no_id) {
  const model::TensorView* table = files.find("cls.output.weight");
  uint64_t yes = 0, no = 1;
  if (table == nullptr) {
    table = files.find("lm_head.weight");
    if (table == nullptr && files.config.tie_word_embeddings) table = files.find("embed_tokens.weight");
    if (table == nullptr || yes_id < 0 || no_id < 0 ||
        static_cast<uint64_t>(std::max(yes_id, no_id)) >= table->shape.front())
      return std::nullopt;
    yes = static_cast<uint64_t>(yes_id);
    no = static_cast<uint64_t>(no_id);
  }
  const uint64_t hidden = table->shape.back();
  std::vector<float> rows(2 * hidden);
  qwen3::decode_row(*table, yes, std::span<float>(rows).first(hidden));
  qwen3::decode_row(*table, no, std::span<float>(rows).last(hidden));
  return rows;
}

}  // namespace

CpuWeights map_weights(const model::ModelFiles& files, int32_t yes_id, int32_t no_id) {
  auto tensor = [&](const std::string& name) { return files.find(name); };  // presence checked by open_model
  CpuWeights weights;
  for (uint32_t layer = 0; layer < files.config.num_layers; ++layer) {
    const std::string p = "layers." + std::to_string(layer) + ".";
    CpuLayerWeights w;
    w.qkv = whole({tensor(p + "self_attn.q_proj.weight"), tensor(p + "self_attn.k_proj.weight"),
                   tensor(p + "self_attn.v_proj.weight")});
    w.output = whole({tensor(p + "self_attn.o_proj.weight")});
    w.gate_up = whole({tensor(p + "mlp.gate_proj.weight"), tensor(p + "mlp.up_proj.weight")});
    w.down = whole({tensor(p + "mlp.down_proj.weight")});
    w.input_norm = qwen3::decode_vector(*tensor(p + "input_layernorm.weight"));
    w.post_attention_norm = qwen3::decode_vector(*tensor(p + "post_attention_layernorm.weight"));
    w.q_norm = qwen3::decode_vector(*tensor(p + "self_attn.q_norm.weight"));
    w.k_norm = qwen3::decode_vector(*tensor(p + "self_attn.k_norm.weight"));
    weights.layers.push_back(std::move(w));
  }
  weights.final_norm = qwen3::decode_vector(*tensor("norm.weight"));
  weights.yes_no_head = head_rows(files, yes_id, no_id);
  if (!weights.layers.empty()) weights.matrix_type = weights.layers.front().qkv.front().tensor->dtype;
  return weights;
}

}  // namespace xun::cpu
