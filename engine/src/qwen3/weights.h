// The model's weights on the device, uploaded once in their stored precision.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "model/model_files.h"
#include "vk/buffer.h"

namespace xun::qwen3 {

// A [rows, cols] weight matrix (rows = output features) in the layout weights.glsl reads.
struct GpuMatrix {
  vk::Buffer buffer;
  model::DType dtype = model::DType::f32;
  uint32_t rows = 0;
  uint32_t cols = 0;
};

// One projection's output columns: usually a single fused matrix (Q|K|V, gate|up); several
// parts when the file stores them in different types, each filling its own column range.
struct Projection {
  std::vector<GpuMatrix> parts;
  uint32_t out_features() const;
};

struct LayerWeights {
  Projection qkv;          // [(heads + 2 kv_heads) * head_dim, hidden]
  Projection output;       // [hidden, heads * head_dim]
  Projection gate_up;      // [2 * intermediate, hidden]
  Projection down;         // [hidden, intermediate]
  vk::Buffer input_norm;   // f32 [hidden]
  vk::Buffer post_attention_norm;
  vk::Buffer q_norm;       // f32 [head_dim]
  vk::Buffer k_norm;
};

struct ModelWeights {
  std::vector<LayerWeights> layers;
  vk::Buffer final_norm;                 // f32 [hidden]
  std::optional<GpuMatrix> yes_no_head;  // [2, hidden]: the "yes" and "no" rows of the LM head
  uint64_t device_bytes = 0;
};

// The yes/no rows come from cls.output.weight (rows 0, 1), lm_head.weight, or the tied
// embed_tokens (rows yes_id, no_id); a model without any of them gets no head. A table larger
// than one binding (or than max_binding_bytes) is cut into parts that each fit.
Result<ModelWeights> upload_weights(const std::shared_ptr<const vk::Device>& device,
                                    const model::ModelFiles& files, int32_t yes_id, int32_t no_id,
                                    std::optional<uint64_t> max_binding_bytes = {});

}  // namespace xun::qwen3
