#include "synth/shapes.h"

namespace xun::synth {

std::optional<model::ModelConfig> shape_config(std::string_view shape) {
  struct Shape {
    std::string_view name;
    uint32_t hidden, intermediate, layers, heads, kv_heads;
  };
  // From the config.json files of Qwen/Qwen3-Embedding-{0.6B,4B,8B}; "tiny" is the fixtures'.
  constexpr Shape shapes[] = {
      {"tiny", 16, 48, 2, 2, 1},
      {"0.6b", 1024, 3072, 28, 16, 8},
      {"4b", 2560, 9728, 36, 32, 8},
      {"8b", 4096, 12288, 36, 32, 8},
  };
  for (const Shape& s : shapes) {
    if (s.name != shape) continue;
    model::ModelConfig config;
    config.vocab_size = 151669;
    config.hidden_size = s.hidden;
    config.intermediate_size = s.intermediate;
    config.num_layers = s.layers;
    config.num_heads = s.heads;
    config.num_kv_heads = s.kv_heads;
    config.head_dim = 128;
    config.max_position_embeddings = 32768;
    config.rms_norm_eps = 1e-6f;
    config.rope_theta = 1e6f;
    config.tie_word_embeddings = true;
    return config;
  }
  return std::nullopt;
}

}  // namespace xun::synth
