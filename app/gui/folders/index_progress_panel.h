// The progress of the running indexing job: a bar with counts, the rate, the time left and the
// file being read; after the run, its report ("480 files: 470 indexed, ... in 12.3 s"). It only
// shows what the IndexService reports; the page connects it.
#pragma once

#include <optional>

#include <QFrame>
#include <QStringList>

#include "index/index_types.h"

class QLabel;
class QProgressBar;

namespace xun::gui {

class ElidedLabel;

class IndexProgressPanel final : public QFrame {
  Q_OBJECT

 public:
  explicit IndexProgressPanel(QWidget* parent = nullptr);

  void showStarted(const QStringList& folders);
  void showProgress(const core::IndexProgress& progress);
  void showPaused(bool paused);
  void showFinished(const core::IndexReport& report);
  void showFailed(const QString& message);
  void retranslate();
  // Between showStarted() and showFinished()/showFailed().
  bool isRunning() const { return running_; }

 private:
  void show_running(bool running);

  QLabel* title_ = nullptr;
  QProgressBar* bar_ = nullptr;
  QLabel* counts_ = nullptr;
  QLabel* rate_ = nullptr;
  QLabel* time_left_ = nullptr;
  ElidedLabel* current_file_ = nullptr;
  QLabel* report_ = nullptr;

  // What the texts are made from (kept to remake them in another language).
  QStringList folders_;
  std::optional<core::IndexProgress> progress_;
  std::optional<core::IndexReport> report_data_;
  QString failure_;
  bool running_ = false;
  bool paused_ = false;
};

}  // namespace xun::gui
