#include "search/searcher.h"

#include <algorithm>
#include <unordered_map>

#include <QElapsedTimer>
#include <QThread>

#include "search/dense_search.h"
#include "search/fts_query.h"
#include "search/query_length.h"
#include "search/fusion.h"
#include "search/keyword_search.h"
#include "search/query_embedding.h"
#include "search/reranking.h"
#include "search/search_filters.h"
#include "search/snippet.h"
#include "store/vector_blob.h"
#include "xun/engine.h"

namespace xun::core {
namespace {

// The dimension a model's vectors are most often stored at (a model indexed before with
// another MRL dimension keeps those vectors too).
constexpr char kSelectMainDimension[] =
    "SELECT dimension FROM vectors WHERE model_id = ? "
    "GROUP BY dimension ORDER BY count(*) DESC, dimension DESC LIMIT 1";
constexpr char kSelectVectorById[] = "SELECT vector FROM vectors WHERE id = ?";
constexpr char kSelectResultDetails[] =
    "SELECT chunks.document_id, documents.path, documents.format, chunks.page, "
    "chunks.start_offset, chunks.end_offset, chunks.text, chunks.content_hash "
    "FROM chunks JOIN documents ON documents.id = chunks.document_id WHERE chunks.id = ?";

// Each list fused in hybrid mode is at least this long: RRF needs some depth to find chunks
// that both lists rank fairly well.
constexpr size_t kMinFusionDepth = 50;
constexpr int kMaxTopK = 1000;

// A chunk on its way to becoming a result.
struct Candidate {
  int64_t chunk_id = 0;
  std::optional<float> dense;
  std::optional<double> keyword;
  std::optional<double> fused;
  std::optional<float> rerank;
  double score = 0;
  // Filled by load_details:
  SearchResult result;
  QString text;
  QByteArray content_hash;
};

double elapsed_ms(const QElapsedTimer& timer) { return timer.nsecsElapsed() / 1e6; }

RowMask mask_for(const VectorMatrix& matrix, const std::vector<int64_t>& allowed_documents) {
  RowMask mask(matrix.rows(), 0);
  for (size_t row = 0; row < matrix.rows(); ++row)
    mask[row] = std::binary_search(allowed_documents.begin(), allowed_documents.end(),
                                   matrix.document_id(row));
  return mask;
}

ExactVectors exact_vectors_from(sql::Database& database, const VectorMatrix& matrix) {
  return [&database, &matrix](std::span<const size_t> rows)
             -> Result<std::vector<std::optional<std::vector<float>>>> {
    std::vector<std::optional<std::vector<float>>> vectors;
    vectors.reserve(rows.size());
    for (size_t row : rows) {
      auto select = database.statement(kSelectVectorById);
      if (!select) return std::unexpected(select.error());
      (*select)->bind_int(1, matrix.vector_id(row));
      auto found = (*select)->step();
      if (!found) return std::unexpected(found.error());
      if (*found)
        vectors.push_back(vector_from_bytes((*select)->column_blob_view(0)));
      else
        vectors.push_back(std::nullopt);
    }
    return vectors;
  };
}

// Merges the dense and keyword lists into one ranking as the mode asks.
std::vector<Candidate> rank(SearchMode mode, const VectorMatrix* matrix,
                            const std::vector<DenseHit>& dense,
                            const std::vector<KeywordHit>& keyword) {
  std::vector<Candidate> ranked;
  if (mode == SearchMode::dense) {
    for (const DenseHit& hit : dense)
      ranked.push_back({.chunk_id = matrix->chunk_id(hit.row), .dense = hit.score, .score = hit.score});
    return ranked;
  }
  if (mode == SearchMode::keyword) {
    for (const KeywordHit& hit : keyword)
      ranked.push_back({.chunk_id = hit.chunk_id, .keyword = hit.score, .score = hit.score});
    return ranked;
  }
  std::vector<std::vector<int64_t>> lists(2);
  std::unordered_map<int64_t, float> dense_scores;
  std::unordered_map<int64_t, double> keyword_scores;
  for (const DenseHit& hit : dense) {
    lists[0].push_back(matrix->chunk_id(hit.row));
    dense_scores[lists[0].back()] = hit.score;
  }
  for (const KeywordHit& hit : keyword) {
    lists[1].push_back(hit.chunk_id);
    keyword_scores[hit.chunk_id] = hit.score;
  }
  for (const FusedHit& hit : reciprocal_rank_fusion(lists)) {
    Candidate candidate{.chunk_id = hit.chunk_id, .fused = hit.score, .score = hit.score};
    if (auto found = dense_scores.find(hit.chunk_id); found != dense_scores.end())
      candidate.dense = found->second;
    if (auto found = keyword_scores.find(hit.chunk_id); found != keyword_scores.end())
      candidate.keyword = found->second;
    ranked.push_back(candidate);
  }
  return ranked;
}

// Reads path, position and text of each candidate; drops any whose chunk is gone.
Result<void> load_details(sql::Database& database, std::vector<Candidate>& candidates) {
  std::vector<Candidate> kept;
  for (Candidate& candidate : candidates) {
    auto select = database.statement(kSelectResultDetails);
    if (!select) return std::unexpected(select.error());
    (*select)->bind_int(1, candidate.chunk_id);
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) continue;
    SearchResult& result = candidate.result;
    result.chunk_id = candidate.chunk_id;
    result.document_id = (*select)->column_int(0);
    result.path = (*select)->column_text(1);
    result.format = (*select)->column_text(2);
    result.page = static_cast<int>((*select)->column_int(3));
    result.start = (*select)->column_int(4);
    result.end = (*select)->column_int(5);
    candidate.text = (*select)->column_text(6);
    candidate.content_hash = (*select)->column_blob(7);
    kept.push_back(std::move(candidate));
  }
  candidates = std::move(kept);
  return {};
}

SearchResult finish(Candidate& candidate, const FtsQuery& fts) {
  SearchResult result = std::move(candidate.result);
  const Snippet snippet = make_snippet(candidate.text, fts);
  result.snippet = snippet.text;
  result.snippet_start = result.start + snippet.offset;
  result.highlights = snippet.highlights;
  result.dense_score = candidate.dense;
  result.keyword_score = candidate.keyword;
  result.fused_score = candidate.fused;
  result.rerank_score = candidate.rerank;
  result.score = candidate.score;
  return result;
}

// Starts the dense scan (it runs on `pool` while the caller goes on, see DenseSearch).
Result<std::unique_ptr<DenseSearch>> start_dense_stage(IndexStore& store, const VectorMatrix& matrix,
                                                       QThreadPool& pool,
                                                       const SearchRequest& request,
                                                       std::span<const float> query_vector,
                                                       size_t depth) {
  RowMask mask;
  if (!request.filters.empty()) {
    auto allowed = filtered_documents(store.database(), request.filters);
    if (!allowed) return std::unexpected(allowed.error());
    mask = mask_for(matrix, *allowed);
  }
  return std::make_unique<DenseSearch>(matrix, query_vector, depth, std::move(mask), &pool);
}

Result<std::vector<DenseHit>> finish_dense_stage(IndexStore& store, const VectorMatrix& matrix,
                                                 DenseSearch& search, SearchStats& stats) {
  QElapsedTimer timer;
  timer.start();
  DenseSearchStats dense_stats;
  auto hits = search.finish(exact_vectors_from(store.database(), matrix), &dense_stats);
  if (!hits) return std::unexpected(hits.error());
  stats.rescored = dense_stats.rescored;
  stats.dense_scan_ms = dense_stats.scan_ms;
  stats.dense_rescore_ms = dense_stats.rescore_ms;
  stats.dense_ms += elapsed_ms(timer);
  return hits;
}

Result<std::vector<KeywordHit>> keyword_stage(IndexStore& store, const SearchRequest& request,
                                              const FtsQuery& fts, size_t depth,
                                              SearchStats& stats) {
  QElapsedTimer timer;
  timer.start();
  auto hits = keyword_search(store.database(), fts, request.filters, static_cast<int>(depth));
  stats.keyword_ms = elapsed_ms(timer);
  return hits;
}

// Scores the candidates with the reranker (through the cache) and orders them by that score.
Result<void> rerank_stage(IndexStore& store, const RerankSettings& settings, const QString& query,
                          std::vector<Candidate>& candidates, SearchStats& stats) {
  QElapsedTimer timer;
  timer.start();
  std::vector<RerankCandidate> texts;
  for (const Candidate& candidate : candidates) texts.push_back({candidate.content_hash, candidate.text});
  auto outcome = rerank_cached(store, *settings.model, settings.instruction, query, texts);
  if (!outcome) return std::unexpected(outcome.error());
  for (size_t i = 0; i < candidates.size(); ++i) {
    candidates[i].rerank = outcome->scores[i];
    candidates[i].score = outcome->scores[i];
  }
  // Stable: equal rerank scores keep the first stage's order.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return *a.rerank > *b.rerank; });
  stats.reranked_computed = outcome->computed;
  stats.reranked_cached = outcome->cached;
  stats.rerank_ms = elapsed_ms(timer);
  return {};
}

}  // namespace

