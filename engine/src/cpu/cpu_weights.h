// The model's weights as the CPU backend reads them: the matrices stay where the model file is
// mapped, in their stored type (the products convert a panel at a time); the small vectors
// (norms, the yes/no head rows) are decoded to f32 once.
#pragma once

#include <optional>
#include <vector>

#include "cpu/weight_rows.h"
#include "model/model_files.h"

namespace xun::cpu {

struct CpuLayerWeights {
  std::vector<WeightRows> qkv;      // Q, K, V: [(heads + 2 kv_heads) * head_dim, hidden] stacked
  std::vector<WeightRows> output;   // [hidden, heads * head_dim]
  std::vector<WeightRows> gate_up;  // gate, up: [2 * intermediate, hidden] stacked
  std::vector<WeightRows> down;     // [hidden, intermediate]
  std::vector<float> input_norm;    // [hidden]
  std::vector<float> post_attention_norm;
  std::vector<float> q_norm;        // [head_dim]
  std::vector<float> k_norm;
};

struct CpuWeights {
  std::vector<CpuLayerWeights> layers;
  std::vector<float> final_norm;                 // [hidden]
  std::optional<std::vector<float>> yes_no_head; // [2, hidden]: the "yes" and "no" rows of the LM head
  model::DType matrix_type = model::DType::f32;  // of the first projection, for reports
};

// The tensors forward/model_tensors names, as the Vulkan backend's upload_weights reads them;
// `files` must outlive the result.
CpuWeights map_weights(const model::ModelFiles& files, int32_t yes_id, int32_t no_id);

}  // namespace xun::cpu
