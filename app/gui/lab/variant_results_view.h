// One variant's results in the lab: its metrics against the passages marked relevant, a line
// on how it ran (or why it could not), and its ranked list. Selecting a result tells the page,
// which selects the same passage in the other variants' lists.
#pragma once

#include <QWidget>

#include "lab/lab_results.h"

class QLabel;
class QTableView;

namespace xun::gui {

class VariantRankingModel;

class VariantResultsView final : public QWidget {
  Q_OBJECT

 public:
  VariantResultsView(LabResults& results, size_t variant, QWidget* parent = nullptr);

  void setVariant(size_t variant);
  // Selects the passage's row (if listed) without emitting chunkSelected.
  void selectChunk(qint64 chunk_id);
  QTableView* table() const { return table_; }
  VariantRankingModel* model() const { return model_; }

 signals:
  void chunkSelected(qint64 chunk_id);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void update_metrics();
  void update_status();
  void on_current_changed();

  LabResults& results_;
  VariantRankingModel* model_;
  QLabel* ndcg_caption_;
  QLabel* ndcg_;
  QLabel* mrr_caption_;
  QLabel* mrr_;
  QLabel* recall_caption_;
  QLabel* recall_;
  QLabel* status_;
  QTableView* table_;
  bool selecting_ = false;  // selectChunk() is moving the selection
};

}  // namespace xun::gui
