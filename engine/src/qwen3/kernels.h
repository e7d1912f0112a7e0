// The compute pipelines of the Qwen3 forward pass, built once per device.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "model/model_files.h"
#include "vk/pipeline.h"

namespace xun::qwen3 {

// Two kernel families for the norms and attention: workgroup kernels (a workgroup per row or
// head, reductions in shared memory: fast on GPUs) and per-row kernels (an invocation per row
// or head, no barriers: fast on CPU devices, where invocations are SIMD lanes and barriers cost
// a context switch). Both compute the same thing and are tested against the same reference.
enum class KernelFamily { workgroup, per_row };

// Two matmul kernels: `tiled` stages 64x64 tiles in shared memory (GPUs); `lanes` gives a block
// of outputs to one subgroup whose lanes split the inner dimension (no shared memory, no
// barriers: CPU devices). XUN_MATMUL=tiled|lanes overrides the choice.
enum class MatmulKernel { tiled, lanes };
const char* to_string(MatmulKernel kernel);
std::optional<MatmulKernel> parse_matmul_kernel(std::string_view name);

struct Kernels {
  // `family` unset: per-row on CPU devices, workgroup elsewhere; the environment variable
  // XUN_KERNELS=workgroup|per-row overrides that (for checks on a given machine).
  // `head_dim`: the model's head size, which the per-row attention kernel is specialised for.
  // `matmul` unset likewise: lanes on CPU devices with subgroup arithmetic, tiled elsewhere.
  static Result<Kernels> create(const vk::Device& device, uint32_t head_dim,
                                std::optional<KernelFamily> family = std::nullopt,
                                std::optional<MatmulKernel> matmul = std::nullopt);

  const vk::Pipeline& matmul(model::DType weight_type) const {
    return matmul_by_type[static_cast<size_t>(weight_type)];
  }
  const vk::Pipeline& lanes_matmul(model::DType weight_type) const {
    return lanes_matmul_by_type[static_cast<size_t>(weight_type)];
  }

  // The lanes matmul's output block per workgroup, measured with xun-bench-kernels on lavapipe
  // (f16, 128 rows, GFLOP/s): 4x4 10.9, 8x4 14.1, 8x6 17.0, 8x8 19.6, 16x8 12.7, 16x16 16.2.
  static constexpr uint32_t lanes_block_rows = 8;
  static constexpr uint32_t lanes_block_cols = 8;

  MatmulKernel matmul_kernel = MatmulKernel::tiled;
  std::array<vk::Pipeline, 4> matmul_by_type;        // tiled, indexed by model::DType; always built
  std::array<vk::Pipeline, 4> lanes_matmul_by_type;  // built when matmul_kernel is lanes
  KernelFamily family = KernelFamily::workgroup;
  vk::Pipeline rmsnorm;            // the chosen family's kernels
  vk::Pipeline qk_norm_rope;
  vk::Pipeline attention;
  vk::Pipeline swiglu;
  vk::Pipeline gather_rows;
};

}  // namespace xun::qwen3
