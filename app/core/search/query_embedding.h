// The embedding of a query, from the cache when this (model, instruction, query, dimension) was
// embedded before, otherwise from the model (and then cached).
#pragma once

#include <vector>

#include <QString>

#include "store/index_store.h"
#include "xun/engine.h"

namespace xun::core {

struct QueryEmbedding {
  std::vector<float> vector;  // (dimension), unit length
  bool cached = false;
};

// `model` may be null: then only a cached embedding can be returned. `instruction` empty: the
// query is embedded as plain text (no "Instruct: ...\nQuery:" prefix).
Result<QueryEmbedding> embed_query(IndexStore& store, xun::Model* model,
                                   const ModelRecord& record, int dimension,
                                   const QString& instruction, const QString& query);

}  // namespace xun::core
