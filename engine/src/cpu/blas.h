// The one place the CPU backend calls its BLAS library: BLIS (Debian's libblis), chosen by
// measuring OpenBLAS 0.3.21, BLIS 0.9 and oneDNN 2.6 on the 0.6B projection shapes (2 cores,
// AVX-512, 512 rows): whole-matrix sgemm 195 / 201 / 174 GFLOP/s; fed f32 panels of 256 weight
// rows converted from F16 on the fly, one panel per thread, BLIS keeps its full rate (200)
// where OpenBLAS drops to 150 (it repacks the activations for every small product), and at
// 64 rows BLIS does 113 to OpenBLAS's 61.
#pragma once

#include <cstdint>
#include <string>

namespace xun::cpu {

// c[m, n] (row stride ldc) = alpha * a[m, k] (row stride lda) * b[n, k]^T (row stride ldb)
// + (accumulate ? c : 0), on `threads` threads of BLIS's own (1 inside a parallel_for item).
void sgemm_nt(uint32_t m, uint32_t n, uint32_t k, float alpha, const float* a, uint64_t lda, const float* b,
              uint64_t ldb, bool accumulate, float* c, uint64_t ldc, uint32_t threads = 1);
// c[m, n] (+)= a[m, k] * b[k, n] (row strides lda, ldb, ldc).
void sgemm_nn(uint32_t m, uint32_t n, uint32_t k, const float* a, uint64_t lda, const float* b, uint64_t ldb,
              bool accumulate, float* c, uint64_t ldc);
// "BLIS 0.9.0 (zen3)": the library, its version and the kernels it picked for this processor.
std::string blas_description();

}  // namespace xun::cpu
