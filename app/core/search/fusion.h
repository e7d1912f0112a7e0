// Reciprocal rank fusion (Cormack, Clarke and Buettcher, SIGIR 2009): a chunk's fused score is
// the sum over the lists that hold it of 1 / (k + rank), rank counted from 1. It needs no
// calibration between cosine similarities and BM25 scores, which live on unrelated scales.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace xun::core {

inline constexpr double kRrfK = 60;

struct FusedHit {
  int64_t chunk_id = 0;
  double score = 0;
};

// `lists` are chunk ids, each best first. The result is ordered by fused score, then by the
// best rank the chunk reached in any list, then by chunk id, so it never depends on hashing.
std::vector<FusedHit> reciprocal_rank_fusion(std::span<const std::vector<int64_t>> lists,
                                             double k = kRrfK);

}  // namespace xun::core
