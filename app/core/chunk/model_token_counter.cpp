#include "chunk/model_token_counter.h"

#include <vector>

#include <QByteArray>

#include "xun/engine.h"

namespace xun::core {
namespace {

std::string_view view_of(const QByteArray& bytes) { return {bytes.constData(), size_t(bytes.size())}; }

// Bytes in a UTF-8 sequence that starts with `lead`.
qsizetype sequence_length(unsigned char lead) { return lead < 0xE0 ? (lead < 0x80 ? 1 : 2) : (lead < 0xF0 ? 3 : 4); }

// UTF-16 offsets of UTF-8 byte offsets (ascending) into the same text; a byte offset inside a
// character maps to the character's end.
QList<qsizetype> utf16_offsets(const QByteArray& utf8, const std::vector<qsizetype>& byte_ends) {
  QList<qsizetype> ends;
  ends.reserve(qsizetype(byte_ends.size()));
  qsizetype byte = 0;
  qsizetype unit = 0;
  for (const qsizetype byte_end : byte_ends) {
    while (byte < byte_end && byte < utf8.size()) {
      const qsizetype length = sequence_length(static_cast<unsigned char>(utf8[byte]));
      byte += length;
      unit += length == 4 ? 2 : 1;  // beyond the BMP: a surrogate pair
    }
    ends.append(unit);
  }
  return ends;
}

}  // namespace

int ModelTokenCounter::count(QStringView text) const {
  if (text.isEmpty()) return 0;
  const QByteArray utf8 = text.toUtf8();
  const auto ids = tokenizer_.encode(view_of(utf8));
  if (!ids) return fallback_.count(text);
  return static_cast<int>(ids->size());
}

QList<qsizetype> ModelTokenCounter::token_ends(QStringView text) const {
  if (text.isEmpty()) return {};
  const QByteArray utf8 = text.toUtf8();
  const auto ids = tokenizer_.encode(view_of(utf8));
  if (!ids) return fallback_.token_ends(text);
  std::vector<qsizetype> byte_ends;
  byte_ends.reserve(ids->size());
  qsizetype bytes = 0;
  for (const int32_t id : *ids) {
    bytes += qsizetype(tokenizer_.decode({&id, 1}).size());
    byte_ends.push_back(bytes);
  }
  if (bytes == utf8.size()) return utf16_offsets(utf8, byte_ends);
  // The tokenizer's NFC changed the text (decomposed accents, say), so its bytes are not ours:
  // spread the tokens over the text in proportion, which keeps counts of ranges near right.
  QList<qsizetype> ends;
  ends.reserve(qsizetype(byte_ends.size()));
  for (const qsizetype byte_end : byte_ends)
    ends.append(std::max<qsizetype>(1, byte_end * text.size() / bytes));
  return ends;
}

}  // namespace xun::core
