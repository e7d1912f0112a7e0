// Delivers the result of a task run on a service thread (SearchService::run) to the GUI thread.
#pragma once

#include <functional>

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include "xun/error.h"

namespace xun::gui {

// Calls `done` on `context`'s thread with the task's result once it is there. Nothing is called
// if `context` is destroyed first, or if the service stopped before running the task.
template <typename T>
void when_done(QObject* context, QFuture<Result<T>> future,
               std::function<void(const Result<T>&)> done) {
  auto* watcher = new QFutureWatcher<Result<T>>(context);
  QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                   [watcher, done = std::move(done)] {
                     watcher->deleteLater();
                     if (watcher->future().resultCount() > 0) done(watcher->result());
                   });
  watcher->setFuture(future);
}

}  // namespace xun::gui
