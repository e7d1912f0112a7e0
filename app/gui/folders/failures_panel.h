// The files that failed in the last runs and those they skipped, with why, and two actions: copy
// the list (or the selected lines) and show the selected file in its folder; a context menu adds
// Open and Copy path. Hidden while nothing failed or was skipped.
#pragma once

#include <vector>

#include <QWidget>

#include "common/file_actions.h"
#include "index/index_types.h"

class QLabel;
class QPushButton;
class QTreeView;

namespace xun::gui {

class FailuresModel;

class FailuresPanel final : public QWidget {
  Q_OBJECT

 public:
  explicit FailuresPanel(QWidget* parent = nullptr);

  void setFiles(std::vector<core::FileFailure> failures, std::vector<core::FileFailure> skipped);
  FailuresModel* model() const { return model_; }
  // What Open and "Show in folder" call (tests record the calls instead).
  void setFileActions(FileActions actions) { file_actions_ = std::move(actions); }
  void retranslate();

 private:
  void copy();
  void show_in_folder();
  void show_context_menu(const QPoint& position);
  std::vector<int> chosen_rows() const;  // the selected rows, or all of them
  void update_actions();

  FailuresModel* model_ = nullptr;
  QLabel* title_ = nullptr;
  QTreeView* view_ = nullptr;
  QPushButton* copy_ = nullptr;
  QPushButton* open_folder_ = nullptr;
  FileActions file_actions_;
};

}  // namespace xun::gui
