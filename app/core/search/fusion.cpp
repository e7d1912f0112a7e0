#include "search/fusion.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace xun::core {

std::vector<FusedHit> reciprocal_rank_fusion(std::span<const std::vector<int64_t>> lists,
                                             double k) {
  struct Entry {
    double score = 0;
    size_t best_rank = std::numeric_limits<size_t>::max();
  };
  std::unordered_map<int64_t, Entry> entries;
  for (const std::vector<int64_t>& list : lists) {
    for (size_t rank = 1; rank <= list.size(); ++rank) {
      Entry& entry = entries[list[rank - 1]];
      entry.score += 1.0 / (k + static_cast<double>(rank));
      entry.best_rank = std::min(entry.best_rank, rank);
    }
  }
  std::vector<std::pair<int64_t, Entry>> sorted(entries.begin(), entries.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.second.score != b.second.score) return a.second.score > b.second.score;
    if (a.second.best_rank != b.second.best_rank) return a.second.best_rank < b.second.best_rank;
    return a.first < b.first;
  });
  std::vector<FusedHit> fused;
  fused.reserve(sorted.size());
  for (const auto& [chunk_id, entry] : sorted) fused.push_back({chunk_id, entry.score});
  return fused;
}

}  // namespace xun::core
