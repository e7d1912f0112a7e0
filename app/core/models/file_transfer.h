// One file of a repository onto disk. It is skipped when already in place with the listed size
// and checksum; otherwise its bytes stream into "<file>.part" (continuing whatever an earlier
// attempt, process or cancelled download left there, with an HTTP Range), are hashed as they
// arrive, and once complete and verified the .part is renamed over the final name. A dropped
// connection is retried from the bytes on disk; a checksum mismatch deletes the .part.
#pragma once

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "models/content_hash.h"
#include "models/download_types.h"

namespace xun::core {

class FileHashJob;

class FileTransfer final : public QObject {
  Q_OBJECT

 public:
  FileTransfer(QNetworkAccessManager& network, RemoteFile file, QString final_path, RetryPolicy policy,
               QObject* parent = nullptr);
  // Stops at once; the .part keeps every byte written so far.
  ~FileTransfer() override;

  // Begins on the next event-loop turn; the outcome is `finished` or `failed`, once.
  void start();
  // Stops now, without a signal: no byte is written after it returns.
  void cancel();
  const RemoteFile& file() const { return file_; }
  QString part_path() const { return final_path_ + ".part"; }

 signals:
  // `bytes_ready`: bytes of this file on disk and accounted for (hashed); `fresh_bytes`: how
  // many of them just came over the network (0 while checking what was already there).
  void progressed(qint64 bytes_ready, qint64 fresh_bytes);
  void finished(bool was_already_present);
  void failed(const QString& message);

 private:
  void begin();
  void check_existing_file();
  void resume_partial_file();
  void open_part_and_fetch();
  void send_request();
  bool accept_response();
  void on_ready_read();
  void on_reply_finished();
  void retry_or_fail(const QString& problem);
  void restart_from_zero();
  void complete();
  void fail(const QString& message);
  void drop_reply();

  QNetworkAccessManager& network_;
  RemoteFile file_;
  QString final_path_;
  RetryPolicy policy_;

  ContentHasher hasher_;             // over bytes [0, offset_) of the .part
  QFile part_;
  qint64 offset_ = 0;                // bytes of the .part written and hashed
  QPointer<FileHashJob> hash_job_;
  QPointer<QNetworkReply> reply_;
  bool response_accepted_ = false;   // the current reply's status and range were checked
  qint64 offset_at_request_ = 0;
  int fruitless_attempts_ = 0;       // attempts in a row that added no byte
  bool restarted_for_416_ = false;
  bool done_ = false;                // finished or failed was emitted
  QTimer retry_timer_;
};

}  // namespace xun::core
