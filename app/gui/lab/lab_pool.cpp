#include "lab/lab_pool.h"

#include <unordered_set>

#include <QCoreApplication>

#include "search/searcher.h"

namespace xun::gui {
namespace {

class LabPoolText {
  Q_DECLARE_TR_FUNCTIONS(LabPool)
};

// Adds the results not yet in `pool`, with their chunk text and hash from the store.
Result<void> add_results(core::IndexStore& store, const std::vector<core::SearchResult>& results,
                         std::unordered_set<int64_t>& seen, LabPool& pool) {
  for (const core::SearchResult& result : results) {
    if (!seen.insert(result.chunk_id).second) continue;
    auto chunk = store.chunk(result.chunk_id);
    if (!chunk) return std::unexpected(chunk.error());
    if (!*chunk) continue;  // removed by the indexer since the search
    pool.candidates.push_back({.chunk_id = result.chunk_id,
                               .path = result.path,
                               .page = result.page,
                               .snippet = result.snippet,
                               .highlights = result.highlights,
                               .content_hash = (*chunk)->content_hash});
    pool.texts.push_back((*chunk)->chunk.text);
  }
  return {};
}

}  // namespace

Result<LabPool> build_pool(SearchContext& context, const LabRequest& request) {
  LabPool pool;
  std::unordered_set<int64_t> seen;
  core::SearchRequest search;
  search.query = request.query.trimmed();
  search.top_k = request.pool_depth;
  if (context.models.embedding) {
    search.mode = core::SearchMode::hybrid;
    search.instruction = request.pool_instruction;
    search.embedding_model = context.models.embedding.get();
    auto hybrid = context.searcher.search(search);
    if (hybrid) {
      if (auto ok = add_results(context.store, hybrid->results, seen, pool); !ok) return std::unexpected(ok.error());
    } else {
      pool.note = LabPoolText::tr("The candidates are keyword matches only: %1")
                      .arg(QString::fromStdString(hybrid.error().message));
    }
  } else {
    pool.note = LabPoolText::tr(
        "The candidates are keyword matches only: no embedding model is loaded.");
  }
  search.mode = core::SearchMode::keyword;
  search.embedding_model = nullptr;
  auto keyword = context.searcher.search(search);
  if (!keyword) return std::unexpected(keyword.error());
  if (auto ok = add_results(context.store, keyword->results, seen, pool); !ok) return std::unexpected(ok.error());
  return pool;
}

}  // namespace xun::gui
