#include "lab/lab_results.h"

namespace xun::gui {

LabResults::LabResults(QObject* parent) : QObject(parent) {}

void LabResults::setComparison(LabComparison comparison) {
  if (comparison.query.trimmed() != judged_query_) relevant_.clear();
  judged_query_ = comparison.query.trimmed();
  comparison_ = std::move(comparison);
  emit comparisonChanged();
}

void LabResults::restoreRelevance(const QString& query, const QSet<int64_t>& relevant) {
  judged_query_ = query.trimmed();
  relevant_ = relevant;
  emit comparisonChanged();
}

void LabResults::appendVariant(const LabVariant& variant) {
  comparison_.variants.push_back(variant);
  comparison_.rankings.emplace_back();
  emit comparisonChanged();
}

void LabResults::removeVariant(size_t index) {
  if (index >= comparison_.variants.size()) return;
  comparison_.variants.erase(comparison_.variants.begin() + static_cast<std::ptrdiff_t>(index));
  if (index < comparison_.rankings.size())
    comparison_.rankings.erase(comparison_.rankings.begin() + static_cast<std::ptrdiff_t>(index));
  emit comparisonChanged();
}

void LabResults::setShown(int count) {
  count = std::max(1, count);
  if (count == shown_) return;
  shown_ = count;
  emit shownChanged();
}

void LabResults::setRelevant(int64_t chunk_id, bool relevant) {
  if (relevant == relevant_.contains(chunk_id)) return;
  if (relevant)
    relevant_.insert(chunk_id);
  else
    relevant_.remove(chunk_id);
  emit relevanceChanged(chunk_id);
}

int LabResults::relevantInPool() const {
  int count = 0;
  for (const LabCandidate& candidate : comparison_.pool)
    if (relevant_.contains(candidate.chunk_id)) ++count;
  return count;
}

RankingMetrics LabResults::metrics(size_t variant) const {
  if (variant >= comparison_.rankings.size() || !comparison_.rankings[variant].ran()) return {};
  std::vector<Judgement> judgements;
  for (const LabScore& score : comparison_.rankings[variant].ranked)
    judgements.push_back({score.score, relevant_.contains(comparison_.pool[score.candidate].chunk_id)});
  return ranking_metrics(judgements, relevantInPool());
}

std::vector<RankMove> LabResults::moves(size_t variant) const {
  // The baseline has nothing to move against, nor has anyone when it did not run.
  if (variant == 0 || comparison_.rankings.empty() || !comparison_.rankings[0].ran()) return {};
  return rank_moves(comparison_.ranked_chunk_ids(0), comparison_.ranked_chunk_ids(variant),
                    static_cast<size_t>(shown_));
}

}  // namespace xun::gui
