#include "tokenizer/bpe_tokenizer.h"

#include "tokenizer/added_tokens.h"
#include "tokenizer/nfc.h"
#include "tokenizer/pretokenizer.h"
#include "tokenizer/utf8.h"
#include "tokenizer/vocabulary.h"

namespace xun::tok {

struct BpeTokenizer::Impl {
  Vocabulary vocab;
  AddedTokenMatcher added;
  Pretokenizer pretokenizer;
  bool normalize_nfc = true;

  // Appends the ids of plain text (no added tokens in it): NFC, split, byte-level BPE.
  Result<void> encode_plain(std::string_view text, std::vector<int32_t>& ids) const;
};

Result<std::unique_ptr<BpeTokenizer>> BpeTokenizer::create(TokenizerData data) {
  const bool normalize_nfc = data.normalize_nfc;
  auto vocab = build_vocabulary(std::move(data));
  if (!vocab) return std::unexpected(vocab.error());
  auto pretokenizer = Pretokenizer::create();
  if (!pretokenizer) return std::unexpected(pretokenizer.error());

  AddedTokenMatcher added(vocab->added_tokens);
  auto impl = std::make_unique<Impl>(
      Impl{std::move(*vocab), std::move(added), std::move(*pretokenizer), normalize_nfc});
  return std::unique_ptr<BpeTokenizer>(new BpeTokenizer(std::move(impl)));
}

BpeTokenizer::BpeTokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BpeTokenizer::~BpeTokenizer() = default;

Result<void> BpeTokenizer::Impl::encode_plain(std::string_view text,
                                              std::vector<int32_t>& ids) const {
  std::string normalized;
  if (normalize_nfc) {
    auto nfc = to_nfc(text);
    if (!nfc) return std::unexpected(nfc.error());
    normalized = std::move(*nfc);
    text = normalized;
  }
  auto pieces = pretokenizer.split(text);
  if (!pieces) return std::unexpected(pieces.error());
  std::vector<int32_t> symbols;
  for (const std::string_view piece : *pieces) {
    symbols.clear();
    for (const char byte : piece)
      symbols.push_back(vocab.byte_ids[static_cast<unsigned char>(byte)]);
    vocab.merges.apply(symbols, ids);
  }
  return {};
}

Result<std::vector<int32_t>> BpeTokenizer::encode(std::string_view text) const {
  if (const auto bad = find_invalid_utf8(text))
    return fail("invalid UTF-8 at byte " + std::to_string(*bad));
  std::vector<int32_t> ids;
  // Byte-level BPE ends near one id per 3-4 bytes of English; reserving for that avoids most
  // regrowth without overcommitting for CJK.
  ids.reserve(text.size() / 3 + 1);
  for (const auto& segment : impl_->added.split(text)) {
    if (segment.id) {
      ids.push_back(*segment.id);
      continue;
    }
    if (auto encoded = impl_->encode_plain(segment.text, ids); !encoded)
      return std::unexpected(encoded.error());
  }
  return ids;
}

Result<std::vector<int32_t>> BpeTokenizer::encode_text(std::string_view text) const {
  if (const auto bad = find_invalid_utf8(text))
    return fail("invalid UTF-8 at byte " + std::to_string(*bad));
  std::vector<int32_t> ids;
  ids.reserve(text.size() / 3 + 1);
  if (auto encoded = impl_->encode_plain(text, ids); !encoded) return std::unexpected(encoded.error());
  return ids;
}

std::string BpeTokenizer::decode(std::span<const int32_t> ids) const {
  // Raw bytes, not Hugging Face's lossy UTF-8: a span that cuts a character in two still
  // concatenates with its neighbours into the original text. Unknown ids are skipped.
  std::string text;
  const auto& bytes_of_id = impl_->vocab.bytes_of_id;
  for (const int32_t id : ids)
    if (id >= 0 && static_cast<size_t>(id) < bytes_of_id.size()) text += bytes_of_id[id];
  return text;
}

std::optional<int32_t> BpeTokenizer::token_id(std::string_view token) const {
  const auto it = impl_->vocab.ids.find(token);
  if (it == impl_->vocab.ids.end()) return std::nullopt;
  return it->second;
}

uint32_t BpeTokenizer::vocab_size() const {
  return static_cast<uint32_t>(impl_->vocab.tokens.size());
}

}  // namespace xun::tok
