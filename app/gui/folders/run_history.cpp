#include "folders/run_history.h"

#include <algorithm>

#include "services/index_service.h"

namespace xun::gui {

RunHistory::RunHistory(IndexService& indexing, QObject* parent) : QObject(parent) {
  connect(&indexing, &IndexService::started, this, &RunHistory::on_started);
  connect(&indexing, &IndexService::finished, this, &RunHistory::on_finished);
  connect(&indexing, &IndexService::failed, this, &RunHistory::on_failed);
}

std::vector<core::FileFailure> RunHistory::failures() const {
  std::vector<core::FileFailure> all;
  for (const auto& [folder, failures] : failures_) all.insert(all.end(), failures.begin(), failures.end());
  return all;
}

int RunHistory::failureCount(const QString& folder) const {
  const auto found = failures_.find(folder);
  return found == failures_.end() ? 0 : static_cast<int>(found->second.size());
}

QString RunHistory::folderError(const QString& folder) const {
  const auto found = errors_.find(folder);
  return found == errors_.end() ? QString() : found->second;
}

void RunHistory::forget(const QString& folder) {
  const bool had = failures_.erase(folder) + errors_.erase(folder) > 0;
  if (had) emit changed();
}

void RunHistory::on_started(const QStringList& folders) { running_ = folders; }

QString RunHistory::owner_of(const QString& path) const {
  QString owner;
  for (const QString& folder : running_) {
    const bool inside = path == folder || path.startsWith(folder + QLatin1Char('/'));
    if (inside && folder.size() > owner.size()) owner = folder;
  }
  return owner.isEmpty() && !running_.isEmpty() ? running_.front() : owner;
}

void RunHistory::on_finished(const core::IndexReport& report) {
  std::map<QString, std::vector<core::FileFailure>> found;
  std::map<QString, QString> unreadable;  // folders the scan could not read
  for (const core::FileFailure& failure : report.failures) {
    const QString folder = owner_of(failure.path);
    found[folder].push_back(failure);
    if (failure.path == folder) unreadable[folder] = failure.error;
  }
  for (const QString& folder : running_) {
    std::vector<core::FileFailure>& kept = failures_[folder];
    std::vector<core::FileFailure>& fresh = found[folder];
    if (report.cancelled) {
      // The run did not reach every file: earlier failures it did not retry still stand.
      std::erase_if(kept, [&fresh](const core::FileFailure& old) {
        return std::ranges::any_of(fresh, [&old](const core::FileFailure& f) { return f.path == old.path; });
      });
      kept.insert(kept.end(), fresh.begin(), fresh.end());
    } else {
      kept = std::move(fresh);
    }
    std::ranges::sort(kept, {}, &core::FileFailure::path);
    if (kept.empty()) failures_.erase(folder);
    if (unreadable.contains(folder))
      errors_[folder] = unreadable[folder];
    else if (!report.cancelled)
      errors_.erase(folder);
  }
  last_report_ = report;
  running_.clear();
  emit changed();
}

void RunHistory::on_failed(const QString& message) {
  for (const QString& folder : running_) errors_[folder] = message;
  running_.clear();
  emit changed();
}

}  // namespace xun::gui
