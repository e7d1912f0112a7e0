#include "folders/index_text.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QStringList>

#include "scan/fs_path.h"

namespace xun::gui {
namespace {

QString decimal(double value) { return QLocale().toString(value, 'f', 1); }

// Counts that fit tr()'s %n (an int); the index never holds two billion files or chunks.
int plural_count(int64_t value) { return static_cast<int>(std::min<int64_t>(value, INT32_MAX)); }

}  // namespace

QString IndexText::number(int64_t value) { return QLocale().toString(static_cast<qlonglong>(value)); }

QString IndexText::progressCounts(const core::IndexProgress& progress) {
  return tr("%1 of %Ln file(s), %2", "files done of files found, then the chunks written",
            plural_count(progress.files_total))
      .arg(number(progress.files_done),
           tr("%Ln chunk(s)", "", plural_count(progress.chunks_done)));
}

QString IndexText::rate(const core::IndexProgress& progress) {
  return tr("%1 files/s, %2 chunks/s")
      .arg(decimal(progress.files_per_second), decimal(progress.chunks_per_second));
}

QString IndexText::timeLeft(std::optional<double> seconds) {
  if (!seconds) return tr("estimating time left…");
  const double left = std::max(0.0, *seconds);
  if (left < 10) return tr("a few seconds left");
  if (left < 60) {
    const int rounded = static_cast<int>(std::lround(left / 5.0)) * 5;  // a steadier figure
    return tr("about %n second(s) left", "", rounded);
  }
  const int minutes = static_cast<int>(std::lround(left / 60.0));
  if (minutes < 60) return tr("about %n min left", "", minutes);
  return tr("about %1 h %2 min left").arg(minutes / 60).arg(minutes % 60);
}

QString IndexText::report(const core::IndexReport& report) {
  QStringList parts{tr("%1 indexed").arg(number(report.files_indexed)),
                    tr("%1 unchanged").arg(number(report.files_unchanged)),
                    tr("%1 skipped").arg(number(report.files_skipped)),
                    tr("%1 failed").arg(number(report.files_failed))};
  if (report.files_removed > 0) parts << tr("%1 removed").arg(number(report.files_removed));
  const QString files = tr("%Ln file(s)", "", plural_count(report.files_seen));
  const QString list = parts.join(tr(", ", "separates the counts of a report"));
  if (report.cancelled)
    return tr("Cancelled after %1 s — %2: %3").arg(decimal(report.seconds), files, list);
  return tr("%1: %2 in %3 s", "480 files: 470 indexed, ... in 12.3 s")
      .arg(files, list, decimal(report.seconds));
}

QString IndexText::relativeTime(int64_t when_ms, int64_t now_ms) {
  const int64_t seconds = std::max<int64_t>(0, (now_ms - when_ms) / 1000);
  if (seconds < 60) return tr("just now");
  if (seconds < 3600) return tr("%n min ago", "", static_cast<int>(seconds / 60));
  if (seconds < 24 * 3600) return tr("%n h ago", "", static_cast<int>(seconds / 3600));
  const int64_t days = seconds / (24 * 3600);
  if (days < 2) return tr("yesterday");
  if (days < 30) return tr("%n day(s) ago", "", static_cast<int>(days));
  return QLocale().toString(QDateTime::fromMSecsSinceEpoch(when_ms).date(), QLocale::ShortFormat);
}

QString IndexText::absoluteTime(int64_t when_ms) {
  return QLocale().toString(QDateTime::fromMSecsSinceEpoch(when_ms), QLocale::LongFormat);
}

QString IndexText::stateName(FolderState state) {
  switch (state) {
    case FolderState::indexing: return tr("Indexing");
    case FolderState::paused: return tr("Paused");
    case FolderState::queued: return tr("Queued");
    case FolderState::failed: return tr("Failed");
    case FolderState::watching: return tr("Watching");
    case FolderState::idle: return tr("Idle");
  }
  return {};
}

QString IndexText::failureReason(const core::FileFailure& failure) {
  // Errors name the file as people see it: bytes that are not UTF-8 as U+FFFD (scan/fs_path.h).
  for (const QString& path : {failure.path, core::displayed_path(failure.path)}) {
    const QString prefix = path + QStringLiteral(": ");
    if (failure.error.startsWith(prefix)) return failure.error.mid(prefix.size());
  }
  return failure.error;
}

}  // namespace xun::gui
