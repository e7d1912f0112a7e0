// How a result moved between two rankings of the same pool, for the lab's ▲3 / ▼2 / new
// markers: each variant's shown list (its first `shown` results) against the first variant's.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace xun::gui {

struct RankMove {
  enum class Kind {
    same,      // at the same rank
    up,        // `places` ranks higher than in the baseline
    down,      // `places` ranks lower
    entered,   // not among the baseline's shown results ("new")
  };
  Kind kind = Kind::same;
  int places = 0;  // > 0 for up and down
  bool operator==(const RankMove&) const = default;
};

// One move per entry of `ranking`'s first `shown` ids, against `baseline`'s first `shown` ids.
std::vector<RankMove> rank_moves(std::span<const int64_t> baseline,
                                 std::span<const int64_t> ranking, size_t shown);

}  // namespace xun::gui
