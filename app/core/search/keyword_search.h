// Keyword search: FTS5 over the word-segmented chunk text, ranked by BM25, with filters.
#pragma once

#include <cstdint>
#include <vector>

#include "search/fts_query.h"
#include "search/search_types.h"
#include "store/database.h"
#include "xun/error.h"

namespace xun::core {

struct KeywordHit {
  int64_t chunk_id = 0;
  double score = 0;  // -bm25(): higher is better
};

// The best `limit` chunks for `query` among documents passing `filters`, best first.
// An empty query (no words) finds nothing.
Result<std::vector<KeywordHit>> keyword_search(sql::Database& database, const FtsQuery& query,
                                               const SearchFilters& filters, int limit);

}  // namespace xun::core
