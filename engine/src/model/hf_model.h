// A Hugging Face model directory: config.json, tokenizer.json and model.safetensors or shards
// listed in model.safetensors.index.json.
#pragma once

#include <filesystem>

#include "model/model_files.h"

namespace xun::model {

Result<ModelFiles> open_hf_directory(const std::filesystem::path& directory);

}  // namespace xun::model
