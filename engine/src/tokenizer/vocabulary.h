// The lookup tables a byte-level BPE tokenizer runs on, built from TokenizerData, and the one
// place that checks such data: ids unique and in range, added tokens consistent with the
// vocabulary, every byte representable, every merge made of known tokens.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tokenizer/bpe_merge.h"
#include "tokenizer/tokenizer_data.h"
#include "xun/error.h"

namespace xun::tok {

struct Vocabulary {
  // Byte-level form by id, added tokens included at their ids; "" for unused ids.
  std::vector<std::string> tokens;
  // What each id decodes to: the bytes behind a byte-level token, an added token verbatim.
  std::vector<std::string> bytes_of_id;
  // Token -> id. Keys view the strings of `tokens`, which never change after building (moving
  // the struct keeps them in place).
  std::unordered_map<std::string_view, int32_t> ids;
  // Id of the single-character token of each byte: where BPE starts from.
  std::array<int32_t, 256> byte_ids{};
  BpeMerges merges;
  std::vector<AddedToken> added_tokens;
};

// Errors say which token, id or merge is wrong, without a file name (the caller adds it).
Result<Vocabulary> build_vocabulary(TokenizerData data);

}  // namespace xun::tok
