#include "extract/extract.h"

#include <QDir>

#include "extract/format_readers.h"
#include "scan/fs_path.h"

namespace xun::core {
namespace {

Result<ExtractedDocument> read_as(const QString& format, const QString& path, const ExtractOptions& options) {
  if (format == u"pdf") return read_pdf(path, options);
  if (format == u"docx") return read_docx(path, options);
  if (format == u"odt") return read_odt(path, options);
  if (format == u"epub") return read_epub(path, options);
  if (format == u"html") return read_html(path, options);
  return read_plain_text(path, format, options);
}

}  // namespace

Result<ExtractedDocument> extract_document(const QString& path, const ExtractOptions& options) {
  const std::string where = QDir::toNativeSeparators(displayed_path(path)).toStdString();
  const QString format = document_format(path);
  if (format.isEmpty()) return fail(where + ": not a kind of file Xun reads (by its name)");
  auto document = read_as(format, path, options);
  if (!document) return std::unexpected(in_context(where, document.error()));
  document->format = format;
  return document;
}

}  // namespace xun::core
