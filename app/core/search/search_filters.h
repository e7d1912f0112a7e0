// Filters (folder, format, modification time) as SQL. The statement texts are fixed; the
// filter values are bound as parameters ?1..?4 (lists as JSON arrays read by json_each), so
// no SQL is ever built from user text.
#pragma once

#include <vector>

#include "search/search_types.h"
#include "store/database.h"
#include "xun/error.h"

// The WHERE condition on `documents` that the filter parameters ?1..?4 express. Unset filters are
// bound as NULL and let every document through.
#define XUN_DOCUMENT_FILTER                                                                       \
  "(?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(?1) AS folder "                                 \
  "WHERE substr(documents.path, 1, length(folder.value) + 1) = folder.value || '/')) "            \
  "AND (?2 IS NULL OR documents.format IN (SELECT value FROM json_each(?2))) "                    \
  "AND (?3 IS NULL OR documents.mtime_ms >= ?3) "                                                \
  "AND (?4 IS NULL OR documents.mtime_ms <= ?4)"

namespace xun::core {

// Binds `filters` to parameters 1..4 of a statement that uses XUN_DOCUMENT_FILTER.
void bind_filters(sql::Statement& statement, const SearchFilters& filters);

// The ids of the documents that pass `filters`, ascending.
Result<std::vector<int64_t>> filtered_documents(sql::Database& database,
                                                const SearchFilters& filters);

// The formats of the indexed documents (ExtractedDocument::format values), sorted: the choices
// a format filter offers.
Result<QStringList> indexed_formats(sql::Database& database);

}  // namespace xun::core
