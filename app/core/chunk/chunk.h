// A piece of a document small enough to embed, with where it came from.
#pragma once

#include <QString>

namespace xun::core {

struct Chunk {
  qsizetype start = 0;  // [start, end) in ExtractedDocument::text, UTF-16 code units
  qsizetype end = 0;
  int page = 0;         // page of `start` (PDF), 0 when the document has no pages
  int tokens = 0;       // as counted by the model's tokenizer (or the estimate without one)
  QString text;         // the document's text in [start, end)
};

}  // namespace xun::core
