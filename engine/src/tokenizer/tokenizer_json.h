// Reads a Hugging Face tokenizer.json (byte-level BPE, as Qwen ships it) into TokenizerData.
#pragma once

#include <filesystem>

#include "tokenizer/tokenizer_data.h"
#include "xun/error.h"

namespace xun::tok {

// Errors name the file and the problem (malformed JSON with its byte position, an unsupported
// model type or pre-tokenizer, a merge of unknown tokens, an id out of range, ...).
Result<TokenizerData> read_tokenizer_json(const std::filesystem::path& path);

}  // namespace xun::tok
