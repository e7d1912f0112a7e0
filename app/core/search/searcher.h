// Answers search requests over an IndexStore: dense (exact top-k over the vectors held in memory),
// keyword (FTS5 BM25), hybrid (reciprocal rank fusion of both), then optional reranking; every
// engine result (query embedding, rerank score) goes through the store's caches.
//
// Threading: a Searcher uses its store's connection and the models on the calling thread, which
// must be the thread that opened the store (the GUI runs it on a worker thread). The dense scan
// itself is split across the Searcher's own thread pool.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QThreadPool>

#include "search/search_types.h"
#include "search/vector_matrix.h"
#include "store/index_store.h"
#include "xun/error.h"

namespace xun::core {

struct SearcherOptions {
  int threads = 0;  // for the dense scan; 0: one per core
};

class Searcher {
 public:
  explicit Searcher(IndexStore& store, SearcherOptions options = {});
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  ~Searcher();

  Result<SearchResults> search(const SearchRequest& request);

  // The `top_k` chunks nearest to chunk `chunk_id` by cosine, best first, without the chunk
  // itself (copies of its text in other files stay: they are other passages). It uses the
  // chunk's stored vector in the space `model` searches (null: the index model), so nothing is
  // embedded and no model is needed. Results carry dense_score; snippets open each chunk. Fails
  // with a message when the chunk is gone or has no vector in that space.
  Result<SearchResults> similar_chunks(int64_t chunk_id, int top_k, xun::Model* model = nullptr);

  // Loads the vectors of `model` (null: the index model) into memory now rather than at the
  // first dense search, e.g. while the GUI starts. Reloads only if the index changed.
  Result<void> preload(xun::Model* model = nullptr);

  // The vectors in memory (null before the first dense search or preload).
  const VectorMatrix* matrix() const { return matrix_ ? &*matrix_ : nullptr; }

 private:
  struct Space {
    ModelRecord model;
    VectorSpace vectors;
  };
  Result<Space> resolve_space(xun::Model* model);
  // The query's embedding in the space the request searches (set in `space`), cached or computed.
  Result<std::vector<float>> query_vector(const SearchRequest& request, const QString& query,
                                          VectorSpace& space, SearchStats& stats);
  Result<void> ensure_matrix(VectorSpace space, SearchStats& stats);

  IndexStore& store_;
  QThreadPool pool_;
  std::optional<VectorMatrix> matrix_;
  int64_t matrix_generation_ = -1;  // IndexStore::generation() when matrix_ was loaded
};

}  // namespace xun::core
