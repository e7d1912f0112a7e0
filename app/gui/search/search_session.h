// The page's searches, one at a time: each request goes to SearchService with a ticket, and only
// the answer to the newest is delivered (answers to older ones, still running while the user
// typed on, are stale and dropped). A hybrid search that fails, e.g. because the index has no
// vectors from the loaded model yet (indexing still running), is retried as keyword search, and
// the reason goes with its results.
#pragma once

#include <QObject>

#include "services/search_service.h"

namespace xun::gui {

class SearchSession final : public QObject {
  Q_OBJECT

 public:
  explicit SearchSession(SearchService& service, QObject* parent = nullptr);

  void start(const SearchSpec& spec);
  // Forgets the search under way: its answer will be dropped.
  void cancel();
  bool busy() const { return ticket_ != 0; }
  // The latest search started.
  const SearchSpec& spec() const { return spec_; }

 signals:
  // `note`: why the results are keyword results although another mode was asked for; "" when not.
  void finished(const xun::core::SearchResults& results, const QString& note);
  void failed(const QString& message);
  // A search started (true) or the last one ended, was answered or was forgotten (false).
  void busyChanged(bool busy);

 private:
  void set_ticket(quint64 ticket);

  void on_finished(quint64 ticket, const core::SearchResults& results);
  void on_failed(quint64 ticket, const QString& message);

  SearchService& service_;
  quint64 ticket_ = 0;     // of the search whose answer is awaited; 0: none
  SearchSpec spec_;
  QString fallback_note_;  // set while the keyword retry runs
};

}  // namespace xun::gui
