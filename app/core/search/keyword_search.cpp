#include "search/keyword_search.h"

#include "search/search_filters.h"

namespace xun::core {
namespace {

// bm25() is negative, more negative for better matches, hence ascending order. The chunk id
// breaks ties so that equal scores come in a stable order.
constexpr char kSelectKeywordHits[] =
    "SELECT chunks_fts.rowid, bm25(chunks_fts) FROM chunks_fts "
    "JOIN chunks ON chunks.id = chunks_fts.rowid "
    "JOIN documents ON documents.id = chunks.document_id "
    "WHERE chunks_fts MATCH ?5 AND " XUN_DOCUMENT_FILTER " "
    "ORDER BY bm25(chunks_fts), chunks_fts.rowid LIMIT ?6";

}  // namespace

Result<std::vector<KeywordHit>> keyword_search(sql::Database& database, const FtsQuery& query,
                                               const SearchFilters& filters, int limit) {
  std::vector<KeywordHit> hits;
  if (query.match.isEmpty() || limit <= 0) return hits;
  auto select = database.statement(kSelectKeywordHits);
  if (!select) return std::unexpected(select.error());
  bind_filters(**select, filters);
  (*select)->bind_text(5, query.match);
  (*select)->bind_int(6, limit);
  for (;;) {
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return hits;
    hits.push_back({(*select)->column_int(0), -(*select)->column_double(1)});
  }
}

}  // namespace xun::core
