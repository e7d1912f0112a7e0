#include "index/folder_watcher.h"

#include <QDir>
#include <QFileInfo>

#include "scan/skipped_folders.h"

namespace xun::core {

FolderWatcher::FolderWatcher(QStringList roots, int settle_ms, QObject* parent)
    : QObject(parent), roots_(std::move(roots)) {
  settle_.setSingleShot(true);
  settle_.setInterval(settle_ms);
  connect(&settle_, &QTimer::timeout, this, [this] {
    refresh();
    emit changed();
  });
  connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, &FolderWatcher::on_event);
  connect(&watcher_, &QFileSystemWatcher::fileChanged, this, &FolderWatcher::on_event);
  refresh();
}

namespace {

// `folder` and every subfolder the scanner would visit. Skipped and hidden folders are not
// entered at all: watching node_modules would only cost inotify handles and time.
void collect_folders(const QString& folder, QStringList& folders, int depth) {
  folders << folder;
  if (depth > 64) return;  // a symbolic link loop; the scanner stops such loops the same way
  const QFileInfoList children = QDir(folder).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
  for (const QFileInfo& child : children)
    if (!is_skipped_folder(child.fileName()) && !child.fileName().startsWith('.'))
      collect_folders(child.absoluteFilePath(), folders, depth + 1);
}

}  // namespace

void FolderWatcher::refresh() {
  QStringList folders;
  for (const QString& root : roots_)
    if (QFileInfo(root).isDir()) collect_folders(root, folders, 0);
  const QStringList watched = watcher_.directories();
  QStringList added;
  for (const QString& folder : folders)
    if (!watched.contains(folder)) added << folder;
  if (!added.isEmpty()) watcher_.addPaths(added);
}

void FolderWatcher::on_event() { settle_.start(); }

}  // namespace xun::core
