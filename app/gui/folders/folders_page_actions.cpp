// The index manager's actions (add, remove, re-index, pause, cancel, watch, the context menu) and
// the rows of its table.
#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QUrl>

#include "folders/folder_status_loader.h"
#include "folders/folders_model.h"
#include "folders/folders_page.h"
#include "folders/run_history.h"
#include "services/app_services.h"

namespace xun::gui {

void FoldersPage::build_actions() {
  auto make = [this](const char* name, const char* icon) {
    auto* action = new QAction(this);
    action->setObjectName(QString::fromLatin1(name));
    if (icon != nullptr) action->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))));
    return action;
  };
  add_ = make("addFolderAction", "add");
  add_->setShortcut(QKeySequence::Open);
  add_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  addAction(add_);
  remove_ = make("removeFolderAction", "remove");
  remove_->setShortcut(QKeySequence::Delete);
  remove_->setShortcutContext(Qt::WidgetShortcut);  // on the table only: Delete edits text elsewhere
  reindex_ = make("reindexFolderAction", "refresh");
  reindex_->setShortcut(QKeySequence::Refresh);
  reindex_->setShortcutContext(Qt::WidgetShortcut);
  reindex_all_ = make("reindexAllAction", "refresh");
  pause_ = make("pauseAction", "pause");
  pause_->setCheckable(true);
  cancel_ = make("cancelAction", "stop");
  watch_ = make("watchFolderAction", nullptr);
  watch_->setCheckable(true);
  open_folder_ = make("openFolderAction", "open");
  copy_path_ = make("copyFolderPathAction", "copy");

  connect(add_, &QAction::triggered, this, &FoldersPage::add_folder);
  connect(remove_, &QAction::triggered, this, &FoldersPage::remove_selected);
  connect(reindex_, &QAction::triggered, this, &FoldersPage::reindex_selected);
  connect(reindex_all_, &QAction::triggered, this, [this] { services_.indexing().indexAll(); });
  connect(pause_, &QAction::triggered, this, [this](bool paused) { services_.indexing().setPaused(paused); });
  connect(cancel_, &QAction::triggered, this, [this] { services_.indexing().cancel(); });
  connect(watch_, &QAction::triggered, this, [this](bool watching) {
    for (const QString& folder : selected_folders()) set_watching(folder, watching);
  });
  connect(open_folder_, &QAction::triggered, this, [this] {
    for (const QString& folder : selected_folders()) QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
  });
  connect(copy_path_, &QAction::triggered, this, [this] {
    QStringList paths;
    for (const QString& folder : selected_folders()) paths << QDir::toNativeSeparators(folder);
    QApplication::clipboard()->setText(paths.join(QLatin1Char('\n')));
  });
}

void FoldersPage::add_folder() {
  const QString folder = choose_folder_(this);
  if (folder.isEmpty()) return;
  services_.indexing().indexFolders({folder});
}

void FoldersPage::remove_selected() {
  const QStringList folders = selected_folders();
  if (folders.isEmpty() || !confirm_remove_(this, folders)) return;
  for (const QString& folder : folders) {
    services_.indexing().removeFolder(folder);
    history_->forget(folder);
    pending_watching_.erase(folder);
  }
}

void FoldersPage::reindex_selected() {
  const QStringList folders = selected_folders();
  if (!folders.isEmpty()) services_.indexing().indexFolders(folders);
}

void FoldersPage::set_watching(const QString& folder, bool watching) {
  pending_watching_[folder] = watching;
  services_.indexing().setWatching(folder, watching);
  update_rows();
}

void FoldersPage::show_context_menu(const QPoint& position) {
  const QModelIndex index = view_->indexAt(position);
  if (!index.isValid()) return;
  if (!view_->selectionModel()->isRowSelected(index.row(), {}))
    view_->selectRow(index.row());
  const FolderRow* row = model_->rowAt(index.row());
  watch_->setChecked(row != nullptr && row->watching);
  QMenu menu(this);
  menu.addAction(reindex_);
  menu.addAction(watch_);
  menu.addSeparator();
  menu.addAction(open_folder_);
  menu.addAction(copy_path_);
  menu.addSeparator();
  menu.addAction(remove_);
  menu.exec(view_->viewport()->mapToGlobal(position));
}

