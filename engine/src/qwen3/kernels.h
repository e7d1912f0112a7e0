// The compute pipelines of the Qwen3 forward pass, built once per device.
#pragma once

#include <array>

#include "model/model_files.h"
#include "vk/pipeline.h"

namespace xun::qwen3 {

struct Kernels {
  static Result<Kernels> create(const vk::Device& device);

  const vk::Pipeline& matmul(model::DType weight_type) const {
    return matmul_by_type[static_cast<size_t>(weight_type)];
  }

  std::array<vk::Pipeline, 4> matmul_by_type;  // indexed by model::DType
  vk::Pipeline rmsnorm;
  vk::Pipeline qk_norm_rope;
  vk::Pipeline attention;
  vk::Pipeline swiglu;
  vk::Pipeline gather_rows;
};

}  // namespace xun::qwen3
