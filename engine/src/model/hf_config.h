// config.json of a Hugging Face Qwen3 checkpoint -> ModelConfig and the kind of model.
#pragma once

#include <filesystem>

#include "model/model_files.h"

namespace xun::model {

struct HfConfig {
  ModelConfig config;
  // reranker when architectures has Qwen3ForCausalLM (the directory may still say otherwise,
  // see hf_model.cpp)
  ModelKind kind = ModelKind::embedding;
};

// Checks each field's type and range and the relations between them; errors start with the
// file's path and name the field.
Result<HfConfig> read_hf_config(const std::filesystem::path& path);

}  // namespace xun::model
