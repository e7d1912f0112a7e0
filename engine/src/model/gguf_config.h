// A Qwen3 GGUF's qwen3.* metadata -> ModelConfig.
#pragma once

#include "model/gguf_reader.h"
#include "model/model_files.h"

namespace xun::model {

// Checks general.architecture is qwen3 and every field's type and range. vocab_size is the
// number of tokenizer.ggml.tokens; tie_word_embeddings is left false (it depends on the tensors).
Result<ModelConfig> read_gguf_config(const GgufFile& gguf);

}  // namespace xun::model
