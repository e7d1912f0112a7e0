// How one variant scores the pool: dense scores (the cosine of its query embedding with each
// passage's vector, both made by its model) and rerank scores, each through the index's stores
// and caches, in batches so that a run can be cancelled between them.
#pragma once

#include <functional>
#include <vector>

#include <QString>

#include "lab/lab_pool.h"
#include "lab/lab_runner.h"
#include "store/index_store.h"
#include "xun/engine.h"

namespace xun::gui {

struct ScoringOutcome {
  std::vector<float> scores;  // one per pool candidate
  int computed = 0;           // engine results computed now (the rest were stored or cached)
};

// Passage vectors come from the index (IndexStore::vector) where that model already made them
// at the dimension used (the index's own for the model that built it, else the model's full
// size); the others are embedded now and stored (IndexStore::write_vectors).
Result<ScoringOutcome> dense_scores(core::IndexStore& store, xun::Model& model,
                                    const QString& instruction, const QString& query,
                                    const LabPool& pool, LabRunControl& control,
                                    const std::function<void(int done, int total)>& on_embedded);

Result<ScoringOutcome> rerank_scores(core::IndexStore& store, xun::Model& model,
                                     const QString& instruction, const QString& query,
                                     const LabPool& pool, LabRunControl& control,
                                     const std::function<void(int done, int total)>& on_scored);

}  // namespace xun::gui
