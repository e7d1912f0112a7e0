#include "window/main_window.h"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QUrl>

#include "common/file_actions.h"
#include "folders/failures_panel.h"
#include "folders/folders_page.h"
#include "lab/lab_page.h"
#include "library/library_page.h"
#include "search/search_page.h"
#include "services/app_services.h"
#include "settings/settings_page.h"
#include "services/localization.h"

namespace xun::gui {
namespace {

constexpr int kFileActionMessageMs = 15000;  // long enough to read a path

}  // namespace

MainWindow::MainWindow(AppServices& services, Localization& localization, QWidget* parent)
    : QMainWindow(parent), services_(services), localization_(localization) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/xun.svg")));
  setAcceptDrops(true);
  resize(1180, 760);

  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  search_ = new SearchPage(services_, tabs_);
  folders_ = new FoldersPage(services_, tabs_);
  lab_ = new LabPage(services_, tabs_);
  library_ = new LibraryPage(services_, tabs_);
  settings_ = new SettingsPage(services_, localization_, tabs_);
  tabs_->addTab(search_, QIcon(QStringLiteral(":/icons/search.svg")), QString());
  tabs_->addTab(folders_, QIcon(QStringLiteral(":/icons/folder.svg")), QString());
  tabs_->addTab(lab_, QIcon(QStringLiteral(":/icons/lab.svg")), QString());
  tabs_->addTab(library_, QIcon(QStringLiteral(":/icons/library.svg")), QString());
  tabs_->addTab(settings_, QIcon(QStringLiteral(":/icons/settings.svg")), QString());
  setCentralWidget(tabs_);
  connect(search_, &SearchPage::openSettingsRequested, this, [this] { showPage(Page::settings); });

  model_status_ = new QLabel(this);
  index_status_ = new QLabel(this);
  index_progress_ = new QProgressBar(this);
  index_progress_->setMaximumWidth(180);
  index_progress_->setVisible(false);
  statusBar()->addWidget(model_status_, 1);
  statusBar()->addPermanentWidget(index_status_);
  statusBar()->addPermanentWidget(index_progress_);

  // A file that no program would open says why where the user looks, not on the console.
  auto say_why = [this](const QString& message) { statusBar()->showMessage(message, kFileActionMessageMs); };
  search_->fileActions().failed = say_why;
  library_->fileActions().failed = say_why;
  if (auto* failures = folders_->findChild<FailuresPanel*>()) {
    FileActions actions;
    actions.failed = say_why;
    failures->setFileActions(std::move(actions));
  }

  auto* focus_search = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), this);
  connect(focus_search, &QShortcut::activated, this, [this] {
    showPage(Page::search);
    search_->focusQuery();
  });

  connect(&services_, &AppServices::modelsLoadingStarted, this, &MainWindow::update_model_status);
  connect(&services_, &AppServices::modelsChanged, this, &MainWindow::update_model_status);
  IndexService& indexing = services_.indexing();
  connect(&indexing, &IndexService::busyChanged, this, [this](bool busy) {
    index_progress_->setVisible(busy);
    if (busy) index_progress_->setRange(0, 0);
    index_status_->setText(busy ? tr("Indexing…") : QString());
  });
  connect(&indexing, &IndexService::progress, this, [this](const core::IndexProgress& progress) {
    if (progress.files_total > 0) {
      index_progress_->setRange(0, static_cast<int>(progress.files_total));
      index_progress_->setValue(static_cast<int>(progress.files_done));
    }
    index_status_->setText(tr("Indexing %1 of %2 files").arg(progress.files_done).arg(progress.files_total));
  });

  restore_layout();
  retranslate();
  search_->focusQuery();
}

// A window that is not closed first (the application quits, a test drops it) keeps its state too.
MainWindow::~MainWindow() { saveSettings(); }

// Splitters are kept by object name: a splitter without one keeps its default sizes.
void MainWindow::restore_layout() {
  AppSettings& settings = services_.settings();
  if (const QByteArray geometry = settings.layoutState(QStringLiteral("window")); !geometry.isEmpty())
    restoreGeometry(geometry);
  for (QSplitter* splitter : findChildren<QSplitter*>())
    if (const QByteArray state = settings.layoutState(splitter->objectName());
        !splitter->objectName().isEmpty() && !state.isEmpty())
      splitter->restoreState(state);
}

void MainWindow::saveSettings() {
  AppSettings& settings = services_.settings();
  settings.setLayoutState(QStringLiteral("window"), saveGeometry());
  for (QSplitter* splitter : findChildren<QSplitter*>())
    if (!splitter->objectName().isEmpty()) settings.setLayoutState(splitter->objectName(), splitter->saveState());
  search_->saveState();
  lab_->saveState();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  saveSettings();
  QMainWindow::closeEvent(event);
}

void MainWindow::showPage(Page page) { tabs_->setCurrentIndex(static_cast<int>(page)); }

MainWindow::Page MainWindow::currentPage() const { return static_cast<Page>(tabs_->currentIndex()); }

void MainWindow::addFolders(const QStringList& paths) {
  QStringList folders;
  for (const QString& path : paths)
    if (QFileInfo(path).isDir()) folders << path;
  if (folders.isEmpty()) return;
  services_.indexing().indexFolders(folders);
  showPage(Page::folders);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!event->mimeData()->hasUrls()) return;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) {
      event->acceptProposedAction();
      return;
    }
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  addFolders(paths);
  event->acceptProposedAction();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::retranslate() {
  setWindowTitle(tr("Xun — private semantic search"));
  tabs_->setTabText(0, tr("Search"));
  tabs_->setTabText(1, tr("Folders"));
  tabs_->setTabText(2, tr("Instruction lab"));
  tabs_->setTabText(3, tr("Library"));
  tabs_->setTabText(4, tr("Settings"));
  update_model_status();
}

void MainWindow::update_model_status() {
  if (services_.modelsLoading()) {
    model_status_->setText(tr("Loading models…"));
    return;
  }
  const LoadedModels& models = services_.models();
  QStringList parts;
  if (models.embedding)
    parts << tr("Embedding: %1").arg(QFileInfo(QString::fromStdString(models.embedding->info().path.string())).fileName());
  else
    parts << tr("No embedding model: keyword search only");
  if (models.reranker)
    parts << tr("Reranker: %1").arg(QFileInfo(QString::fromStdString(models.reranker->info().path.string())).fileName());
  if (models.device) parts << QString::fromStdString(models.device->name);
  if (!models.errors.isEmpty()) parts << tr("%n model(s) failed to load", "", models.errors.size());
  model_status_->setText(parts.join(QStringLiteral(" · ")));
  model_status_->setToolTip(models.errors.join(QLatin1Char('\n')));
}

}  // namespace xun::gui
