// Text from one file: the public entry point of xun_core_extract.
//
//   auto document = xun::core::extract_document("/home/me/notes/plan.pdf");
//   if (!document) show(document.error().message);  // "/home/me/notes/plan.pdf: ..."
#pragma once

#include <QString>

#include "extract/extracted_document.h"
#include "xun/error.h"

namespace xun::core {

// Files over this size are refused by default: their text would not fit a sane index anyway.
inline constexpr qint64 default_max_file_bytes = 64LL * 1024 * 1024;

// Text kept per document, in characters (UTF-16 code units; "20 MB of text" is 20 million).
// Recoll caps text files at 20 MB too: beyond that a file is an export or a log, and its
// chunks would crowd everything else out of the index. Longer text is cut with a warning.
inline constexpr qint64 text_chars_per_mb = 1000 * 1000;
inline constexpr qint64 default_max_text_chars = 20 * text_chars_per_mb;

struct ExtractOptions {
  qint64 max_file_bytes = default_max_file_bytes;  // bigger files are refused before reading
  // Archives (DOCX, ODT, EPUB): limits checked before anything is unpacked, so that a ZIP bomb
  // costs neither memory nor time.
  qint64 max_unpacked_bytes = 256LL * 1024 * 1024;  // all entries read from one archive, in total
  int max_archive_entries = 20000;
  // Readers stop once they hold more text than this (a 240 MB DOCX is not inflated to the end);
  // extract_document() cuts the text there and records a warning.
  qint64 max_text_chars = default_max_text_chars;
};

// "text", "markdown", "code", "html", "pdf", "docx", "odt" or "epub", chosen by the file's name
// (extension, or a well-known name such as "Makefile"); empty when Xun does not read such files.
QString document_format(const QString& path);

// True when document_format(path) is not empty.
bool is_indexable(const QString& path);

// True for formats that are text on disk ("text", "markdown", "code", "html"): those are the
// files that a NUL byte marks as binary.
bool is_text_format(const QString& format);

// Reads the file and returns its text, at most options.max_text_chars of it (a warning says
// when it was cut). Runs in this process: the indexer calls it through ExtractionClient, in a
// worker process with memory and time limits. Every error message starts with the file's path and
// says what is wrong ("...: encrypted with a password", "...: binary content (NUL byte at 12)").
Result<ExtractedDocument> extract_document(const QString& path, const ExtractOptions& options = {});

}  // namespace xun::core
