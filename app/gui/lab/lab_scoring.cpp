#include "lab/lab_scoring.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include <QHash>

#include "search/dot_kernels.h"
#include "search/query_embedding.h"
#include "search/reranking.h"

namespace xun::gui {
namespace {

// Texts per engine call: large enough to batch well, small enough to cancel within seconds.
constexpr size_t kEmbedBatch = 16;
constexpr size_t kRerankBatch = 8;

struct HashOfBytes {
  size_t operator()(const QByteArray& bytes) const { return qHash(bytes); }
};

Error cancelled() { return Error{"cancelled"}; }

// The model's row in the index and the vector space the lab scores it in.
Result<core::VectorSpace> space_of(core::IndexStore& store, const xun::ModelInfo& info,
                                   core::ModelRecord& record) {
  const QString fingerprint = QString::fromStdString(info.fingerprint);
  auto found = store.find_model(fingerprint);
  if (!found) return std::unexpected(found.error());
  if (*found) {
    record = **found;
  } else {
    auto registered = store.register_model(fingerprint, QString::fromStdString(info.path.string()),
                                           QString::fromLatin1(xun::to_string(info.kind)),
                                           static_cast<int>(info.hidden_size));
    if (!registered) return std::unexpected(registered.error());
    record = *registered;
  }
  // The model that built the index is scored at the index's dimension, as search does.
  auto index = store.index_model();
  if (!index) return std::unexpected(index.error());
  if (*index && (*index)->model.id == record.id) return core::VectorSpace{record.id, (*index)->dimension};
  return core::VectorSpace{record.id, static_cast<int>(info.hidden_size)};
}

// Embeds `texts` as passages and stores their vectors under `hashes` in `space`.
Result<std::vector<std::vector<float>>> embed_passages(core::IndexStore& store, xun::Model& model,
                                                       core::VectorSpace space,
                                                       const std::vector<QByteArray>& hashes,
                                                       const std::vector<const QString*>& texts) {
  std::vector<xun::EmbedRequest> requests;
  for (const QString* text : texts) requests.push_back({text->toStdString(), std::nullopt});
  xun::EmbedOptions options;
  options.truncate = true;
  if (static_cast<uint32_t>(space.dimension) < model.info().hidden_size)
    options.dimension = static_cast<uint32_t>(space.dimension);
  auto vectors = model.embed(requests, options);
  if (!vectors) return std::unexpected(in_context("embedding passages", vectors.error()));
  std::vector<core::ChunkVector> rows;
  for (size_t i = 0; i < hashes.size(); ++i) rows.push_back({hashes[i], (*vectors)[i]});
  if (auto ok = store.write_vectors(space, rows); !ok) return std::unexpected(ok.error());
  return vectors;
}

}  // namespace

Result<ScoringOutcome> dense_scores(core::IndexStore& store, xun::Model& model,
                                    const QString& instruction, const QString& query,
                                    const LabPool& pool, LabRunControl& control,
                                    const std::function<void(int, int)>& on_embedded) {
  core::ModelRecord record;
  auto space = space_of(store, model.info(), record);
  if (!space) return std::unexpected(space.error());
  auto query_vector = core::embed_query(store, &model, record, space->dimension, instruction, query);
  if (!query_vector) return std::unexpected(query_vector.error());

  // Stored vectors first; the distinct texts without one are embedded below.
  std::unordered_map<QByteArray, std::vector<float>, HashOfBytes> vectors;
  std::vector<QByteArray> missing;
  std::vector<const QString*> missing_texts;
  for (size_t i = 0; i < pool.candidates.size(); ++i) {
    const QByteArray& hash = pool.candidates[i].content_hash;
    if (vectors.contains(hash)) continue;
    auto stored = store.vector(*space, hash);
    if (!stored) return std::unexpected(stored.error());
    if (*stored) {
      vectors.emplace(hash, std::move(**stored));
    } else if (std::ranges::find(missing, hash) == missing.end()) {
      missing.push_back(hash);
      missing_texts.push_back(&pool.texts[i]);
    }
  }
  ScoringOutcome outcome;
  for (size_t begin = 0; begin < missing.size(); begin += kEmbedBatch) {
    if (control.cancelled()) return std::unexpected(cancelled());
    on_embedded(static_cast<int>(begin), static_cast<int>(missing.size()));
    const size_t end = std::min(missing.size(), begin + kEmbedBatch);
    const std::vector<QByteArray> hashes(missing.begin() + begin, missing.begin() + end);
    const std::vector<const QString*> texts(missing_texts.begin() + begin, missing_texts.begin() + end);
    auto embedded = embed_passages(store, model, *space, hashes, texts);
    if (!embedded) return std::unexpected(embedded.error());
    for (size_t i = 0; i < hashes.size(); ++i) vectors.emplace(hashes[i], std::move((*embedded)[i]));
    outcome.computed += static_cast<int>(hashes.size());
  }

  const std::vector<float>& q = query_vector->vector;
  for (const LabCandidate& candidate : pool.candidates) {
    const std::vector<float>& v = vectors.at(candidate.content_hash);
    if (v.size() != q.size())
      return fail(store.path().toStdString() + ": a stored vector has " + std::to_string(v.size()) +
                  " values where the query has " + std::to_string(q.size()));
    outcome.scores.push_back(core::dot_f32(v.data(), q.data(), q.size()));  // as search scores
  }
  return outcome;
}

Result<ScoringOutcome> rerank_scores(core::IndexStore& store, xun::Model& model,
                                     const QString& instruction, const QString& query,
                                     const LabPool& pool, LabRunControl& control,
                                     const std::function<void(int, int)>& on_scored) {
  ScoringOutcome outcome;
  const size_t count = pool.candidates.size();
  for (size_t begin = 0; begin < count; begin += kRerankBatch) {
    if (control.cancelled()) return std::unexpected(cancelled());
    on_scored(static_cast<int>(begin), static_cast<int>(count));
    std::vector<core::RerankCandidate> batch;
    for (size_t i = begin; i < std::min(count, begin + kRerankBatch); ++i)
      batch.push_back({pool.candidates[i].content_hash, pool.texts[i]});
    auto scored = core::rerank_cached(store, model, instruction, query, batch);
    if (!scored) return std::unexpected(scored.error());
    outcome.scores.insert(outcome.scores.end(), scored->scores.begin(), scored->scores.end());
    outcome.computed += scored->computed;
  }
  return outcome;
}

}  // namespace xun::gui
