#include "seeded_data.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "xun/half.h"

namespace xun::test {

std::vector<float> random_floats(size_t count, uint32_t seed, float scale) {
  std::mt19937 generator(seed);
  std::normal_distribution<float> normal(0.0f, scale);
  std::vector<float> values(count);
  for (float& v : values) v = normal(generator);
  return values;
}

double max_scaled_error(std::span<const float> actual, std::span<const float> expected) {
  double worst = 0;
  for (size_t i = 0; i < expected.size(); ++i)
    worst = std::max(worst, std::abs(static_cast<double>(actual[i]) - expected[i]) / (1.0 + std::abs(expected[i])));
  return worst;
}

StoredMatrix store(const std::vector<float>& source, model::DType dtype) {
  StoredMatrix m{dtype, {}, source};
  auto put = [&](const void* p, size_t n) {
    const auto* b = static_cast<const std::byte*>(p);
    m.bytes.insert(m.bytes.end(), b, b + n);
  };
  switch (dtype) {
    case model::DType::f32:
      put(source.data(), source.size() * 4);
      break;
    case model::DType::f16:
    case model::DType::bf16: {
      const bool half = dtype == model::DType::f16;
      for (size_t i = 0; i < source.size(); ++i) {
        const uint16_t h = half ? util::float_to_half(source[i]) : util::float_to_bf16(source[i]);
        m.values[i] = half ? util::half_to_float(h) : util::bf16_to_float(h);
        put(&h, 2);
      }
      break;
    }
    case model::DType::q8_0:  // ggml's reference quantisation
      for (size_t block = 0; block < source.size() / 32; ++block) {
        float amax = 0;
        for (int i = 0; i < 32; ++i) amax = std::max(amax, std::abs(source[block * 32 + i]));
        const float d = amax / 127.0f;
        const float id = d != 0 ? 1.0f / d : 0.0f;
        const uint16_t dh = util::float_to_half(d);
        put(&dh, 2);
        for (int i = 0; i < 32; ++i) {
          const auto q = static_cast<int8_t>(std::round(source[block * 32 + i] * id));
          m.values[block * 32 + i] = util::half_to_float(dh) * q;
          put(&q, 1);
        }
      }
      break;
  }
  return m;
}

}  // namespace xun::test
