#include "search/search_types.h"

namespace xun::core {

QString to_string(SearchMode mode) {
  switch (mode) {
    case SearchMode::dense: return QStringLiteral("dense");
    case SearchMode::keyword: return QStringLiteral("keyword");
    case SearchMode::hybrid: return QStringLiteral("hybrid");
  }
  return {};
}

std::optional<SearchMode> search_mode_from_string(const QString& text) {
  for (SearchMode mode : {SearchMode::dense, SearchMode::keyword, SearchMode::hybrid})
    if (text == to_string(mode)) return mode;
  return std::nullopt;
}

}  // namespace xun::core
