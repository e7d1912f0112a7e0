// Which tensors of an opened model each part of the forward pass reads, the same for both
// backends: one layer's matrices and norms, and the rows of the LM head that score "yes"/"no".
#pragma once

#include <array>
#include <optional>

#include "model/model_files.h"

namespace xun::qwen3 {

// One layer's tensors (presence checked by open_model). The projections whose outputs sit side
// by side: Q|K|V, gate|up.
struct LayerTensors {
  std::array<const model::TensorView*, 3> qkv;
  std::array<const model::TensorView*, 1> output;
  std::array<const model::TensorView*, 2> gate_up;
  std::array<const model::TensorView*, 1> down;
  const model::TensorView* input_norm;
  const model::TensorView* post_attention_norm;
  const model::TensorView* q_norm;
  const model::TensorView* k_norm;
};
LayerTensors layer_tensors(const model::ModelFiles& files, uint32_t layer);

// The "yes" and "no" rows of the LM head: rows 0, 1 of cls.output.weight, else rows yes_id,
// no_id of lm_head.weight or of the tied embed_tokens; none when the model has no such rows.
struct YesNoRows {
  const model::TensorView* table;
  uint64_t yes;
  uint64_t no;
};
std::optional<YesNoRows> yes_no_rows(const model::ModelFiles& files, int32_t yes_id, int32_t no_id);

}  // namespace xun::qwen3
