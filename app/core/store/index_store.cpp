// IndexStore: opening, folders, the index model, status. Documents, vectors and caches are in
// index_store_documents.cpp, index_store_vectors.cpp and index_store_caches.cpp.
#include "store/index_store.h"

#include <string>
#include <unordered_map>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>
#include <unistd.h>

#include "store/schema.h"

namespace xun::core {
namespace {

// A writer waits this long for another connection's write transaction (the indexer's
// transactions are one file each, so a wait is short) before failing with "locked".
constexpr int kBusyTimeoutMs = 10'000;

constexpr char kNotAnIndex[] = ": this file is not a Xun index (it holds no tables)";

constexpr char kJournalModeWal[] = "PRAGMA journal_mode = WAL";
// NORMAL in WAL mode: a commit survives a process crash (kill -9), and only a power cut can lose
// the last commits, never consistency. FULL would fsync once per indexed file.
constexpr char kSynchronousNormal[] = "PRAGMA synchronous = NORMAL";
constexpr char kForeignKeysOn[] = "PRAGMA foreign_keys = ON";
// Reads through a memory map of up to 1 GiB: dense search re-reads a few float32 vectors per
// query and loading the vectors reads them all; with read() each page costs a system call.
// SQLite still writes with write(), so a full disk is reported as an error, not a signal.
constexpr char kMmapReads[] = "PRAGMA mmap_size = 1073741824";

constexpr char kUpsertFolder[] =
    "INSERT INTO folders (path, added_ms, watching) VALUES (?, ?, ?) "
    "ON CONFLICT (path) DO UPDATE SET watching = excluded.watching "
    "RETURNING id";
// The same, leaving the watching flag of a folder already there as it is (the no-op update
// makes RETURNING yield the existing row, which DO NOTHING would not).
constexpr char kInsertFolderKeepWatching[] =
    "INSERT INTO folders (path, added_ms, watching) VALUES (?, ?, ?) "
    "ON CONFLICT (path) DO UPDATE SET path = excluded.path "
    "RETURNING id";
constexpr char kSelectFolderByPath[] =
    "SELECT id, path, added_ms, last_indexed_ms, watching FROM folders WHERE path = ?";
constexpr char kSelectFolders[] =
    "SELECT id, path, added_ms, last_indexed_ms, watching FROM folders ORDER BY path";
constexpr char kUpdateFolderWatching[] = "UPDATE folders SET watching = ? WHERE id = ?";
constexpr char kUpdateFolderIndexed[] = "UPDATE folders SET last_indexed_ms = ? WHERE id = ?";
constexpr char kDeleteFolder[] = "DELETE FROM folders WHERE id = ?";

constexpr char kBumpGeneration[] =
    "UPDATE meta SET value = value + 1 WHERE key = 'generation'";
constexpr char kSelectGeneration[] = "SELECT value FROM meta WHERE key = 'generation'";
constexpr char kUpsertMeta[] =
    "INSERT INTO meta (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
constexpr char kSelectIndexModel[] =
    "SELECT models.id, models.fingerprint, models.path, models.kind, models.dimension, "
    "dimension.value "
    "FROM meta AS model_id "
    "JOIN meta AS dimension ON dimension.key = 'index_dimension' "
    "JOIN models ON models.id = model_id.value "
    "WHERE model_id.key = 'index_model_id'";

constexpr char kCountDocuments[] = "SELECT count(*) FROM documents";
constexpr char kCountChunks[] = "SELECT count(*) FROM chunks";
constexpr char kFolderCounts[] =
    "SELECT folders.id, count(DISTINCT documents.id), count(chunks.id) "
    "FROM folders "
    "LEFT JOIN documents ON documents.folder_id = folders.id "
    "LEFT JOIN chunks ON chunks.document_id = documents.id "
    "GROUP BY folders.id ORDER BY folders.id";
constexpr char kVectorCounts[] =
    "SELECT model_id, dimension, count(*) FROM vectors "
    "GROUP BY model_id, dimension ORDER BY model_id, dimension";

FolderRecord read_folder(const sql::Statement& row) {
  FolderRecord folder;
  folder.id = row.column_int(0);
  folder.path = row.column_text(1);
  folder.added_ms = row.column_int(2);
  if (!row.column_is_null(3)) folder.last_indexed_ms = row.column_int(3);
  folder.watching = row.column_int(4) != 0;
  return folder;
}

// Before anything is written: a file that is not an SQLite database, or another program's
// database, is refused unchanged (the WAL switch in configure() would already modify it).
Result<void> check_is_index_or_empty(sql::Database& database) {
  auto version = schema::version(database);
  if (!version) return std::unexpected(version.error());
  return {};
}

Result<void> configure(sql::Database& database) {
  auto mode = database.query_text(kJournalModeWal);
  if (!mode) return std::unexpected(mode.error());
  if (mode->compare(u"wal", Qt::CaseInsensitive) != 0) {
    return fail(database.path().toStdString() +
                ": the index needs SQLite's WAL journal, but the journal mode stayed '" +
                mode->toStdString() +
                "' (is the file on a network drive or a read-only medium?)");
  }
  if (auto ok = database.execute(kSynchronousNormal); !ok) return ok;
  if (auto ok = database.execute(kMmapReads); !ok) return ok;
  return database.execute(kForeignKeysOn);
}

Result<void> check_readable_schema(sql::Database& database) {
  auto version = schema::version(database);
  if (!version) return std::unexpected(version.error());
  const std::string path = database.path().toStdString();
  if (*version == 0) return fail(path + kNotAnIndex);
  if (*version > schema::kSchemaVersion)
    return fail(path + ": the index was made by a newer Xun (schema " + std::to_string(*version) +
                ", this version reads up to " + std::to_string(schema::kSchemaVersion) + "); update Xun");
  if (*version < schema::kSchemaVersion)
    return fail(path + ": the index was made by an older Xun (schema " + std::to_string(*version) +
                "); run 'xun index' on it once to bring it up to date");
  return {};
}

}  // namespace

Result<std::unique_ptr<IndexStore>> IndexStore::open(const QString& path) {
  auto database = sql::Database::open(path);
  if (!database) return std::unexpected(database.error());
  sqlite3_busy_timeout((*database)->handle(), kBusyTimeoutMs);
  if (auto ok = check_is_index_or_empty(**database); !ok) return std::unexpected(ok.error());
  if (auto ok = configure(**database); !ok) return std::unexpected(ok.error());
  if (auto ok = schema::migrate(**database); !ok) return std::unexpected(ok.error());
  return std::unique_ptr<IndexStore>(new IndexStore(std::move(*database), false));
}

Result<std::unique_ptr<IndexStore>> IndexStore::open_existing(const QString& path) {
  const QFileInfo file(path);
  const bool writable = file.isFile() && ::access(QFile::encodeName(path).constData(), W_OK) == 0 &&
                        ::access(QFile::encodeName(file.absolutePath()).constData(), W_OK) == 0;
  if (!writable) return open_read_only(path);
  auto database = sql::Database::open_existing(path);
  if (!database) return std::unexpected(database.error());
  sqlite3_busy_timeout((*database)->handle(), kBusyTimeoutMs);
  auto version = schema::version(**database);
  if (!version) return std::unexpected(version.error());
  if (*version == 0) return fail(path.toStdString() + kNotAnIndex);
  if (auto ok = configure(**database); !ok) return std::unexpected(ok.error());
  if (auto ok = schema::migrate(**database); !ok) return std::unexpected(ok.error());
  return std::unique_ptr<IndexStore>(new IndexStore(std::move(*database), false));
}

Result<std::unique_ptr<IndexStore>> IndexStore::open_read_only(const QString& path) {
  auto database = sql::Database::open_read_only(path);
  if (!database) return std::unexpected(database.error());
  sqlite3_busy_timeout((*database)->handle(), kBusyTimeoutMs);
  if (auto ok = check_readable_schema(**database); !ok) return std::unexpected(ok.error());
  if (auto ok = (*database)->execute(kMmapReads); !ok) return std::unexpected(ok.error());
  return std::unique_ptr<IndexStore>(new IndexStore(std::move(*database), true));
}

// ---- Folders ----------------------------------------------------------------------------------

Result<int64_t> IndexStore::add_folder(const QString& path, std::optional<bool> watching) {
  auto upsert = database_->statement(watching ? kUpsertFolder : kInsertFolderKeepWatching);
  if (!upsert) return std::unexpected(upsert.error());
  (*upsert)->bind_text(1, path);
  (*upsert)->bind_int(2, QDateTime::currentMSecsSinceEpoch());
  (*upsert)->bind_int(3, watching.value_or(false) ? 1 : 0);
  auto row = (*upsert)->step();
  if (!row) return std::unexpected(row.error());
  const int64_t id = (*upsert)->column_int(0);
  // RETURNING yields the row before the statement completes; finish it so the write is done.
  if (auto done = (*upsert)->run(); !done) return std::unexpected(done.error());
  return id;
}

Result<std::optional<FolderRecord>> IndexStore::find_folder(const QString& path) {
  auto select = database_->statement(kSelectFolderByPath);
  if (!select) return std::unexpected(select.error());
  (*select)->bind_text(1, path);
  auto row = (*select)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::nullopt;
  return read_folder(**select);
}

Result<std::vector<FolderRecord>> IndexStore::folders() {
  auto select = database_->statement(kSelectFolders);
  if (!select) return std::unexpected(select.error());
  std::vector<FolderRecord> folders;
  for (;;) {
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return folders;
    folders.push_back(read_folder(**select));
  }
}

Result<void> IndexStore::set_folder_watching(int64_t folder_id, bool watching) {
  auto update = database_->statement(kUpdateFolderWatching);
  if (!update) return std::unexpected(update.error());
  (*update)->bind_int(1, watching ? 1 : 0);
  (*update)->bind_int(2, folder_id);
  return (*update)->run();
}

Result<void> IndexStore::mark_folder_indexed(int64_t folder_id, int64_t when_ms) {
  auto update = database_->statement(kUpdateFolderIndexed);
  if (!update) return std::unexpected(update.error());
  (*update)->bind_int(1, when_ms);
  (*update)->bind_int(2, folder_id);
  return (*update)->run();
}

Result<bool> IndexStore::remove_folder(int64_t folder_id) {
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(transaction.error());
  {
    // Foreign keys cascade to documents and chunks; the chunks trigger removes the FTS rows.
    auto remove = database_->statement(kDeleteFolder);
    if (!remove) return std::unexpected(remove.error());
    (*remove)->bind_int(1, folder_id);
    if (auto ok = (*remove)->run(); !ok) return std::unexpected(ok.error());
  }
  if (sqlite3_changes(database_->handle()) == 0) return false;
  if (auto ok = bump_generation(); !ok) return std::unexpected(ok.error());
  if (auto ok = transaction->commit(); !ok) return std::unexpected(ok.error());
  return true;
}

// ---- Meta -------------------------------------------------------------------------------------

Result<void> IndexStore::bump_generation() {
  auto bump = database_->statement(kBumpGeneration);
  if (!bump) return std::unexpected(bump.error());
  return (*bump)->run();
}

Result<int64_t> IndexStore::generation() { return database_->query_int(kSelectGeneration); }

Result<void> IndexStore::set_index_model(VectorSpace space) {
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(transaction.error());
  const std::pair<const char*, int64_t> entries[] = {{"index_model_id", space.model_id},
                                                     {"index_dimension", space.dimension}};
  for (const auto& [key, value] : entries) {
    auto upsert = database_->statement(kUpsertMeta);
    if (!upsert) return std::unexpected(upsert.error());
    (*upsert)->bind_text(1, QString::fromLatin1(key));
    (*upsert)->bind_int(2, value);
    if (auto ok = (*upsert)->run(); !ok) return ok;
  }
  return transaction->commit();
}

Result<std::optional<IndexModel>> IndexStore::index_model() {
  auto select = database_->statement(kSelectIndexModel);
  if (!select) return std::unexpected(select.error());
  auto row = (*select)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::nullopt;
  IndexModel index;
  index.model.id = (*select)->column_int(0);
  index.model.fingerprint = (*select)->column_text(1);
  index.model.path = (*select)->column_text(2);
  index.model.kind = (*select)->column_text(3);
  index.model.dimension = static_cast<int>((*select)->column_int(4));
  index.dimension = static_cast<int>((*select)->column_int(5));
  return index;
}

// ---- Status -----------------------------------------------------------------------------------

Result<StoreStatus> IndexStore::status() {
  // One read transaction: the counts describe a single moment even while an indexer writes.
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::read);
  if (!transaction) return std::unexpected(transaction.error());
  StoreStatus status;
  auto folders = this->folders();
  if (!folders) return std::unexpected(folders.error());
  {
    auto counts = database_->statement(kFolderCounts);
    if (!counts) return std::unexpected(counts.error());
    // Both lists are ordered; counts by id, folders by path: match by id.
    std::unordered_map<int64_t, std::pair<int64_t, int64_t>> by_id;
    for (;;) {
      auto row = (*counts)->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      by_id[(*counts)->column_int(0)] = {(*counts)->column_int(1), (*counts)->column_int(2)};
    }
    for (FolderRecord& folder : *folders) {
      const auto [documents, chunks] = by_id[folder.id];
      status.folders.push_back({std::move(folder), documents, chunks});
    }
  }
  auto documents = database_->query_int(kCountDocuments);
  if (!documents) return std::unexpected(documents.error());
  status.documents = *documents;
  auto chunks = database_->query_int(kCountChunks);
  if (!chunks) return std::unexpected(chunks.error());
  status.chunks = *chunks;

  auto models = this->models();
  if (!models) return std::unexpected(models.error());
  status.models = *models;
  {
    auto counts = database_->statement(kVectorCounts);
    if (!counts) return std::unexpected(counts.error());
    for (;;) {
      auto row = (*counts)->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      const int64_t model_id = (*counts)->column_int(0);
      for (const ModelRecord& model : status.models) {
        if (model.id == model_id)
          status.vectors.push_back({model, static_cast<int>((*counts)->column_int(1)),
                                    (*counts)->column_int(2)});
      }
    }
  }
  auto index = index_model();
  if (!index) return std::unexpected(index.error());
  status.index_model = *index;
  if (auto ok = transaction->commit(); !ok) return std::unexpected(ok.error());

  for (const QString& file : {path(), path() + QStringLiteral("-wal")}) {
    const QFileInfo info(file);
    if (info.exists()) status.bytes += info.size();
  }
  return status;
}

}  // namespace xun::core
