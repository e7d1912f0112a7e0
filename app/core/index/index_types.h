// What an indexing run is asked to do, what it reports while it works, and what it did.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <QString>

#include "chunk/chunker.h"
#include "extract/extract.h"
#include "extract/extraction_client.h"
#include "scan/scan.h"

namespace xun::core {

struct IndexOptions {
  ChunkOptions chunking;
  ScanOptions scan;
  ExtractOptions extract;               // per file: size, archive and text limits
  ExtractWorkerOptions extract_worker;  // per file: the worker's memory and time limits
  // Chunk texts sent to the engine per call: large batches keep a GPU busy; the engine packs
  // them without padding and splits what does not fit.
  int embed_batch_chunks = 64;
  std::optional<uint32_t> dimension;  // MRL: embed at fewer dimensions than the model's
};

struct IndexProgress {
  int64_t files_total = 0;     // indexable files found by the scan so far
  int64_t files_done = 0;      // indexed, unchanged, skipped or failed
  int64_t chunks_done = 0;     // chunks written
  int64_t chunks_embedded = 0; // of those, vectors the engine computed now
  double seconds = 0;          // since the run started
  double files_per_second = 0;
  double chunks_per_second = 0;
  std::optional<double> seconds_left;  // unset until there is a rate to go by
  QString current_path;
};

struct FileFailure {
  QString path;
  QString error;  // for a skipped file, why it was skipped ("over the size limit of 10 MB")
};

struct IndexReport {
  int64_t files_seen = 0;       // indexable files the scan listed, plus those it refused
  int64_t files_indexed = 0;    // (re)written: new or changed content, or renamed/copied
  int64_t files_unchanged = 0;  // same size and time, or same content
  int64_t files_skipped = 0;    // too large, binary or not a regular file
  int64_t files_failed = 0;     // unreadable or not extractable; see failures
  int64_t files_removed = 0;    // deleted from disk since the last run, removed from the index
  int64_t chunks = 0;           // chunks written for indexed files
  int64_t chunks_embedded = 0;  // vectors the engine computed
  int64_t chunks_reused = 0;    // chunks whose vector was already stored (same text anywhere)
  double seconds = 0;
  bool cancelled = false;       // stopped early: what was finished is stored, the rest is not
  std::vector<FileFailure> failures;
  std::vector<FileFailure> skipped;  // one per files_skipped: the path and why it was not read
  std::vector<FileFailure> warnings;  // files indexed all the same, and what was not as asked (text cut)
};

}  // namespace xun::core
