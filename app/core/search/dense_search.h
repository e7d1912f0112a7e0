// Exact top-k by dot product (cosine for unit vectors) over a VectorMatrix.
//
// Two steps: a multi-threaded scan of the float16 rows keeps the best candidates; their exact
// float32 vectors are then read (from the database) and re-scored. A float16 value is within
// 2^-11 of its float32 value relatively, so |approximate - exact| <= epsilon (about 1e-3 for
// unit vectors). If some row outside the candidates could still beat the k-th exact score
// (its approximate score is within epsilon of it), a second scan collects every such row and
// re-scores it too: the result is the exact top-k, at the cost of one scan in the common case.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include <QFuture>

#include "search/vector_matrix.h"
#include "xun/error.h"

class QThreadPool;

namespace xun::core {

struct DenseHit {
  size_t row = 0;    // in the matrix
  float score = 0;   // dot product
};

// Row mask for filters: allowed[row] != 0. Empty: every row is allowed.
using RowMask = std::vector<uint8_t>;

// The exact float32 vectors of some rows, in the order asked; nullopt for a row whose vector is
// gone (deleted since the matrix was loaded), which then drops out of the results.
using ExactVectors =
    std::function<Result<std::vector<std::optional<std::vector<float>>>>(std::span<const size_t> rows)>;

struct DenseSearchStats {
  size_t rescored = 0;        // rows whose exact vector was read
  bool second_scan = false;   // the first candidates could not prove the top-k exact
  double scan_ms = 0;         // waiting for the float16 scans (after other work, if any)
  double rescore_ms = 0;      // reading exact vectors and re-scoring
};

// One dense search. The constructor starts the float16 scan on `pool` (null: it runs there and
// then on the calling thread), so the caller can do other work, e.g. keyword search, before
// finish() waits for it and re-scores. `matrix` must outlive the object; it cannot move.
class DenseSearch {
 public:
  // `query` has matrix.dimension() values; `k` results are wanted.
  DenseSearch(const VectorMatrix& matrix, std::span<const float> query, size_t k, RowMask mask,
              QThreadPool* pool);
  DenseSearch(const DenseSearch&) = delete;
  DenseSearch& operator=(const DenseSearch&) = delete;
  ~DenseSearch();  // waits for a scan still running

  // The exact top k, best first (ties: lower row).
  Result<std::vector<DenseHit>> finish(const ExactVectors& exact_vectors,
                                       DenseSearchStats* stats = nullptr);

  // One slice of rows [begin, end) and the best hits found there.
  struct Slice {
    size_t begin = 0;
    size_t end = 0;
    std::vector<DenseHit> hits;
  };

 private:
  void start_scan(size_t count, float min_score);
  std::vector<DenseHit> wait_scan(size_t count);

  const VectorMatrix& matrix_;
  std::vector<float> query_;   // (matrix.stride()) zero padded
  size_t k_;
  size_t candidates_;          // how many the first scan keeps
  RowMask mask_;
  QThreadPool* pool_;
  size_t scan_count_ = 0;
  float scan_min_score_ = 0;
  std::vector<Slice> slices_;
  QFuture<void> scan_;
};

// The whole search at once: DenseSearch(...).finish(...).
Result<std::vector<DenseHit>> dense_top_k(const VectorMatrix& matrix, std::span<const float> query,
                                          size_t k, const RowMask& mask, QThreadPool* pool,
                                          const ExactVectors& exact_vectors,
                                          DenseSearchStats* stats = nullptr);

}  // namespace xun::core
