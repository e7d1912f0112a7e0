#include "models/file_hash_job.h"

namespace xun::core {
namespace {

constexpr qint64 slice_bytes = 4 << 20;  // a few milliseconds of SHA-256 per event-loop turn

}  // namespace

FileHashJob::FileHashJob(const QString& path, qint64 bytes, ContentHasher& hasher, QObject* parent)
    : QObject(parent), file_(path), bytes_(bytes), hasher_(hasher) {
  tick_.setInterval(0);
  connect(&tick_, &QTimer::timeout, this, &FileHashJob::hash_slice);
}

void FileHashJob::start() {
  if (!file_.open(QIODevice::ReadOnly)) {
    const QString message = file_.fileName() + ": cannot read: " + file_.errorString();
    QTimer::singleShot(0, this, [this, message] { emit failed(message); });
    return;
  }
  tick_.start();
}

void FileHashJob::stop() {
  tick_.stop();
  file_.close();
}

void FileHashJob::hash_slice() {
  const QByteArray slice = file_.read(std::min(slice_bytes, bytes_ - hashed_));
  if (slice.isEmpty() && hashed_ < bytes_) {
    tick_.stop();
    const QString why = file_.error() != QFileDevice::NoError ? file_.errorString() : QString("it ended early");
    emit failed(file_.fileName() + ": cannot read byte " + QString::number(hashed_) + ": " + why);
    return;
  }
  hasher_.add(slice);
  hashed_ += slice.size();
  emit progressed(hashed_);
  if (hashed_ >= bytes_) {
    tick_.stop();
    file_.close();
    emit done();
  }
}

}  // namespace xun::core
