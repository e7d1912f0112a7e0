// What a new user sees above the results until the application is set up: without an indexed
// folder, a button to add one; without an embedding model, a button to download or locate one
// (in Settings), and the reassurance that keyword search already works. Hidden once both exist.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace xun::gui {

class FirstRunBanner final : public QFrame {
  Q_OBJECT

 public:
  explicit FirstRunBanner(QWidget* parent = nullptr);

  // `has_model`: an embedding model is loaded; `models_loading`: one may be on its way (the
  // model part waits for it); `has_folders`: the index has at least one folder.
  void setState(bool has_model, bool models_loading, bool has_folders);
  QString text() const;

 signals:
  void addFolderClicked();
  void openSettingsClicked();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QLabel* icon_ = nullptr;
  QLabel* text_ = nullptr;
  QPushButton* add_folder_ = nullptr;
  QPushButton* open_settings_ = nullptr;
  bool needs_folder_ = false;
  bool needs_model_ = false;
};

}  // namespace xun::gui
