// What load_model and inspect_model share: the checks a model's files must pass before the
// engine can run them, and the ModelInfo that describes them. Nothing here needs a device.
#pragma once

#include <memory>

#include "model/model_files.h"
#include "tokenizer/bpe_tokenizer.h"
#include "xun/engine.h"

namespace xun {

// Fails when the engine's kernels cannot run this shape (head sizes).
Result<void> check_supported(const model::ModelFiles& files);

// Builds the tokenizer from the files' tokenizer tables (moved out of `files`) and checks it has
// the tokens the prompts need (<|endoftext|>).
Result<std::unique_ptr<tok::BpeTokenizer>> create_tokenizer(model::ModelFiles& files);

// The model's description. max_context is the model's own limit (max_position_embeddings); a
// loaded model lowers it to what its device can hold in one batch.
ModelInfo describe_model(const model::ModelFiles& files);

}  // namespace xun
