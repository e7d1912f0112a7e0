// The index manager page: building it, wiring it to the services, drops and languages. The
// actions and the table's rows are in folders_page_actions.cpp.
#include "folders/folders_page.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

#include "folders/failures_panel.h"
#include "folders/folder_status_loader.h"
#include "folders/folders_model.h"
#include "folders/index_progress_panel.h"
#include "folders/run_history.h"
#include "services/app_services.h"

namespace xun::gui {
namespace {

// While a job runs, the counts in the table are read again this often.
constexpr int kRefreshWhileIndexingMs = 1000;

// The local folders among the URLs of a drag (files are not indexed on their own).
QStringList dropped_folders(const QMimeData* mime) {
  QStringList folders;
  if (mime == nullptr || !mime->hasUrls()) return folders;
  for (const QUrl& url : mime->urls())
    if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) folders << url.toLocalFile();
  return folders;
}

}  // namespace

FoldersPage::FoldersPage(AppServices& services, QWidget* parent)
    : QWidget(parent), services_(services),
      choose_folder_([](QWidget* owner) {
        return QFileDialog::getExistingDirectory(owner, tr("Add a folder to the index"));
      }),
      confirm_remove_([](QWidget* owner, const QStringList& folders) {
        const QString text =
            folders.size() == 1
                ? tr("Remove “%1” from the index?").arg(QDir::toNativeSeparators(folders.front()))
                : tr("Remove %n folder(s) from the index?", "", static_cast<int>(folders.size()));
        QMessageBox box(QMessageBox::Question, tr("Remove from the index"), text,
                        QMessageBox::Cancel, owner);
        box.setInformativeText(tr("Search will no longer find their files. The files on disk are "
                                  "not touched: only the index forgets them."));
        box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        return box.buttonRole(box.clickedButton()) == QMessageBox::DestructiveRole;
      }) {
  setObjectName(QStringLiteral("foldersPage"));
  setAcceptDrops(true);
  model_ = new FoldersModel(this);
  history_ = new RunHistory(services_.indexing(), this);
  loader_ = new FolderStatusLoader(services_.search(), this);
  refresh_ = new QTimer(this);
  refresh_->setInterval(kRefreshWhileIndexingMs);
  build_actions();
  build_layout();
  connect_services();
  pause_->setChecked(services_.indexing().isPaused());
  retranslate();
  if (services_.indexing().isBusy()) refresh_->start();
  reload();
}

FoldersPage::~FoldersPage() = default;

void FoldersPage::build_layout() {
  toolbar_ = new QToolBar(this);
  toolbar_->setObjectName(QStringLiteral("foldersToolBar"));
  toolbar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  toolbar_->addAction(add_);
  toolbar_->addAction(remove_);
  toolbar_->addSeparator();
  toolbar_->addAction(reindex_);
  toolbar_->addAction(reindex_all_);
  toolbar_->addSeparator();
  toolbar_->addAction(pause_);
  toolbar_->addAction(cancel_);

  hint_ = new QLabel(this);
  hint_->setObjectName(QStringLiteral("foldersHint"));
  hint_->setWordWrap(true);
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("foldersError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setVisible(false);

  view_ = new QTableView(this);
  view_->setObjectName(QStringLiteral("foldersView"));
  view_->setModel(model_);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setAlternatingRowColors(true);
  view_->setShowGrid(false);
  view_->setWordWrap(false);
  view_->setTextElideMode(Qt::ElideMiddle);
  view_->setContextMenuPolicy(Qt::CustomContextMenu);
  view_->verticalHeader()->setVisible(false);
  QHeaderView* header = view_->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::ResizeToContents);
  header->setSectionResizeMode(FoldersModel::PathColumn, QHeaderView::Stretch);
  view_->addAction(remove_);
  view_->addAction(reindex_);

  progress_ = new IndexProgressPanel(this);
  failures_ = new FailuresPanel(this);
  failures_->setObjectName(QStringLiteral("failuresPanel"));

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(toolbar_);
  layout->addWidget(hint_);
  layout->addWidget(error_);
  layout->addWidget(view_, 3);
  layout->addWidget(progress_);
  layout->addWidget(failures_, 2);
}

