#include "search/reranking.h"

#include <unordered_map>

#include <QHash>

namespace xun::core {
namespace {

struct HashOfBytes {
  size_t operator()(const QByteArray& bytes) const { return qHash(bytes); }
};

}  // namespace

Result<RerankOutcome> rerank_cached(IndexStore& store, xun::Model& model,
                                    const QString& instruction, const QString& query,
                                    std::span<const RerankCandidate> candidates) {
  const xun::ModelInfo& info = model.info();
  // The reranker joins the models table so its scores can be keyed by a small id.
  auto record = store.find_model(QString::fromStdString(info.fingerprint));
  if (!record) return std::unexpected(record.error());
  // A read-only index cannot register the reranker: its scores are computed and not cached.
  if (!store.read_only() && (!*record || (*record)->path != QString::fromStdString(info.path.string()))) {
    auto registered = store.register_model(QString::fromStdString(info.fingerprint),
                                           QString::fromStdString(info.path.string()),
                                           QString::fromLatin1(xun::to_string(info.kind)),
                                           static_cast<int>(info.hidden_size));
    if (!registered) return std::unexpected(registered.error());
    *record = *registered;
  }
  const int64_t model_id = *record ? (*record)->id : 0;  // 0: no model, so nothing cached

  // Distinct texts, in first-seen order.
  std::unordered_map<QByteArray, size_t, HashOfBytes> slot_of_hash;
  std::vector<QByteArray> hashes;
  std::vector<const QString*> texts;
  for (const RerankCandidate& candidate : candidates) {
    if (slot_of_hash.emplace(candidate.content_hash, hashes.size()).second) {
      hashes.push_back(candidate.content_hash);
      texts.push_back(&candidate.text);
    }
  }
  auto cached = store.cached_rerank_scores(model_id, instruction, query, hashes);
  if (!cached) return std::unexpected(cached.error());
  std::vector<float> scores(hashes.size());
  std::vector<size_t> missing;
  std::vector<xun::RerankRequest> requests;
  const std::string instruction_utf8 = instruction.toStdString();
  const std::string query_utf8 = query.toStdString();
  for (size_t i = 0; i < hashes.size(); ++i) {
    if ((*cached)[i]) {
      scores[i] = *(*cached)[i];
      continue;
    }
    missing.push_back(i);
    requests.push_back({instruction_utf8, query_utf8, texts[i]->toStdString()});
  }

  RerankOutcome outcome;
  outcome.cached = static_cast<int>(hashes.size() - missing.size());
  outcome.computed = static_cast<int>(missing.size());
  if (!requests.empty()) {
    xun::RerankOptions options;
    options.truncate = true;  // a chunk longer than the context is judged on its beginning
    auto computed = model.rerank(requests, options);
    if (!computed) return std::unexpected(in_context("reranking", computed.error()));
    if (computed->size() != requests.size())
      return fail(info.path.string() + ": the reranker returned a wrong number of scores");
    std::vector<std::pair<QByteArray, float>> fresh;
    for (size_t j = 0; j < missing.size(); ++j) {
      scores[missing[j]] = (*computed)[j].score;
      fresh.emplace_back(hashes[missing[j]], (*computed)[j].score);
    }
    if (auto ok = store.store_rerank_scores(model_id, instruction, query, fresh); !ok)
      return std::unexpected(ok.error());
  }
  outcome.scores.reserve(candidates.size());
  for (const RerankCandidate& candidate : candidates)
    outcome.scores.push_back(scores[slot_of_hash.at(candidate.content_hash)]);
  return outcome;
}

}  // namespace xun::core
