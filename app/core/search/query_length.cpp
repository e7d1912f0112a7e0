#include "search/query_length.h"

#include <QByteArray>
#include <span>
#include <string>
#include <vector>

namespace xun::core {
namespace {

// Bytes of `text` up to its last complete UTF-8 sequence: decoding a prefix of the tokens can
// end inside a character (byte-level BPE splits them), which must not become U+FFFD.
size_t complete_utf8_prefix(const std::string& text) {
  size_t end = text.size();
  size_t back = 0;  // continuation bytes seen from the end
  while (end > 0 && back < 4) {
    const auto byte = static_cast<unsigned char>(text[end - 1]);
    if ((byte & 0xC0) != 0x80) {  // a lead byte or ASCII: is its sequence whole?
      const size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      return length == back + 1 ? text.size() : end - 1;
    }
    --end;
    ++back;
  }
  return end;
}

}  // namespace

Result<BoundedQuery> bound_query(const xun::Tokenizer& tokenizer, const QString& query) {
  QString head = query;
  bool cut = false;
  if (head.size() > kMaxQueryTokenizedChars) {
    qsizetype length = kMaxQueryTokenizedChars;
    if (head.at(length - 1).isHighSurrogate()) --length;  // never split a surrogate pair
    head.truncate(length);
    cut = true;
  }
  const std::string utf8 = head.toStdString();
  auto ids = tokenizer.encode_text(utf8);
  if (!ids) return std::unexpected(ids.error());
  if (ids->size() <= static_cast<size_t>(kMaxQueryTokens))
    return BoundedQuery{head, cut, static_cast<int>(ids->size())};

  // The text of the first tokens, tokenized again, can come out a token or two longer (the
  // last word is split differently once cut): cut by as many more until it fits.
  BoundedQuery bounded{{}, true, 0};
  size_t keep = kMaxQueryTokens;
  for (;;) {
    std::string prefix = tokenizer.decode(std::span<const int32_t>(ids->data(), keep));
    prefix.resize(complete_utf8_prefix(prefix));
    bounded.text = QString::fromStdString(prefix).trimmed();
    auto kept = tokenizer.encode_text(bounded.text.toStdString());
    if (!kept) return std::unexpected(kept.error());
    bounded.tokens = static_cast<int>(kept->size());
    if (bounded.tokens <= kMaxQueryTokens || keep <= 1) break;
    keep -= std::min(keep - 1, static_cast<size_t>(bounded.tokens - kMaxQueryTokens));
  }
  return bounded;
}

}  // namespace xun::core
