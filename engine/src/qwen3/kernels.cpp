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


MatmulKernel choose_matmul(const vk::Device& device, std::optional<MatmulKernel> matmul) {
  if (matmul) return *matmul;
  if (const char* forced = std::getenv("XUN_MATMUL"); forced != nullptr)
    if (auto parsed = parse_matmul_kernel(forced)) return *parsed;
  const DeviceFeatures& f = device.info().features;
  return device.info().type == DeviceType::cpu && f.subgroup_arithmetic ? MatmulKernel::lanes : MatmulKernel::tiled;
}

KernelFamily choose_family(const vk::Device& device, std::optional<KernelFamily> family) {
  if (family) return *family;
  const char* forced = std::getenv("XUN_KERNELS");
  if (forced != nullptr && std::string_view(forced) == "workgroup") return KernelFamily::workgroup;
  if (forced != nullptr && std::string_view(forced) == "per-row") return KernelFamily::per_row;
  return device.info().type == DeviceType::cpu ? KernelFamily::per_row : KernelFamily::workgroup;
}

}  // namespace

const char* to_string(MatmulKernel kernel) { return kernel == MatmulKernel::lanes ? "lanes" : "tiled"; }

std::optional<MatmulKernel> parse_matmul_kernel(std::string_view name) {
  if (name == "tiled") return MatmulKernel::tiled;
  if (name == "lanes") return MatmulKernel::lanes;
  return std::nullopt;
}

Result<Kernels> Kernels::create(const vk::Device& device, uint32_t head_dim, std::optional<KernelFamily> family,
                                std::optional<MatmulKernel> matmul) {
  using namespace xun::shaders;
  Kernels kernels;
  kernels.family = choose_family(device, family);
  const bool per_row = kernels.family == KernelFamily::per_row;
  kernels.matmul_kernel = choose_matmul(device, matmul);
  const DeviceFeatures& features = device.info().features;
  if (kernels.matmul_kernel == MatmulKernel::lanes && !features.subgroup_arithmetic)
    return fail("the lanes matmul needs subgroup arithmetic, which " + device.info().name + " lacks");
  const char* matmul_names[] = {"matmul_f32", "matmul_f16", "matmul_bf16", "matmul_q8_0"};
  static_assert(static_cast<int>(model::DType::f32) == 0 && static_cast<int>(model::DType::q8_0) == 3);
  for (size_t i = 0; i < kernels.matmul_by_type.size(); ++i) {
    auto pipeline = build(device, matmul_names[i], 3, sizeof(MatmulPush));
    if (!pipeline) return std::unexpected(pipeline.error());
    kernels.matmul_by_type[i] = std::move(*pipeline);
    if (kernels.matmul_kernel != MatmulKernel::lanes) continue;
    auto lanes = build(device, std::string("lanes_") + matmul_names[i], 3, sizeof(MatmulPush),
                       {features.subgroup_size, lanes_block_rows, lanes_block_cols});
    if (!lanes) return std::unexpected(lanes.error());
    kernels.lanes_matmul_by_type[i] = std::move(*lanes);
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
