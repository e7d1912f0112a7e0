#include "synth/random_weights.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace xun::synth {
namespace {

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Sum of four uniforms (Irwin-Hall), rescaled to unit variance: close enough to normal for
// benchmark weights and much cheaper than Box-Muller.
float approx_normal(uint64_t bits) {
  float sum = 0;
  for (int i = 0; i < 4; ++i) sum += static_cast<float>((bits >> (16 * i)) & 0xffff) / 65535.0f;
  return (sum - 2.0f) * 1.7320508f;  // variance of the sum is 4/12
}

}  // namespace

void fill_weights(std::span<float> out, uint64_t seed, uint32_t tensor_index, WeightKind kind) {
  const uint64_t base = splitmix64(seed ^ (static_cast<uint64_t>(tensor_index) << 40));
  const float scale = kind == WeightKind::matrix ? 0.02f : 0.1f;
  const float offset = kind == WeightKind::matrix ? 0.0f : 1.0f;
  const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 16);
  const size_t per_thread = (out.size() + threads - 1) / threads;
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) {
    const size_t begin = t * per_thread, end = std::min(out.size(), begin + per_thread);
    if (begin >= end) break;
    workers.emplace_back([=] {
      for (size_t i = begin; i < end; ++i) out[i] = offset + scale * approx_normal(splitmix64(base + i));
    });
  }
  for (std::thread& worker : workers) worker.join();
}

}  // namespace xun::synth
