#include "folders/folder_status_loader.h"

#include "services/search_service.h"

namespace xun::gui {

FolderStatusLoader::FolderStatusLoader(SearchService& search, QObject* parent)
    : QObject(parent), search_(search) {
  connect(&watcher_, &QFutureWatcherBase::finished, this, &FolderStatusLoader::on_finished);
}

void FolderStatusLoader::load() {
  if (watcher_.isRunning()) {
    again_ = true;
    return;
  }
  start();
}

void FolderStatusLoader::start() {
  again_ = false;
  watcher_.setFuture(search_.run<core::StoreStatus>(
      [](SearchContext& context) { return context.store.status(); }));
}

void FolderStatusLoader::on_finished() {
  const QFuture<Result<core::StoreStatus>> future = watcher_.future();
  if (future.isValid() && future.resultCount() > 0) {
    const Result<core::StoreStatus> status = future.result();
    if (status)
      emit loaded(*status);
    else
      emit failed(QString::fromStdString(status.error().message));
  }  // else: the search thread stopped (the application is closing)
  if (again_) start();
}

}  // namespace xun::gui
