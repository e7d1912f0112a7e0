// A passage shown where it stands in its document: the chunk with a few of its neighbours,
// stitched back together from the index (no file is read, so the text always matches what was
// indexed), with the query's words marked. Built on the search thread (SearchService::run).
#pragma once

#include <cstdint>

#include <QList>
#include <QString>

#include "search/search_types.h"
#include "store/index_store.h"
#include "xun/error.h"

namespace xun::gui {

struct PassageContext {
  int64_t chunk_id = 0;
  int64_t document_id = 0;
  QString path;
  QString format;
  int page = 0;                       // of the passage's start; 0 without pages
  int ordinal = 0;                    // the passage is chunk `ordinal` of `chunk_count`
  int chunk_count = 0;
  QString text;                       // the passage and its neighbours
  qsizetype passage_start = 0;        // the passage in `text`, UTF-16 code units
  qsizetype passage_length = 0;
  QList<core::Highlight> highlights;  // the query's words in `text`
  bool more_before = false;           // the document goes on before `text`
  bool more_after = false;            // ... and after it
};

// The passage of `result` (its chunk_id, document_id, path and format) with up to
// `context_chunks` chunks on each side, and the words of `query` marked (none for "").
Result<PassageContext> load_passage_context(core::IndexStore& store, const core::SearchResult& result,
                                            const QString& query, int context_chunks = 3);

// Joins consecutive chunks of one document into one text. Overlapping chunks share their
// overlap once; the whitespace between chunks that do not touch was not stored, so it becomes
// spaces or a paragraph break of the same length (offsets stay those of the document, less the
// first chunk's start). Returns the text; chunks are in document order.
QString stitch_chunks(const std::vector<core::StoredChunk>& chunks, size_t first, size_t last);

}  // namespace xun::gui
