// The instruction lab: for one query, two or more variants (instructions for the query
// embedding and the reranker, with the models to use) rank the same candidate passages side by
// side. Each column shows its ranking with scores and how each result moved against the first
// variant; the user marks results relevant and reads NDCG@10, MRR and recall@10 per variant; a
// chart shows the score distributions. Variants are saved as presets; a comparison is exported
// to CSV or JSON. The work runs on the search thread (LabRunner) and can be cancelled.
#pragma once

#include <memory>
#include <vector>

#include <QFutureWatcher>
#include <QWidget>

#include "lab/lab_results.h"
#include "lab/lab_runner.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QHBoxLayout;
class QTimer;
class QToolButton;

namespace xun::gui {

class AppServices;
class PresetBar;
class ScoreChart;
class VariantEditor;
class VariantResultsView;

class LabPage final : public QWidget {
  Q_OBJECT

 public:
  explicit LabPage(AppServices& services, QWidget* parent = nullptr);
  ~LabPage() override;  // cancels a run still going

  LabResults& results() { return results_; }
  std::vector<LabVariant> variants() const;
  void setVariants(const std::vector<LabVariant>& variants);
  bool isRunning() const { return control_ != nullptr; }

  // Keeps the query, the variants and the relevance marks in the settings for the next start
  // (the window calls it when it closes; the constructor restores them).
  void saveState();

  // Starts the comparison of the variants for the query typed; runFinished() follows.
  void run();
  void cancel();
  // Writes the comparison to `path` (JSON for *.json, CSV otherwise); false with the reason in
  // the status line when it could not. The Export button asks for the path first.
  bool exportComparison(const QString& path);

 signals:
  void runFinished();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Column {
    QWidget* widget;
    VariantEditor* editor;
    VariantResultsView* results;
  };

  void retranslate();
  void restore_state();
  void add_variant(const LabVariant& variant);
  void remove_variant(size_t index);
  void renumber();
  LabVariant default_variant() const;
  void on_finished();
  void show_progress();
  void set_running(bool running);
  void select_everywhere(qint64 chunk_id);
  void ask_path_and_export();
  void update_actions();

  AppServices& services_;
  LabResults results_;
  std::shared_ptr<LabRunControl> control_;  // set while a run is going
  QFutureWatcher<Result<LabComparison>> watcher_;
  QTimer* progress_timer_;
  QLabel* query_label_;
  QLineEdit* query_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  PresetBar* presets_;
  QLabel* shown_label_;
  QSpinBox* shown_;
  QToolButton* add_;
  QToolButton* export_;
  QLabel* status_;
  QHBoxLayout* columns_layout_;
  std::vector<Column> columns_;
  ScoreChart* chart_;
};

}  // namespace xun::gui
