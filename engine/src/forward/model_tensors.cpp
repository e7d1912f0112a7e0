#include "forward/model_tensors.h"

#include <algorithm>
#include <string>

namespace xun::qwen3 {

LayerTensors layer_tensors(const model::ModelFiles& files, uint32_t layer) {
  const std::string p = "layers." + std::to_string(layer) + ".";
  auto tensor = [&](const char* name) { return files.find(p + name); };
  return {{tensor("self_attn.q_proj.weight"), tensor("self_attn.k_proj.weight"), tensor("self_attn.v_proj.weight")},
          {tensor("self_attn.o_proj.weight")},
          {tensor("mlp.gate_proj.weight"), tensor("mlp.up_proj.weight")},
          {tensor("mlp.down_proj.weight")},
          tensor("input_layernorm.weight"),
          tensor("post_attention_layernorm.weight"),
          tensor("self_attn.q_norm.weight"),
          tensor("self_attn.k_norm.weight")};
}

std::optional<YesNoRows> yes_no_rows(const model::ModelFiles& files, int32_t yes_id, int32_t no_id) {
  if (const model::TensorView* cls = files.find("cls.output.weight")) return YesNoRows{cls, 0, 1};
  const model::TensorView* table = files.find("lm_head.weight");
  if (table == nullptr && files.config.tie_word_embeddings) table = files.find("embed_tokens.weight");
  if (table == nullptr || yes_id < 0 || no_id < 0 ||
      static_cast<uint64_t>(std::max(yes_id, no_id)) >= table->shape.front())
    return std::nullopt;
  return YesNoRows{table, static_cast<uint64_t>(yes_id), static_cast<uint64_t>(no_id)};
}

}  // namespace xun::qwen3
