// The tokenizer a GGUF carries in its tokenizer.ggml.* metadata, as TokenizerData.
#pragma once

#include "model/gguf_reader.h"
#include "tokenizer/tokenizer_data.h"

namespace xun::model {

// Accepts what llama.cpp's converter writes for Qwen: model "gpt2" (byte-level BPE), pre-
// tokenizer "qwen2", tokens, merges ("a b") and token types, where control (3) and user-defined
// (4) tokens become added tokens. NFC is switched on: Hugging Face's behaviour is the reference,
// even though llama.cpp itself skips it.
Result<tok::TokenizerData> read_gguf_tokenizer(const GgufFile& gguf);

}  // namespace xun::model