Searcher::Searcher(IndexStore& store, SearcherOptions options) : store_(store) {
  pool_.setMaxThreadCount(options.threads > 0 ? options.threads : QThread::idealThreadCount());
}

Searcher::~Searcher() { pool_.waitForDone(); }

Result<Searcher::Space> Searcher::resolve_space(xun::Model* model) {
  auto index = store_.index_model();
  if (!index) return std::unexpected(index.error());
  if (model == nullptr) {
    if (!*index)
      return fail(store_.path().toStdString() +
                  ": the index holds no vectors yet; index a folder with an embedding model first");
    return Space{(*index)->model, {(*index)->model.id, (*index)->dimension}};
  }
  const std::string fingerprint = model->info().fingerprint;
  auto record = store_.find_model(QString::fromStdString(fingerprint));
  if (!record) return std::unexpected(record.error());
  if (!*record) {
    return fail(store_.path().toStdString() + ": the index has no vectors made by " +
                model->info().path.string() + "; index the folders with this model first");
  }
  if (*index && (*index)->model.id == (*record)->id)
    return Space{**record, {(*record)->id, (*index)->dimension}};
  auto select = store_.database().statement(kSelectMainDimension);
  if (!select) return std::unexpected(select.error());
  (*select)->bind_int(1, (*record)->id);
  auto row = (*select)->step();
  if (!row) return std::unexpected(row.error());
  const int dimension = *row ? static_cast<int>((*select)->column_int(0)) : (*record)->dimension;
  return Space{**record, {(*record)->id, dimension}};
}

