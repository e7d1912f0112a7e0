#include "models/model_download.h"

#include <QDir>
#include <QLocale>
#include <QNetworkReply>
#include <QSet>
#include <QStorageInfo>

#include "models/file_transfer.h"
#include "models/repo_listing.h"

namespace xun::core {
namespace {

constexpr int max_listing_pages = 1000;
constexpr int progress_interval_ms = 100;

QString size_text(qint64 bytes) { return QLocale::c().formattedDataSize(bytes); }

// What a refusal from the listing API most likely means, for the user.
QString listing_hint(int status) {
  if (status == 401 || status == 403 || status == 404)
    return " (no such repository, or it needs a login: check the name and the site)";
  return {};
}

}  // namespace

ModelDownloader::ModelDownloader(QObject* parent) : QObject(parent) { network_.setAutoDeleteReplies(false); }

ModelDownloader::~ModelDownloader() { stop(); }

bool ModelDownloader::start(const DownloadRequest& request) {
  if (running_) return false;
  running_ = true;
  ++generation_;
  request_ = request;
  if (request_.base_url.isEmpty()) request_.base_url = default_base_url(request_.site);
  files_.clear();
  next_index_ = 0;
  bytes_total_ = bytes_before_current_ = current_ready_ = 0;
  current_path_.clear();
  rate_.restart();
  since_progress_.invalidate();
  // Signals come from the event loop, never from inside start().
  QMetaObject::invokeMethod(this, [this, generation = generation_] {
    if (generation == generation_) begin();
  }, Qt::QueuedConnection);
  return true;
}

void ModelDownloader::cancel() { stop(); }

void ModelDownloader::begin() {
  if (auto ok = check_repo_id(request_.repo); !ok) return fail(QString::fromStdString(ok.error().message));
  if (!request_.file.isEmpty())
    if (auto ok = check_repo_path(request_.file); !ok) return fail(QString::fromStdString(ok.error().message));
  const QUrl& base = request_.base_url;
  if (!base.isValid() || (base.scheme() != "https" && base.scheme() != "http") || base.host().isEmpty())
    return fail("\"" + base.toDisplayString() + "\" is not an http(s) address of " + to_string(request_.site));
  if (request_.destination.isEmpty()) return fail("no destination folder was given");
  if (!QDir().mkpath(request_.destination)) return fail(request_.destination + ": cannot create the folder");
  // Two downloads into one folder would write the same .part files.
  lock_ = std::make_unique<QLockFile>(QDir(request_.destination).filePath(".xun-download.lock"));
  lock_->setStaleLockTime(0);  // a lock is stale only when its process is gone, however long it runs
  if (!lock_->tryLock(0)) {
    lock_.reset();
    return fail(request_.destination + ": another download into this folder is running");
  }
  fetch_listing(listing_url(request_.site, base, request_.repo), 1);
}

void ModelDownloader::fetch_listing(const QUrl& url, int page) {
  QNetworkRequest request(url);
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
  request.setRawHeader("Accept", "application/json");
  request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Xun"));
  request.setTransferTimeout(policy_.stall_timeout_ms);
  QNetworkReply* reply = network_.get(request);
  listing_reply_ = reply;
  connect(reply, &QNetworkReply::finished, this, [this, reply, page] { on_listing(reply, page); });
}

void ModelDownloader::on_listing(QNetworkReply* reply, int page) {
  reply->deleteLater();
  listing_reply_ = nullptr;
  const QUrl url = reply->request().url();
  const QString where = url.toDisplayString();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (status >= 300) {
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    return fail(where + ": HTTP " + QString::number(status) + (reason.isEmpty() ? "" : " " + reason) +
                listing_hint(status));
  }
  if (reply->error() != QNetworkReply::NoError) return fail(where + ": " + reply->errorString());
  auto listed = parse_listing(request_.site, request_.base_url, request_.repo, url, reply->readAll(),
                              reply->rawHeader("Link"));
  if (!listed) return fail(QString::fromStdString(listed.error().message));
  files_.append(listed->files);
  if (!listed->next_page.isEmpty()) {
    if (page >= max_listing_pages) return fail(where + ": the file list goes on for more than 1000 pages");
    return fetch_listing(listed->next_page, page + 1);
  }
  choose_files();
}

void ModelDownloader::choose_files() {
  const QString repo = request_.repo + " on " + to_string(request_.site);
  QSet<QString> paths;
  for (const RemoteFile& file : files_) {
    if (paths.contains(file.path)) return fail(repo + ": \"" + file.path + "\" is listed twice");
    paths.insert(file.path);
  }
  if (!request_.file.isEmpty()) {
    const auto it = std::find_if(files_.begin(), files_.end(), [&](const RemoteFile& f) { return f.path == request_.file; });
    if (it == files_.end()) {
      QStringList names(paths.begin(), paths.end());
      names.sort();
      return fail(repo + " has no file \"" + request_.file + "\" (it has " +
                  (names.size() > 12 ? names.mid(0, 12).join(", ") + ", ..." : names.join(", ")) + ")");
    }
    files_ = {*it};
  }
  if (files_.isEmpty()) return fail(repo + ": the repository lists no files");
  for (const RemoteFile& file : files_) bytes_total_ += file.size;
  if (!enough_space()) return;
  next_file();
}

// Refuses up front what cannot fit, rather than failing hours in with a full disk.
bool ModelDownloader::enough_space() {
  qint64 needed = 0;
  for (const RemoteFile& file : files_) {
    const QString path = QDir(request_.destination).filePath(file.path);
    const QFileInfo final_file(path), part(path + ".part");
    if (final_file.isFile() && final_file.size() == file.size) continue;
    needed += file.size - (part.isFile() ? std::min(part.size(), file.size) : 0);
  }
  const QStorageInfo storage(request_.destination);
  if (!storage.isValid() || storage.bytesAvailable() < 0 || needed <= storage.bytesAvailable()) return true;
  fail(request_.destination + ": the download needs " + size_text(needed) + " more, but only " +
       size_text(storage.bytesAvailable()) + " are free there");
  return false;
}

void ModelDownloader::next_file() {
  if (next_index_ >= files_.size()) {
    const QString model_path =
        request_.file.isEmpty() ? request_.destination : QDir(request_.destination).filePath(request_.file);
    stop();
    emit finished(model_path);
    return;
  }
  const RemoteFile& file = files_[next_index_++];
  const QString final_path = QDir(request_.destination).filePath(file.path);
  current_path_ = file.path;
  current_ready_ = 0;
  FileTransfer* transfer = new FileTransfer(network_, file, final_path, policy_, this);
  transfer_ = transfer;
  connect(transfer, &FileTransfer::progressed, this, &ModelDownloader::on_file_progress);
  connect(transfer, &FileTransfer::failed, this, [this, transfer](const QString& message) {
    transfer->deleteLater();
    fail(message);
  });
  connect(transfer, &FileTransfer::finished, this, [this, transfer, final_path, size = file.size] {
    transfer->deleteLater();
    bytes_before_current_ += size;
    current_ready_ = 0;
    emit_progress(true);
    const quint64 generation = generation_;
    emit fileFinished(final_path);
    if (generation == generation_) next_file();  // unless a slot cancelled
  });
  emit_progress(true);
  transfer->start();
}

void ModelDownloader::on_file_progress(qint64 bytes_ready, qint64 fresh_bytes) {
  current_ready_ = bytes_ready;
  if (fresh_bytes > 0) rate_.add(fresh_bytes);
  emit_progress(false);
}

void ModelDownloader::emit_progress(bool force) {
  if (!force && since_progress_.isValid() && since_progress_.elapsed() < progress_interval_ms) return;
  since_progress_.start();
  emit progress(bytes_before_current_ + current_ready_, bytes_total_, current_path_, rate_.bytes_per_second());
}

void ModelDownloader::fail(const QString& message) {
  stop();
  emit failed(message);
}

void ModelDownloader::stop() {
  ++generation_;
  running_ = false;
  if (transfer_) {
    transfer_->cancel();  // synchronous: the .part is closed when this returns
    disconnect(transfer_, nullptr, this, nullptr);
    transfer_->deleteLater();
    transfer_ = nullptr;
  }
  if (listing_reply_) {
    disconnect(listing_reply_, nullptr, this, nullptr);
    listing_reply_->abort();
    listing_reply_->deleteLater();
    listing_reply_ = nullptr;
  }
  lock_.reset();  // unlocks
}

}  // namespace xun::core
