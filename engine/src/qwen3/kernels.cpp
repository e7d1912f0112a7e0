#include "qwen3/kernels.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "push_constants.h"
#include "xun_shaders.h"

namespace xun::qwen3 {
namespace {

// Workgroup sizes given to the shaders as specialization constant 0.
constexpr uint32_t norm_workgroup = 256;
constexpr uint32_t head_workgroup = 64;  // attention and QK-norm: one head per workgroup
constexpr uint32_t row_workgroup = 64;   // per-row kernels: invocations (rows) per workgroup
// Keys per block of the lanes attention (xun-bench-kernels --attention lanes on lavapipe, ms
// for one 512-token sequence: 1 key 357, 4 keys 291, 8 keys 301, 16 keys 424).
constexpr uint32_t lanes_attention_keys = 4;

// The device's f16 x f16 -> f32 subgroup shape for the coopmat kernels: 16x16x16 where offered
// (NVIDIA, AMD, Intel all have it), else the largest. Emulated: 8x8x8 (Mesa 26's lavapipe shape)
// unless the device reports one.
std::optional<CoopShape> matrix_shape(const DeviceFeatures& features, bool emulated) {
  std::optional<CoopShape> best;
  for (const CooperativeMatrixShape& s : features.cooperative_matrix_shapes) {
    if (s.scope != "subgroup" || s.a_type != "f16" || s.b_type != "f16" || s.c_type != "f32" || s.result_type != "f32")
      continue;
    const CoopShape shape{s.m, s.n, s.k};
    if (shape.m == 16 && shape.n == 16 && shape.k == 16) return shape;
    if (!best || uint64_t{shape.m} * shape.n * shape.k > uint64_t{best->m} * best->n * best->k) best = shape;
  }
  if (!best && emulated) best = CoopShape{8, 8, 8};
  return best;
}

// Tiles in units of the matrix shape: large (2x2 subgroups of 4x4 matrices: 128x128 at 16x16),
// medium (2x2 of 2x2: 64x64) and small (1x4 of 1x2: 16x128, for a few rows). Steps of 32 along
// the inner dimension. Not yet timed on a GPU: xun-bench-kernels --coopmat-tile compares them.
std::array<CoopTile, 3> tiles_for(CoopShape shape) {
  const uint32_t bk = std::max(32u, 2 * shape.k);
  return {CoopTile{shape.m, 8 * shape.n, bk, shape.m, 2 * shape.n},
          CoopTile{4 * shape.m, 4 * shape.n, bk, 2 * shape.m, 2 * shape.n},
          CoopTile{8 * shape.m, 8 * shape.n, bk, 4 * shape.m, 4 * shape.n}};
}

Result<vk::Pipeline> build(const vk::Device& device, std::string shader, uint32_t buffers, uint32_t push_bytes,
                           std::vector<uint32_t> specialization = {}, uint32_t required_subgroup_size = 0) {
  return vk::Pipeline::create(device,
                              {std::move(shader), buffers, push_bytes, std::move(specialization), required_subgroup_size});
}

constexpr bool shaders_coopmat = XUN_SHADERS_COOPMAT != 0;  // the embedded set has the coopmat variants

// Flash attention (attention_flash.comp) and its pipeline.
struct FlashAttention {
  const char* shader;
  std::vector<uint32_t> specialization;
  uint32_t required_subgroup_size = 0;
};

// Bytes of shared memory attention_flash.comp declares (its arrays, in the same order).
uint32_t flash_shared_bytes(bool coop, uint32_t head_dim, uint32_t q_block, uint32_t rows, uint32_t keys,
                            uint32_t coop_m, uint32_t coop_n, uint32_t subgroups) {
  const uint32_t slots = coop ? (rows + coop_m - 1) / coop_m * coop_m : rows;
  const uint32_t common = 16 * q_block + 4 * 3 * slots;  // the block's queries, the rows' statistics
  if (!coop) return common + 4 * (rows * (head_dim + 1) + keys * (head_dim + 1) + keys * head_dim + rows * keys);
  const uint32_t halves = slots * (head_dim + 8) + 2 * keys * (head_dim + 8) + slots * (keys + 8);
  const uint32_t floats = slots * keys + slots + keys + head_dim + subgroups * coop_m * coop_n;
  return common + 2 * halves + 4 * floats;
}

Result<FlashAttention> flash_attention(const DeviceInfo& device, AttentionKernel kernel, AttentionShape shape) {
  const DeviceFeatures& features = device.features;
  const bool coop = kernel != AttentionKernel::flash;
  const uint32_t group = shape.heads_per_kv_head;
  if (group == 0 || shape.head_dim % 8 != 0)
    return fail("the flash attention needs heads of a multiple of 8 dimensions, not " + std::to_string(shape.head_dim));
  uint32_t coop_m = 1, coop_n = 1, coop_k = 1, subgroup = 0, width = 128, subgroups = 0;
  if (coop) {
    const char* name = to_string(kernel);
    if (kernel == AttentionKernel::flash_coopmat) {
      if (!shaders_coopmat)
        return fail(std::string("the ") + name + " attention was not built: the shader compiler lacked "
                    "GL_KHR_cooperative_matrix (scripts/build-glslang.sh builds one that has it)");
      if (!features.cooperative_matrix)
        return fail(std::string("the ") + name + " attention needs VK_KHR_cooperative_matrix with f16 inputs and f32 "
                    "accumulators, which " + device.name + " lacks");
    }
    if (!features.shader_float16)
      return fail(std::string("the ") + name + " attention needs fp16 arithmetic in shaders, which " + device.name +
                  " lacks");
    // Its subgroups share the matrices' elements by gl_SubgroupInvocationID, so their size must be known.
    if (!features.subgroup_arithmetic || !features.full_subgroups || features.subgroup_size == 0)
      return fail(std::string("the ") + name + " attention needs subgroup arithmetic and whole subgroups of a "
                  "required size (VK_EXT_subgroup_size_control), which " + device.name + " cannot promise");
    // The emulation takes the device's shape where there is one, so both variants tile alike.
    const CoopShape reported = *matrix_shape(features, true);
    coop_m = reported.m;
    coop_n = reported.n;
    coop_k = reported.k;
    if (shape.head_dim % coop_n != 0 || shape.head_dim % coop_k != 0)
      return fail(std::string("the ") + name + " attention needs heads of a multiple of the matrix shape " +
                  std::to_string(coop_m) + "x" + std::to_string(coop_n) + "x" + std::to_string(coop_k));
    subgroup = features.subgroup_size;
    subgroups = 4;
    width = subgroups * subgroup;
  }
  // More rows per workgroup read each key and value row for more queries; more keys per tile
  // cost fewer barriers. The largest pair the shared memory holds; CPU devices (lavapipe) take
  // the smaller rows, which compile and run faster there.
  const uint32_t key_unit = coop ? std::max<uint32_t>(std::max(coop_n, coop_k), 8) : 16;
  const uint32_t most_rows = device.type == DeviceType::cpu ? 16 : 32;
  for (uint32_t rows_wanted = most_rows; rows_wanted >= 8; rows_wanted /= 2) {
    const uint32_t q_block = std::max<uint32_t>(1, rows_wanted / group);
    for (uint32_t keys : {2 * key_unit, key_unit}) {
      if (flash_shared_bytes(coop, shape.head_dim, q_block, q_block * group, keys, coop_m, coop_n, subgroups) >
          features.max_shared_memory)
        continue;
      if (!coop) return FlashAttention{"attention_flash", {width, shape.head_dim, group, q_block, keys}};
      return FlashAttention{kernel == AttentionKernel::flash_coopmat ? "attention_flash_coopmat"
                                                                     : "attention_flash_coopmat_emulated",
                            {width, shape.head_dim, group, q_block, keys, subgroup, coop_m, coop_n, coop_k},
                            subgroup};
    }
  }
  return fail(std::string("the ") + to_string(kernel) + " attention's tiles for heads of " +
              std::to_string(shape.head_dim) + " dimensions do not fit the " +
              std::to_string(features.max_shared_memory) + " bytes of shared memory of " + device.name);
}

}  // namespace

MatmulPipelines::MatmulPipelines(const vk::Device& device, std::string prefix, std::vector<uint32_t> specialization,
                                 uint32_t required_subgroup_size)
    : device_(&device),
      prefix_(std::move(prefix)),
      specialization_(std::move(specialization)),
      required_subgroup_size_(required_subgroup_size) {}

Result<const vk::Pipeline*> MatmulPipelines::get(model::DType weight_type) const {
  if (device_ == nullptr) return fail("internal: a matmul kernel that was not chosen was asked for");
  static_assert(static_cast<int>(model::DType::f32) == 0 && static_cast<int>(model::DType::q8_0) == 3);
  std::optional<vk::Pipeline>& slot = built_[static_cast<size_t>(weight_type)];
  if (!slot) {
    const std::string shader = prefix_ + "matmul_" + std::string(model::to_string(weight_type));
    auto pipeline = build(*device_, shader, 3, sizeof(shaders::MatmulPush), specialization_, required_subgroup_size_);
    if (!pipeline) return std::unexpected(pipeline.error());
    slot = std::move(*pipeline);
  }
  return &*slot;
}

const char* to_string(KernelFamily family) { return family == KernelFamily::per_row ? "per-row" : "workgroup"; }
uint32_t CoopTile::shared_bytes(CoopShape shape) const {
  const uint32_t halves = (bm + bn) * (bk + 8);
  return 2 * halves + 8 * bm + 4 * subgroups() * shape.m * shape.n;
}

TileSize Kernels::coop_tile_for(uint32_t rows, uint32_t cols) const {
  if (coop_tile) return *coop_tile;
  const CoopTile& large = coop_tiles[static_cast<size_t>(TileSize::large)];
  const uint64_t large_groups = uint64_t{(rows + large.bm - 1) / large.bm} * ((cols + large.bn - 1) / large.bn);
  // Large tiles reuse each staged element most, but only pay off with enough workgroups to fill
  // the device; a handful of rows (a search query, the final layer's last tokens) wastes most of
  // any tile taller than the matrix shape.
  if (rows >= 2 * large.bm && large_groups >= 64) return TileSize::large;
  if (rows > coop_tiles[static_cast<size_t>(TileSize::small)].bm) return TileSize::medium;
  return TileSize::small;
}

uint32_t Kernels::split_k_slices(const CoopTile& tile, uint32_t rows, uint32_t cols, uint32_t inner,
                                 uint64_t scratch_bytes) const {
  const uint64_t tiles = uint64_t{(rows + tile.bm - 1) / tile.bm} * ((cols + tile.bn - 1) / tile.bn);
  const uint32_t steps = (inner + tile.bk - 1) / tile.bk;
  uint32_t slices = 1;
  if (split_k) {
    slices = std::min(*split_k, steps);
  } else if (tiles < split_k_target / 2) {
    // At least 4 steps per slice, so that each workgroup's staging still pays off.
    slices = static_cast<uint32_t>(std::min<uint64_t>((split_k_target + tiles - 1) / tiles, steps / 4));
  }
  const uint64_t partial_bytes = uint64_t{rows} * cols * 4;
  while (slices > 1 && slices * partial_bytes > scratch_bytes) --slices;
  return std::max(slices, 1u);
}

const char* to_string(MatmulKernel kernel) {
  switch (kernel) {
    case MatmulKernel::tiled: return "tiled";
    case MatmulKernel::lanes: return "lanes";
    case MatmulKernel::coopmat: return "coopmat";
    case MatmulKernel::coopmat_emulated: return "coopmat-emulated";
  }
  return "?";
}

const char* to_string(TileSize size) {
  switch (size) {
    case TileSize::small: return "small";
    case TileSize::medium: return "medium";
    case TileSize::large: return "large";
  }
  return "?";
}
const char* to_string(AttentionKernel kernel) {
  switch (kernel) {
    case AttentionKernel::workgroup: return "workgroup";
    case AttentionKernel::rows: return "rows";
    case AttentionKernel::lanes: return "lanes";
    case AttentionKernel::flash: return "flash";
    case AttentionKernel::flash_coopmat: return "flash-coopmat";
    case AttentionKernel::flash_coopmat_emulated: return "flash-coopmat-emulated";
  }
  return "?";
}

std::optional<KernelFamily> parse_kernel_family(std::string_view name) {
  if (name == "workgroup") return KernelFamily::workgroup;
  if (name == "per-row") return KernelFamily::per_row;
  return std::nullopt;
}

std::optional<MatmulKernel> parse_matmul_kernel(std::string_view name) {
  if (name == "tiled") return MatmulKernel::tiled;
  if (name == "lanes") return MatmulKernel::lanes;
  if (name == "coopmat") return MatmulKernel::coopmat;
  if (name == "coopmat-emulated") return MatmulKernel::coopmat_emulated;
  return std::nullopt;
}

std::optional<AttentionKernel> parse_attention_kernel(std::string_view name) {
  if (name == "workgroup") return AttentionKernel::workgroup;
  if (name == "rows") return AttentionKernel::rows;
  if (name == "lanes") return AttentionKernel::lanes;
  if (name == "flash") return AttentionKernel::flash;
  if (name == "flash-coopmat") return AttentionKernel::flash_coopmat;
  if (name == "flash-coopmat-emulated") return AttentionKernel::flash_coopmat_emulated;
  return std::nullopt;
}

Result<Kernels> Kernels::plan(const DeviceInfo& device, AttentionShape shape, KernelChoice choice) {
  const DeviceFeatures& features = device.features;
  const bool cpu = device.type == DeviceType::cpu;
  const uint32_t lanes = features.subgroup_size;
  // The lanes kernels reduce over a workgroup of one subgroup, which the pipeline must be able
  // to require (VK_EXT_subgroup_size_control: lavapipe, and GPUs of every vendor).
  const bool subgroups = features.subgroup_arithmetic && features.full_subgroups && lanes > 0;
  // The lanes attention gives each lane whole groups of four dimensions of the head.
  const bool head_fits_lanes = subgroups && shape.head_dim % (4 * lanes) == 0 && shape.heads_per_kv_head > 0;

  Kernels kernels;
  kernels.family = choice.norms.value_or(cpu ? KernelFamily::per_row : KernelFamily::workgroup);
  // Matrix units where a GPU has them and the shaders were built with them (XUN_SHADERS_COOPMAT:
  // the compiler knew GL_KHR_cooperative_matrix).
  const bool matrix_units = shaders_coopmat && features.cooperative_matrix && features.shader_float16 &&
                            features.vulkan_memory_model &&
                            features.full_subgroups && matrix_shape(features, false).has_value();
  const MatmulKernel gpu_matmul = matrix_units ? MatmulKernel::coopmat : MatmulKernel::tiled;
  kernels.matmul_kernel = choice.matmul.value_or(cpu ? (subgroups ? MatmulKernel::lanes : MatmulKernel::tiled) : gpu_matmul);
  // Matrix units beat 4x8-bit dot products on Q8_0 weights too (dequantised to f16 as staged).
  kernels.integer_dot = choice.integer_dot.value_or(features.integer_dot_product &&
                                                    kernels.matmul_kernel != MatmulKernel::coopmat);
  const AttentionKernel cpu_attention = head_fits_lanes ? AttentionKernel::lanes : AttentionKernel::rows;
  // GPUs: flash attention, on the matrix units where there are some. Not yet timed on a GPU
  // (xun-bench-kernels --attention compares them on one); on lavapipe, 2 cores, one 512-token
  // sequence of the 0.6B's heads: lanes 251 ms, workgroup 2828, flash 4026, flash-coopmat 414
  // (Mesa 26), flash-coopmat-emulated 4723.
  const AttentionKernel gpu_attention = [&] {
    for (AttentionKernel kernel : {AttentionKernel::flash_coopmat, AttentionKernel::flash})
      if (flash_attention(device, kernel, shape)) return kernel;
    return AttentionKernel::workgroup;
  }();
  kernels.attention_kernel = choice.attention.value_or(cpu ? cpu_attention : gpu_attention);
  if (kernels.integer_dot && !features.integer_dot_product_supported)
    return fail("the integer-dot-product matmul needs VK_KHR_shader_integer_dot_product, which " +
                device.name + " lacks");
  if (kernels.matmul_kernel == MatmulKernel::lanes && !subgroups)
    return fail("the lanes matmul needs subgroup arithmetic and whole subgroups, which " + device.name +
                " cannot promise");
  if (kernels.matmul_kernel == MatmulKernel::coopmat && !matrix_units)
    return fail(std::string("the coopmat matmul needs VK_KHR_cooperative_matrix with an f16 x f16 -> f32 "
                            "subgroup shape, fp16 arithmetic, the Vulkan memory model and whole subgroups") +
                (shaders_coopmat ? ", which " + device.name + " lacks"
                               : "; these shaders were built by a glslang without GL_KHR_cooperative_matrix "
                                 "(scripts/build-glslang.sh builds one)"));
  if (kernels.matmul_kernel == MatmulKernel::coopmat_emulated && !(features.shader_float16 && features.full_subgroups))
    return fail("the emulated coopmat matmul needs fp16 arithmetic and whole subgroups, which " + device.name +
                " lacks");
  if (kernels.attention_kernel == AttentionKernel::workgroup && shape.head_dim > 4 * head_workgroup)
    return fail("the workgroup attention holds at most " + std::to_string(4 * head_workgroup) +
                " dimensions per head; this model's heads have " + std::to_string(shape.head_dim));
  if (kernels.attention_kernel == AttentionKernel::lanes && !head_fits_lanes)
    return fail("the lanes attention needs subgroup arithmetic and a head of a multiple of " +
                std::to_string(4 * lanes) + " dimensions on " + device.name);

  // Tiles of 128 (8x8 outputs per invocation, the classic SGEMM register blocking: 16 FMAs per
  // vec4 read from shared memory) where a discrete GPU has the registers for them; 64 (4x4, 8
  // FMAs per read) elsewhere, which keeps an integrated GPU's fewer cores busy on small products.
  // Not yet timed on a GPU: xun-bench-kernels --tile 64|128 [--f16-tiles on|off] compares them.
  const bool big_tiles = device.type == DeviceType::discrete_gpu && features.max_shared_memory >= 32768;
  kernels.matmul_tile = choice.matmul_tile.value_or(big_tiles ? 128u : 64u);
  if (kernels.matmul_tile != 64 && kernels.matmul_tile != 128)
    return fail("the tiled matmul's tile is 64 or 128, not " + std::to_string(kernels.matmul_tile));
  // f16 tiles halve the shared memory and its bandwidth, which bound GPUs without matrix units
  // (integrated ones most); a CPU device gains nothing from them (its shared memory is the cache).
  kernels.matmul_f16_tiles = choice.matmul_f16_tiles.value_or(!cpu && features.shader_float16 && !matrix_units);
  if (kernels.matmul_f16_tiles && !features.shader_float16)
    return fail("the tiled matmul's f16 tiles need fp16 arithmetic in shaders, which " + device.name + " lacks");
  if (kernels.matmul_kernel == MatmulKernel::coopmat || kernels.matmul_kernel == MatmulKernel::coopmat_emulated) {
    kernels.coop_shape = *matrix_shape(features, kernels.matmul_kernel == MatmulKernel::coopmat_emulated);
    kernels.coop_tiles = tiles_for(kernels.coop_shape);
    kernels.coop_tile = choice.coopmat_tile;
    kernels.split_k = choice.split_k;
    // A device with less shared memory than a tile wants gets the next smaller one.
    for (size_t size = 1; size < kernels.coop_tiles.size(); ++size)
      if (kernels.coop_tiles[size].shared_bytes(kernels.coop_shape) > features.max_shared_memory)
        kernels.coop_tiles[size] = kernels.coop_tiles[size - 1];
  }

  if (kernels.attention_kernel == AttentionKernel::flash || kernels.attention_kernel == AttentionKernel::flash_coopmat ||
      kernels.attention_kernel == AttentionKernel::flash_coopmat_emulated) {
    auto flash = flash_attention(device, kernels.attention_kernel, shape);
    if (!flash) return std::unexpected(flash.error());
    kernels.attention_pipeline = {flash->shader, flash->specialization, flash->required_subgroup_size};
  } else if (kernels.attention_kernel == AttentionKernel::rows) {
    kernels.attention_pipeline = {"attention_rows", {row_workgroup, shape.head_dim}};
  } else if (kernels.attention_kernel == AttentionKernel::lanes) {
    kernels.attention_pipeline = {"attention_lanes",
                                  {lanes, shape.head_dim, shape.heads_per_kv_head, lanes_attention_keys}, lanes};
  } else {
    kernels.attention_pipeline = {"attention", {head_workgroup, shape.head_dim, shape.heads_per_kv_head}};
  }
  return kernels;
}

Result<Kernels> Kernels::create(const vk::Device& device, AttentionShape shape, KernelChoice choice) {
  using namespace xun::shaders;
  auto planned = plan(device.info(), shape, choice);
  if (!planned) return planned;
  Kernels& kernels = *planned;
  const uint32_t lanes = device.info().features.subgroup_size;

  // 16x16 invocations. Steps of 16 along the inner dimension: shared memory of 2 * tile * 16
  // floats (16 KiB at 128, 8 KiB as f16), fewer barriers than steps of 8.
  const uint32_t tiled_threads = 16, tiled_step = 16;
  const std::vector<uint32_t> tiled_specialization = {tiled_threads, tiled_threads, kernels.matmul_tile / tiled_threads,
                                                      tiled_step};
  kernels.tiled_matmul = MatmulPipelines(device, kernels.matmul_f16_tiles ? "f16tiles_" : "", tiled_specialization);
  if (kernels.matmul_kernel == MatmulKernel::lanes)
    kernels.lanes_matmul = MatmulPipelines(device, "lanes_", {lanes, lanes_block_rows, lanes_block_cols}, lanes);
  if (kernels.coop_shape.m > 0) {
    auto reduce = build(device, "matmul_split_reduce", 2, sizeof(MatmulPush));
    if (!reduce) return std::unexpected(reduce.error());
    kernels.split_reduce = std::move(*reduce);
    const CoopShape& m = kernels.coop_shape;
    const char* prefix = kernels.matmul_kernel == MatmulKernel::coopmat_emulated ? "coopmat_emulated_" : "coopmat_";
    for (size_t size = 0; size < kernels.coop_tiles.size(); ++size) {
      const CoopTile& tile = kernels.coop_tiles[size];
      kernels.coop_matmul[size] = MatmulPipelines(
          device, prefix, {tile.subgroups() * lanes, lanes, tile.bm, tile.bn, tile.bk, tile.wm, tile.wn, m.m, m.n, m.k},
          lanes);
    }
  }

  if (kernels.integer_dot) {
    auto quantize = build(device, "quantize_q8", 2, sizeof(QuantizePush));
    if (!quantize) return std::unexpected(quantize.error());
    kernels.quantize_q8 = std::move(*quantize);
    auto dot = build(device, "matmul_q8_0_dot", 3, sizeof(MatmulPush));
    if (!dot) return std::unexpected(dot.error());
    kernels.matmul_q8_0_dot = std::move(*dot);
  }

  const bool per_row = kernels.family == KernelFamily::per_row;
  const AttentionPipeline& attention = kernels.attention_pipeline;
  struct Entry {
    vk::Pipeline* target;
    const char* shader;
    uint32_t buffers;
    uint32_t push_bytes;
    std::vector<uint32_t> specialization;
    uint32_t required_subgroup_size = 0;
  };
  const Entry entries[] = {
      {&kernels.rmsnorm, per_row ? "rmsnorm_rows" : "rmsnorm", 3, sizeof(RmsNormPush),
       {per_row ? row_workgroup : norm_workgroup}},
      {&kernels.qk_norm_rope, per_row ? "qk_norm_rope_rows" : "qk_norm_rope", 5, sizeof(QkNormRopePush),
       {per_row ? row_workgroup : head_workgroup}},
      {&kernels.attention, attention.shader, 5, sizeof(AttentionPush), attention.specialization,
       attention.required_subgroup_size},
      {&kernels.swiglu, "swiglu", 2, sizeof(SwigluPush)},
      {&kernels.gather_rows, "gather_rows", 3, sizeof(GatherRowsPush)},
  };
  for (const Entry& entry : entries) {
    auto pipeline = build(device, entry.shader, entry.buffers, entry.push_bytes, entry.specialization,
                          entry.required_subgroup_size);
    if (!pipeline) return std::unexpected(pipeline.error());
    *entry.target = std::move(*pipeline);
  }
  return planned;
}

std::vector<std::string> Kernels::summary() const {
  auto shape = [](uint32_t a, uint32_t b) { return std::to_string(a) + "x" + std::to_string(b); };
  std::string matmul = std::string("matmul: ") + to_string(matmul_kernel);
  if (matmul_kernel == MatmulKernel::tiled)
    matmul += " " + shape(matmul_tile, matmul_tile) + (matmul_f16_tiles ? " f16 tiles" : " f32 tiles");
  if (coop_shape.m > 0) {
    matmul += " " + shape(coop_shape.m, coop_shape.n) + "x" + std::to_string(coop_shape.k) + " f16, tiles";
    for (size_t size = 0; size < coop_tiles.size(); ++size)
      matmul += std::string(size ? " /" : "") + " " + to_string(static_cast<TileSize>(size)) + " " +
                shape(coop_tiles[size].bm, coop_tiles[size].bn);
    matmul += split_k ? ", split-K " + std::to_string(*split_k)
                      : ", split-K below " + std::to_string(split_k_target / 2) + " workgroups";
  }
  std::string attention = std::string("attention: ") + to_string(attention_kernel);
  const std::vector<uint32_t>& spec = attention_pipeline.specialization;
  const bool flash = attention_kernel == AttentionKernel::flash || attention_kernel == AttentionKernel::flash_coopmat ||
                     attention_kernel == AttentionKernel::flash_coopmat_emulated;
  if (flash && spec.size() >= 5)  // workgroup, head, group, queries per block, keys per tile
    attention += ", " + std::to_string(spec[3]) + " queries x " + std::to_string(spec[4]) + " keys per tile";
  return {matmul, attention, std::string("norms: ") + to_string(family),
          integer_dot ? "q8_0: integer dot products" : "q8_0: dequantised"};
}

}  // namespace xun::qwen3
