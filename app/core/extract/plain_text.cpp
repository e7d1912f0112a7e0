// Plain text, Markdown and source code: the decoded bytes are the text (Markdown is indexed
// with its markup: the words are all there, and offsets then match the file a user opens).
// Only as many bytes as the text limit can use are read: a 63 MB log costs the limit, not 63 MB.
#include <algorithm>

#include <QFile>

#include "extract/file_bytes.h"
#include "extract/format_readers.h"
#include "extract/text_decoding.h"
#include "scan/fs_path.h"

namespace xun::core {
namespace {

bool starts_with_utf16_bom(const QString& path) {
  QFile file;
  if (QString reason; !open_read_only(file, path, reason)) return false;
  const QByteArray head = file.read(2);
  return head == "\xFF\xFE" || head == "\xFE\xFF";
}

// Drops a multi-byte UTF-8 sequence that the cut left incomplete, so that a UTF-8 file cut
// short still decodes as UTF-8 (a broken last character would make it look like a legacy charset).
void chop_cut_utf8_sequence(QByteArray& bytes) {
  for (qsizetype back = 1; back <= std::min<qsizetype>(4, bytes.size()); ++back) {
    const auto byte = static_cast<unsigned char>(bytes.at(bytes.size() - back));
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte: look further back for the lead
    const qsizetype length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (length > back) bytes.chop(back);
    return;
  }
}

// The file's text, decoded from no more bytes than the text limit needs: one byte per character
// at first (two with a UTF-16 BOM); when the characters are wider than that (CJK in UTF-8,
// GB18030), a second read of as many bytes as their measured width needs.
Result<DecodedText> read_limited_text(const QString& path, const ExtractOptions& options, bool& truncated) {
  const bool utf16 = starts_with_utf16_bom(path);
  qint64 bytes_needed = (utf16 ? 2 : 1) * options.max_text_chars + 4;  // a few more for a cut sequence
  for (int pass = 0;; ++pass) {
    auto head = read_file_head(path, options.max_file_bytes, bytes_needed);
    if (!head) return std::unexpected(head.error());
    truncated = !head->complete;
    if (truncated) {
      if (utf16)
        head->bytes.truncate(head->bytes.size() & ~qsizetype{1});
      else
        chop_cut_utf8_sequence(head->bytes);
    }
    auto decoded = decode_text(head->bytes);
    if (!decoded || !truncated || pass == 1 || decoded->text.size() >= options.max_text_chars) return decoded;
    const double bytes_per_char = double(head->bytes.size()) / double(std::max<qsizetype>(decoded->text.size(), 1));
    bytes_needed = std::min<qint64>(4 * options.max_text_chars, qint64(bytes_per_char * double(options.max_text_chars))) + 4;
  }
}

}  // namespace

Result<ExtractedDocument> read_plain_text(const QString& path, const QString& format, const ExtractOptions& options) {
  bool truncated = false;
  auto decoded = read_limited_text(path, options, truncated);
  if (!decoded) return std::unexpected(decoded.error());
  ExtractedDocument document{.format = format, .warnings = decoded->warnings, .truncated = truncated};
  document.text = normalize_line_ends(std::move(decoded->text), document.warnings);
  return document;
}

}  // namespace xun::core
