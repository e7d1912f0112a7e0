// Plain text, Markdown and source code: the decoded bytes are the text (Markdown is indexed
// with its markup: the words are all there, and offsets then match the file a user opens).
#include "extract/file_bytes.h"
#include "extract/format_readers.h"
#include "extract/text_decoding.h"

namespace xun::core {

Result<ExtractedDocument> read_plain_text(const QString& path, const QString& format, const ExtractOptions& options) {
  auto bytes = read_file_bytes(path, options.max_file_bytes);
  if (!bytes) return std::unexpected(bytes.error());
  auto decoded = decode_text(*bytes);
  if (!decoded) return std::unexpected(decoded.error());
  ExtractedDocument document{.format = format, .warnings = decoded->warnings};
  document.text = normalize_line_ends(std::move(decoded->text), document.warnings);
  return document;
}

}  // namespace xun::core
