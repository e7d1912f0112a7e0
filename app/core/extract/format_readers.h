// One reader per format; extract_document() picks one by document_format(). Errors from these
// do not name the file: extract_document() puts the path in front.
#pragma once

#include "extract/extract.h"

namespace xun::core {

// "text", "markdown" and "code": the file's text, decoded.
Result<ExtractedDocument> read_plain_text(const QString& path, const QString& format, const ExtractOptions& options);
Result<ExtractedDocument> read_html(const QString& path, const ExtractOptions& options);
Result<ExtractedDocument> read_pdf(const QString& path, const ExtractOptions& options);
Result<ExtractedDocument> read_docx(const QString& path, const ExtractOptions& options);
Result<ExtractedDocument> read_odt(const QString& path, const ExtractOptions& options);
Result<ExtractedDocument> read_epub(const QString& path, const ExtractOptions& options);

}  // namespace xun::core