void FoldersPage::connect_services() {
  IndexService& indexing = services_.indexing();
  connect(&indexing, &IndexService::foldersChanged, this, &FoldersPage::reload);
  connect(&indexing, &IndexService::started, this, [this](const QStringList& folders) {
    error_->setVisible(false);
    progress_->showStarted(folders);
    reload();  // a new folder is in the store now
  });
  connect(&indexing, &IndexService::progress, progress_, &IndexProgressPanel::showProgress);
  connect(&indexing, &IndexService::finished, this, [this](const core::IndexReport& report) {
    progress_->showFinished(report);
    reload();
  });
  connect(&indexing, &IndexService::failed, this, [this](const QString& message) {
    if (progress_->isRunning()) {  // the run stopped: its panel says why
      progress_->showFailed(message);
    } else {
      error_->setText(message);
      error_->setVisible(true);
    }
    reload();
  });
  connect(&indexing, &IndexService::busyChanged, this, [this](bool busy) {
    if (busy)
      refresh_->start();
    else
      refresh_->stop();
    update_rows();
  });
  connect(&indexing, &IndexService::queueChanged, this, &FoldersPage::update_rows);
  connect(&indexing, &IndexService::pausedChanged, this, [this](bool paused) {
    pause_->setChecked(paused);
    progress_->showPaused(paused);
    retranslate();
    update_rows();
  });
  connect(refresh_, &QTimer::timeout, this, &FoldersPage::reload);
  connect(history_, &RunHistory::changed, this, [this] {
    failures_->setFiles(history_->failures(), history_->skipped());
    update_rows();
  });
  connect(loader_, &FolderStatusLoader::loaded, this, [this](const core::StoreStatus& status) {
    status_ = status;
    update_rows();
  });
  connect(loader_, &FolderStatusLoader::failed, this, [this](const QString& message) {
    error_->setText(tr("Could not read the index: %1").arg(message));
    error_->setVisible(true);
  });
  connect(&services_, &AppServices::modelsLoadingStarted, this, &FoldersPage::update_hint);
  connect(&services_, &AppServices::modelsChanged, this, &FoldersPage::update_hint);
  connect(model_, &FoldersModel::watchingToggled, this, &FoldersPage::set_watching);
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &FoldersPage::update_actions);
  connect(view_, &QTableView::customContextMenuRequested, this, &FoldersPage::show_context_menu);
}

void FoldersPage::reload() { loader_->load(); }

void FoldersPage::dragEnterEvent(QDragEnterEvent* event) {
  if (!dropped_folders(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void FoldersPage::dropEvent(QDropEvent* event) {
  const QStringList folders = dropped_folders(event->mimeData());
  if (folders.isEmpty()) return;
  services_.indexing().indexFolders(folders);
  event->acceptProposedAction();
}

void FoldersPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void FoldersPage::retranslate() {
  add_->setText(tr("Add folder…"));
  add_->setToolTip(tr("Index a folder and everything in it (you can also drop folders here)"));
  remove_->setText(tr("Remove"));
  remove_->setToolTip(tr("Remove the selected folders from the index (files on disk stay)"));
  reindex_->setText(tr("Re-index"));
  reindex_->setToolTip(tr("Index the selected folders again: new and changed files"));
  reindex_all_->setText(tr("Re-index all"));
  reindex_all_->setToolTip(tr("Index every folder again: new and changed files"));
  pause_->setText(pause_->isChecked() ? tr("Resume") : tr("Pause"));
  pause_->setToolTip(pause_->isChecked() ? tr("Go on indexing") : tr("Hold indexing after the current file"));
  cancel_->setText(tr("Cancel"));
  cancel_->setToolTip(tr("Stop indexing; finished files stay in the index"));
  watch_->setText(tr("Watch for changes"));
  open_folder_->setText(tr("Open folder"));
  copy_path_->setText(tr("Copy path"));
  model_->retranslate();
  progress_->retranslate();
  failures_->retranslate();
  update_hint();
}

}  // namespace xun::gui
