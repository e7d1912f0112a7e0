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

// The best `count` rows by float16 score with score >= min_score, best first (ties: lower row).
// `query` has matrix.stride() values (zero padded). Splits the rows across `pool`'s threads
// (null: the calling thread only).
std::vector<DenseHit> scan_f16(const VectorMatrix& matrix, std::span<const float> query,
                               size_t count, float min_score, const RowMask& mask,
                               QThreadPool* pool);

struct DenseSearchStats {
  size_t rescored = 0;        // rows whose exact vector was read
  bool second_scan = false;   // the first candidates could not prove the top-k exact
  double scan_ms = 0;         // float16 scans
  double rescore_ms = 0;      // reading exact vectors and re-scoring
};

// The exact top `k` rows for `query` (matrix.dimension() values, any length), best first.
Result<std::vector<DenseHit>> dense_top_k(const VectorMatrix& matrix, std::span<const float> query,
                                          size_t k, const RowMask& mask, QThreadPool* pool,
                                          const ExactVectors& exact_vectors,
                                          DenseSearchStats* stats = nullptr);

}  // namespace xun::core
