#include "scan/scan.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <chrono>
#include <set>
#include <system_error>

#include "extract/file_bytes.h"
#include "extract/text_decoding.h"
#include "scan/fs_path.h"
#include "scan/skipped_folders.h"

namespace xun::core {
namespace {

namespace fs = std::filesystem;
using Kind = ScanProblem::Kind;

qint64 mtime_ms(const fs::path& path, std::error_code& error) {
  const auto written = fs::last_write_time(path, error);
  if (error) return 0;
  const auto since_epoch = std::chrono::file_clock::to_sys(written).time_since_epoch();
  return std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
}

QString error_text(const std::error_code& error) { return QString::fromLocal8Bit(error.message()); }

// Why a file with an indexable name is not read, when it is not a regular file.
QString not_regular_reason(const fs::file_status& status) {
  switch (status.type()) {
    case fs::file_type::fifo: return QStringLiteral("a FIFO (named pipe), not a regular file");
    case fs::file_type::socket: return QStringLiteral("a socket, not a regular file");
    case fs::file_type::block: return QStringLiteral("a block device, not a regular file");
    case fs::file_type::character: return QStringLiteral("a character device, not a regular file");
    default: return QStringLiteral("not a regular file");
  }
}

// Why a file named as text but holding a NUL byte is skipped. Text in UTF-16 without a byte-order
// mark has a NUL in every other byte of its ASCII characters: say so, since re-saving it with a
// BOM (or as UTF-8) is the fix.
QString binary_reason(const QByteArray& head, qsizetype first_nul) {
  qsizetype even_nuls = 0, odd_nuls = 0;
  for (qsizetype i = 0; i < head.size(); ++i)
    if (head[i] == '\0') ++(i % 2 == 0 ? even_nuls : odd_nuls);
  const qsizetype pairs = head.size() / 2;
  const bool utf16_like = pairs >= 2 && (odd_nuls * 4 >= pairs * 3 || even_nuls * 4 >= pairs * 3) &&
                          std::min(odd_nuls, even_nuls) * 8 <= pairs;
  if (utf16_like) return QStringLiteral("UTF-16 text without a byte-order mark (NUL byte at %1)").arg(first_nul);
  return QStringLiteral("binary content (NUL byte at %1) in a file named as text").arg(first_nul);
}

// One scan's state. Folders are walked depth-first; folders reached through a symbolic link
// wait until every real folder has been walked, so that a folder reachable both ways is listed
// under its real path, and the set of canonical paths stops any link from looping.
class FolderWalker {
 public:
  FolderWalker(const ScanOptions& options, const std::atomic<bool>* cancel) : options_(options), cancel_(cancel) {}

  ScanResult walk(const fs::path& root, const fs::path& canonical_root) {
    visited_.insert(canonical_root);
    pending_.push_back(root);
    while (!cancelled()) {
      if (pending_.empty()) {
        if (linked_.empty()) break;
        pending_.push_back(*linked_.begin());  // the first in path order, for determinism
        linked_.erase(linked_.begin());
        if (!enter_folder(pending_.back())) pending_.pop_back();
        continue;
      }
      const fs::path folder = pending_.back();
      pending_.pop_back();
      list_folder(folder);
    }
    result_.cancelled = cancelled();
    const auto by_path = [](const auto& a, const auto& b) { return a.path < b.path; };
    std::sort(result_.files.begin(), result_.files.end(), by_path);
    std::sort(result_.problems.begin(), result_.problems.end(), by_path);
    return std::move(result_);
  }

 private:
  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }

  void problem(const fs::path& path, Kind kind, const QString& reason) {
    result_.problems.append({to_qstring(path), kind, reason});
  }

  // Marks a folder as visited by its canonical path; false when it was visited already (a link
  // loop, or a second way to the same folder) or cannot be resolved.
  bool enter_folder(const fs::path& folder) {
    std::error_code error;
    const fs::path canonical = fs::canonical(folder, error);
    if (error) {
      problem(folder, Kind::UnreadableFolder, "cannot resolve folder: " + error_text(error));
      return false;
    }
    return visited_.insert(canonical).second;
  }