Result<void> Searcher::ensure_matrix(VectorSpace space, SearchStats& stats) {
  auto generation = store_.generation();
  if (!generation) return std::unexpected(generation.error());
  if (matrix_ && matrix_->space() == space && matrix_generation_ == *generation) return {};
  QElapsedTimer timer;
  timer.start();
  matrix_.reset();  // free the old vectors before loading the new ones
  auto loaded = VectorMatrix::load(store_.database(), space);
  if (!loaded) return std::unexpected(loaded.error());
  matrix_ = std::move(*loaded);
  matrix_generation_ = *generation;
  stats.vectors_reloaded = true;
  stats.load_ms = elapsed_ms(timer);
  return {};
}

Result<void> Searcher::preload(xun::Model* model) {
  auto space = resolve_space(model);
  if (!space) return std::unexpected(space.error());
  auto transaction = sql::Transaction::begin(store_.database(), sql::Transaction::Kind::read);
  if (!transaction) return std::unexpected(transaction.error());
  SearchStats stats;
  if (auto ok = ensure_matrix(space->vectors, stats); !ok) return ok;
  return transaction->commit();
}

Result<std::vector<float>> Searcher::query_vector(const SearchRequest& request,
                                                  const QString& query, VectorSpace& space,
                                                  SearchStats& stats) {
  QElapsedTimer timer;
  timer.start();
  auto resolved = resolve_space(request.embedding_model);
  if (!resolved) return std::unexpected(resolved.error());
  space = resolved->vectors;
  auto embedding = embed_query(store_, request.embedding_model, resolved->model,
                               space.dimension, request.instruction, query);
  if (!embedding) return std::unexpected(embedding.error());
  stats.query_embedding_cached = embedding->cached;
  stats.embed_ms = elapsed_ms(timer);
  return std::move(embedding->vector);
}

Result<SearchResults> Searcher::similar_chunks(int64_t chunk_id, int top_k, xun::Model* model) {
  QElapsedTimer total;
  total.start();
  SearchResults out;
  auto space = resolve_space(model);
  if (!space) return std::unexpected(space.error());
  std::vector<Candidate> candidates;
  {
    auto transaction = sql::Transaction::begin(store_.database(), sql::Transaction::Kind::read);
    if (!transaction) return std::unexpected(transaction.error());
    auto chunk = store_.chunk(chunk_id);
    if (!chunk) return std::unexpected(chunk.error());
    if (!*chunk)
      return fail(store_.path().toStdString() + ": passage " + std::to_string(chunk_id) +
                  " is no longer in the index; reload the list");
    auto vector = store_.vector(space->vectors, (*chunk)->content_hash);
    if (!vector) return std::unexpected(vector.error());
    if (!*vector) {
      return fail(store_.path().toStdString() + ": this passage has no vector from " +
                  space->model.path.toStdString() +
                  " yet; index its folder with that embedding model first");
    }
    if (auto ok = ensure_matrix(space->vectors, out.stats); !ok) return std::unexpected(ok.error());
    RowMask mask(matrix_->rows(), 1);
    for (size_t row = 0; row < matrix_->rows(); ++row)
      if (matrix_->chunk_id(row) == chunk_id) mask[row] = 0;
    const size_t k = static_cast<size_t>(std::clamp(top_k, 1, kMaxTopK));
    DenseSearchStats dense_stats;
    auto hits = dense_top_k(*matrix_, **vector, k, mask, &pool_,
                            exact_vectors_from(store_.database(), *matrix_), &dense_stats);
    if (!hits) return std::unexpected(hits.error());
    out.stats.rescored = dense_stats.rescored;
    out.stats.dense_ms = dense_stats.scan_ms + dense_stats.rescore_ms;
    for (const DenseHit& hit : *hits)
      candidates.push_back({.chunk_id = matrix_->chunk_id(hit.row), .dense = hit.score, .score = hit.score});
    if (auto ok = load_details(store_.database(), candidates); !ok) return std::unexpected(ok.error());
    if (auto ok = transaction->commit(); !ok) return std::unexpected(ok.error());
  }
  const FtsQuery no_words;  // no words to mark: each snippet opens its chunk
  for (Candidate& candidate : candidates) out.results.push_back(finish(candidate, no_words));
  out.stats.total_ms = elapsed_ms(total);
  return out;
}

