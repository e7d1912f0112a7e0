// Reads the index's status (folders with their document and chunk counts) on the search thread,
// never on the GUI thread. Requests made while a read is running merge into one more read after
// it, so a timer and a burst of signals cost at most two reads.
#pragma once

#include <QFutureWatcher>
#include <QObject>

#include "store/store_types.h"
#include "xun/error.h"

namespace xun::gui {

class SearchService;

class FolderStatusLoader final : public QObject {
  Q_OBJECT

 public:
  explicit FolderStatusLoader(SearchService& search, QObject* parent = nullptr);

  void load();
  bool isLoading() const { return watcher_.isRunning(); }

 signals:
  void loaded(const xun::core::StoreStatus& status);
  void failed(const QString& message);

 private:
  void start();
  void on_finished();

  SearchService& search_;
  QFutureWatcher<Result<core::StoreStatus>> watcher_;
  bool again_ = false;  // a request came while reading
};

}  // namespace xun::gui
