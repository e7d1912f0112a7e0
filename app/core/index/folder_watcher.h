// Watches indexed folders (every subfolder, since QFileSystemWatcher is not recursive) and
// announces a change once things settle, so that a burst of saves costs one re-index.
#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace xun::core {

class FolderWatcher final : public QObject {
  Q_OBJECT

 public:
  // `settle_ms`: quiet time after the last event before `changed` is emitted.
  explicit FolderWatcher(QStringList roots, int settle_ms = 1000, QObject* parent = nullptr);

  // Re-lists the folders under the roots (new subfolders appear after a change).
  void refresh();
  const QStringList& roots() const { return roots_; }

 signals:
  // Something under the roots was created, changed, renamed or deleted.
  void changed();

 private:
  void on_event();

  QStringList roots_;
  QFileSystemWatcher watcher_;
  QTimer settle_;
};

}  // namespace xun::core
