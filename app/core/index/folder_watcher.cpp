#include "index/folder_watcher.h"

#include <QDirIterator>
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

void FolderWatcher::refresh() {
  QStringList folders;
  for (const QString& root : roots_) {
    if (!QFileInfo(root).isDir()) continue;
    folders << root;
    QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
      const QString folder = it.next();
      // The scanner skips these; watching them (node_modules!) would only cost inotify handles.
      if (is_skipped_folder(it.fileName()) || it.fileName().startsWith('.')) continue;
      folders << folder;
    }
  }
  const QStringList watched = watcher_.directories();
  QStringList added;
  for (const QString& folder : folders)
    if (!watched.contains(folder)) added << folder;
  if (!added.isEmpty()) watcher_.addPaths(added);
}

void FolderWatcher::on_event() { settle_.start(); }

}  // namespace xun::core
