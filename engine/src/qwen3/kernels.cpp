#include "qwen3/kernels.h"

#include <cstdlib>
#include <string_view>

#include "push_constants.h"

namespace xun::qwen3 {
namespace {

// Workgroup sizes given to the shaders as specialization constant 0.
constexpr uint32_t norm_workgroup = 256;
constexpr uint32_t head_workgroup = 64;  // attention and QK-norm: one head per workgroup
constexpr uint32_t row_workgroup = 64;   // per-row kernels: invocations (rows) per workgroup

Result<vk::Pipeline> build(const vk::Device& device, std::string shader, uint32_t buffers, uint32_t push_bytes,
                           std::vector<uint32_t> specialization = {}) {
  return vk::Pipeline::create(device, {std::move(shader), buffers, push_bytes, std::move(specialization)});
}


KernelFamily choose_family(const vk::Device& device, std::optional<KernelFamily> family) {
  if (family) return *family;
  const char* forced = std::getenv("XUN_KERNELS");
  if (forced != nullptr && std::string_view(forced) == "workgroup") return KernelFamily::workgroup;
  if (forced != nullptr && std::string_view(forced) == "per-row") return KernelFamily::per_row;
  return device.info().type == DeviceType::cpu ? KernelFamily::per_row : KernelFamily::workgroup;
}

}  // namespace

Result<Kernels> Kernels::create(const vk::Device& device, uint32_t head_dim, std::optional<KernelFamily> family) {
  using namespace xun::shaders;
  Kernels kernels;
  kernels.family = choose_family(device, family);
  const bool per_row = kernels.family == KernelFamily::per_row;
  const char* matmul_names[] = {"matmul_f32", "matmul_f16", "matmul_bf16", "matmul_q8_0"};
  static_assert(static_cast<int>(model::DType::f32) == 0 && static_cast<int>(model::DType::q8_0) == 3);
  for (size_t i = 0; i < kernels.matmul_by_type.size(); ++i) {
    auto pipeline = build(device, matmul_names[i], 3, sizeof(MatmulPush));
    if (!pipeline) return std::unexpected(pipeline.error());
    kernels.matmul_by_type[i] = std::move(*pipeline);
  }
  struct Entry {
    vk::Pipeline* target;
    const char* shader;
    uint32_t buffers;
    uint32_t push_bytes;
    std::vector<uint32_t> specialization;
  };
  const Entry entries[] = {
      {&kernels.rmsnorm, per_row ? "rmsnorm_rows" : "rmsnorm", 3, sizeof(RmsNormPush),
       {per_row ? row_workgroup : norm_workgroup}},
      {&kernels.qk_norm_rope, per_row ? "qk_norm_rope_rows" : "qk_norm_rope", 5, sizeof(QkNormRopePush),
       {per_row ? row_workgroup : head_workgroup}},
      {&kernels.attention, per_row ? "attention_rows" : "attention", 5, sizeof(AttentionPush),
       per_row ? std::vector<uint32_t>{row_workgroup, head_dim} : std::vector<uint32_t>{head_workgroup}},
      {&kernels.swiglu, "swiglu", 2, sizeof(SwigluPush)},
      {&kernels.gather_rows, "gather_rows", 3, sizeof(GatherRowsPush)},
  };
  for (const Entry& entry : entries) {
    auto pipeline = build(device, entry.shader, entry.buffers, entry.push_bytes, entry.specialization);
    if (!pipeline) return std::unexpected(pipeline.error());
    *entry.target = std::move(*pipeline);
  }
  return kernels;
}

}  // namespace xun::qwen3
