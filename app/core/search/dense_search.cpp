#include "search/dense_search.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include "search/dot_kernels.h"

namespace xun::core {
namespace {

// Higher score first; equal scores by row, so that results never depend on thread timing.
bool better(const DenseHit& a, const DenseHit& b) {
  return a.score > b.score || (a.score == b.score && a.row < b.row);
}

// Keeps the best `capacity` hits seen; the heap's front is the worst of them.
class TopHits {
 public:
  TopHits(size_t capacity, float min_score) : capacity_(capacity), min_score_(min_score) {
    heap_.reserve(std::min<size_t>(capacity, 4096));
  }
  void offer(size_t row, float score) {
    if (score < min_score_ || capacity_ == 0) return;
    const DenseHit hit{row, score};
    if (heap_.size() < capacity_) {
      heap_.push_back(hit);
      std::push_heap(heap_.begin(), heap_.end(), better);
    } else if (better(hit, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = hit;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
  }
  std::vector<DenseHit>& hits() { return heap_; }

 private:
  size_t capacity_;
  float min_score_;
  std::vector<DenseHit> heap_;
};

void scan_slice(const VectorMatrix& matrix, const float* query, size_t count, float min_score,
                const RowMask& mask, DenseSearch::Slice& slice) {
  TopHits top(count, min_score);
  constexpr size_t kBlock = 256;  // rows scored per kernel call; the scores stay in L1
  float scores[kBlock];
  for (size_t block = slice.begin; block < slice.end; block += kBlock) {
    const size_t rows = std::min(kBlock, slice.end - block);
    if (mask.empty()) {
      score_rows_f16(matrix.row(block), matrix.stride(), rows, query, scores);
      for (size_t i = 0; i < rows; ++i) top.offer(block + i, scores[i]);
    } else {
      // With a filter, read only the allowed rows: the scan is bound by memory traffic.
      for (size_t i = 0; i < rows; ++i) {
        if (mask[block + i] == 0) continue;
        score_rows_f16(matrix.row(block + i), matrix.stride(), 1, query, scores);
        top.offer(block + i, scores[0]);
      }
    }
  }
  slice.hits = std::move(top.hits());
}

// Bound on |float16 score - float32 score| for this query over this matrix: the float16 rounding
// of each value (relative 2^-11, Cauchy-Schwarz over the row) plus the float32 rounding of both
// sums (8 interleaved accumulators: about stride/8 + 3 additions in a chain), with a margin.
float float16_error_bound(const VectorMatrix& matrix, std::span<const float> query) {
  double norm = 0;
  for (float value : query) norm += double(value) * value;
  const double scale = std::sqrt(norm) * matrix.max_norm();
  const double unit = std::ldexp(1.0, -24);
  const double chain = static_cast<double>(matrix.stride()) / 8 + 8;
  return static_cast<float>(1.25 * scale * (std::ldexp(1.0, -11) + 2 * chain * unit) + 1e-7);
}

Result<void> rescore(const std::vector<DenseHit>& candidates, std::span<const float> query,
                     const ExactVectors& exact_vectors, std::vector<DenseHit>& out) {
  std::vector<size_t> rows;
  rows.reserve(candidates.size());
  for (const DenseHit& hit : candidates) rows.push_back(hit.row);
  auto vectors = exact_vectors(rows);
  if (!vectors) return std::unexpected(vectors.error());
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& vector = (*vectors)[i];
    if (!vector) continue;
    const size_t n = std::min(vector->size(), query.size());
    out.push_back({rows[i], dot_f32(vector->data(), query.data(), n)});
  }
  return {};
}

}  // namespace

DenseSearch::DenseSearch(const VectorMatrix& matrix, std::span<const float> query, size_t k,
                         RowMask mask, QThreadPool* pool)
    : matrix_(matrix),
      query_(matrix.stride(), 0.0f),
      k_(k),
      candidates_(std::max(4 * k, k + 64)),
      mask_(std::move(mask)),
      pool_(pool) {
  std::copy_n(query.begin(), std::min(query.size(), matrix.dimension()), query_.begin());
  if (k_ > 0 && matrix_.rows() > 0) start_scan(candidates_, -std::numeric_limits<float>::infinity());
}

DenseSearch::~DenseSearch() { scan_.waitForFinished(); }

void DenseSearch::start_scan(size_t count, float min_score) {
  scan_count_ = count;
  scan_min_score_ = min_score;
  const size_t rows = matrix_.rows();
  const size_t threads =
      pool_ == nullptr ? 1 : static_cast<size_t>(std::max(1, pool_->maxThreadCount()));
  // Below a few thousand rows a thread costs more than it saves. Several slices per thread let
  // a thread that was scheduled late (a busy machine) be helped by the others.
  const size_t slices = std::clamp<size_t>(rows / 4096, 1, threads == 1 ? 1 : 4 * threads);
  slices_.assign(slices, {});
  for (size_t i = 0; i < slices; ++i) {
    slices_[i].begin = rows * i / slices;
    slices_[i].end = rows * (i + 1) / slices;
  }
  auto scan = [this](Slice& slice) {
    scan_slice(matrix_, query_.data(), scan_count_, scan_min_score_, mask_, slice);
  };
  if (pool_ == nullptr || slices == 1)
    scan(slices_[0]);  // not worth a thread: done before the constructor returns
  else
    scan_ = QtConcurrent::map(pool_, slices_, scan);
}

std::vector<DenseHit> DenseSearch::wait_scan(size_t count) {
  scan_.waitForFinished();
  std::vector<DenseHit> merged;
  for (Slice& slice : slices_) merged.insert(merged.end(), slice.hits.begin(), slice.hits.end());
  std::sort(merged.begin(), merged.end(), better);
  if (merged.size() > count) merged.resize(count);
  return merged;
}

Result<std::vector<DenseHit>> DenseSearch::finish(const ExactVectors& exact_vectors,
                                                  DenseSearchStats* stats) {
  DenseSearchStats local_stats;
  if (stats == nullptr) stats = &local_stats;
  if (k_ == 0 || matrix_.rows() == 0) return std::vector<DenseHit>{};
  QElapsedTimer timer;
  timer.start();
  const std::vector<DenseHit> approximate = wait_scan(candidates_);
  stats->scan_ms = timer.nsecsElapsed() / 1e6;
  timer.restart();
  std::vector<DenseHit> exact;
  if (auto ok = rescore(approximate, query_, exact_vectors, exact); !ok)
    return std::unexpected(ok.error());
  stats->rescored = approximate.size();
  std::sort(exact.begin(), exact.end(), better);
  stats->rescore_ms = timer.nsecsElapsed() / 1e6;

  // Fewer candidates than asked for means every allowed row was re-scored: nothing is missing.
  if (approximate.size() == candidates_ && exact.size() >= k_) {
    const float epsilon = float16_error_bound(matrix_, query_);
    const float kth = exact[k_ - 1].score;
    // Rows outside the candidates scored at most approximate.back() in float16, so at most that
    // plus epsilon exactly. Only if that could reach the k-th exact score is a second look needed.
    if (approximate.back().score + epsilon >= kth) {
      stats->second_scan = true;
      // Every row that could reach `kth` exactly has a float16 score >= kth - epsilon.
      start_scan(matrix_.rows(), kth - epsilon);
      std::unordered_set<size_t> seen;
      for (const DenseHit& hit : approximate) seen.insert(hit.row);
      std::vector<DenseHit> extra;
      for (const DenseHit& hit : wait_scan(matrix_.rows()))
        if (!seen.contains(hit.row)) extra.push_back(hit);
      if (auto ok = rescore(extra, query_, exact_vectors, exact); !ok)
        return std::unexpected(ok.error());
      stats->rescored += extra.size();
      std::sort(exact.begin(), exact.end(), better);
    }
  }
  if (exact.size() > k_) exact.resize(k_);
  return exact;
}

Result<std::vector<DenseHit>> dense_top_k(const VectorMatrix& matrix, std::span<const float> query,
                                          size_t k, const RowMask& mask, QThreadPool* pool,
                                          const ExactVectors& exact_vectors,
                                          DenseSearchStats* stats) {
  DenseSearch search(matrix, query, k, mask, pool);
  return search.finish(exact_vectors, stats);
}

}  // namespace xun::core
