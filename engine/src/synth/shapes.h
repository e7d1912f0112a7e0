// The published shapes of the Qwen3-Embedding models (and the tiny fixture shape).
#pragma once

#include <optional>
#include <string_view>

#include "model/model_files.h"

namespace xun::synth {

// vocab 151669, RoPE theta 1e6, eps 1e-6, tied embeddings, 32768 positions for every shape.
std::optional<model::ModelConfig> shape_config(std::string_view shape);

}  // namespace xun::synth
