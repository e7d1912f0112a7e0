// Downloads a model repository, or one file of it, from Hugging Face or ModelScope (or a mirror
// of either) into a folder, the way the settings page offers it:
//
//   auto* downloader = new ModelDownloader(this);
//   connect(downloader, &ModelDownloader::progress, ...);   // bytes, total, file, speed
//   connect(downloader, &ModelDownloader::finished, ...);   // the path to give load_model
//   connect(downloader, &ModelDownloader::failed, ...);     // one line for the user
//   downloader->start({.site = ModelSite::modelscope, .repo = "Qwen/Qwen3-Embedding-0.6B",
//                      .destination = "/home/me/models/Qwen3-Embedding-0.6B"});
//
// Every file is checked against the size and checksum the site lists (SHA-256, or git's blob
// id for small Hugging Face files) before it takes its final name; until then it is
// "<name>.part". Nothing is lost to an interruption: files already complete are skipped by the
// next start(), and a .part continues where it stopped, whether the connection dropped (retried
// at once, a few times), cancel() was called, or the program was killed. Data streams to disk
// as it arrives; no file is held in memory.
//
// Threading: a ModelDownloader lives on a thread with an event loop (the GUI thread is fine:
// hashing and writing happen in slices between events).
#pragma once

#include <QList>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <memory>

#include "models/download_types.h"
#include "models/transfer_rate.h"

class QNetworkReply;

namespace xun::core {

class FileTransfer;

class ModelDownloader final : public QObject {
  Q_OBJECT

 public:
  explicit ModelDownloader(QObject* parent = nullptr);
  ~ModelDownloader() override;  // as cancel()

  // Begins a download and returns true; it ends with exactly one `finished` or `failed`, unless
  // cancel() comes first. Returns false, and changes nothing, while another is running: one
  // download at a time per downloader.
  bool start(const DownloadRequest& request);
  // Stops now, keeping complete files and the partial one; the next start() of the same
  // request continues. No signal follows.
  void cancel();
  bool is_running() const { return running_; }
  void set_retry_policy(const RetryPolicy& policy) { policy_ = policy; }

 signals:
  // bytes_done counts files found complete and bytes on disk of the current one; bytes_total
  // is 0 until the file list has arrived. current_file is a path inside the repository.
  // Emitted at most ten times a second, and at every file boundary.
  void progress(qint64 bytes_done, qint64 bytes_total, const QString& current_file, double bytes_per_second);
  void fileFinished(const QString& path);   // a file's final path, checked and in place
  // The model's path: the destination folder, or the one file's path for a single-file request.
  void finished(const QString& model_path);
  void failed(const QString& message);      // names the URL or file and the problem

 private:
  void begin();
  void fetch_listing(const QUrl& url, int page);
  void on_listing(QNetworkReply* reply, int page);
  void choose_files();
  bool enough_space();
  void next_file();
  void on_file_progress(qint64 bytes_ready, qint64 fresh_bytes);
  void emit_progress(bool force);
  void fail(const QString& message);
  void stop();

  QNetworkAccessManager network_;
  RetryPolicy policy_;
  bool running_ = false;
  quint64 generation_ = 0;  // which start() queued work belongs to; cancel() moves it on

  // Per download:
  DownloadRequest request_;
  std::unique_ptr<QLockFile> lock_;
  QPointer<QNetworkReply> listing_reply_;
  QList<RemoteFile> files_;
  qsizetype next_index_ = 0;
  QPointer<FileTransfer> transfer_;
  qint64 bytes_total_ = 0;
  qint64 bytes_before_current_ = 0;  // sizes of the files already dealt with
  qint64 current_ready_ = 0;
  QString current_path_;
  TransferRate rate_;
  QElapsedTimer since_progress_;
};

}  // namespace xun::core
