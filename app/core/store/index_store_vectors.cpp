// IndexStore: models and chunk vectors. Vectors are keyed by (model, dimension, chunk content
// hash), never by chunk, so identical text is embedded once per model and dimension.
#include <string>
#include <unordered_set>

#include <sqlite3.h>

#include "store/index_store.h"
#include "store/vector_blob.h"

namespace xun::core {
namespace {

#define XUN_MODEL_COLUMNS "id, fingerprint, path, kind, dimension"

constexpr char kUpsertModel[] =
    "INSERT INTO models (fingerprint, path, kind, dimension) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (fingerprint) DO UPDATE SET path = excluded.path, kind = excluded.kind, "
    "dimension = excluded.dimension "
    "RETURNING " XUN_MODEL_COLUMNS;
constexpr char kSelectModelByFingerprint[] =
    "SELECT " XUN_MODEL_COLUMNS " FROM models WHERE fingerprint = ?";
constexpr char kSelectModel[] = "SELECT " XUN_MODEL_COLUMNS " FROM models WHERE id = ?";
constexpr char kSelectModels[] = "SELECT " XUN_MODEL_COLUMNS " FROM models ORDER BY id";

#undef XUN_MODEL_COLUMNS

constexpr char kSelectVectorExists[] =
    "SELECT count(*) FROM vectors WHERE model_id = ? AND dimension = ? AND content_hash = ?";
// One row per distinct text (the chunk with the smallest id stands for its copies).
constexpr char kSelectChunksMissingVectors[] =
    "SELECT content_hash, text, min(id) FROM chunks "
    "WHERE NOT EXISTS (SELECT 1 FROM vectors WHERE vectors.model_id = ? "
    "AND vectors.dimension = ? AND vectors.content_hash = chunks.content_hash) "
    "GROUP BY content_hash ORDER BY min(id) LIMIT ?";
constexpr char kInsertVector[] =
    "INSERT INTO vectors (model_id, dimension, content_hash, vector) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (model_id, dimension, content_hash) DO NOTHING";
constexpr char kSelectVector[] =
    "SELECT vector FROM vectors WHERE model_id = ? AND dimension = ? AND content_hash = ?";
constexpr char kPruneVectors[] =
    "DELETE FROM vectors WHERE NOT EXISTS "
    "(SELECT 1 FROM chunks WHERE chunks.content_hash = vectors.content_hash)";

ModelRecord read_model(const sql::Statement& row) {
  ModelRecord model;
  model.id = row.column_int(0);
  model.fingerprint = row.column_text(1);
  model.path = row.column_text(2);
  model.kind = row.column_text(3);
  model.dimension = static_cast<int>(row.column_int(4));
  return model;
}

struct HashOfBytes {
  size_t operator()(const QByteArray& bytes) const { return qHash(bytes); }
};

}  // namespace

Result<ModelRecord> IndexStore::register_model(const QString& fingerprint, const QString& path,
                                               const QString& kind, int dimension) {
  if (fingerprint.isEmpty()) return fail(this->path().toStdString() + ": a model needs a fingerprint");
  auto upsert = database_->statement(kUpsertModel);
  if (!upsert) return std::unexpected(upsert.error());
  (*upsert)->bind_text(1, fingerprint);
  (*upsert)->bind_text(2, path);
  (*upsert)->bind_text(3, kind);
  (*upsert)->bind_int(4, dimension);
  auto row = (*upsert)->step();
  if (!row) return std::unexpected(row.error());
  ModelRecord model = read_model(**upsert);
  if (auto done = (*upsert)->run(); !done) return std::unexpected(done.error());
  return model;
}

Result<std::optional<ModelRecord>> IndexStore::find_model(const QString& fingerprint) {
  auto select = database_->statement(kSelectModelByFingerprint);
  if (!select) return std::unexpected(select.error());
  (*select)->bind_text(1, fingerprint);
  auto row = (*select)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::nullopt;
  return read_model(**select);
}

Result<std::optional<ModelRecord>> IndexStore::model(int64_t model_id) {
  auto select = database_->statement(kSelectModel);
  if (!select) return std::unexpected(select.error());
  (*select)->bind_int(1, model_id);
  auto row = (*select)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::nullopt;
  return read_model(**select);
}

Result<std::vector<ModelRecord>> IndexStore::models() {
  auto select = database_->statement(kSelectModels);
  if (!select) return std::unexpected(select.error());
  std::vector<ModelRecord> models;
  for (;;) {
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return models;
    models.push_back(read_model(**select));
  }
}

Result<std::vector<QByteArray>> IndexStore::hashes_missing_vectors(
    VectorSpace space, std::span<const QByteArray> hashes) {
  std::vector<QByteArray> missing;
  std::unordered_set<QByteArray, HashOfBytes> seen;
  // One indexed lookup per hash: a file has tens of chunks, and this avoids building SQL lists.
  for (const QByteArray& hash : hashes) {
    if (!seen.insert(hash).second) continue;
    auto exists = database_->statement(kSelectVectorExists);
    if (!exists) return std::unexpected(exists.error());
    (*exists)->bind_int(1, space.model_id);
    (*exists)->bind_int(2, space.dimension);
    (*exists)->bind_blob(3, hash);
    auto row = (*exists)->step();
    if (!row) return std::unexpected(row.error());
    if ((*exists)->column_int(0) == 0) missing.push_back(hash);
  }
  return missing;
}

Result<std::vector<PendingChunk>> IndexStore::chunks_missing_vectors(VectorSpace space, int limit) {
  auto select = database_->statement(kSelectChunksMissingVectors);
  if (!select) return std::unexpected(select.error());
  (*select)->bind_int(1, space.model_id);
  (*select)->bind_int(2, space.dimension);
  (*select)->bind_int(3, limit);
  std::vector<PendingChunk> pending;
  for (;;) {
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return pending;
    pending.push_back({(*select)->column_blob(0), (*select)->column_text(1)});
  }
}

Result<void> IndexStore::check_vectors(VectorSpace space, std::span<const ChunkVector> vectors) const {
  if (vectors.empty()) return {};
  if (space.model_id <= 0 || space.dimension <= 0)
    return fail(path().toStdString() + ": vectors were given without a model and dimension");
  for (const ChunkVector& vector : vectors) {
    if (vector.values.size() != static_cast<size_t>(space.dimension)) {
      return fail(path().toStdString() + ": a vector has " + std::to_string(vector.values.size()) +
                  " values where the model's dimension is " + std::to_string(space.dimension));
    }
  }
  return {};
}

Result<void> IndexStore::insert_vectors(VectorSpace space, std::span<const ChunkVector> vectors) {
  for (const ChunkVector& vector : vectors) {
    auto insert = database_->statement(kInsertVector);
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_int(1, space.model_id);
    (*insert)->bind_int(2, space.dimension);
    (*insert)->bind_blob(3, vector.content_hash);
    (*insert)->bind_blob(4, vector_bytes(vector.values));
    if (auto ok = (*insert)->run(); !ok) return ok;
  }
  return {};
}

Result<void> IndexStore::write_vectors(VectorSpace space, std::span<const ChunkVector> vectors) {
  if (auto ok = check_vectors(space, vectors); !ok) return ok;
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(transaction.error());
  if (auto ok = insert_vectors(space, vectors); !ok) return ok;
  if (auto ok = bump_generation(); !ok) return ok;
  return transaction->commit();
}

Result<std::optional<std::vector<float>>> IndexStore::vector(VectorSpace space,
                                                             const QByteArray& hash) {
  auto select = database_->statement(kSelectVector);
  if (!select) return std::unexpected(select.error());
  (*select)->bind_int(1, space.model_id);
  (*select)->bind_int(2, space.dimension);
  (*select)->bind_blob(3, hash);
  auto row = (*select)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::nullopt;
  return vector_from_bytes((*select)->column_blob_view(0));
}

Result<int64_t> IndexStore::prune_vectors() {
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(transaction.error());
  {
    auto prune = database_->statement(kPruneVectors);
    if (!prune) return std::unexpected(prune.error());
    if (auto ok = (*prune)->run(); !ok) return std::unexpected(ok.error());
  }
  const int64_t removed = sqlite3_changes64(database_->handle());
  if (auto ok = bump_generation(); !ok) return std::unexpected(ok.error());
  if (auto ok = transaction->commit(); !ok) return std::unexpected(ok.error());
  return removed;
}

}  // namespace xun::core
