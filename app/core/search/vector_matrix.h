// The vectors of one space (model, dimension) held in memory for dense search: one row per chunk
// that has a vector there, as float16 (2 bytes per value: 200 MB for 100k chunks of 1024), rows
// padded to a multiple of kRowAlignment. Exact float32 values stay in the database and are read
// back only to re-score the best candidates (dense_search.h).
//
// Loaded once and replaced when IndexStore::generation() changes (see Searcher).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <vector>

#include "store/database.h"
#include "store/store_types.h"
#include "xun/error.h"

namespace xun::core {

class VectorMatrix {
 public:
  VectorMatrix() = default;
  VectorMatrix(VectorSpace space, size_t capacity_rows);

  // Every chunk with a vector in `space` (ordered by content hash, then chunk id). Run it inside
  // a read transaction to get one consistent snapshot.
  static Result<VectorMatrix> load(sql::Database& database, VectorSpace space);

  // Adds a row; `vector` has space().dimension values.
  void append(int64_t chunk_id, int64_t document_id, int64_t vector_id,
              std::span<const float> vector);

  VectorSpace space() const { return space_; }
  size_t rows() const { return chunk_ids_.size(); }
  size_t dimension() const { return static_cast<size_t>(space_.dimension); }
  size_t stride() const { return stride_; }
  const uint16_t* row(size_t index) const { return halves_.get() + index * stride_; }
  int64_t chunk_id(size_t index) const { return chunk_ids_[index]; }
  int64_t document_id(size_t index) const { return document_ids_[index]; }
  int64_t vector_id(size_t index) const { return vector_ids_[index]; }
  // The largest row length (float32), for the float16 error bound of dense search.
  float max_norm() const { return max_norm_; }
  size_t bytes() const { return capacity_ * stride_ * sizeof(uint16_t); }

 private:
  struct Free {
    void operator()(uint16_t* memory) const { std::free(memory); }
  };
  void reserve(size_t capacity_rows);

  VectorSpace space_;
  size_t stride_ = 0;                       // values per row, >= dimension, padded with zeros
  size_t capacity_ = 0;                     // rows allocated
  std::unique_ptr<uint16_t[], Free> halves_; // (capacity, stride) float16 bits
  std::vector<int64_t> chunk_ids_;          // (rows)
  std::vector<int64_t> document_ids_;       // (rows)
  std::vector<int64_t> vector_ids_;         // (rows) vectors.id, to read the exact values
  float max_norm_ = 0;
};

}  // namespace xun::core
