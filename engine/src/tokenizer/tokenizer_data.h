// What a byte-level BPE tokenizer is made of, whichever file it came from (tokenizer.json or
// GGUF metadata). Filled by the readers, consumed by BpeTokenizer.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace xun::tok {

struct AddedToken {
  int32_t id = 0;
  std::string content;       // matched verbatim in the raw text, before normalisation and split
  bool special = false;
};

struct TokenizerData {
  // Vocabulary by id, in byte-level form ("Ġworld"); ids without an entry are empty strings.
  std::vector<std::string> tokens;
  // Merges by rank (rank = position): the two byte-level pieces that merge.
  std::vector<std::pair<std::string, std::string>> merges;
  // Tokens matched before splitting: all added tokens of tokenizer.json, or the GGUF tokens
  // of type control (3) and user-defined (4).
  std::vector<AddedToken> added_tokens;
  // Unicode NFC before splitting (Qwen's tokenizer.json normalizer; applied for GGUF too,
  // because Hugging Face behaviour is the reference).
  bool normalize_nfc = true;
};

}  // namespace xun::tok
