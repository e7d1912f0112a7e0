// Compiled with -O3 (see CMakeLists.txt) so that the portable loops are vectorised. Each loop
// keeps 8 independent accumulators: without -ffast-math GCC may not reorder a single sum, and
// one accumulator would chain every addition on the previous one.
#include "search/dot_kernels.h"

#include "search/half_float.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define XUN_X86 1
#endif

namespace xun::core {
namespace {

float dot_f16_portable(const uint16_t* row, const float* query, size_t stride) {
  float acc[8] = {};
  for (size_t i = 0; i < stride; i += 8)
    for (size_t j = 0; j < 8; ++j) acc[j] += half_to_float(row[i + j]) * query[i + j];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

void score_rows_portable(const uint16_t* rows, size_t stride, size_t count, const float* query,
                         float* scores) {
  for (size_t r = 0; r < count; ++r) scores[r] = dot_f16_portable(rows + r * stride, query, stride);
}

#ifdef XUN_X86
__attribute__((target("avx2,fma,f16c"))) void score_rows_avx2(const uint16_t* rows, size_t stride,
                                                               size_t count, const float* query,
                                                               float* scores) {
  for (size_t r = 0; r < count; ++r) {
    const uint16_t* row = rows + r * stride;
    __m256 acc[8];
    for (__m256& a : acc) a = _mm256_setzero_ps();
    for (size_t i = 0; i < stride; i += 64) {
      for (size_t j = 0; j < 8; ++j) {
        const __m256 x = _mm256_cvtph_ps(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + i + 8 * j)));
        acc[j] = _mm256_fmadd_ps(x, _mm256_loadu_ps(query + i + 8 * j), acc[j]);
      }
    }
    const __m256 sum = _mm256_add_ps(
        _mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3])),
        _mm256_add_ps(_mm256_add_ps(acc[4], acc[5]), _mm256_add_ps(acc[6], acc[7])));
    const __m128 half = _mm_add_ps(_mm256_castps256_ps128(sum), _mm256_extractf128_ps(sum, 1));
    const __m128 quarter = _mm_add_ps(half, _mm_movehl_ps(half, half));
    scores[r] = _mm_cvtss_f32(_mm_add_ss(quarter, _mm_shuffle_ps(quarter, quarter, 1)));
  }
}

__attribute__((target("f16c"))) void floats_to_halves_f16c(const float* in, uint16_t* out,
                                                            size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i halves = _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), halves);
  }
  for (; i < n; ++i) out[i] = float_to_half(in[i]);
}

bool has_avx2_f16c() {
  static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                                __builtin_cpu_supports("f16c");
  return supported;
}
#endif

}  // namespace

void score_rows_f16(const uint16_t* rows, size_t stride, size_t count, const float* query,
                    float* scores) {
#ifdef XUN_X86
  if (has_avx2_f16c()) return score_rows_avx2(rows, stride, count, query, scores);
#endif
  score_rows_portable(rows, stride, count, query, scores);
}

#ifdef XUN_X86
__attribute__((target_clones("avx2", "default")))
#endif
float dot_f32(const float* a, const float* b, size_t n) {
  float acc[8] = {};
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (size_t j = 0; j < 8; ++j) acc[j] += a[i + j] * b[i + j];
  float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

void floats_to_halves(const float* in, uint16_t* out, size_t n) {
#ifdef XUN_X86
  if (has_avx2_f16c()) return floats_to_halves_f16c(in, out, n);
#endif
  for (size_t i = 0; i < n; ++i) out[i] = float_to_half(in[i]);
}

const char* f16_kernel_name() {
#ifdef XUN_X86
  if (has_avx2_f16c()) return "avx2-f16c";
#endif
  return "portable";
}

}  // namespace xun::core
