// Reranking with a Qwen3-Reranker through the rerank-score cache: a score for (model,
// instruction, query, chunk text) is computed once, ever. Chunks with the same text (copies)
// share one score.
#pragma once

#include <span>
#include <vector>

#include <QByteArray>
#include <QString>

#include "store/index_store.h"
#include "xun/engine.h"

namespace xun::core {

struct RerankCandidate {
  QByteArray content_hash;  // of `text`
  QString text;
};

struct RerankOutcome {
  std::vector<float> scores;  // one per candidate, in order: P(yes)
  int computed = 0;           // distinct texts the model scored now
  int cached = 0;             // distinct texts found in the cache
};

Result<RerankOutcome> rerank_cached(IndexStore& store, xun::Model& model,
                                    const QString& instruction, const QString& query,
                                    std::span<const RerankCandidate> candidates);

}  // namespace xun::core
