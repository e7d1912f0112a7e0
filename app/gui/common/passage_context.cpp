#include "common/passage_context.h"

#include <algorithm>

#include "search/fts_query.h"
#include "search/snippet.h"

namespace xun::gui {

QString stitch_chunks(const std::vector<core::StoredChunk>& chunks, size_t first, size_t last) {
  QString text;
  if (first > last || last >= chunks.size()) return text;
  const qsizetype base = chunks[first].chunk.start;
  for (size_t i = first; i <= last; ++i) {
    const core::Chunk& chunk = chunks[i].chunk;
    const qsizetype end = base + text.size();  // document offset where `text` ends
    if (chunk.start > end) {
      const qsizetype gap = chunk.start - end;
      // A gap of two or more was most likely a paragraph break.
      text += gap >= 2 ? QString(gap - 2, QLatin1Char(' ')) + QStringLiteral("\n\n") : QStringLiteral(" ");
      text += chunk.text;
    } else if (chunk.end > end) {
      text += QStringView(chunk.text).mid(end - chunk.start);  // the part past the overlap
    }
  }
  return text;
}

Result<PassageContext> load_passage_context(core::IndexStore& store, const core::SearchResult& result,
                                            const QString& query, int context_chunks) {
  auto chunks = store.chunks(result.document_id);
  if (!chunks) return std::unexpected(chunks.error());
  const auto found = std::find_if(chunks->begin(), chunks->end(), [&](const core::StoredChunk& chunk) {
    return chunk.id == result.chunk_id;
  });
  if (found == chunks->end())
    return fail(result.path.toStdString() + ": this passage is no longer in the index (the file was "
                                            "indexed again since); search again");
  const size_t at = static_cast<size_t>(found - chunks->begin());
  const size_t context = static_cast<size_t>(std::max(0, context_chunks));
  const size_t first = at > context ? at - context : 0;
  const size_t last = std::min(chunks->size() - 1, at + context);

  PassageContext passage;
  passage.chunk_id = result.chunk_id;
  passage.document_id = result.document_id;
  passage.path = result.path;
  passage.format = result.format;
  passage.page = found->chunk.page;
  passage.ordinal = found->ordinal;
  passage.chunk_count = static_cast<int>(chunks->size());
  passage.text = stitch_chunks(*chunks, first, last);
  passage.passage_start = found->chunk.start - (*chunks)[first].chunk.start;
  passage.passage_length = std::min(found->chunk.end - found->chunk.start, passage.text.size() - passage.passage_start);
  passage.more_before = first > 0;
  passage.more_after = last + 1 < chunks->size();
  if (!query.trimmed().isEmpty()) {
    // A snippet as long as the text marks every match in it.
    const core::Snippet marked = core::make_snippet(passage.text, core::build_fts_query(query), passage.text.size());
    for (core::Highlight highlight : marked.highlights) {
      highlight.start += marked.offset;
      passage.highlights.append(highlight);
    }
  }
  return passage;
}

}  // namespace xun::gui
