// The compute pipelines of the Qwen3 forward pass, built once per device.
#pragma once

#include <array>
#include <optional>

#include "model/model_files.h"
#include "vk/pipeline.h"

namespace xun::qwen3 {

// Two kernel families for the norms and attention: workgroup kernels (a workgroup per row or
// head, reductions in shared memory: fast on GPUs) and per-row kernels (an invocation per row
// or head, no barriers: fast on CPU devices, where invocations are SIMD lanes and barriers cost
// a context switch). Both compute the same thing and are tested against the same reference.
enum class KernelFamily { workgroup, per_row };

struct Kernels {
  // `family` unset: per-row on CPU devices, workgroup elsewhere; the environment variable
  // XUN_KERNELS=workgroup|per-row overrides that (for checks on a given machine).
  // `head_dim`: the model's head size, which the per-row attention kernel is specialised for.
  static Result<Kernels> create(const vk::Device& device, uint32_t head_dim,
                                std::optional<KernelFamily> family = std::nullopt);

  const vk::Pipeline& matmul(model::DType weight_type) const {
    return matmul_by_type[static_cast<size_t>(weight_type)];
  }

  std::array<vk::Pipeline, 4> matmul_by_type;  // indexed by model::DType
  KernelFamily family = KernelFamily::workgroup;
  vk::Pipeline rmsnorm;            // the chosen family's kernels
  vk::Pipeline qk_norm_rope;
  vk::Pipeline attention;
  vk::Pipeline swiglu;
  vk::Pipeline gather_rows;
};

}  // namespace xun::qwen3
