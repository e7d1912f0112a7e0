#include "services/index_service.h"

#include <algorithm>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMetaObject>

#include "index/folder_watcher.h"
#include "index/index_lock.h"
#include "index/indexer.h"

namespace xun::gui {
namespace {

// Progress reaches the GUI at most this often (the indexer reports every file).
constexpr qint64 kProgressIntervalMs = 100;

QString clean_folder(const QString& folder) {
  return QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
}

}  // namespace

IndexService::IndexService(QString index_path, std::shared_ptr<ModelHost> models, QObject* parent)
    : QObject(parent), index_path_(std::move(index_path)), host_(std::move(models)),
      worker_(QStringLiteral("xun-index")) {
  worker_.post([this] { restore_watchers(); });
}

IndexService::~IndexService() {
  cancel();
  worker_.post([this] {  // watchers and the connection belong to the indexing thread
    watchers_.clear();
    store_.reset();
  });
  worker_.stop();
}

template <typename Signal, typename... Args>
void IndexService::emit_on_gui(Signal signal, Args... args) {
  QMetaObject::invokeMethod(this, [this, signal, args...] { emit (this->*signal)(args...); });
}

Result<core::IndexStore*> IndexService::open_store() {
  if (!store_) {
    QDir().mkpath(QFileInfo(index_path_).absolutePath());
    auto store = core::IndexStore::open(index_path_);
    if (!store) return std::unexpected(store.error());
    store_ = std::move(*store);
  }
  return store_.get();
}

void IndexService::indexFolders(const QStringList& folders) {
  QStringList cleaned;
  for (const QString& folder : folders) cleaned << clean_folder(folder);
  post_index_job(cleaned, false);
}

void IndexService::indexAll() { post_index_job({}, true); }

void IndexService::post_job(std::function<void()> job) {
  ++queued_jobs_;
  // The count drops when the job ends, and also when a job is dropped unrun at shutdown.
  auto done = std::shared_ptr<void>(nullptr, [this](void*) { --queued_jobs_; });
  worker_.post([this, job = std::move(job), done]() mutable {
    job();
    // The job's own signals reached the GUI while it still counted as queued: say once more
    // that the queue changed, now that it no longer counts, so actions such as Cancel settle.
    done.reset();
    emit_on_gui(&IndexService::queueChanged);
  });
}

void IndexService::post_index_job(QStringList folders, bool all_folders) {
  const quint64 epoch = epoch_.load();
  quint64 id = 0;
  {
    std::lock_guard lock(queue_mutex_);
    id = ++next_job_id_;
    queued_index_jobs_.push_back({id, folders, all_folders});
  }
  emit_on_gui(&IndexService::queueChanged);
  post_job([this, folders = std::move(folders), all_folders, epoch, id] {
    dequeue(id);
    run_index_job(folders, all_folders, epoch);
  });
}

void IndexService::dequeue(quint64 id) {
  {
    std::lock_guard lock(queue_mutex_);
    std::erase_if(queued_index_jobs_, [id](const QueuedIndexJob& job) { return job.id == id; });
  }
  emit_on_gui(&IndexService::queueChanged);
}

void IndexService::set_active_folders(const QStringList& folders) {
  {
    std::lock_guard lock(queue_mutex_);
    active_folders_ = folders;
  }
  emit_on_gui(&IndexService::queueChanged);
}

QStringList IndexService::activeFolders() const {
  std::lock_guard lock(queue_mutex_);
  return active_folders_;
}

bool IndexService::isQueued(const QString& folder) const {
  std::lock_guard lock(queue_mutex_);
  return std::ranges::any_of(queued_index_jobs_, [&folder](const QueuedIndexJob& job) {
    return job.all_folders || job.folders.contains(folder);
  });
}

QStringList IndexService::queuedFolders() const {
  std::lock_guard lock(queue_mutex_);
  QStringList folders;
  for (const QueuedIndexJob& job : queued_index_jobs_)
    for (const QString& folder : job.folders)
      if (!folders.contains(folder)) folders << folder;
  return folders;
}

void IndexService::run_index_job(const QStringList& requested, bool all_folders, quint64 epoch) {
  if (epoch != epoch_.load()) return;  // cancelled while queued
  cancel_requested_ = false;
  auto store = open_store();
  if (!store) {
    emit_on_gui(&IndexService::failed, QString::fromStdString(store.error().message));
    return;
  }
  QStringList folders = requested;
  if (all_folders) {
    auto known = (*store)->folders();
    if (!known) {
      emit_on_gui(&IndexService::failed, QString::fromStdString(known.error().message));
      return;
    }
    for (const core::FolderRecord& folder : *known) folders << folder.path;
  }
  if (folders.isEmpty()) return;
  // One indexing run per index: another Xun (or `xun index`) indexing it now is named, not joined.
  core::IndexLock lock(index_path_);
  auto locked = lock.try_lock();
  if (!locked) {
    emit_on_gui(&IndexService::failed, QString::fromStdString(locked.error().message));
    return;
  }
  if (!*locked) {
    emit_on_gui(&IndexService::failed, held_message(lock));
    return;
  }

  set_active_folders(folders);
  busy_ = true;
  emit_on_gui(&IndexService::busyChanged, true);
  emit_on_gui(&IndexService::started, folders);
  const LoadedModels models = host_->current();  // kept alive for the whole run
  core::IndexOptions options;
  {
    std::lock_guard lock(options_mutex_);
    options = options_;
  }
  core::Indexer indexer(**store, models.embedding.get(), options);
  QElapsedTimer since_progress;  // invalid until the first report, which goes out at once
  auto on_progress = [&](const core::IndexProgress& progress) {
    if (paused_) {  // the GUI shows exactly where the run holds
      emit_on_gui(&IndexService::progress, progress);
      since_progress.start();
    }
    wait_while_paused();
    if (since_progress.isValid() && since_progress.elapsed() < kProgressIntervalMs) return;
    since_progress.start();
    emit_on_gui(&IndexService::progress, progress);
  };
  auto report = indexer.index_folders(folders, on_progress, &cancel_requested_);
  busy_ = false;
  set_active_folders({});
  if (report)
    emit_on_gui(&IndexService::finished, *report);
  else
    emit_on_gui(&IndexService::failed, QString::fromStdString(report.error().message));
  emit_on_gui(&IndexService::foldersChanged);
  emit_on_gui(&IndexService::busyChanged, false);
}

QString IndexService::held_message(const core::IndexLock& lock) const {
  const auto holder = lock.holder();
  if (!holder)
    return tr("%1 is being indexed by another program; try again when it has finished.").arg(index_path_);
  return tr("%1 is being indexed by %2 (process %3); try again when it has finished.")
      .arg(index_path_, holder->application.isEmpty() ? QStringLiteral("?") : holder->application)
      .arg(holder->pid);
}

void IndexService::wait_while_paused() {
  std::unique_lock lock(pause_mutex_);
  pause_changed_.wait(lock, [this] { return !paused_ || cancel_requested_; });
}

void IndexService::cancel() {
  ++epoch_;
  {
    std::lock_guard lock(queue_mutex_);  // the queued jobs will be dropped when their turn comes
    queued_index_jobs_.clear();
  }
  emit_on_gui(&IndexService::queueChanged);
  {
    std::lock_guard lock(pause_mutex_);
    cancel_requested_ = true;
  }
  pause_changed_.notify_all();
}

void IndexService::stop_run_over(const QString& folder) {
  {
    std::lock_guard lock(queue_mutex_);
    if (!active_folders_.contains(folder)) return;
  }
  {
    std::lock_guard lock(pause_mutex_);
    cancel_requested_ = true;  // the queue stays: only the running job stops
  }
  pause_changed_.notify_all();
}

void IndexService::setPaused(bool paused) {
  {
    std::lock_guard lock(pause_mutex_);
    if (paused_ == paused) return;
    paused_ = paused;
  }
  pause_changed_.notify_all();
  emit pausedChanged(paused);
}

void IndexService::setOptions(const core::IndexOptions& options) {
  std::lock_guard lock(options_mutex_);
  options_ = options;
}

void IndexService::removeFolder(const QString& folder) {
  const QString path = clean_folder(folder);
  stop_run_over(path);  // it would write the folder back; runs over other folders go on
  post_job([this, path] {
    watch(path, false);
    auto store = open_store();
    if (!store) {
      emit_on_gui(&IndexService::failed, QString::fromStdString(store.error().message));
      return;
    }
    auto found = (*store)->find_folder(path);
    Result<bool> removed = found ? (*found ? (*store)->remove_folder((*found)->id) : Result<bool>(false))
                                 : Result<bool>(std::unexpected(found.error()));
    if (!removed) emit_on_gui(&IndexService::failed, QString::fromStdString(removed.error().message));
    emit_on_gui(&IndexService::foldersChanged);
  });
}

void IndexService::setWatching(const QString& folder, bool watching) {
  const QString path = clean_folder(folder);
  post_job([this, path, watching] {
    auto store = open_store();
    if (!store) {
      emit_on_gui(&IndexService::failed, QString::fromStdString(store.error().message));
      return;
    }
    auto id = (*store)->add_folder(path, watching);
    if (!id) {
      emit_on_gui(&IndexService::failed, QString::fromStdString(id.error().message));
      return;
    }
    watch(path, watching);
    // Catches up with what changed before the watch began (unchanged files cost a stat each).
    if (watching) post_index_job({path}, false);
    emit_on_gui(&IndexService::foldersChanged);
  });
}

// On the indexing thread.
void IndexService::watch(const QString& folder, bool on) {
  if (!on) {
    watchers_.erase(folder);
    return;
  }
  if (watchers_.contains(folder)) return;
  auto watcher = std::make_unique<core::FolderWatcher>(QStringList{folder}, watch_settle_ms_.load());
  connect(watcher.get(), &core::FolderWatcher::changed, watcher.get(),
          [this, folder] { post_index_job({folder}, false); });
  watchers_[folder] = std::move(watcher);
}

// On the indexing thread: folders marked as watched in an earlier session are watched again.
void IndexService::restore_watchers() {
  auto store = open_store();
  if (!store) return;  // reported by the first job that needs the store
  auto folders = (*store)->folders();
  if (!folders) return;
  QStringList watched;
  for (const core::FolderRecord& folder : *folders) {
    if (!folder.watching) continue;
    watch(folder.path, true);
    watched << folder.path;
  }
  // What changed while the application was closed (unchanged files cost a stat each).
  if (!watched.isEmpty()) post_index_job(watched, false);
}

}  // namespace xun::gui
