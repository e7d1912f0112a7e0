// Which files of a folder to index: the public entry point of xun_core_scan.
//
//   auto scan = xun::core::scan_folder("/home/me/Documents");
//   for (const auto& file : scan->files) index(file.path);
//   for (const auto& problem : scan->problems) report(problem.path, problem.reason);
#pragma once

#include <QList>
#include <QString>
#include <atomic>
#include <functional>

#include "extract/extract.h"
#include "xun/error.h"

namespace xun::core {

struct ScannedFile {
  QString path;         // absolute, with '/' separators
  QString format;       // as document_format() says: "pdf", "markdown", ...
  qint64 size = 0;      // bytes
  qint64 mtime_ms = 0;  // last modification, milliseconds since the Unix epoch
};

struct ScanProblem {
  enum class Kind {
    UnreadableFolder,  // a folder that cannot be listed (permissions, I/O error)
    UnreadableFile,    // an indexable file that cannot be opened, or a broken symbolic link
    TooLarge,          // over ScanOptions::max_file_bytes
    Binary,            // a text format (by its name) whose first 8 KB hold a NUL byte
    Unsupported,       // an indexable name on something that is not a regular file (FIFO, socket)
  };
  QString path;
  Kind kind = Kind::UnreadableFile;
  QString reason;  // one line a person can act on, e.g. "cannot list folder: Permission denied"
};

struct ScanProgress {
  qsizetype folders_scanned = 0;
  qsizetype files_found = 0;
  QString folder;  // the folder just listed
};

struct ScanOptions {
  qint64 max_file_bytes = default_max_file_bytes;        // bigger files become TooLarge problems
  bool skip_hidden = true;                               // names starting with '.', files and folders alike
  bool detect_binary = true;                             // read the first 8 KB of text formats to find binaries
  std::function<void(const ScanProgress&)> on_progress;  // after each folder; may be empty
};

struct ScanResult {
  QList<ScannedFile> files;     // sorted by path
  QList<ScanProblem> problems;  // sorted by path
  bool cancelled = false;       // the cancel flag was seen: files and problems are partial
};

// Lists the indexable files under `root`, recursively. Skips hidden names, VCS and build
// folders (skipped_folders.h), and files Xun does not read (not a problem: they are simply not
// listed). Follows symbolic links to folders, but visits each real folder once, so links that
// loop are harmless. Fails only when `root` itself is not a readable folder; anything below it
// that cannot be read is a problem in the result. `cancel` may be null; it is polled per entry.
Result<ScanResult> scan_folder(const QString& root, const ScanOptions& options = {},
                               const std::atomic<bool>* cancel = nullptr);

}  // namespace xun::core
