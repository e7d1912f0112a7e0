// The pool of passages every variant of a comparison ranks: the union of a hybrid search with
// the loaded embedding model and a keyword search, so that it holds what either finds.
#pragma once

#include <vector>

#include <QString>

#include "lab/lab_types.h"
#include "services/search_service.h"

namespace xun::gui {

struct LabPool {
  std::vector<LabCandidate> candidates;  // hybrid results first, then keyword-only ones
  std::vector<QString> texts;            // each candidate's chunk text, to embed and rerank
  QString note;                          // set when the pool is keyword matches only, and why
};

Result<LabPool> build_pool(SearchContext& context, const LabRequest& request);

}  // namespace xun::gui
