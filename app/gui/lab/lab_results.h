// The state of the lab's results, shared by its views: the last comparison, which passages the
// user marked relevant (one set for every variant: it is the same passage), how many results
// each column shows, and what follows from them (metrics, movement markers). Qt Core only, so
// that it is testable without widgets.
#pragma once

#include <cstdint>
#include <vector>

#include <QObject>
#include <QSet>

#include "lab/lab_metrics.h"
#include "lab/lab_movement.h"
#include "lab/lab_types.h"

namespace xun::gui {

class LabResults final : public QObject {
  Q_OBJECT

 public:
  explicit LabResults(QObject* parent = nullptr);

  const LabComparison& comparison() const { return comparison_; }
  // Replaces the comparison. Relevance marks stay while the query stays the same: the user is
  // tuning variants against the judgements already made.
  void setComparison(LabComparison comparison);
  // The query the relevance marks were made for, and marks kept from an earlier session: they
  // count once a comparison of `query` runs.
  const QString& judgedQuery() const { return judged_query_; }
  void restoreRelevance(const QString& query, const QSet<int64_t>& relevant);
  // Columns follow the variant editors: an added variant has no ranking until the next run; a
  // removed one takes its ranking along (the next becomes the baseline if it was the first).
  void appendVariant(const LabVariant& variant);
  void removeVariant(size_t index);

  // How many results each column lists (the whole ranking counts for the metrics).
  int shown() const { return shown_; }
  void setShown(int count);

  bool isRelevant(int64_t chunk_id) const { return relevant_.contains(chunk_id); }
  void setRelevant(int64_t chunk_id, bool relevant);
  const QSet<int64_t>& relevant() const { return relevant_; }
  // The marked passages that are in the pool: the set the metrics count as relevant.
  int relevantInPool() const;

  RankingMetrics metrics(size_t variant) const;
  // Markers for the shown entries of `variant` against the first variant; none for the first
  // variant itself, nor while the first has no ranking.
  std::vector<RankMove> moves(size_t variant) const;

 signals:
  void comparisonChanged();  // replaced, or a variant added or removed: everything reloads
  void relevanceChanged(qint64 chunk_id);
  void shownChanged();

 private:
  LabComparison comparison_;
  QSet<int64_t> relevant_;
  QString judged_query_;  // trimmed
  int shown_ = 20;
};

}  // namespace xun::gui
