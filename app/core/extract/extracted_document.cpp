#include "extract/extracted_document.h"

#include <algorithm>

namespace xun::core {

int ExtractedDocument::page_at(qsizetype offset) const {
  if (pages.isEmpty()) return 0;
  // The last page that starts at or before `offset`; text before the first page belongs to it.
  const auto after = std::upper_bound(pages.cbegin(), pages.cend(), offset,
                                      [](qsizetype value, const PageStart& start) { return value < start.offset; });
  return after == pages.cbegin() ? pages.front().page : std::prev(after)->page;
}

}  // namespace xun::core
