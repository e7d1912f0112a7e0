#include "cpu/matmul.h"

#include <algorithm>

#include "cpu/blas.h"
#include "cpu/parallel.h"
#include "cpu/reference_ops.h"

namespace xun::cpu {
namespace {

// One work item: a panel of weight rows against a range of activation rows.
struct Item {
  const WeightRows* part;
  uint32_t part_row;     // first weight row of the panel, within the part
  uint32_t weight_rows;  // rows of the panel
  uint32_t y_column;     // where the panel's outputs go in y
  uint32_t first_row;    // activation rows [first_row, first_row + rows)
  uint32_t rows;
};

}  // namespace

Matmul::Matmul(uint32_t threads, uint32_t widest_input, bool reference)
    : threads_(std::max(1u, threads)), reference_(reference) {
  panels_.assign(threads_, std::vector<float>(static_cast<size_t>(panel_rows) * widest_input));
}

void Matmul::multiply(const float* x, uint64_t x_stride, uint32_t rows, std::span<const WeightRows> parts, float* y,
                      uint64_t y_stride, bool accumulate) {
  if (rows == 0) return;
  uint32_t panels = 0;
  for (const WeightRows& part : parts) panels += (part.count + panel_rows - 1) / panel_rows;
  // Too few panels to keep every thread busy (a narrow output, 16 threads): split the
  // activation rows too, each piece converting its panel again (cheap next to the product).
  const uint32_t wanted_items = 2 * threads_;
  const uint32_t row_pieces = panels >= wanted_items ? 1 : std::min(rows, (wanted_items + panels - 1) / panels);
  const uint32_t rows_per_piece = (rows + row_pieces - 1) / row_pieces;

  std::vector<Item> items;
  uint32_t column = 0;
  for (const WeightRows& part : parts) {
    for (uint32_t first = 0; first < part.count; first += panel_rows) {
      const uint32_t count = std::min(panel_rows, part.count - first);
      for (uint32_t r = 0; r < rows; r += rows_per_piece)
        items.push_back({&part, first, count, column + first, r, std::min(rows_per_piece, rows - r)});
    }
    column += part.count;
  }

  parallel_for(items.size(), threads_, [&](uint64_t index, uint32_t thread) {
    const Item& item = items[index];
    const uint32_t inner = item.part->cols();
    float* panel = panels_[thread].data();
    decode_rows(*item.part, item.part_row, item.weight_rows, panel);
    const float* a = x + item.first_row * x_stride;
    float* c = y + item.first_row * y_stride + item.y_column;
    if (!reference_) {
      sgemm_nt(item.rows, item.weight_rows, inner, 1.0f, a, x_stride, panel, inner, accumulate, c, y_stride);
      return;
    }
    std::vector<float> packed(static_cast<size_t>(item.rows) * inner);
    for (uint32_t r = 0; r < item.rows; ++r) std::copy_n(a + r * x_stride, inner, packed.begin() + r * inner);
    const std::vector<float> product = reference::matmul(
        packed, std::span<const float>(panel, static_cast<size_t>(item.weight_rows) * inner), item.rows,
        item.weight_rows, inner);
    for (uint32_t r = 0; r < item.rows; ++r)
      for (uint32_t j = 0; j < item.weight_rows; ++j)
        c[r * y_stride + j] = product[r * item.weight_rows + j] + (accumulate ? c[r * y_stride + j] : 0.0f);
  });
}

}  // namespace xun::cpu
