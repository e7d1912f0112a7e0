#include "folders/run_history.h"

#include <algorithm>

#include "services/index_service.h"

namespace xun::gui {

RunHistory::RunHistory(IndexService& indexing, QObject* parent) : QObject(parent) {
  connect(&indexing, &IndexService::started, this, &RunHistory::on_started);
  connect(&indexing, &IndexService::finished, this, &RunHistory::on_finished);
  connect(&indexing, &IndexService::failed, this, &RunHistory::on_failed);
}

namespace {

std::vector<core::FileFailure> all_of(const std::map<QString, std::vector<core::FileFailure>>& by_folder) {
  std::vector<core::FileFailure> all;
  for (const auto& [folder, files] : by_folder) all.insert(all.end(), files.begin(), files.end());
  return all;
}

}  // namespace

std::vector<core::FileFailure> RunHistory::failures() const { return all_of(failures_); }

std::vector<core::FileFailure> RunHistory::skipped() const { return all_of(skipped_); }

int RunHistory::failureCount(const QString& folder) const {
  const auto found = failures_.find(folder);
  return found == failures_.end() ? 0 : static_cast<int>(found->second.size());
}

QString RunHistory::folderError(const QString& folder) const {
  const auto found = errors_.find(folder);
  return found == errors_.end() ? QString() : found->second;
}

void RunHistory::forget(const QString& folder) {
  const bool had = failures_.erase(folder) + skipped_.erase(folder) + errors_.erase(folder) > 0;
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

void RunHistory::update(FilesByFolder& by_folder, const std::vector<core::FileFailure>& report_files,
                        bool cancelled) {
  FilesByFolder found;
  for (const core::FileFailure& file : report_files) found[owner_of(file.path)].push_back(file);
  for (const QString& folder : running_) {
    std::vector<core::FileFailure>& kept = by_folder[folder];
    std::vector<core::FileFailure>& fresh = found[folder];
    if (cancelled) {
      // The run did not reach every file: earlier entries it did not retry still stand.
      std::erase_if(kept, [&fresh](const core::FileFailure& old) {
        return std::ranges::any_of(fresh, [&old](const core::FileFailure& f) { return f.path == old.path; });
      });
      kept.insert(kept.end(), fresh.begin(), fresh.end());
    } else {
      kept = std::move(fresh);
    }
    std::ranges::sort(kept, {}, &core::FileFailure::path);
    if (kept.empty()) by_folder.erase(folder);
  }
}

void RunHistory::on_finished(const core::IndexReport& report) {
  std::map<QString, QString> unreadable;  // folders the scan could not read
  for (const core::FileFailure& failure : report.failures)
    if (const QString folder = owner_of(failure.path); failure.path == folder) unreadable[folder] = failure.error;
  update(failures_, report.failures, report.cancelled);
  update(skipped_, report.skipped, report.cancelled);
  for (const QString& folder : running_) {
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
