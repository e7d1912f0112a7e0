#include "cpu/blas.h"

#include <blis.h>

namespace xun::cpu {
namespace {

rntm_t threads_of(uint32_t threads) {
  rntm_t rntm = BLIS_RNTM_INITIALIZER;
  bli_rntm_set_num_threads(static_cast<dim_t>(threads), &rntm);
  return rntm;
}

}  // namespace

void sgemm_nt(uint32_t m, uint32_t n, uint32_t k, float alpha, const float* a, uint64_t lda, const float* b,
              uint64_t ldb, bool accumulate, float* c, uint64_t ldc, uint32_t threads) {
  float beta = accumulate ? 1.0f : 0.0f;
  rntm_t rntm = threads_of(threads);
  // BLIS takes non-const pointers but does not write a or b.
  bli_sgemm_ex(BLIS_NO_TRANSPOSE, BLIS_TRANSPOSE, m, n, k, &alpha, const_cast<float*>(a), static_cast<inc_t>(lda), 1,
               const_cast<float*>(b), static_cast<inc_t>(ldb), 1, &beta, c, static_cast<inc_t>(ldc), 1, nullptr, &rntm);
}

void sgemm_nn(uint32_t m, uint32_t n, uint32_t k, const float* a, uint64_t lda, const float* b, uint64_t ldb,
              bool accumulate, float* c, uint64_t ldc) {
  float alpha = 1.0f;
  float beta = accumulate ? 1.0f : 0.0f;
  rntm_t rntm = threads_of(1);
  bli_sgemm_ex(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, m, n, k, &alpha, const_cast<float*>(a), static_cast<inc_t>(lda), 1,
               const_cast<float*>(b), static_cast<inc_t>(ldb), 1, &beta, c, static_cast<inc_t>(ldc), 1, nullptr, &rntm);
}

std::string blas_description() {
  return std::string("BLIS ") + bli_info_get_version_str() + " (" + bli_arch_string(bli_arch_query_id()) + " kernels)";
}

}  // namespace xun::cpu
