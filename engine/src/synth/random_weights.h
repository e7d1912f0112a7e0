// Deterministic pseudo-random weights: element i of tensor t depends only on (seed, t, i), so
// tensors can be generated in any order and in parallel and always come out the same.
#pragma once

#include <cstdint>
#include <span>

namespace xun::synth {

enum class WeightKind {
  matrix,  // 0.02 * z, like the fixtures and Qwen's initialiser scale
  norm,    // 1 + 0.1 * z
};

// Fills `out` with approximately normal values of the kind's scale.
void fill_weights(std::span<float> out, uint64_t seed, uint32_t tensor_index, WeightKind kind);

}  // namespace xun::synth
