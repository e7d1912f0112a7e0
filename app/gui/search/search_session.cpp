#include "search/search_session.h"

namespace xun::gui {

SearchSession::SearchSession(SearchService& service, QObject* parent)
    : QObject(parent), service_(service) {
  connect(&service_, &SearchService::searchFinished, this, &SearchSession::on_finished);
  connect(&service_, &SearchService::searchFailed, this, &SearchSession::on_failed);
}

void SearchSession::start(const SearchSpec& spec) {
  spec_ = spec;
  fallback_note_.clear();
  set_ticket(service_.search(spec));
}

void SearchSession::cancel() {
  set_ticket(0);
  fallback_note_.clear();
}

void SearchSession::set_ticket(quint64 ticket) {
  const bool was_busy = busy();
  ticket_ = ticket;
  if (busy() != was_busy) emit busyChanged(busy());
}

void SearchSession::on_finished(quint64 ticket, const core::SearchResults& results) {
  if (ticket != ticket_) return;  // stale, or another page's search
  set_ticket(0);
  emit finished(results, fallback_note_);
}

void SearchSession::on_failed(quint64 ticket, const QString& message) {
  if (ticket != ticket_) return;
  if (spec_.mode == core::SearchMode::hybrid && fallback_note_.isEmpty()) {
    fallback_note_ = message;
    SearchSpec keyword = spec_;
    keyword.mode = core::SearchMode::keyword;
    ticket_ = service_.search(keyword);
    return;
  }
  set_ticket(0);
  // When the keyword retry failed too, the first reason is the one to show.
  const QString reason = fallback_note_.isEmpty() ? message : fallback_note_;
  fallback_note_.clear();
  emit failed(reason);
}

}  // namespace xun::gui