QStringList FoldersPage::selected_folders() const {
  QStringList folders;
  for (const QModelIndex& index : view_->selectionModel()->selectedRows())
    folders << index.data(FoldersModel::PathRole).toString();
  folders.sort();
  return folders;
}

void FoldersPage::update_rows() {
  const IndexService& indexing = services_.indexing();
  const QStringList active = indexing.activeFolders();
  std::vector<FolderRow> rows;
  if (status_) {
    for (const core::StoreStatus::Folder& folder : status_->folders) {
      FolderRow row{.path = folder.folder.path,
                    .documents = folder.documents,
                    .chunks = folder.chunks,
                    .last_indexed_ms = folder.folder.last_indexed_ms,
                    .watching = folder.folder.watching};
      const auto pending = pending_watching_.find(row.path);
      if (pending != pending_watching_.end()) {
        if (pending->second == row.watching)
          pending_watching_.erase(pending);  // the store has it now
        else
          row.watching = pending->second;
      }
      rows.push_back(std::move(row));
    }
  }
  // Folders waiting for their first run are not in the store yet: show them already.
  for (const QString& folder : active + indexing.queuedFolders()) {
    if (std::ranges::none_of(rows, [&folder](const FolderRow& row) { return row.path == folder; }))
      rows.push_back(FolderRow{.path = folder});
  }
  std::ranges::sort(rows, {}, &FolderRow::path);
  for (FolderRow& row : rows) {
    row.failures = history_->failureCount(row.path);
    row.error = history_->folderError(row.path);
    if (active.contains(row.path))
      row.state = indexing.isPaused() ? FolderState::paused : FolderState::indexing;
    else if (indexing.isQueued(row.path))
      row.state = FolderState::queued;
    else if (!row.error.isEmpty())
      row.state = FolderState::failed;
    else
      row.state = row.watching ? FolderState::watching : FolderState::idle;
  }

  const QStringList selected = selected_folders();
  const bool reset = !std::ranges::equal(rows, model_->rows(), [](const FolderRow& a, const FolderRow& b) {
    return a.path == b.path;
  });
  model_->setRows(std::move(rows));
  if (reset) {  // keep the user's selection across a reset
    for (const QString& folder : selected) {
      const int row = model_->rowOf(folder);
      if (row >= 0)
        view_->selectionModel()->select(model_->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
  }
  update_actions();
  update_hint();
}

void FoldersPage::update_actions() {
  const IndexService& indexing = services_.indexing();
  const bool selected = view_->selectionModel()->hasSelection();
  const bool working = indexing.isBusy() || !indexing.isIdle();
  remove_->setEnabled(selected);
  reindex_->setEnabled(selected);
  watch_->setEnabled(selected);
  open_folder_->setEnabled(selected);
  copy_path_->setEnabled(selected);
  reindex_all_->setEnabled(model_->rowCount() > 0);
  pause_->setEnabled(working || indexing.isPaused());
  cancel_->setEnabled(working);
}

void FoldersPage::update_hint() {
  QString hint;
  if (model_->rowCount() == 0) {
    hint = tr("No folders yet. Click “Add folder…” or drop a folder here: its files become "
              "searchable by keyword as soon as they are indexed, and by meaning once an "
              "embedding model is set up in Settings.");
  } else if (!services_.modelsLoading() && !services_.models().embedding) {
    hint = tr("No embedding model: folders are indexed for keyword search. Choose or download a "
              "model in Settings to search by meaning; re-indexing then adds what it needs.");
  }
  hint_->setText(hint);
  hint_->setVisible(!hint.isEmpty());
}

}  // namespace xun::gui
