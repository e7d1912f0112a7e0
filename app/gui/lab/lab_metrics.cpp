#include "lab/lab_metrics.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace xun::gui {
namespace {

// A run of equal scores: ranks [begin, end) (from 0), `relevant` of them relevant.
struct TieGroup {
  size_t begin = 0;
  size_t end = 0;
  int relevant = 0;
};

std::vector<TieGroup> tie_groups(std::span<const Judgement> ranked) {
  std::vector<TieGroup> groups;
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (groups.empty() || ranked[i].score != ranked[groups.back().begin].score)
      groups.push_back({i, i, 0});
    groups.back().end = i + 1;
    if (ranked[i].relevant) ++groups.back().relevant;
  }
  return groups;
}

// The expected gain at each of the first `k` ranks over the orders of the ties: within a tie
// of n passages of which r are relevant, every rank holds a relevant one with probability r/n.
std::vector<double> expected_gains(std::span<const Judgement> ranked, size_t k) {
  std::vector<double> gains(std::min(k, ranked.size()), 0.0);
  for (const TieGroup& group : tie_groups(ranked)) {
    const double gain = static_cast<double>(group.relevant) / static_cast<double>(group.end - group.begin);
    for (size_t i = group.begin; i < std::min(group.end, gains.size()); ++i) gains[i] = gain;
  }
  return gains;
}

int relevant_count(std::span<const Judgement> ranked, int relevant_total) {
  const auto marked = std::ranges::count_if(ranked, [](const Judgement& j) { return j.relevant; });
  return std::max(relevant_total, static_cast<int>(marked));
}

double discount(size_t rank_from_zero) { return 1.0 / std::log2(static_cast<double>(rank_from_zero) + 2.0); }

}  // namespace

double ndcg_at(std::span<const Judgement> ranked, int relevant_total, int k) {
  const int relevant = relevant_count(ranked, relevant_total);
  if (relevant == 0 || k <= 0) return 0;
  const std::vector<double> gains = expected_gains(ranked, static_cast<size_t>(k));
  double dcg = 0;
  for (size_t i = 0; i < gains.size(); ++i) dcg += gains[i] * discount(i);
  double ideal = 0;
  for (size_t i = 0; i < static_cast<size_t>(std::min(relevant, k)); ++i) ideal += discount(i);
  return dcg / ideal;
}

double reciprocal_rank(std::span<const Judgement> ranked) {
  for (const TieGroup& group : tie_groups(ranked)) {
    if (group.relevant == 0) continue;
    // The first relevant passage of the tie lands on its j-th rank (from 1) with probability
    // P(none of the first j-1 is relevant) * r / (n - j + 1).
    const int n = static_cast<int>(group.end - group.begin);
    const int r = group.relevant;
    double none_before = 1;
    double expected = 0;
    for (int j = 1; j <= n - r + 1; ++j) {
      const double first_here = none_before * r / (n - j + 1);
      expected += first_here / static_cast<double>(group.begin + static_cast<size_t>(j));
      none_before *= static_cast<double>(n - r - (j - 1)) / (n - (j - 1));
    }
    return expected;
  }
  return 0;
}

double recall_at(std::span<const Judgement> ranked, int relevant_total, int k) {
  const int relevant = relevant_count(ranked, relevant_total);
  if (relevant == 0 || k <= 0) return 0;
  double found = 0;
  for (double gain : expected_gains(ranked, static_cast<size_t>(k))) found += gain;
  return found / relevant;
}

RankingMetrics ranking_metrics(std::span<const Judgement> ranked, int relevant_total) {
  if (relevant_count(ranked, relevant_total) == 0) return {};
  return {.ndcg = ndcg_at(ranked, relevant_total, kMetricsDepth),
          .mrr = reciprocal_rank(ranked),
          .recall = recall_at(ranked, relevant_total, kMetricsDepth)};
}

}  // namespace xun::gui
