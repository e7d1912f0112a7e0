// What the indexing runs of this session left to show: the files that failed, and those skipped
// (too large, binary, a FIFO ...), in the last run over each folder (a cancelled run adds to the
// previous lists, a finished one replaces them), the
// error that stopped a run, and the last run's report. It follows the IndexService's signals, so
// it also sees runs the page did not start (a drop on the window, a watched folder).
#pragma once

#include <map>
#include <optional>
#include <vector>

#include <QObject>
#include <QStringList>

#include "index/index_types.h"

namespace xun::gui {

class IndexService;

class RunHistory final : public QObject {
  Q_OBJECT

 public:
  explicit RunHistory(IndexService& indexing, QObject* parent = nullptr);

  // Failures of the last run(s) over every folder, by folder then path.
  std::vector<core::FileFailure> failures() const;
  // Files skipped by the last run(s) over every folder, with why, by folder then path.
  std::vector<core::FileFailure> skipped() const;
  int failureCount(const QString& folder) const;
  // Why the last run over `folder` failed (it stopped, or the folder could not be read); "".
  QString folderError(const QString& folder) const;
  const std::optional<core::IndexReport>& lastReport() const { return last_report_; }
  // Forgets a folder removed from the index.
  void forget(const QString& folder);

 signals:
  void changed();

 private:
  void on_started(const QStringList& folders);
  void on_finished(const core::IndexReport& report);
  void on_failed(const QString& message);
  // The folder of the running job that holds `path` (the longest that does).
  QString owner_of(const QString& path) const;

  QStringList running_;  // folders of the job between started() and finished()/failed()
  using FilesByFolder = std::map<QString, std::vector<core::FileFailure>>;
  // Files of `report_files` (failures or skipped) into `by_folder`, for the folders just run.
  void update(FilesByFolder& by_folder, const std::vector<core::FileFailure>& report_files, bool cancelled);

  FilesByFolder failures_;
  FilesByFolder skipped_;
  std::map<QString, QString> errors_;                           // by folder
  std::optional<core::IndexReport> last_report_;
};

}  // namespace xun::gui