  void list_folder(const fs::path& folder) {
    std::error_code error;
    fs::directory_iterator it(folder, error);
    if (error) {
      problem(folder, Kind::UnreadableFolder, "cannot list folder: " + error_text(error));
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(error)) entries.push_back(*it);
    if (error) problem(folder, Kind::UnreadableFolder, "listing stopped early: " + error_text(error));
    // Sorted, and pushed in reverse, so that the walk (and which path wins for a folder reached
    // twice) does not depend on the order the file system lists entries in.
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path() > b.path(); });
    for (const fs::directory_entry& entry : entries) {
      if (cancelled()) return;
      visit(entry);
    }
    ++progress_.folders_scanned;
    if (options_.on_progress) {
      progress_.files_found = result_.files.size();
      progress_.folder = to_qstring(folder);
      options_.on_progress(progress_);
    }
  }

  void visit(const fs::directory_entry& entry) {
    const QString name = to_qstring(entry.path().filename());
    if (options_.skip_hidden && name.startsWith(u'.')) return;
    std::error_code error;
    const bool is_link = entry.is_symlink(error);
    const fs::file_status status = entry.status(error);  // follows links
    if (error || !fs::exists(status)) {
      if (is_link && is_indexable(name))
        problem(entry.path(), Kind::UnreadableFile, QStringLiteral("broken symbolic link"));
      else if (!is_link)
        problem(entry.path(), Kind::UnreadableFile,
                error ? "cannot read file status: " + error_text(error) : QStringLiteral("vanished during the scan"));
      return;
    }
    if (fs::is_directory(status)) {
      if (is_skipped_folder(name)) return;
      if (is_link) {
        linked_.insert(entry.path());
      } else if (enter_folder(entry.path())) {
        pending_.push_back(entry.path());
      }
      return;
    }
    const QString format = document_format(name);
    if (format.isEmpty()) return;  // not a kind of file Xun reads: not a problem, just not listed
    if (!fs::is_regular_file(status)) {
      problem(entry.path(), Kind::Unsupported, not_regular_reason(status));
      return;
    }
    visit_file(entry.path(), format);
  }

  void visit_file(const fs::path& path, const QString& format) {
    std::error_code error;
    const auto size = static_cast<qint64>(fs::file_size(path, error));
    const qint64 modified = error ? 0 : mtime_ms(path, error);
    if (error) {
      problem(path, Kind::UnreadableFile, "cannot read file status: " + error_text(error));
      return;
    }
    if (size > options_.max_file_bytes) {
      problem(
          path, Kind::TooLarge,
          QStringLiteral("%1 is over the size limit of %2").arg(human_size(size), human_size(options_.max_file_bytes)));
      return;
    }
    const QString qpath = to_qstring(path);
    QFile file;
    if (QString reason; !open_read_only(file, qpath, reason)) {
      problem(path, Kind::UnreadableFile, "cannot open: " + reason);
      return;
    }
    if (options_.detect_binary && is_text_format(format)) {
      const QByteArray head = file.read(binary_sniff_bytes);
      if (const qsizetype nul = first_nul_byte(head); nul >= 0) {
        problem(path, Kind::Binary, binary_reason(head, nul));
        return;
      }
    }
    result_.files.append({qpath, format, size, modified});
  }

  const ScanOptions& options_;
  const std::atomic<bool>* cancel_;
  ScanResult result_;
  ScanProgress progress_;
  std::set<fs::path> visited_;     // canonical paths of folders walked or queued
  std::vector<fs::path> pending_;  // folders to list, last first
  std::set<fs::path> linked_;      // folders reached through a symbolic link, walked last
};

}  // namespace

Result<ScanResult> scan_folder(const QString& root, const ScanOptions& options, const std::atomic<bool>* cancel) {
  const QString absolute = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
  const std::string where = QDir::toNativeSeparators(absolute).toStdString();
  const fs::path root_path = to_fs_path(absolute);
  std::error_code error;
  const fs::file_status status = fs::status(root_path, error);
  if (error || !fs::exists(status)) return fail(where + ": no such folder");
  if (!fs::is_directory(status)) return fail(where + ": not a folder");
  const fs::path canonical = fs::canonical(root_path, error);
  if (!error) fs::directory_iterator probe(root_path, error);
  if (error) return fail(where + ": cannot list folder: " + error.message());
  return FolderWalker(options, cancel).walk(root_path, canonical);
}

}  // namespace xun::core
