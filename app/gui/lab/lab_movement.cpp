#include "lab/lab_movement.h"

#include <algorithm>
#include <unordered_map>

namespace xun::gui {

std::vector<RankMove> rank_moves(std::span<const int64_t> baseline,
                                 std::span<const int64_t> ranking, size_t shown) {
  std::unordered_map<int64_t, size_t> baseline_rank;
  for (size_t i = 0; i < std::min(shown, baseline.size()); ++i) baseline_rank.emplace(baseline[i], i);
  std::vector<RankMove> moves;
  for (size_t i = 0; i < std::min(shown, ranking.size()); ++i) {
    const auto found = baseline_rank.find(ranking[i]);
    if (found == baseline_rank.end()) {
      moves.push_back({RankMove::Kind::entered, 0});
      continue;
    }
    const int places = static_cast<int>(found->second) - static_cast<int>(i);
    if (places > 0)
      moves.push_back({RankMove::Kind::up, places});
    else if (places < 0)
      moves.push_back({RankMove::Kind::down, -places});
    else
      moves.push_back({RankMove::Kind::same, 0});
  }
  return moves;
}

}  // namespace xun::gui
