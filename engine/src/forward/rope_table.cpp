#include "forward/rope_table.h"

#include <cmath>

namespace xun::qwen3 {

std::vector<float> rope_table(uint32_t count, uint32_t head_dim, double theta) {
  const uint32_t half = head_dim / 2;
  std::vector<float> table(static_cast<size_t>(count) * half * 2);
  for (uint32_t j = 0; j < half; ++j) {
    const double inverse_frequency = std::pow(theta, -2.0 * j / head_dim);
    for (uint32_t position = 0; position < count; ++position) {
      const double angle = position * inverse_frequency;
      const size_t at = (static_cast<size_t>(position) * half + j) * 2;
      table[at] = static_cast<float>(std::cos(angle));
      table[at + 1] = static_cast<float>(std::sin(angle));
    }
  }
  return table;
}

}  // namespace xun::qwen3
