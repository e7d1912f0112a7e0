#include "tokenizer/vocabulary.h"

#include <cstdio>
#include <limits>

#include "tokenizer/byte_level.h"
#include "tokenizer/utf8.h"

namespace xun::tok {
namespace {

// Quotes a token for an error message, cut short so a message stays one line.
std::string quoted(std::string_view token) {
  constexpr size_t kMax = 40;
  if (token.size() <= kMax) return "'" + std::string(token) + "'";
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(token[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(token.substr(0, cut)) + "...'";
}

Result<void> place_added_tokens(Vocabulary& vocab) {
  for (const AddedToken& added : vocab.added_tokens) {
    if (added.content.empty())
      return fail("added token " + std::to_string(added.id) + " has empty content");
    if (added.id < 0)
      return fail("added token " + quoted(added.content) + " has a negative id " +
                  std::to_string(added.id));
    const auto id = static_cast<size_t>(added.id);
    if (id >= vocab.tokens.size()) vocab.tokens.resize(id + 1);
    std::string& slot = vocab.tokens[id];
    if (!slot.empty() && slot != added.content)
      return fail("added token " + quoted(added.content) + " has id " + std::to_string(id) +
                  ", which is " + quoted(slot) + " in the vocabulary");
    slot = added.content;
  }
  return {};
}

Result<void> index_tokens(Vocabulary& vocab) {
  vocab.ids.reserve(vocab.tokens.size());
  for (size_t id = 0; id < vocab.tokens.size(); ++id) {
    const std::string& token = vocab.tokens[id];
    if (token.empty()) continue;
    const auto [it, inserted] = vocab.ids.emplace(token, static_cast<int32_t>(id));
    if (!inserted)
      return fail("token " + quoted(token) + " has two ids, " + std::to_string(it->second) +
                  " and " + std::to_string(id));
  }
  return {};
}

Result<void> find_byte_ids(Vocabulary& vocab) {
  for (int b = 0; b < 256; ++b) {
    const auto it = vocab.ids.find(byte_level_char(static_cast<uint8_t>(b)));
    if (it == vocab.ids.end()) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", b);
      return fail(std::string("the vocabulary has no token for byte ") + hex + " (" +
                  quoted(byte_level_char(static_cast<uint8_t>(b))) +
                  "), so some texts could not be encoded");
    }
    vocab.byte_ids[b] = it->second;
  }
  return {};
}

Result<void> add_merges(Vocabulary& vocab,
                        const std::vector<std::pair<std::string, std::string>>& merges) {
  std::string joined;
  for (size_t rank = 0; rank < merges.size(); ++rank) {
    const auto& [left, right] = merges[rank];
    const auto where = [&] {
      return "merge " + std::to_string(rank) + " (" + quoted(left) + " + " + quoted(right) + "): ";
    };
    const auto left_it = vocab.ids.find(left);
    if (left_it == vocab.ids.end())
      return fail(where() + quoted(left) + " is not in the vocabulary");
    const auto right_it = vocab.ids.find(right);
    if (right_it == vocab.ids.end())
      return fail(where() + quoted(right) + " is not in the vocabulary");
    joined.assign(left).append(right);
    const auto merged_it = vocab.ids.find(joined);
    if (merged_it == vocab.ids.end())
      return fail(where() + "the merged token " + quoted(joined) + " is not in the vocabulary");
    vocab.merges.add(left_it->second, right_it->second, merged_it->second);
  }
  return {};
}

void decode_tokens(Vocabulary& vocab) {
  vocab.bytes_of_id.resize(vocab.tokens.size());
  for (size_t id = 0; id < vocab.tokens.size(); ++id) {
    // A token outside the byte-level alphabet can only be an added token (or a malformed
    // vocabulary); it decodes as written.
    auto bytes = byte_level_to_bytes(vocab.tokens[id]);
    vocab.bytes_of_id[id] = bytes ? std::move(*bytes) : vocab.tokens[id];
  }
  for (const AddedToken& added : vocab.added_tokens) vocab.bytes_of_id[added.id] = added.content;
}

}  // namespace

Result<Vocabulary> build_vocabulary(TokenizerData data) {
  Vocabulary vocab;
  vocab.tokens = std::move(data.tokens);
  vocab.added_tokens = std::move(data.added_tokens);
  if (auto placed = place_added_tokens(vocab); !placed) return std::unexpected(placed.error());
  if (vocab.tokens.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
    return fail("more than 2^31 token ids");
  for (const std::string& token : vocab.tokens)
    if (find_invalid_utf8(token)) return fail("token " + quoted(token) + " is not valid UTF-8");
  if (auto indexed = index_tokens(vocab); !indexed) return std::unexpected(indexed.error());
  if (auto found = find_byte_ids(vocab); !found) return std::unexpected(found.error());
  if (auto merged = add_merges(vocab, data.merges); !merged) return std::unexpected(merged.error());
  decode_tokens(vocab);
  return vocab;
}

}  // namespace xun::tok
