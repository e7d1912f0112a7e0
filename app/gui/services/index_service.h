// Indexing for the GUI: a worker thread with its own connection to the index that runs the
// Indexer, one job after another, and watches folders that ask for it. Progress, results and
// failures come back as signals on the GUI thread.
//
// Stopping is always safe: the indexer writes each file in one transaction, so cancel(), pause
// or closing the window mid-run keeps every finished file and the next run does the rest.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <QObject>
#include <QStringList>

#include "index/index_types.h"
#include "services/model_host.h"
#include "services/worker_thread.h"
#include "store/index_store.h"

namespace xun::core {
class FolderWatcher;
class IndexLock;
}

namespace xun::gui {

class IndexService final : public QObject {
  Q_OBJECT

 public:
  IndexService(QString index_path, std::shared_ptr<ModelHost> models, QObject* parent = nullptr);
  ~IndexService() override;  // cancels the running job and waits for it to stop

  // Adds the folders (if new) and indexes them with the current embedding model (if any), after
  // the jobs queued before. Folders are cleaned, absolute paths.
  void indexFolders(const QStringList& folders);
  // Indexes every folder of the index again: new and changed files, and vectors a newly chosen
  // model has not made yet. Unchanged files cost a stat each.
  void indexAll();
  void removeFolder(const QString& folder);
  // Re-indexes `folder` whenever something in it changes (see FolderWatcher), until turned off;
  // turning it on also indexes the folder once, for what changed before the watch began.
  void setWatching(const QString& folder, bool watching);

  // Stops the running job (keeping what it finished) and drops the queued ones.
  void cancel();
  // Holds the running job between two files until resumed or cancelled (a job that starts
  // while paused holds at its first progress report). Call it on the GUI thread: pausedChanged
  // follows.
  void setPaused(bool paused);
  bool isPaused() const { return paused_; }
  bool isBusy() const { return busy_; }
  // No job runs and none is queued.
  bool isIdle() const { return queued_jobs_ == 0; }
  // The folders the running job indexes (empty when none runs).
  QStringList activeFolders() const;
  // A queued job (not yet started) will index `folder` (a clean, absolute path).
  bool isQueued(const QString& folder) const;
  // The folders queued jobs name (a queued indexAll() names none, but isQueued() covers it).
  QStringList queuedFolders() const;

  void setOptions(const core::IndexOptions& options);
  // Ms for FolderWatcher to wait for quiet before re-indexing (tests shorten it).
  void setWatchSettleMs(int ms) { watch_settle_ms_ = ms; }

 signals:
  void busyChanged(bool busy);
  void started(const QStringList& folders);
  void progress(const xun::core::IndexProgress& progress);
  void finished(const xun::core::IndexReport& report);
  void failed(const QString& message);
  // Folders were added, removed, indexed or started/stopped watching: lists should reload.
  void foldersChanged();
  // setPaused() changed the state.
  void pausedChanged(bool paused);
  // An indexing job was queued, started, or dropped: activeFolders()/isQueued() changed.
  void queueChanged();

 private:
  void post_index_job(QStringList folders, bool all_folders);
  // Queues `job` on the indexing thread, counted by isIdle().
  void post_job(std::function<void()> job);
  void run_index_job(const QStringList& folders, bool all_folders, quint64 epoch);
  void wait_while_paused();
  // Who holds the index's lock, for the user (on the indexing thread).
  QString held_message(const core::IndexLock& lock) const;
  // Stops the running job if it covers `folder`; queued jobs stay.
  void stop_run_over(const QString& folder);
  Result<core::IndexStore*> open_store();
  void watch(const QString& folder, bool on);
  void restore_watchers();
  template <typename Signal, typename... Args>
  void emit_on_gui(Signal signal, Args... args);
  // An index job waiting in the worker's queue, for isQueued().
  struct QueuedIndexJob {
    quint64 id = 0;
    QStringList folders;
    bool all_folders = false;
  };
  // Takes job `id` off the queue: it starts now, or is dropped.
  void dequeue(quint64 id);
  void set_active_folders(const QStringList& folders);

  QString index_path_;
  std::shared_ptr<ModelHost> host_;
  std::atomic<bool> busy_{false};
  std::atomic<int> queued_jobs_{0};  // posted and not yet finished (or dropped)
  std::atomic<bool> paused_{false};
  std::atomic<bool> cancel_requested_{false};
  std::atomic<quint64> epoch_{0};  // cancel() bumps it: jobs queued before it are dropped
  std::atomic<int> watch_settle_ms_{1500};
  std::mutex pause_mutex_;
  std::condition_variable pause_changed_;
  std::mutex options_mutex_;
  core::IndexOptions options_;
  mutable std::mutex queue_mutex_;  // guards the three members below
  std::vector<QueuedIndexJob> queued_index_jobs_;
  QStringList active_folders_;
  quint64 next_job_id_ = 0;
  // Owned by the indexing thread:
  std::unique_ptr<core::IndexStore> store_;
  std::map<QString, std::unique_ptr<core::FolderWatcher>> watchers_;
  WorkerThread worker_;  // last: stopped first, before the members its tasks use
};

}  // namespace xun::gui
