#include "search/vector_matrix.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "search/dot_kernels.h"

namespace xun::core {
namespace {

constexpr char kCountRows[] =
    "SELECT count(*) FROM chunks "
    "JOIN vectors ON vectors.content_hash = chunks.content_hash "
    "WHERE vectors.model_id = ? AND vectors.dimension = ?";
// Ordered as the vectors' unique index and chunks_by_content_hash already are, so SQLite walks
// the indexes without sorting: ordering by chunk id made it copy 400 MB of blobs at 100k chunks
// into a temporary B-tree first. Row order does not matter to search (ties go by row).
constexpr char kSelectRows[] =
    "SELECT chunks.id, chunks.document_id, vectors.id, vectors.vector FROM vectors "
    "JOIN chunks ON chunks.content_hash = vectors.content_hash "
    "WHERE vectors.model_id = ? AND vectors.dimension = ? "
    "ORDER BY vectors.content_hash, chunks.id";

// Large matrices in 2 MiB-aligned memory that Linux may back with huge pages: a scan touches
// every page, and with 4 KiB pages TLB misses cost a third of its time.
constexpr size_t kHugePage = size_t{2} << 20;

uint16_t* allocate_halves(size_t values) {
  const size_t bytes = std::max<size_t>(values * sizeof(uint16_t), 1);
  const size_t alignment = bytes >= kHugePage ? kHugePage : 64;
  const size_t rounded = (bytes + alignment - 1) / alignment * alignment;
  auto* memory = static_cast<uint16_t*>(std::aligned_alloc(alignment, rounded));
  if (memory == nullptr) throw std::bad_alloc();
#ifdef __linux__
  if (alignment == kHugePage) madvise(memory, rounded, MADV_HUGEPAGE);
#endif
  return memory;
}

}  // namespace

VectorMatrix::VectorMatrix(VectorSpace space, size_t capacity_rows)
    : space_(space), stride_(padded_stride(static_cast<size_t>(space.dimension))) {
  reserve(std::max<size_t>(capacity_rows, 1));
}

void VectorMatrix::reserve(size_t capacity_rows) {
  if (capacity_rows <= capacity_) return;
  std::unique_ptr<uint16_t[], Free> grown(allocate_halves(capacity_rows * stride_));
  if (halves_) std::memcpy(grown.get(), halves_.get(), rows() * stride_ * sizeof(uint16_t));
  halves_ = std::move(grown);
  capacity_ = capacity_rows;
  chunk_ids_.reserve(capacity_rows);
  document_ids_.reserve(capacity_rows);
  vector_ids_.reserve(capacity_rows);
}

void VectorMatrix::append(int64_t chunk_id, int64_t document_id, int64_t vector_id,
                          std::span<const float> vector) {
  if (rows() == capacity_) reserve(capacity_ * 2);
  uint16_t* row = halves_.get() + rows() * stride_;
  const size_t values = std::min(vector.size(), dimension());
  floats_to_halves(vector.data(), row, values);
  std::fill(row + values, row + stride_, uint16_t{0});
  max_norm_ = std::max(max_norm_, std::sqrt(dot_f32(vector.data(), vector.data(), values)));
  chunk_ids_.push_back(chunk_id);
  document_ids_.push_back(document_id);
  vector_ids_.push_back(vector_id);
}

Result<VectorMatrix> VectorMatrix::load(sql::Database& database, VectorSpace space) {
  int64_t count = 0;
  {
    auto select = database.statement(kCountRows);
    if (!select) return std::unexpected(select.error());
    (*select)->bind_int(1, space.model_id);
    (*select)->bind_int(2, space.dimension);
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    count = (*select)->column_int(0);
  }
  VectorMatrix matrix(space, static_cast<size_t>(count));
  auto select = database.statement(kSelectRows);
  if (!select) return std::unexpected(select.error());
  (*select)->bind_int(1, space.model_id);
  (*select)->bind_int(2, space.dimension);
  std::vector<float> values(static_cast<size_t>(space.dimension));
  for (;;) {
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return matrix;
    const auto blob = (*select)->column_blob_view(3);
    // The schema's CHECK guarantees the length; the copy also aligns the floats.
    std::memcpy(values.data(), blob.data(), std::min(blob.size(), values.size() * sizeof(float)));
    matrix.append((*select)->column_int(0), (*select)->column_int(1), (*select)->column_int(2),
                  values);
  }
}

}  // namespace xun::core
