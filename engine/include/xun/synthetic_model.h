// Random-weight models with the exact shapes of Qwen3-Embedding, for benchmarks: no real
// weights can be downloaded where the benchmarks run. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "xun/error.h"

namespace xun {

struct SyntheticModelOptions {
  std::string shape = "0.6b";   // "tiny", "0.6b", "4b", "8b"
  std::string format = "gguf-f16";  // "gguf-f16", "gguf-q8_0", "safetensors-bf16"
  uint64_t seed = 0;
  std::filesystem::path tokenizer_json;  // a Qwen3 tokenizer.json (vocabulary and merges)
  std::filesystem::path output;  // a .gguf file, or a directory for safetensors-bf16
};

// Writes the model; a GGUF carries llama.cpp's qwen3 metadata and loads there too.
Result<void> write_synthetic_model(const SyntheticModelOptions& options);

}  // namespace xun
