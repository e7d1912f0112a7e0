#include "tokenizer/added_tokens.h"

#include <algorithm>

namespace xun::tok {

AddedTokenMatcher::AddedTokenMatcher(std::span<const AddedToken> tokens) {
  for (const AddedToken& token : tokens)
    if (!token.content.empty()) tokens_.push_back({token.content, token.id});
  std::stable_sort(tokens_.begin(), tokens_.end(), [](const Entry& a, const Entry& b) {
    const auto first_a = static_cast<unsigned char>(a.content[0]);
    const auto first_b = static_cast<unsigned char>(b.content[0]);
    if (first_a != first_b) return first_a < first_b;
    return a.content.size() > b.content.size();
  });
  size_t next = 0;
  for (size_t byte = 0; byte < 256; ++byte) {
    first_of_byte_[byte] = static_cast<uint32_t>(next);
    while (next < tokens_.size() && static_cast<unsigned char>(tokens_[next].content[0]) == byte)
      ++next;
  }
  first_of_byte_[256] = static_cast<uint32_t>(tokens_.size());
}

std::vector<AddedTokenMatcher::Segment> AddedTokenMatcher::split(std::string_view text) const {
  std::vector<Segment> segments;
  size_t plain_start = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    const Entry* match = nullptr;
    for (uint32_t i = first_of_byte_[byte]; i < first_of_byte_[byte + 1u]; ++i) {
      if (text.substr(pos).starts_with(tokens_[i].content)) {
        match = &tokens_[i];
        break;
      }
    }
    if (match == nullptr) {
      ++pos;
      continue;
    }
    if (pos > plain_start) segments.push_back({text.substr(plain_start, pos - plain_start), {}});
    segments.push_back({text.substr(pos, match->content.size()), match->id});
    pos += match->content.size();
    plain_start = pos;
  }
  if (plain_start < text.size()) segments.push_back({text.substr(plain_start), {}});
  return segments;
}

}  // namespace xun::tok
