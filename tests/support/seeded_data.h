// Seeded random inputs for the kernel suites, and weights in each stored format with the exact
// values that format holds (what a kernel must reproduce).
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "model/model_files.h"

namespace xun::test {

// `count` normal values of standard deviation `scale`, the same for the same seed.
std::vector<float> random_floats(size_t count, uint32_t seed, float scale = 1.0f);
// The largest |a - b| / (1 + |b|): an absolute error for small values, relative for large ones.
double max_scaled_error(std::span<const float> actual, std::span<const float> expected);

// Weights in a file's storage format, and the exact values that format holds.
struct StoredMatrix {
  model::DType dtype;
  std::vector<std::byte> bytes;  // as the file stores them (Q8_0: ggml's 34-byte blocks)
  std::vector<float> values;     // what those bytes mean
};
StoredMatrix store(const std::vector<float>& source, model::DType dtype);

// Every stored weight type with its name, for the suites' data rows.
inline constexpr std::pair<const char*, model::DType> weight_types[] = {
    {"f32", model::DType::f32}, {"f16", model::DType::f16}, {"bf16", model::DType::bf16}, {"q8_0", model::DType::q8_0}};

}  // namespace xun::test
