// Vectorised loops over one row of floats, the CPU backend's element-wise arithmetic.
#pragma once

#include <cstdint>

namespace xun::cpu {

// s[0, valid) becomes softmax(s[0, valid)); s[valid, total) becomes 0 (masked keys).
void softmax_row(float* s, uint32_t valid, uint32_t total);
// y[i] = x[i] / sqrt(mean(x^2) + eps) * weight[i]
void rmsnorm_row(const float* x, const float* weight, float* y, uint32_t dim, float eps);
// y[i] = silu(gate[i]) * up[i]
void swiglu_row(const float* gate, const float* up, float* y, uint32_t n);
// NEOX rotation of one head in place: (v[j], v[j + half]) by the (cos, sin) pairs of `rotation`.
void rope_row(float* v, const float* rotation, uint32_t half);
// e^x for every x of a row: 2^k * e^r after range reduction, a degree-7 polynomial for e^r
// (within 3e-7 of std::exp over [-87, 88]: tst_cpu_ops), so that the compiler vectorises it.
void exp_row(float* x, uint32_t n);

}  // namespace xun::cpu