Result<SearchResults> Searcher::search(const SearchRequest& request) {
  QElapsedTimer total;
  total.start();
  SearchResults out;
  SearchStats& stats = out.stats;
  const QString query = request.query.trimmed();
  if (query.isEmpty()) return out;
  const size_t top_k = static_cast<size_t>(std::clamp(request.top_k, 1, kMaxTopK));
  const bool rerank = request.rerank && request.rerank->model != nullptr;
  // Every result returned is reranked when reranking is on, so scores share one scale.
  const size_t needed = rerank ? std::max(top_k, static_cast<size_t>(std::clamp(
                                                     request.rerank->candidates, 1, kMaxTopK)))
                               : top_k;
  const size_t depth =
      request.mode == SearchMode::hybrid ? std::max(needed, kMinFusionDepth) : needed;
  const bool use_dense = request.mode != SearchMode::keyword;
  const bool use_keyword = request.mode != SearchMode::dense;
  const FtsQuery fts = build_fts_query(query);  // also marks the words in dense results
  // The models see at most kMaxQueryTokens of the query (query_length.h says why); keyword
  // search bounds its own words.
  QString model_query = query;
  xun::Model* tokenizing = use_dense ? request.embedding_model : nullptr;
  if (tokenizing == nullptr && rerank) tokenizing = request.rerank->model;
  if (tokenizing != nullptr) {
    auto bounded = bound_query(tokenizing->tokenizer(), query);
    if (!bounded) return std::unexpected(in_context("reading the query", bounded.error()));
    model_query = std::move(bounded->text);
    if (bounded->truncated) out.query_truncated_to_tokens = bounded->tokens;
  }

  // The query embedding first: it may write the cache, which a read transaction must not hold.
  VectorSpace space;
  std::vector<float> query_vector;
  if (use_dense) {
    auto vector = this->query_vector(request, model_query, space, stats);
    if (!vector) return std::unexpected(vector.error());
    query_vector = std::move(*vector);
  }

  // One read snapshot for vectors, full-text hits and details: a concurrent indexer's commits
  // cannot make them disagree.
  std::vector<Candidate> candidates;
  {
    auto transaction = sql::Transaction::begin(store_.database(), sql::Transaction::Kind::read);
    if (!transaction) return std::unexpected(transaction.error());
    // The dense scan runs on the pool while this thread does the keyword search.
    std::unique_ptr<DenseSearch> dense_search;
    if (use_dense) {
      if (auto ok = ensure_matrix(space, stats); !ok) return std::unexpected(ok.error());
      QElapsedTimer timer;
      timer.start();
      auto started = start_dense_stage(store_, *matrix_, pool_, request, query_vector, depth);
      if (!started) return std::unexpected(started.error());
      dense_search = std::move(*started);
      stats.dense_ms = elapsed_ms(timer);
    }
    std::vector<KeywordHit> keyword;
    if (use_keyword) {
      auto hits = keyword_stage(store_, request, fts, depth, stats);
      if (!hits) return std::unexpected(hits.error());
      keyword = std::move(*hits);
    }
    std::vector<DenseHit> dense;
    if (dense_search) {
      auto hits = finish_dense_stage(store_, *matrix_, *dense_search, stats);
      if (!hits) return std::unexpected(hits.error());
      dense = std::move(*hits);
    }
    candidates = rank(request.mode, matrix(), dense, keyword);
    if (candidates.size() > needed) candidates.resize(needed);
    if (auto ok = load_details(store_.database(), candidates); !ok)
      return std::unexpected(ok.error());
    if (auto ok = transaction->commit(); !ok) return std::unexpected(ok.error());
  }

  if (rerank && !candidates.empty()) {
    if (auto ok = rerank_stage(store_, *request.rerank, model_query, candidates, stats); !ok)
      return std::unexpected(ok.error());
  }
  if (candidates.size() > top_k) candidates.resize(top_k);
  for (Candidate& candidate : candidates) out.results.push_back(finish(candidate, fts));
  stats.total_ms = elapsed_ms(total);
  return out;
}

}  // namespace xun::core
