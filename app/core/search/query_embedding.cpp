#include "search/query_embedding.h"

#include <cmath>
#include <string>

namespace xun::core {

Result<QueryEmbedding> embed_query(IndexStore& store, xun::Model* model,
                                   const ModelRecord& record, int dimension,
                                   const QString& instruction, const QString& query) {
  auto cached = store.cached_query_embedding(record.id, instruction, query, dimension);
  if (!cached) return std::unexpected(cached.error());
  if (*cached) return QueryEmbedding{std::move(**cached), true};

  if (model == nullptr) {
    return fail(store.path().toStdString() + ": dense search needs the embedding model " +
                record.path.toStdString() + " to embed this query (it is not in the cache)");
  }
  if (model->info().fingerprint != record.fingerprint.toStdString()) {
    return fail(model->info().path.string() + ": this model did not build the vectors searched (" +
                record.path.toStdString() + ")");
  }
  xun::EmbedRequest request{query.toStdString(), std::nullopt};
  if (!instruction.isEmpty()) request.instruction = instruction.toStdString();
  xun::EmbedOptions options;
  options.truncate = true;  // a pasted page as query is cut at the context, not refused
  if (dimension > 0 && static_cast<uint32_t>(dimension) < model->info().hidden_size)
    options.dimension = static_cast<uint32_t>(dimension);
  auto embedded = model->embed(std::span(&request, 1), options);
  if (!embedded) return std::unexpected(in_context("embedding the query", embedded.error()));
  if (embedded->size() != 1 || (*embedded)[0].size() != static_cast<size_t>(dimension)) {
    return fail(model->info().path.string() + ": the model returned a vector of " +
                std::to_string(embedded->empty() ? 0 : (*embedded)[0].size()) +
                " values where the index has " + std::to_string(dimension));
  }
  std::vector<float> vector = std::move((*embedded)[0]);
  if (auto ok = store.store_query_embedding(record.id, instruction, query, vector); !ok)
    return std::unexpected(ok.error());
  return QueryEmbedding{std::move(vector), false};
}

}  // namespace xun::core
