// RoPE's rotations, computed once per model and position range, the same for both backends.
#pragma once

#include <cstdint>
#include <vector>

namespace xun::qwen3 {

// [count, head_dim / 2] (cos, sin) pairs of position * theta^(-2j / head_dim), computed in
// double, for positions [0, count).
std::vector<float> rope_table(uint32_t count, uint32_t head_dim, double theta);

}  // namespace xun::qwen3
