// The words and numbers the index manager shows for indexing runs and folders, in one place so
// that the table, the progress panel and the tests format them the same way. Numbers follow the
// current locale (QLocale()), which Localization sets with the language.
#pragma once

#include <cstdint>
#include <optional>

#include <QCoreApplication>
#include <QString>

#include "folders/folder_row.h"
#include "index/index_types.h"

namespace xun::gui {

class IndexText final {
  Q_DECLARE_TR_FUNCTIONS(IndexText)

 public:
  static QString number(int64_t value);  // "1,034"
  // "120 of 480 files, 1,034 chunks"
  static QString progressCounts(const core::IndexProgress& progress);
  // "3.2 files/s, 25.4 chunks/s"
  static QString rate(const core::IndexProgress& progress);
  // "about 2 min left"; "estimating time left…" while there is no rate to go by.
  static QString timeLeft(std::optional<double> seconds);
  // "480 files: 470 indexed, 6 unchanged, 2 skipped, 2 failed in 12.3 s"
  static QString report(const core::IndexReport& report);
  // "5 min ago", "yesterday", ...; `now_ms` and `when_ms` since the Unix epoch.
  static QString relativeTime(int64_t when_ms, int64_t now_ms);
  static QString absoluteTime(int64_t when_ms);
  static QString stateName(FolderState state);
  // What went wrong with the file, without the path the error message starts with.
  static QString failureReason(const core::FileFailure& failure);
};

}  // namespace xun::gui
