#include "extract/extract.h"

#include <algorithm>

#include <QDir>
#include <QLocale>

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

// Cuts the text at the limit (never inside a surrogate pair) and says so.
void apply_text_limit(ExtractedDocument& document, qint64 max_text_chars) {
  if (!document.truncated && document.text.size() <= max_text_chars) return;
  if (document.text.size() > max_text_chars) {
    qsizetype end = static_cast<qsizetype>(std::max<qint64>(max_text_chars, 0));
    if (end > 0 && document.text.at(end - 1).isHighSurrogate()) --end;
    document.text.truncate(end);
  }
  while (!document.pages.isEmpty() && document.pages.last().offset > document.text.size()) document.pages.removeLast();
  document.truncated = true;
  document.warnings << QStringLiteral("text truncated at the limit of %1 MB of text per document; the rest is not indexed")
                           .arg(QLocale::c().toString(static_cast<double>(max_text_chars) / text_chars_per_mb, 'g', 6));
}

}  // namespace

Result<ExtractedDocument> extract_document(const QString& path, const ExtractOptions& options) {
  const std::string where = QDir::toNativeSeparators(displayed_path(path)).toStdString();
  const QString format = document_format(path);
  if (format.isEmpty()) return fail(where + ": not a kind of file Xun reads (by its name)");
  auto document = read_as(format, path, options);
  if (!document) return std::unexpected(in_context(where, document.error()));
  document->format = format;
  apply_text_limit(*document, options.max_text_chars);
  return document;
}

}  // namespace xun::core
