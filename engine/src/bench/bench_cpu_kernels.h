// The CPU backend's part of xun-bench-kernels (--backend cpu).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model_files.h"

namespace xun::bench {

struct CpuKernelBenchmark {
  uint32_t rows = 512;
  uint32_t repeats = 3;
  std::optional<uint32_t> threads;  // unset: the physical cores
  std::vector<model::DType> dtypes = {model::DType::f16, model::DType::q8_0, model::DType::bf16, model::DType::f32};
};

// Prints, per weight type, the backend's products on the four 0.6B projections beside the BLAS
// library's own sgemm on f32 copies, then the attention on one 512-token sequence.
void time_cpu_kernels(const CpuKernelBenchmark& options);

}  // namespace xun::bench
