// Hashes the first bytes of a file a slice at a time from the event loop: checking a 16 GB
// model already on disk, or the partial file a download resumes, keeps the thread responsive
// and stops as soon as the job is deleted.
#pragma once

#include <QFile>
#include <QObject>
#include <QTimer>

#include "models/content_hash.h"

namespace xun::core {

class FileHashJob final : public QObject {
  Q_OBJECT

 public:
  // Feeds the first `bytes` bytes of `path` to `hasher`, which must outlive the job.
  FileHashJob(const QString& path, qint64 bytes, ContentHasher& hasher, QObject* parent = nullptr);
  void start();
  // No further slice is read; no signal follows.
  void stop();

 signals:
  void progressed(qint64 bytes_hashed);
  void done();
  void failed(const QString& message);  // names the file and the OS error

 private:
  void hash_slice();

  QFile file_;
  qint64 bytes_;
  qint64 hashed_ = 0;
  ContentHasher& hasher_;
  QTimer tick_;
};

}  // namespace xun::core
