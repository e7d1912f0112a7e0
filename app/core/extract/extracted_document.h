// The text of one file, as the indexer sees it. Every offset in the application (chunks,
// search results, highlights) is a position in `text`, counted in UTF-16 code units (QString
// indices), so that the GUI can select a range without converting.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace xun::core {

struct PageStart {
  int page = 1;          // 1-based page number as printed by a PDF viewer
  qsizetype offset = 0;  // where that page's text begins in ExtractedDocument::text
};

struct ExtractedDocument {
  QString text;
  QList<PageStart> pages;  // in order; empty when the format has no pages
  QString format;          // "text", "markdown", "code", "html", "pdf", "docx", "odt", "epub"
  QStringList warnings;    // problems that did not stop extraction, e.g. undecodable bytes replaced
  bool truncated = false;  // a reader stopped at ExtractOptions::max_text_chars before the end

  // The page that holds `offset`, or 0 when the document has no pages.
  int page_at(qsizetype offset) const;
};

}  // namespace xun::core
