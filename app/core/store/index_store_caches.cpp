// IndexStore: caches of what the engine computed at search time, so that no query embedding and
// no rerank score is ever computed twice. Keys hold the model (by fingerprint, through its row),
// the instruction ("" for none) and the query text exactly as given.
#include "store/index_store.h"
#include "store/vector_blob.h"

namespace xun::core {
namespace {

constexpr char kSelectQueryEmbedding[] =
    "SELECT vector FROM query_embeddings "
    "WHERE model_id = ? AND instruction = ? AND query = ? AND dimension = ?";
constexpr char kUpsertQueryEmbedding[] =
    "INSERT INTO query_embeddings (model_id, instruction, query, dimension, vector) "
    "VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (model_id, instruction, query, dimension) DO UPDATE SET vector = excluded.vector";
constexpr char kSelectRerankScore[] =
    "SELECT score FROM rerank_scores "
    "WHERE model_id = ? AND instruction = ? AND query = ? AND content_hash = ?";
constexpr char kUpsertRerankScore[] =
    "INSERT INTO rerank_scores (model_id, instruction, query, content_hash, score) "
    "VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (model_id, instruction, query, content_hash) DO UPDATE SET score = excluded.score";

}  // namespace

Result<std::optional<std::vector<float>>> IndexStore::cached_query_embedding(
    int64_t model_id, const QString& instruction, const QString& query, int dimension) {
  auto select = database_->statement(kSelectQueryEmbedding);
  if (!select) return std::unexpected(select.error());
  (*select)->bind_int(1, model_id);
  (*select)->bind_text(2, instruction);
  (*select)->bind_text(3, query);
  (*select)->bind_int(4, dimension);
  auto row = (*select)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::nullopt;
  return vector_from_bytes((*select)->column_blob_view(0));
}

Result<void> IndexStore::store_query_embedding(int64_t model_id, const QString& instruction,
                                               const QString& query,
                                               std::span<const float> vector) {
  if (read_only_) return {};
  auto upsert = database_->statement(kUpsertQueryEmbedding);
  if (!upsert) return std::unexpected(upsert.error());
  (*upsert)->bind_int(1, model_id);
  (*upsert)->bind_text(2, instruction);
  (*upsert)->bind_text(3, query);
  (*upsert)->bind_int(4, static_cast<int64_t>(vector.size()));
  (*upsert)->bind_blob(5, vector_bytes(vector));
  return (*upsert)->run();
}

Result<std::vector<std::optional<float>>> IndexStore::cached_rerank_scores(
    int64_t model_id, const QString& instruction, const QString& query,
    std::span<const QByteArray> hashes) {
  std::vector<std::optional<float>> scores;
  scores.reserve(hashes.size());
  for (const QByteArray& hash : hashes) {
    auto select = database_->statement(kSelectRerankScore);
    if (!select) return std::unexpected(select.error());
    (*select)->bind_int(1, model_id);
    (*select)->bind_text(2, instruction);
    (*select)->bind_text(3, query);
    (*select)->bind_blob(4, hash);
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    scores.push_back(*row ? std::optional(static_cast<float>((*select)->column_double(0)))
                          : std::nullopt);
  }
  return scores;
}

Result<void> IndexStore::store_rerank_scores(int64_t model_id, const QString& instruction,
                                             const QString& query,
                                             std::span<const std::pair<QByteArray, float>> scores) {
  if (read_only_) return {};
  // One transaction for the batch: one commit instead of one per score.
  auto transaction = sql::Transaction::begin(*database_, sql::Transaction::Kind::write);
  if (!transaction) return std::unexpected(transaction.error());
  for (const auto& [hash, score] : scores) {
    auto upsert = database_->statement(kUpsertRerankScore);
    if (!upsert) return std::unexpected(upsert.error());
    (*upsert)->bind_int(1, model_id);
    (*upsert)->bind_text(2, instruction);
    (*upsert)->bind_text(3, query);
    (*upsert)->bind_blob(4, hash);
    (*upsert)->bind_double(5, score);
    if (auto ok = (*upsert)->run(); !ok) return ok;
  }
  return transaction->commit();
}

}  // namespace xun::core
