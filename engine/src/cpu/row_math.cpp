#include "cpu/row_math.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "cpu/simd.h"

namespace xun::cpu {
namespace {

// Inlined into each vectorised loop below (a call to std::exp would keep them scalar).
inline float exp_approx(float x) {
  x = std::clamp(x, -87.0f, 88.0f);
  const float k = std::floor(x * 1.44269504088896341f + 0.5f);      // round(x / ln 2)
  float r = x - k * 0.693145751953125f;                              // ln 2 in two parts:
  r = r - k * 1.428606765330187e-06f;                                // exact r for |k| < 2^9
  float p = 1.0f / 5040;
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(k) + 127) << 23;        // 2^k
  return p * std::bit_cast<float>(bits);
}

}  // namespace

XUN_SIMD_CLONES void exp_row(float* x, uint32_t n) {
#pragma omp simd
  for (uint32_t i = 0; i < n; ++i) x[i] = exp_approx(x[i]);
}

XUN_SIMD_CLONES void softmax_row(float* s, uint32_t valid, uint32_t total) {
  float highest = -std::numeric_limits<float>::infinity();
#pragma omp simd reduction(max : highest)
  for (uint32_t i = 0; i < valid; ++i) highest = std::max(highest, s[i]);
  float sum = 0;
#pragma omp simd reduction(+ : sum)
  for (uint32_t i = 0; i < valid; ++i) {
    s[i] = exp_approx(s[i] - highest);
    sum += s[i];
  }
  const float inverse = 1.0f / sum;
#pragma omp simd
  for (uint32_t i = 0; i < valid; ++i) s[i] *= inverse;
  std::fill(s + valid, s + total, 0.0f);
}

XUN_SIMD_CLONES void rmsnorm_row(const float* x, const float* weight, float* y, uint32_t dim, float eps) {
  float squares = 0;
#pragma omp simd reduction(+ : squares)
  for (uint32_t i = 0; i < dim; ++i) squares += x[i] * x[i];
  const float inverse_rms = 1.0f / std::sqrt(squares / static_cast<float>(dim) + eps);
#pragma omp simd
  for (uint32_t i = 0; i < dim; ++i) y[i] = x[i] * inverse_rms * weight[i];
}

XUN_SIMD_CLONES void swiglu_row(const float* gate, const float* up, float* y, uint32_t n) {
#pragma omp simd
  for (uint32_t i = 0; i < n; ++i) y[i] = gate[i] / (1.0f + exp_approx(-gate[i])) * up[i];
}

XUN_SIMD_CLONES void rope_row(float* v, const float* rotation, uint32_t half) {
#pragma omp simd
  for (uint32_t j = 0; j < half; ++j) {
    const float a = v[j], b = v[j + half];
    const float c = rotation[2 * j], s = rotation[2 * j + 1];
    v[j] = a * c - b * s;
    v[j + half] = b * c + a * s;
  }
}

}  // namespace xun::cpu
