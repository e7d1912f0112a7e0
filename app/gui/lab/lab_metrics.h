// Ranking quality against the passages a user marked relevant (binary relevance): NDCG@k, the
// reciprocal rank of the first relevant passage (averaged over queries it is MRR), recall@k.
//
// Ties: passages with equal scores next to each other have no order of their own (the ranking
// put them in pool order), so each metric is the average over every order of each tie, as in
// McSherry and Najork, "Computing information retrieval performance measures efficiently in
// the presence of tied scores" (ECIR 2008). Without ties these are the textbook values.
#pragma once

#include <optional>
#include <span>

namespace xun::gui {

struct Judgement {
  double score = 0;       // the ranking's score; equal neighbours are a tie
  bool relevant = false;
};

inline constexpr int kMetricsDepth = 10;  // the k of NDCG@k and recall@k the lab shows

// `ranked` best first. `relevant_total`: how many passages are relevant in all (the marked
// set); at least those marked in `ranked` are counted. Each returns 0 when nothing is relevant.
double ndcg_at(std::span<const Judgement> ranked, int relevant_total, int k);
double reciprocal_rank(std::span<const Judgement> ranked);
double recall_at(std::span<const Judgement> ranked, int relevant_total, int k);

struct RankingMetrics {
  // Unset while no passage is marked relevant: the metrics are undefined then, not 0.
  std::optional<double> ndcg;    // @kMetricsDepth
  std::optional<double> mrr;
  std::optional<double> recall;  // @kMetricsDepth
};

RankingMetrics ranking_metrics(std::span<const Judgement> ranked, int relevant_total);

}  // namespace xun::gui
