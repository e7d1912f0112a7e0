// Text extraction in xun-extract-worker, a separate process with limits on memory and time per
// file, which the indexer drives file after file. A file that crashes the worker, exhausts its
// memory or takes too long fails alone, with a reason that names the limit; the worker is then
// started afresh for the next file.
//
//   ExtractionClient extractor(ExtractWorkerOptions{});
//   auto document = extractor.extract("/home/me/notes/plan.pdf", ExtractOptions{});
//
// Threading: one thread at a time (the indexer's).
#pragma once

#include <QString>
#include <chrono>
#include <sys/types.h>

#include "extract/extract.h"

namespace xun::core {

inline constexpr int default_extract_timeout_seconds = 30;  // Tracker's extractor allows 30 s too
inline constexpr qint64 default_extract_memory_mb = 1024;

struct ExtractWorkerOptions {
  QString program;  // the worker executable; empty: default_extract_worker_program()
  std::chrono::milliseconds timeout{default_extract_timeout_seconds * 1000};  // per file, wall clock
  qint64 memory_mb = default_extract_memory_mb;  // the worker's data segment (RLIMIT_DATA)
};

// $XUN_EXTRACT_WORKER when set, else xun-extract-worker beside the running program.
QString default_extract_worker_program();

class ExtractionClient {
 public:
  explicit ExtractionClient(ExtractWorkerOptions options);
  ~ExtractionClient();  // ends the worker
  ExtractionClient(const ExtractionClient&) = delete;
  ExtractionClient& operator=(const ExtractionClient&) = delete;

  // Whether the worker program is there to run: its absence is an installation problem that
  // stops a run rather than failing every file.
  Result<void> check_program() const;

  // What extract_document(path, options) returns, computed in the worker; errors name the file.
  Result<ExtractedDocument> extract(const QString& path, const ExtractOptions& options);

 private:
  Result<void> start();
  void stop(bool let_it_finish = false);
  // Why the worker ended (after its socket closed): its exit status in words.
  std::string reap();

  ExtractWorkerOptions options_;
  QString program_;
  pid_t pid_ = -1;
  int socket_ = -1;  // our end; the worker's standard input and output are the other
};

}  // namespace xun::core
