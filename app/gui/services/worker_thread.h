// A thread that runs tasks in order, each on the same thread, so that objects a task opens there
// (an SQLite connection) are only ever used there. It runs an event loop between tasks, so
// objects living there (a QFileSystemWatcher) get their events. Results come back as QFutures; a
// task posted after stop() is dropped with its future cancelled.
#pragma once

#include <functional>
#include <memory>

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QThread>

namespace xun::gui {

class WorkerThread final : public QObject {
  Q_OBJECT

 public:
  explicit WorkerThread(const QString& name, QObject* parent = nullptr);
  ~WorkerThread() override;  // stops and waits for the running task

  // Queues `task`; it runs after every task queued before it.
  void post(std::function<void()> task);

  template <typename T>
  QFuture<T> submit(std::function<T()> task) {
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    promise->start();
    post([promise, task = std::move(task)] {
      promise->addResult(task());
      promise->finish();
    });
    return future;
  }

  // Runs the tasks already queued (those that were superseded or cancelled return at once), then
  // ends the thread and waits for it. Tasks posted afterwards are dropped.
  void stop();
  bool isCurrentThread() const { return QThread::currentThread() == &thread_; }

 private:
  QThread thread_;
  QObject* context_;  // lives on thread_: queued tasks are posted to it
};

}  // namespace xun::gui
