#include "store/schema.h"

#include <array>
#include <string>

namespace xun::core::schema {
namespace {

// Version 1: folders, documents, chunks with their FTS5 index, models and vectors.
//
// - Times are milliseconds since the Unix epoch (UTC); offsets are UTF-16 code units.
// - content_hash columns are raw bytes (chunks: see store/content_hash.h); vectors are keyed by
//   the chunk text's hash, not by chunk, so that a renamed or copied file, or a switch back to a
//   model used before, finds its vectors already computed.
// - chunks_fts holds the chunk text split into words by ICU (store/word_segmenter.h), so that
//   Chinese and Japanese, written without spaces, have words FTS5's unicode61 can index. Its rowid
//   is the chunk id; a trigger removes it with the chunk, also when a folder delete cascades.
constexpr char kVersion1[] = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY NOT NULL,
  value ANY NOT NULL);

CREATE TABLE folders (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  added_ms INTEGER NOT NULL,
  last_indexed_ms INTEGER,
  watching INTEGER NOT NULL DEFAULT 0);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  folder_id INTEGER NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
  path TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  content_hash BLOB NOT NULL,
  format TEXT NOT NULL,
  page_count INTEGER NOT NULL,
  indexed_ms INTEGER NOT NULL);
CREATE INDEX documents_by_folder ON documents (folder_id);
CREATE INDEX documents_by_content_hash ON documents (content_hash);

CREATE TABLE chunks (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  page INTEGER NOT NULL,
  token_count INTEGER NOT NULL,
  content_hash BLOB NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (document_id, ordinal));
CREATE INDEX chunks_by_content_hash ON chunks (content_hash);

CREATE VIRTUAL TABLE chunks_fts USING fts5 (words, tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
  DELETE FROM chunks_fts WHERE rowid = old.id;
END;

CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  dimension INTEGER NOT NULL);

CREATE TABLE vectors (
  id INTEGER PRIMARY KEY,
  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  dimension INTEGER NOT NULL,
  content_hash BLOB NOT NULL,
  vector BLOB NOT NULL CHECK (length(vector) = 4 * dimension),
  UNIQUE (model_id, dimension, content_hash));
)sql";

// Version 2: caches of what the engine computed at search time, and a generation counter that
// every change to searchable content bumps, so that searchers know when to reload vectors.
constexpr char kVersion2[] = R"sql(
CREATE TABLE query_embeddings (
  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  instruction TEXT NOT NULL,
  query TEXT NOT NULL,
  dimension INTEGER NOT NULL,
  vector BLOB NOT NULL CHECK (length(vector) = 4 * dimension),
  PRIMARY KEY (model_id, instruction, query, dimension)) WITHOUT ROWID;

CREATE TABLE rerank_scores (
  model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  instruction TEXT NOT NULL,
  query TEXT NOT NULL,
  content_hash BLOB NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (model_id, instruction, query, content_hash)) WITHOUT ROWID;

INSERT INTO meta (key, value) VALUES ('generation', 0);
)sql";

// kSteps[i] takes a database from version i to version i + 1.
constexpr std::array<const char*, kSchemaVersion> kSteps = {kVersion1, kVersion2};

constexpr char kCountTables[] = "SELECT count(*) FROM sqlite_schema WHERE type = 'table'";
constexpr char kHasMeta[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'";
constexpr char kSelectVersion[] = "SELECT value FROM meta WHERE key = 'schema_version'";
constexpr char kUpsertVersion[] =
    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

}  // namespace

Result<int> version(sql::Database& database) {
  auto has_meta = database.query_int(kHasMeta);
  if (!has_meta) return std::unexpected(has_meta.error());
  if (*has_meta == 0) {
    auto tables = database.query_int(kCountTables);
    if (!tables) return std::unexpected(tables.error());
    if (*tables > 0)
      return fail(database.path().toStdString() +
                  ": this SQLite database was not made by Xun (it has no 'meta' table); choose "
                  "another file for the index");
    return 0;
  }
  auto stored = database.query_int(kSelectVersion);
  if (!stored) return std::unexpected(stored.error());
  return static_cast<int>(*stored);
}

Result<void> migrate(sql::Database& database, int target) {
  auto transaction = sql::Transaction::begin(database, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(transaction.error());
  // Read the version inside the write transaction: two processes opening a new file at once
  // must not both create the tables.
  auto current = version(database);
  if (!current) return std::unexpected(current.error());
  if (*current > kSchemaVersion) {
    return fail(database.path().toStdString() + ": the index was made by a newer Xun (schema " +
                std::to_string(*current) + ", this version reads up to " +
                std::to_string(kSchemaVersion) + "); update Xun or choose another file");
  }
  if (*current >= target) return {};  // the transaction rolls back: nothing was changed
  for (int step = *current; step < target; ++step) {
    if (auto ok = database.execute(kSteps[static_cast<size_t>(step)]); !ok)
      return std::unexpected(in_context("migrating to schema " + std::to_string(step + 1), ok.error()));
  }
  auto upsert = database.statement(kUpsertVersion);
  if (!upsert) return std::unexpected(upsert.error());
  (*upsert)->bind_int(1, target);
  if (auto ok = (*upsert)->run(); !ok) return ok;
  return transaction->commit();
}

}  // namespace xun::core::schema
