// Rows of a weight matrix converted to f32 a panel at a time, as the products need them: the
// weights stay in their stored type (F32, F16, BF16, Q8_0) in the mapped model file, and only
// the panel being multiplied exists in f32. Vectorised for the processor it runs on.
#pragma once

#include <cstdint>

#include "model/model_files.h"

namespace xun::cpu {

// A range of rows of one stored matrix: a projection's part (Q, K or V; gate or up).
struct WeightRows {
  const model::TensorView* tensor = nullptr;
  uint64_t first = 0;
  uint32_t count = 0;
  uint32_t cols() const { return static_cast<uint32_t>(tensor->shape.back()); }
};

// out[rows, cols] (row-major, leading dimension cols) = rows [first, first + rows) of `w`.
void decode_rows(const WeightRows& w, uint64_t first, uint32_t rows, float* out);

}  // namespace xun::cpu
