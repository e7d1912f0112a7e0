#include "models/file_transfer.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <filesystem>
#include <system_error>

#include "models/file_hash_job.h"
#include "scan/fs_path.h"

namespace xun::core {
namespace {

constexpr qint64 read_buffer_bytes = 4 << 20;  // what may wait in memory when the disk is slower
constexpr int max_retry_delay_ms = 30'000;

QString url_text(const QUrl& url) { return url.toDisplayString(); }

// Writes until done or refused. A write cut short (the disk filled up in the middle of it) sets
// no error; the next one fails and carries the OS's reason (ENOSPC, EFBIG, EIO).
qint64 write_all(QFile& file, QByteArrayView bytes) {
  qint64 written = 0;
  while (written < bytes.size()) {
    const qint64 n = file.write(bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += n;
  }
  return written;
}

// Statuses worth asking again for: the server is busy or failing, not refusing.
bool is_transient_status(int status) { return status == 408 || status == 429 || status >= 500; }

}  // namespace

FileTransfer::FileTransfer(QNetworkAccessManager& network, RemoteFile file, QString final_path, RetryPolicy policy,
                           QObject* parent)
    : QObject(parent),
      network_(network),
      file_(std::move(file)),
      final_path_(std::move(final_path)),
      policy_(policy),
      hasher_(file_.checksum, file_.size) {
  retry_timer_.setSingleShot(true);
  connect(&retry_timer_, &QTimer::timeout, this, &FileTransfer::send_request);
}

FileTransfer::~FileTransfer() { cancel(); }

void FileTransfer::start() { QMetaObject::invokeMethod(this, &FileTransfer::begin, Qt::QueuedConnection); }

void FileTransfer::begin() {
  if (done_) return;  // cancelled before it began
  const QFileInfo target(final_path_);
  if (!QDir().mkpath(target.absolutePath())) return fail(target.absolutePath() + ": cannot create the folder");
  if (target.isFile() && target.size() == file_.size) return check_existing_file();
  resume_partial_file();
}

// A file of the right size may be a finished download (skip it) or stale (fetch it again).
void FileTransfer::check_existing_file() {
  if (file_.checksum == ChecksumKind::none) {  // nothing more to check it by
    done_ = true;
    emit progressed(file_.size, 0);
    emit finished(true);
    return;
  }
  hasher_.reset();
  hash_job_ = new FileHashJob(final_path_, file_.size, hasher_, this);
  connect(hash_job_, &FileHashJob::progressed, this, [this](qint64 bytes) { emit progressed(bytes, 0); });
  connect(hash_job_, &FileHashJob::failed, this, [this] {
    hash_job_->deleteLater();
    resume_partial_file();  // unreadable: fetch it again, the rename will replace it
  });
  connect(hash_job_, &FileHashJob::done, this, [this] {
    hash_job_->deleteLater();
    if (hasher_.hex_digest() != file_.expected) return resume_partial_file();
    QFile::remove(part_path());  // a leftover of an earlier attempt, if any
    done_ = true;
    emit finished(true);
  });
  hash_job_->start();
}

// The .part holds the first bytes of the file from an earlier attempt: hash them, then continue.
void FileTransfer::resume_partial_file() {
  hasher_.reset();
  offset_ = 0;
  const QFileInfo part(part_path());
  if (part.exists() && part.size() > file_.size) {
    if (!QFile::remove(part_path())) return fail(part_path() + ": is larger than the file and cannot be removed");
  } else if (part.exists() && part.size() > 0) {
    const qint64 bytes = part.size();
    hash_job_ = new FileHashJob(part_path(), bytes, hasher_, this);
    connect(hash_job_, &FileHashJob::progressed, this, [this](qint64 hashed) { emit progressed(hashed, 0); });
    connect(hash_job_, &FileHashJob::failed, this, [this](const QString& message) { fail(message); });
    connect(hash_job_, &FileHashJob::done, this, [this, bytes] {
      hash_job_->deleteLater();
      offset_ = bytes;
      open_part_and_fetch();
    });
    hash_job_->start();
    return;
  }
  open_part_and_fetch();
}

void FileTransfer::open_part_and_fetch() {
  part_.setFileName(part_path());
  // Unbuffered: a write error (disk full) shows at the write that caused it.
  if (!part_.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
    return fail(part_path() + ": cannot write: " + part_.errorString());
  if (part_.size() != offset_ && !part_.resize(offset_))  // only hashed bytes count
    return fail(part_path() + ": cannot write: " + part_.errorString());
  if (offset_ == file_.size) return complete();
  send_request();
}

void FileTransfer::send_request() {
  QNetworkRequest request(file_.url);
  // Hugging Face sends large files through a redirect to its CDN.
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
  // Byte ranges and sizes count stored bytes; a compressed answer would shift them.
  request.setRawHeader("Accept-Encoding", "identity");
  request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Xun"));
  if (offset_ > 0) request.setRawHeader("Range", "bytes=" + QByteArray::number(offset_) + "-");
  request.setTransferTimeout(policy_.stall_timeout_ms);
  response_accepted_ = false;
  offset_at_request_ = offset_;
  reply_ = network_.get(request);
  reply_->setReadBufferSize(read_buffer_bytes);
  connect(reply_, &QNetworkReply::readyRead, this, &FileTransfer::on_ready_read);
  connect(reply_, &QNetworkReply::finished, this, &FileTransfer::on_reply_finished);
}

// Whether the reply's body is this file's bytes from offset_ on. False for an error page (judged
// when the reply finishes) or a reply that cannot be used (then the transfer has failed).
bool FileTransfer::accept_response() {
  const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (status < 200 || status >= 300) return false;
  if (response_accepted_) return true;
  response_accepted_ = true;
  const QString where = final_path_ + ": " + url_text(file_.url);
  if (status == 206) {
    static const QRegularExpression form(R"(^bytes (\d+)-(\d+)/(\d+|\*)$)");
    const QByteArray range = reply_->rawHeader("Content-Range");
    const QRegularExpressionMatch match = form.match(QString::fromLatin1(range).trimmed());
    if (!match.hasMatch() || match.captured(1).toLongLong() != offset_ ||
        (match.captured(3) != "*" && match.captured(3).toLongLong() != file_.size)) {
      fail(where + ": asked for bytes " + QString::number(offset_) + "- of " + QString::number(file_.size) +
           ", the server answered with Content-Range \"" + QString::fromLatin1(range.left(100)) + "\"");
      return false;
    }
    return true;
  }
  if (status != 200) {
    fail(where + ": unexpected HTTP status " + QString::number(status));
    return false;
  }
  if (offset_ > 0) restart_from_zero();  // the server ignored the Range: this is byte 0 on
  const QVariant length = reply_->header(QNetworkRequest::ContentLengthHeader);
  if (length.isValid() && length.toLongLong() != file_.size) {
    fail(where + ": the server sends " + QString::number(length.toLongLong()) + " bytes, the file list says " +
         QString::number(file_.size));
    return false;
  }
  return true;
}

void FileTransfer::on_ready_read() {
  if (!reply_ || done_ || !reply_->isOpen()) return;  // closed: aborted by the stall timeout
  if (!accept_response()) {
    if (reply_) reply_->readAll();  // an error page: not the file's bytes
    return;
  }
  const QByteArray data = reply_->readAll();
  if (data.isEmpty()) return;
  if (data.size() > file_.size - offset_)
    return fail(final_path_ + ": " + url_text(file_.url) + ": the server sent more than the listed " +
                QString::number(file_.size) + " bytes");
  if (write_all(part_, data) != data.size())
    return fail(part_path() + ": cannot write: " + part_.errorString() + " (the " + QString::number(part_.size()) +
                " bytes on disk are kept; starting again continues from there)");
  hasher_.add(data);
  offset_ += data.size();
  emit progressed(offset_, data.size());
}

void FileTransfer::on_reply_finished() {
  if (!reply_ || done_) return;
  on_ready_read();  // bytes that arrived with the end
  if (done_) return;
  const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QString reason = reply_->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
  const QNetworkReply::NetworkError error = reply_->error();
  const QString error_text = reply_->errorString();
  drop_reply();

  if (status >= 300) {
    if (status == 416 && !restarted_for_416_) {  // the .part does not fit what the server has
      restarted_for_416_ = true;
      restart_from_zero();
      return send_request();
    }
    const QString problem = "HTTP " + QString::number(status) + (reason.isEmpty() ? QString() : " " + reason);
    if (is_transient_status(status)) return retry_or_fail(url_text(file_.url) + " answered " + problem);
    return fail(final_path_ + ": " + url_text(file_.url) + " answered " + problem);
  }
  if (error != QNetworkReply::NoError) return retry_or_fail(error_text);
  if (offset_ < file_.size)
    return retry_or_fail("the connection ended after " + QString::number(offset_) + " of " +
                         QString::number(file_.size) + " bytes");
  complete();
}

void FileTransfer::retry_or_fail(const QString& problem) {
  fruitless_attempts_ = offset_ > offset_at_request_ ? 0 : fruitless_attempts_ + 1;
  if (fruitless_attempts_ >= policy_.attempts)
    return fail(final_path_ + ": download failed after " + QString::number(fruitless_attempts_) +
                " attempts: " + problem + " (" + QString::number(offset_) + " of " + QString::number(file_.size) +
                " bytes are kept in " + part_path() + "; starting again continues from there)");
  const int doublings = std::min(std::max(fruitless_attempts_ - 1, 0), 16);
  retry_timer_.start(std::min<qint64>(qint64(policy_.first_delay_ms) << doublings, max_retry_delay_ms));
}

void FileTransfer::restart_from_zero() {
  part_.resize(0);
  hasher_.reset();
  offset_ = 0;
  offset_at_request_ = 0;
  emit progressed(0, 0);
}

void FileTransfer::complete() {
  part_.close();
  const QByteArray actual = hasher_.hex_digest();
  if (actual != file_.expected) {
    QFile::remove(part_path());  // bad bytes: resuming from them could never succeed
    return fail(final_path_ + ": checksum mismatch: expected " + describe_digest(file_.checksum, file_.expected) +
                ", got " + describe_digest(file_.checksum, actual) + "; the download was deleted");
  }
  std::error_code error;
  std::filesystem::rename(to_fs_path(part_path()), to_fs_path(final_path_), error);  // replaces a stale file
  if (error)
    return fail(final_path_ + ": cannot move the finished download into place: " + QString::fromStdString(error.message()));
  done_ = true;
  emit finished(false);
}

void FileTransfer::cancel() {
  done_ = true;
  drop_reply();
  retry_timer_.stop();
  if (hash_job_) {  // may be the sender of the signal being handled: no delete here
    disconnect(hash_job_, nullptr, this, nullptr);
    hash_job_->stop();
    hash_job_->deleteLater();
  }
  part_.close();
}

void FileTransfer::fail(const QString& message) {
  if (done_) return;
  cancel();
  emit failed(message);
}

void FileTransfer::drop_reply() {
  if (!reply_) return;
  QNetworkReply* reply = reply_;
  reply_ = nullptr;
  disconnect(reply, nullptr, this, nullptr);
  reply->abort();
  reply->deleteLater();
}

}  // namespace xun::core
