// HTML files: decoded with the page's declared charset as a hint, then reduced to visible text.
#include "extract/file_bytes.h"
#include "extract/format_readers.h"
#include "extract/html_text.h"

namespace xun::core {

Result<ExtractedDocument> read_html(const QString& path, const ExtractOptions& options) {
  auto bytes = read_file_bytes(path, options.max_file_bytes);
  if (!bytes) return std::unexpected(bytes.error());
  ExtractedDocument document{.format = QStringLiteral("html")};
  auto text = html_bytes_to_text(*bytes, document.warnings);
  if (!text) return std::unexpected(text.error());
  document.text = std::move(*text);
  return document;
}

}  // namespace xun::core
