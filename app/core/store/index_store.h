// The SQLite index: folders, documents, chunks with their full-text index, vectors, and the
// caches of query embeddings and rerank scores. One database file in WAL mode (store/schema.h
// describes the tables).
//
// Threading: an IndexStore owns one connection and belongs to the thread that opened it (calls
// from another thread fail, see sql::Database). The indexer opens its own store on its worker
// thread, the searcher another on its thread; WAL lets one writer and many readers work at once.
//
// Crash safety: every method that writes does so in one transaction, so a process killed at any
// moment leaves the index as it was before or after that call, never in between; a failed call
// (disk full, interrupted) rolls back and keeps everything written before it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <QSet>
#include <QString>

#include "store/database.h"
#include "store/store_types.h"
#include "xun/error.h"

namespace xun::core {

class IndexStore {
 public:
  // Opens or creates the index at `path`, switches it to WAL (failing if that does not take
  // effect) and migrates it to the current schema.
  // An SQLite file of another program is refused before anything is written to it.
  static Result<std::unique_ptr<IndexStore>> open(const QString& path);
  // Opens an existing index for searching and status only (sql::Database::open_read_only): it
  // changes nothing in the file, works on read-only files, folders and media, and fails for a
  // missing file or one that is not a Xun index. Search-time caches are then not written.
  static Result<std::unique_ptr<IndexStore>> open_read_only(const QString& path);
  // Opens an existing index for searching: for writing where the file and its folder can be
  // written (the search caches then grow), else read-only. Never creates an index.
  static Result<std::unique_ptr<IndexStore>> open_existing(const QString& path);

  // ---- Folders ----------------------------------------------------------------------------
  // Adds a folder (not watched unless `watching` says so), or sets `watching` of one already
  // there; unset, it leaves that folder's as it is (an indexing run must not stop a watch).
  // Returns the folder's id.
  Result<int64_t> add_folder(const QString& path, std::optional<bool> watching = std::nullopt);
  Result<std::optional<FolderRecord>> find_folder(const QString& path);
  Result<std::vector<FolderRecord>> folders();  // by path
  Result<void> set_folder_watching(int64_t folder_id, bool watching);
  Result<void> mark_folder_indexed(int64_t folder_id, int64_t when_ms);
  // Removes the folder with its documents, chunks and full-text rows. Vectors stay (see
  // prune_vectors) so that adding the folder back costs no engine time. false: no such folder.
  Result<bool> remove_folder(int64_t folder_id);

  // ---- Documents and chunks ---------------------------------------------------------------
  Result<std::optional<DocumentRecord>> find_document(const QString& path);
  // Some document whose file has this content hash (the one indexed first): a renamed or copied
  // file whose chunks and vectors can be reused without extracting or embedding anything.
  Result<std::optional<DocumentRecord>> find_document_by_hash(const QByteArray& content_hash);
  Result<std::vector<DocumentRecord>> documents(int64_t folder_id);  // by path
  Result<std::vector<StoredChunk>> chunks(int64_t document_id);      // by ordinal
  Result<std::optional<StoredChunk>> chunk(int64_t chunk_id);

  // Writes a file's document row, its chunks (ordinals 0..n-1, replacing any it had), their
  // full-text rows and the given vectors of `space`, all in one transaction. Vectors whose hash
  // is already stored for `space` are left as they are. Returns the document id.
  Result<int64_t> replace_document(const DocumentInfo& info, std::span<const Chunk> chunks,
                                   VectorSpace space = {},
                                   std::span<const ChunkVector> vectors = {});
  // A file touched but not changed (same content hash): records its new size and time.
  Result<void> update_document_stat(int64_t document_id, int64_t size, int64_t mtime_ms);
  Result<bool> remove_document(const QString& path);
  // Removes the documents of `folder_id` whose path is not in `seen_paths` (files deleted since
  // the last run) in one transaction; returns the paths removed.
  Result<std::vector<QString>> remove_missing_documents(int64_t folder_id,
                                                        const QSet<QString>& seen_paths);

  // ---- Models and vectors -----------------------------------------------------------------
  // Records a model by fingerprint (updating its path if it moved) and returns its row.
  Result<ModelRecord> register_model(const QString& fingerprint, const QString& path,
                                     const QString& kind, int dimension);
  Result<std::optional<ModelRecord>> find_model(const QString& fingerprint);
  Result<std::optional<ModelRecord>> model(int64_t model_id);
  Result<std::vector<ModelRecord>> models();  // by id
  // Remembers the space the latest indexing run embedded into, so search needs no --model.
  Result<void> set_index_model(VectorSpace space);
  Result<std::optional<IndexModel>> index_model();

  // Of `hashes`, those with no vector in `space`, in the order given, without duplicates.
  Result<std::vector<QByteArray>> hashes_missing_vectors(VectorSpace space,
                                                         std::span<const QByteArray> hashes);
  // Up to `limit` distinct chunk texts of the index with no vector in `space` (by chunk id),
  // to embed after switching models without reading any file again.
  Result<std::vector<PendingChunk>> chunks_missing_vectors(VectorSpace space, int limit);
  Result<void> write_vectors(VectorSpace space, std::span<const ChunkVector> vectors);
  Result<std::optional<std::vector<float>>> vector(VectorSpace space, const QByteArray& hash);
  // Deletes vectors that no chunk uses any more; returns how many. Never while an indexing run
  // may be at work: it stores each batch's vectors before the chunks that use them (the
  // indexer never calls this; nothing at the start of a run removes unused vectors).
  Result<int64_t> prune_vectors();

  // ---- Caches of search-time engine results -----------------------------------------------
  // `instruction` is "" for a query embedded as plain text. A read-only store keeps no new entries
  // (the store_ calls succeed without writing).
  Result<std::optional<std::vector<float>>> cached_query_embedding(int64_t model_id,
                                                                   const QString& instruction,
                                                                   const QString& query,
                                                                   int dimension);
  Result<void> store_query_embedding(int64_t model_id, const QString& instruction,
                                     const QString& query, std::span<const float> vector);
  // One entry per hash, in order: the cached score or nullopt.
  Result<std::vector<std::optional<float>>> cached_rerank_scores(
      int64_t model_id, const QString& instruction, const QString& query,
      std::span<const QByteArray> hashes);
  Result<void> store_rerank_scores(int64_t model_id, const QString& instruction,
                                   const QString& query,
                                   std::span<const std::pair<QByteArray, float>> scores);

  // ---- State ------------------------------------------------------------------------------
  Result<StoreStatus> status();
  // Grows with every change to documents, chunks or vectors (in any process): a searcher
  // holding vectors in memory reloads them when this differs from what it loaded.
  Result<int64_t> generation();

  // The connection, for the search module's own read-only queries and for tests.
  sql::Database& database() { return *database_; }
  const QString& path() const { return database_->path(); }
  bool read_only() const { return read_only_; }

 private:
  IndexStore(std::unique_ptr<sql::Database> database, bool read_only)
      : database_(std::move(database)), read_only_(read_only) {}
  Result<void> bump_generation();
  Result<int64_t> write_document_row(const DocumentInfo& info, int64_t indexed_ms);
  Result<void> write_chunks(int64_t document_id, std::span<const Chunk> chunks);
  Result<void> insert_vectors(VectorSpace space, std::span<const ChunkVector> vectors);
  Result<void> check_vectors(VectorSpace space, std::span<const ChunkVector> vectors) const;

  std::unique_ptr<sql::Database> database_;
  bool read_only_;
};

}  // namespace xun::core
