// A Qwen3 GGUF file (llama.cpp's converter or Qwen's own) -> ModelFiles: config from qwen3.*
// metadata, tensors renamed to Hugging Face spelling and checked, tokenizer from tokenizer.ggml.*.
#pragma once

#include <filesystem>

#include "model/model_files.h"

namespace xun::model {

Result<ModelFiles> open_gguf_model(const std::filesystem::path& path);

}  // namespace xun::model
