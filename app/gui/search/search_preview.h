// The preview beside the results: the selected passage in its document's context (PassageView),
// the file's name, path, page and the passage's place in the document, and the actions Open,
// Show in folder and Copy path.
#pragma once

#include <QWidget>

#include "common/passage_context.h"

class QLabel;
class QPushButton;

namespace xun::gui {

struct FileActions;
class PassageView;

class SearchPreview final : public QWidget {
  Q_OBJECT

 public:
  // `actions` belongs to the page and outlives the preview.
  explicit SearchPreview(const FileActions& actions, QWidget* parent = nullptr);

  void showPassage(const PassageContext& passage);
  // Instead of a passage: why there is none ("": nothing is selected).
  void showMessage(const QString& message);
  QString path() const { return path_; }
  PassageView* view() const { return view_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void update_labels();

  const FileActions& actions_;
  QString path_;     // of the passage shown; empty when none
  QString message_;  // shown instead of a passage; empty: the hint to select one
  QLabel* title_ = nullptr;
  QLabel* location_ = nullptr;
  PassageView* view_ = nullptr;
  QPushButton* open_ = nullptr;
  QPushButton* reveal_ = nullptr;
  QPushButton* copy_ = nullptr;
};

}  // namespace xun::gui
