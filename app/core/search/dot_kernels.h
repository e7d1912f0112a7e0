// The inner loops of dense search. Rows are float16 (half the memory traffic of float32; the
// scan is bound by memory bandwidth), `stride` values each, a multiple of kRowAlignment with
// zero padding, so the kernels have no tails. The query is float32, padded the same way.
//
// On x86-64 the float16 kernels use AVX2, FMA and F16C when the CPU has them (chosen once at
// run time; every x86-64 CPU since 2013 does), otherwise a portable loop.
#pragma once

#include <cstddef>
#include <cstdint>

namespace xun::core {

inline constexpr size_t kRowAlignment = 64;  // values; 8 accumulators x 8 lanes

inline size_t padded_stride(size_t dimension) {
  return (dimension + kRowAlignment - 1) / kRowAlignment * kRowAlignment;
}

// scores[r] = dot(rows + r * stride, query) for r in [0, count).
void score_rows_f16(const uint16_t* rows, size_t stride, size_t count, const float* query,
                    float* scores);

// float32 dot product, for the exact re-scoring of candidates (any n).
float dot_f32(const float* a, const float* b, size_t n);

void floats_to_halves(const float* in, uint16_t* out, size_t n);

// Which float16 kernel runs on this CPU: "avx2-f16c" or "portable".
const char* f16_kernel_name();

}  // namespace xun::core
