// IndexStore: documents and their chunks, written one file per transaction.
#include <QDateTime>

#include <sqlite3.h>

#include "store/content_hash.h"
#include "store/index_store.h"
#include "store/word_segmenter.h"

namespace xun::core {
namespace {

#define XUN_DOCUMENT_COLUMNS \
  "id, folder_id, path, size, mtime_ms, content_hash, format, page_count, indexed_ms"
#define XUN_CHUNK_COLUMNS \
  "id, document_id, ordinal, start_offset, end_offset, page, token_count, content_hash, text"

constexpr char kSelectDocumentByPath[] =
    "SELECT " XUN_DOCUMENT_COLUMNS " FROM documents WHERE path = ?";
constexpr char kSelectDocumentByHash[] =
    "SELECT " XUN_DOCUMENT_COLUMNS " FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1";
constexpr char kSelectDocumentsOfFolder[] =
    "SELECT " XUN_DOCUMENT_COLUMNS " FROM documents WHERE folder_id = ? ORDER BY path";
constexpr char kSelectChunksOfDocument[] =
    "SELECT " XUN_CHUNK_COLUMNS " FROM chunks WHERE document_id = ? ORDER BY ordinal";
constexpr char kSelectChunk[] = "SELECT " XUN_CHUNK_COLUMNS " FROM chunks WHERE id = ?";

// The trigger chunks_fts_delete removes the full-text rows with the chunks.
constexpr char kDeleteChunksOfPath[] =
    "DELETE FROM chunks WHERE document_id = (SELECT id FROM documents WHERE path = ?)";
constexpr char kUpsertDocument[] =
    "INSERT INTO documents (folder_id, path, size, mtime_ms, content_hash, format, page_count, "
    "indexed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (path) DO UPDATE SET folder_id = excluded.folder_id, size = excluded.size, "
    "mtime_ms = excluded.mtime_ms, content_hash = excluded.content_hash, "
    "format = excluded.format, page_count = excluded.page_count, "
    "indexed_ms = excluded.indexed_ms "
    "RETURNING id";
constexpr char kInsertChunk[] =
    "INSERT INTO chunks (document_id, ordinal, start_offset, end_offset, page, token_count, "
    "content_hash, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertChunkWords[] = "INSERT INTO chunks_fts (rowid, words) VALUES (?, ?)";
constexpr char kUpdateDocumentStat[] = "UPDATE documents SET size = ?, mtime_ms = ? WHERE id = ?";
constexpr char kDeleteDocumentByPath[] = "DELETE FROM documents WHERE path = ?";
constexpr char kDeleteDocument[] = "DELETE FROM documents WHERE id = ?";
constexpr char kSelectPathsOfFolder[] =
    "SELECT id, path FROM documents WHERE folder_id = ? ORDER BY path";

#undef XUN_DOCUMENT_COLUMNS
#undef XUN_CHUNK_COLUMNS

DocumentRecord read_document(const sql::Statement& row) {
  DocumentRecord document;
  document.id = row.column_int(0);
  document.info.folder_id = row.column_int(1);
  document.info.path = row.column_text(2);
  document.info.size = row.column_int(3);
  document.info.mtime_ms = row.column_int(4);
  document.info.content_hash = row.column_blob(5);
  document.info.format = row.column_text(6);
  document.info.page_count = static_cast<int>(row.column_int(7));
  document.indexed_ms = row.column_int(8);
  return document;
}

StoredChunk read_chunk(const sql::Statement& row) {
  StoredChunk stored;
  stored.id = row.column_int(0);
  stored.document_id = row.column_int(1);
  stored.ordinal = static_cast<int>(row.column_int(2));
  stored.chunk.start = row.column_int(3);
  stored.chunk.end = row.column_int(4);
  stored.chunk.page = static_cast<int>(row.column_int(5));
  stored.chunk.tokens = static_cast<int>(row.column_int(6));
  stored.content_hash = row.column_blob(7);
  stored.chunk.text = row.column_text(8);
  return stored;
}

// Runs a SELECT with one bound parameter and reads every row with `read`.
template <class Record, class Bind, class Read>
Result<std::vector<Record>> select_all(sql::Database& database, const char* sql, Bind bind,
                                       Read read) {
  auto select = database.statement(sql);
  if (!select) return std::unexpected(select.error());
  bind(**select);
  std::vector<Record> records;
  for (;;) {
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return records;
    records.push_back(read(**select));
  }
}

template <class Record, class Bind, class Read>
Result<std::optional<Record>> select_one(sql::Database& database, const char* sql, Bind bind,
                                         Read read) {
  auto select = database.statement(sql);
  if (!select) return std::unexpected(select.error());
  bind(**select);
  auto row = (*select)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::nullopt;
  return read(**select);
}

}  // namespace

Result<std::optional<DocumentRecord>> IndexStore::find_document(const QString& path) {
  return select_one<DocumentRecord>(
      *database_, kSelectDocumentByPath, [&](sql::Statement& s) { s.bind_text(1, path); },
      read_document);
}

Result<std::optional<DocumentRecord>> IndexStore::find_document_by_hash(
    const QByteArray& content_hash) {
  return select_one<DocumentRecord>(
      *database_, kSelectDocumentByHash, [&](sql::Statement& s) { s.bind_blob(1, content_hash); },
      read_document);
}

Result<std::vector<DocumentRecord>> IndexStore::documents(int64_t folder_id) {
  return select_all<DocumentRecord>(
      *database_, kSelectDocumentsOfFolder, [&](sql::Statement& s) { s.bind_int(1, folder_id); },
      read_document);
}

Result<std::vector<StoredChunk>> IndexStore::chunks(int64_t document_id) {
  return select_all<StoredChunk>(
      *database_, kSelectChunksOfDocument, [&](sql::Statement& s) { s.bind_int(1, document_id); },
      read_chunk);
}

Result<std::optional<StoredChunk>> IndexStore::chunk(int64_t chunk_id) {
  return select_one<StoredChunk>(
      *database_, kSelectChunk, [&](sql::Statement& s) { s.bind_int(1, chunk_id); }, read_chunk);
}

Result<int64_t> IndexStore::write_document_row(const DocumentInfo& info, int64_t indexed_ms) {
  auto upsert = database_->statement(kUpsertDocument);
  if (!upsert) return std::unexpected(upsert.error());
  (*upsert)->bind_int(1, info.folder_id);
  (*upsert)->bind_text(2, info.path);
  (*upsert)->bind_int(3, info.size);
  (*upsert)->bind_int(4, info.mtime_ms);
  (*upsert)->bind_blob(5, info.content_hash);
  (*upsert)->bind_text(6, info.format);
  (*upsert)->bind_int(7, info.page_count);
  (*upsert)->bind_int(8, indexed_ms);
  auto row = (*upsert)->step();
  if (!row) return std::unexpected(row.error());
  const int64_t id = (*upsert)->column_int(0);
  if (auto done = (*upsert)->run(); !done) return std::unexpected(done.error());
  return id;
}

Result<void> IndexStore::write_chunks(int64_t document_id, std::span<const Chunk> chunks) {
  for (size_t ordinal = 0; ordinal < chunks.size(); ++ordinal) {
    const Chunk& chunk = chunks[ordinal];
    {
      auto insert = database_->statement(kInsertChunk);
      if (!insert) return std::unexpected(insert.error());
      (*insert)->bind_int(1, document_id);
      (*insert)->bind_int(2, static_cast<int64_t>(ordinal));
      (*insert)->bind_int(3, chunk.start);
      (*insert)->bind_int(4, chunk.end);
      (*insert)->bind_int(5, chunk.page);
      (*insert)->bind_int(6, chunk.tokens);
      (*insert)->bind_blob(7, chunk_content_hash(chunk.text));
      (*insert)->bind_text(8, chunk.text);
      if (auto ok = (*insert)->run(); !ok) return ok;
    }
    auto words = database_->statement(kInsertChunkWords);
    if (!words) return std::unexpected(words.error());
    (*words)->bind_int(1, database_->last_insert_rowid());
    (*words)->bind_text(2, words_for_index(chunk.text));
    if (auto ok = (*words)->run(); !ok) return ok;
  }
  return {};
}

Result<int64_t> IndexStore::replace_document(const DocumentInfo& info,
                                             std::span<const Chunk> chunks, VectorSpace space,
                                             std::span<const ChunkVector> vectors) {
  // Check what can be checked before writing anything.
  if (auto ok = check_vectors(space, vectors); !ok) return std::unexpected(ok.error());
  const std::string where = "saving " + info.path.toStdString();
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(in_context(where, transaction.error()));
  {
    auto remove = database_->statement(kDeleteChunksOfPath);
    if (!remove) return std::unexpected(in_context(where, remove.error()));
    (*remove)->bind_text(1, info.path);
    if (auto ok = (*remove)->run(); !ok) return std::unexpected(in_context(where, ok.error()));
  }
  auto document_id = write_document_row(info, QDateTime::currentMSecsSinceEpoch());
  if (!document_id) return std::unexpected(in_context(where, document_id.error()));
  if (auto ok = write_chunks(*document_id, chunks); !ok)
    return std::unexpected(in_context(where, ok.error()));
  if (auto ok = insert_vectors(space, vectors); !ok)
    return std::unexpected(in_context(where, ok.error()));
  if (auto ok = bump_generation(); !ok) return std::unexpected(in_context(where, ok.error()));
  if (auto ok = transaction->commit(); !ok) return std::unexpected(in_context(where, ok.error()));
  return *document_id;
}

Result<void> IndexStore::update_document_stat(int64_t document_id, int64_t size,
                                              int64_t mtime_ms) {
  auto update = database_->statement(kUpdateDocumentStat);
  if (!update) return std::unexpected(update.error());
  (*update)->bind_int(1, size);
  (*update)->bind_int(2, mtime_ms);
  (*update)->bind_int(3, document_id);
  return (*update)->run();
}

Result<bool> IndexStore::remove_document(const QString& path) {
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(transaction.error());
  {
    auto remove = database_->statement(kDeleteDocumentByPath);
    if (!remove) return std::unexpected(remove.error());
    (*remove)->bind_text(1, path);
    if (auto ok = (*remove)->run(); !ok) return std::unexpected(ok.error());
  }
  if (sqlite3_changes(database_->handle()) == 0) return false;
  if (auto ok = bump_generation(); !ok) return std::unexpected(ok.error());
  if (auto ok = transaction->commit(); !ok) return std::unexpected(ok.error());
  return true;
}

Result<std::vector<QString>> IndexStore::remove_missing_documents(int64_t folder_id,
                                                                  const QSet<QString>& seen_paths) {
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(transaction.error());
  auto stored = select_all<std::pair<int64_t, QString>>(
      *database_, kSelectPathsOfFolder, [&](sql::Statement& s) { s.bind_int(1, folder_id); },
      [](const sql::Statement& row) { return std::pair(row.column_int(0), row.column_text(1)); });
  if (!stored) return std::unexpected(stored.error());
  std::vector<QString> removed;
  for (const auto& [id, path] : *stored) {
    if (seen_paths.contains(path)) continue;
    auto remove = database_->statement(kDeleteDocument);
    if (!remove) return std::unexpected(remove.error());
    (*remove)->bind_int(1, id);
    if (auto ok = (*remove)->run(); !ok) return std::unexpected(ok.error());
    removed.push_back(path);
  }
  if (removed.empty()) return removed;  // nothing changed: the transaction just ends
  if (auto ok = bump_generation(); !ok) return std::unexpected(ok.error());
  if (auto ok = transaction->commit(); !ok) return std::unexpected(ok.error());
  return removed;
}

}  // namespace xun::core
