// Finds added tokens ("<|im_start|>", "<think>", ...) in raw text, before any normalisation or
// splitting, as Hugging Face does for tokens with normalized=false: at each position the
// longest token that matches wins, and the text between tokens is tokenized as plain text.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/tokenizer_data.h"

namespace xun::tok {

class AddedTokenMatcher {
 public:
  // A piece of the input: either an added token (id set) or plain text between tokens.
  struct Segment {
    std::string_view text;
    std::optional<int32_t> id;
  };

  AddedTokenMatcher() = default;
  // Tokens with empty content are ignored (they would match everywhere).
  explicit AddedTokenMatcher(std::span<const AddedToken> tokens);

  // Segments of `text` in order; together they are exactly `text`. No empty plain segments.
  std::vector<Segment> split(std::string_view text) const;

  bool empty() const { return tokens_.empty(); }

 private:
  struct Entry {
    std::string content;
    int32_t id;
  };
  // Tokens grouped by first byte, longest first within a group, so the first hit is the
  // longest match at that position.
  std::vector<Entry> tokens_;
  std::array<uint32_t, 257> first_of_byte_{};  // tokens_[first_of_byte_[b] .. first_of_byte_[b+1])
};

}  // namespace xun::tok
