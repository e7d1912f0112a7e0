// Turns folders into index entries: scan, skip what did not change, extract, chunk, embed only
// chunk texts that have no vector yet, and write each file in one transaction.
//
// Crash safety comes from the store: a file is either fully written (document, chunks, full-text
// rows) or not at all, so a run killed at any moment leaves an index that holds every finished
// file, and the next run sees the rest as new or changed and completes them. Vectors are keyed by
// chunk text and stored as each engine batch finishes, before their files: the next run embeds
// only what the killed one had not finished.
//
// Threading: an Indexer runs on the thread that opened its store (a worker thread in the GUI).
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include <QHash>
#include <QStringList>

#include "index/index_types.h"
#include "index/progress_meter.h"
#include "store/index_store.h"
#include "xun/engine.h"

namespace xun::core {

class ExtractionClient;
class TokenCounter;

class Indexer {
 public:
  using ProgressCallback = std::function<void(const IndexProgress&)>;

  // `model` may be null: files are then extracted, chunked (token counts estimated) and made
  // keyword-searchable, and get their vectors from a later run with a model.
  Indexer(IndexStore& store, xun::Model* model, IndexOptions options = {});
  ~Indexer();

  // Indexes every folder (adding it to the store if new). `cancel` (may be null) is polled
  // between files and engine calls; a cancelled run returns its partial report. Errors that
  // stop the run (the database cannot be written: disk full, ...) are returned as such;
  // everything written before them stays.
  Result<IndexReport> index_folders(const QStringList& folders, const ProgressCallback& progress = {},
                                    const std::atomic<bool>* cancel = nullptr);

 private:
  // A file extracted and chunked, waiting for the vectors its new chunk texts need.
  struct PendingFile {
    DocumentInfo info;
    QList<Chunk> chunks;
    std::vector<QByteArray> hashes;  // chunk_content_hash of each chunk
  };

  Result<void> prepare_model();
  Result<void> index_folder(const QString& folder);
  Result<void> index_file(const ScannedFile& file, int64_t folder_id);
  Result<void> write_pending(bool force);
  // Embeds the texts of `hashes` (one engine batch) and stores their vectors in one transaction.
  Result<void> embed_and_store(std::span<const QByteArray> hashes, const QHash<QByteArray, QString>& text_of);
  Result<void> embed_missing_vectors_of_unchanged_files();
  Result<std::vector<std::vector<float>>> embed(const std::vector<QString>& texts);
  void file_done(const QString& path);
  bool cancelled() const { return cancel_ != nullptr && cancel_->load(); }

  IndexStore& store_;
  xun::Model* model_;
  IndexOptions options_;
  std::unique_ptr<TokenCounter> counter_;
  std::unique_ptr<ExtractionClient> extractor_;  // the worker process, started at the first file read
  std::optional<VectorSpace> space_;
  std::vector<PendingFile> pending_;
  int64_t pending_chunks_ = 0;

  // Per run:
  const std::atomic<bool>* cancel_ = nullptr;
  ProgressCallback on_progress_;
  ProgressMeter meter_;
  IndexProgress progress_;
  IndexReport report_;
};

}  // namespace xun::core
