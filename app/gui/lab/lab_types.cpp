#include "lab/lab_types.h"

namespace xun::gui {

QString lab_variant_name(size_t index) {
  if (index < 26) return QString(QChar(u'A' + static_cast<int>(index)));
  return QString::number(index + 1);
}

std::vector<int64_t> LabComparison::ranked_chunk_ids(size_t variant) const {
  std::vector<int64_t> ids;
  if (variant >= rankings.size()) return ids;
  ids.reserve(rankings[variant].ranked.size());
  for (const LabScore& score : rankings[variant].ranked) ids.push_back(pool[score.candidate].chunk_id);
  return ids;
}

}  // namespace xun::gui
