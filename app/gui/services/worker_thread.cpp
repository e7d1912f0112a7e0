#include "services/worker_thread.h"

#include <QMetaObject>

namespace xun::gui {

WorkerThread::WorkerThread(const QString& name, QObject* parent)
    : QObject(parent), context_(new QObject) {
  thread_.setObjectName(name);
  context_->moveToThread(&thread_);
  thread_.start();
}

WorkerThread::~WorkerThread() { stop(); }

void WorkerThread::post(std::function<void()> task) {
  if (!thread_.isRunning()) return;  // dropping the task cancels its promise's future
  QMetaObject::invokeMethod(context_, std::move(task), Qt::QueuedConnection);
}

void WorkerThread::stop() {
  if (!thread_.isRunning()) return;
  // Queued like any task, so that the tasks before it (closing a database) still run.
  QMetaObject::invokeMethod(context_, [this] { thread_.quit(); }, Qt::QueuedConnection);
  thread_.wait();
  // The loop has ended: deleting the context here is safe, and it drops the tasks still queued
  // for it (their promises cancel their futures).
  delete context_;
  context_ = nullptr;
}

}  // namespace xun::gui
