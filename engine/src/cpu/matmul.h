// The CPU backend's matrix products: y = x * W^T with W in its stored type, converted to f32 a
// panel of rows at a time into per-thread scratch and multiplied by BLIS, one panel per work
// item on every thread. The reference path multiplies the same panels in double precision.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cpu/weight_rows.h"

namespace xun::cpu {

// Rows of W per panel: 256 rows of F16 kept BLIS at its whole-matrix rate on the 0.6B shapes
// (64: 145 GFLOP/s, 128: 149, 256: 201, 512: 202) while leaving enough panels to share out.
constexpr uint32_t panel_rows = 256;

class Matmul {
 public:
  // `widest_input`: the largest inner dimension any product will have.
  Matmul(uint32_t threads, uint32_t widest_input, bool reference);

  // y[rows, y_stride] columns [0, sum of parts' rows) (+)= x[rows, x_stride] * W^T, where W
  // is the parts stacked (Q, K, V; gate, up) and every part has the same number of columns.
  void multiply(const float* x, uint64_t x_stride, uint32_t rows, std::span<const WeightRows> parts, float* y,
                uint64_t y_stride, bool accumulate);

  uint64_t scratch_bytes() const { return panels_.size() * panels_.front().size() * sizeof(float); }

 private:
  uint32_t threads_;
  bool reference_;
  std::vector<std::vector<float>> panels_;  // per thread: [panel_rows, widest_input]
};

}  // namespace xun::cpu
