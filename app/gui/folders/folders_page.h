// The index manager: the indexed folders with their state, counts, last run, watching and
// failures; actions to add (dialog or drop), remove, re-index, pause and cancel; the progress of
// the running job and the files that failed. Everything it reads from the index is read on the
// search thread (FolderStatusLoader), and nothing here waits for a model: folders index for
// keyword search before any model is set up.
#pragma once

#include <functional>
#include <map>
#include <optional>

#include <QWidget>

#include "store/store_types.h"

class QAction;
class QLabel;
class QMenu;
class QTableView;
class QTimer;
class QToolBar;

namespace xun::gui {

class AppServices;
class FailuresPanel;
class FolderStatusLoader;
class FoldersModel;
class IndexProgressPanel;
class RunHistory;

class FoldersPage final : public QWidget {
  Q_OBJECT

 public:
  // Asks for a folder to add; "" when the user cancels.
  using FolderChooser = std::function<QString(QWidget* parent)>;
  // Asks whether to remove `folders` from the index.
  using RemoveConfirmation = std::function<bool(QWidget* parent, const QStringList& folders)>;

  explicit FoldersPage(AppServices& services, QWidget* parent = nullptr);
  ~FoldersPage() override;

  // QFileDialog::getExistingDirectory and a QMessageBox unless a test sets others.
  void setFolderChooser(FolderChooser chooser) { choose_folder_ = std::move(chooser); }
  void setRemoveConfirmation(RemoveConfirmation confirm) { confirm_remove_ = std::move(confirm); }

  FoldersModel* model() const { return model_; }
  // Reads the index's status again (on the search thread); the table follows.
  void reload();

 protected:
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void build_actions();
  void build_layout();
  void connect_services();
  void retranslate();

  void add_folder();
  void remove_selected();
  void reindex_selected();
  void set_watching(const QString& folder, bool watching);
  void show_context_menu(const QPoint& position);

  // The table from the last status read, the indexing service's state and the run history.
  void update_rows();
  void update_actions();
  void update_hint();
  QStringList selected_folders() const;

  AppServices& services_;
  FoldersModel* model_ = nullptr;
  RunHistory* history_ = nullptr;
  FolderStatusLoader* loader_ = nullptr;
  QTimer* refresh_ = nullptr;  // reads the counts again while a job runs

  QToolBar* toolbar_ = nullptr;
  QLabel* hint_ = nullptr;
  QLabel* error_ = nullptr;
  QTableView* view_ = nullptr;
  IndexProgressPanel* progress_ = nullptr;
  FailuresPanel* failures_ = nullptr;

  QAction* add_ = nullptr;
  QAction* remove_ = nullptr;
  QAction* reindex_ = nullptr;
  QAction* reindex_all_ = nullptr;
  QAction* pause_ = nullptr;
  QAction* cancel_ = nullptr;
  QAction* watch_ = nullptr;        // context menu: watch the folder under the mouse
  QAction* open_folder_ = nullptr;  // context menu
  QAction* copy_path_ = nullptr;    // context menu

  std::optional<core::StoreStatus> status_;
  // Watching switched by the user and not yet seen in the store (the indexing thread writes it
  // after the running job): the table shows the user's choice meanwhile.
  std::map<QString, bool> pending_watching_;
  FolderChooser choose_folder_;
  RemoveConfirmation confirm_remove_;
};

}  // namespace xun::gui
