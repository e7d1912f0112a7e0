// The compute pipelines of the Qwen3 forward pass, built once per device.
#pragma once

#include <array>
#include <string>
#include <vector>
#include <optional>
#include <string_view>

#include "model/model_files.h"
#include "vk/pipeline.h"
#include "xun/engine.h"

namespace xun::qwen3 {

// Each operation has a kernel for GPUs and one or two for CPU devices (lavapipe), where
// invocations are the SIMD lanes of a vector and a barrier costs a switch between coroutines.
// All compute the same thing and are tested against the same reference; the choice is the
// device's unless EngineOptions::vulkan forces one (for checks and benchmarks).
//
// Norms: workgroup (a workgroup per row or head, reductions in shared memory: GPUs) or per-row
// (an invocation per row or head, no barriers: CPU devices).
using KernelFamily = VulkanNorms;
// Matmul: tiled (64x64 or 128x128 tiles staged in shared memory, as f16 where the GPU has fp16
// arithmetic: GPUs without matrix units; matmul.comp), lanes (a block
// of outputs per subgroup whose lanes split the inner dimension: CPU devices) or coopmat (the
// matrix units, matmul_coopmat.comp; coopmat_emulated: the same kernel with plain code for the
// matrix operations). The lanes and coopmat kernels need whole subgroups of a known size, which
// their pipelines require through VK_EXT_subgroup_size_control (DeviceFeatures::full_subgroups).
using MatmulKernel = VulkanMatmul;
using TileSize = VulkanTileSize;
// Attention: workgroup (a workgroup per KV head and token), rows (an invocation per query
// head and token), lanes (a subgroup per KV head and token, its lanes splitting the head: CPU
// devices where the head divides among the lanes, else rows), flash (a workgroup per KV head
// and block of queries, key tiles in shared memory: GPUs), flash_coopmat (the same with its
// two products on cooperative matrices: the GPU default where the device and the shaders have
// them) and flash_coopmat_emulated (that kernel's tiling, matrix operations in plain code: how
// it is checked without the extension).
using AttentionKernel = VulkanAttention;
// Q8_0 weights (integer_dot): on, activations are quantised to 8 bits per block of 32 and
// multiplied with packed integer dot products (llama.cpp's arithmetic: the fixtures allow it
// 1e-2 rather than 1e-4); off, weights are dequantised to f32. On by default only where the
// device accelerates 4x8-bit dot products.

const char* to_string(KernelFamily family);
const char* to_string(MatmulKernel kernel);
const char* to_string(TileSize size);
const char* to_string(AttentionKernel kernel);
std::optional<KernelFamily> parse_kernel_family(std::string_view name);
std::optional<MatmulKernel> parse_matmul_kernel(std::string_view name);
std::optional<AttentionKernel> parse_attention_kernel(std::string_view name);

// What the kernels are specialised for.
struct AttentionShape {
  uint32_t head_dim = 128;
  uint32_t heads_per_kv_head = 1;  // q_heads / kv_heads
};

// The shape of the device's matrix units the coopmat kernels use: D[m, n] = A[m, k] * B[k, n] + C
// with f16 A and B and f32 C, subgroup scope.
struct CoopShape {
  uint32_t m = 0, n = 0, k = 0;
};

// One workgroup tile of the coopmat matmul: bm x bn outputs, steps of bk along the inner
// dimension, (bm / wm) x (bn / wn) subgroups of wm x wn outputs each.
struct CoopTile {
  uint32_t bm = 0, bn = 0, bk = 0, wm = 0, wn = 0;
  uint32_t subgroups() const { return (bm / wm) * (bn / wn); }
  uint32_t shared_bytes(CoopShape shape) const;  // what matmul_coopmat.comp declares
};

// Unset fields: the device's default (max_binding_bytes is the weights' business, not the kernels').
using KernelChoice = VulkanKernelOptions;

// The matmul pipelines of one kernel, one per weight type, each built the first time a
// dispatch needs it: a model uses one or two of the four types, and on lavapipe compiling one
// lanes pipeline takes several seconds when Mesa's shader cache is cold (see below).
class MatmulPipelines {
 public:
  MatmulPipelines() = default;
  // `device` must outlive this; `prefix` + "matmul_<type>" names the shaders.
  MatmulPipelines(const vk::Device& device, std::string prefix, std::vector<uint32_t> specialization,
                  uint32_t required_subgroup_size = 0);
  Result<const vk::Pipeline*> get(model::DType weight_type) const;

 private:
  const vk::Device* device_ = nullptr;
  std::string prefix_;
  std::vector<uint32_t> specialization_;
  uint32_t required_subgroup_size_ = 0;
  mutable std::array<std::optional<vk::Pipeline>, 4> built_;  // indexed by model::DType
};

// A pipeline of attention_*.comp: which variant, with which specialization constants.
struct AttentionPipeline {
  const char* shader = "attention";
  std::vector<uint32_t> specialization;
  uint32_t required_subgroup_size = 0;
};

struct Kernels {
  // What the kernels would be on `device` (every choice and tile, no pipeline): what
  // `xun devices` shows, and the first half of create.
  static Result<Kernels> plan(const DeviceInfo& device, AttentionShape shape, KernelChoice choice = {});
  static Result<Kernels> create(const vk::Device& device, AttentionShape shape, KernelChoice choice = {});
  // One line per operation: the kernel, its matrix shape and tiles.
  std::vector<std::string> summary() const;

  // The lanes matmul's output block per workgroup, measured with xun-bench-kernels on lavapipe
  // (2 cores, AVX2; f16, the four 0.6B projections at 512 rows, GFLOP/s): 8x8 17.3, 8x16
  // 20.8, 16x8 20.3, 16x16 24.5, 16x32 26.7, 32x32 22.0. Bigger blocks take longer to compile:
  // a first embedding with an F16 model, Mesa's shader cache off, takes 3.9 s at 8x8, 5.4 s
  // at 8x16, 8-11 s at 16x16 (1.2 s with the tiled kernel), and over a minute at 32x32; Mesa
  // caches the result on disk, so later starts take 0.4 s.
  static constexpr uint32_t lanes_block_rows = 16;
  static constexpr uint32_t lanes_block_cols = 16;

  KernelFamily family = KernelFamily::workgroup;
  MatmulKernel matmul_kernel = MatmulKernel::tiled;
  // The tiled matmul's output tile per workgroup (16x16 invocations, each (tile/16)^2 outputs
  // in 4x4 blocks; steps of 16 along the inner dimension): 64 by default, 128 on discrete GPUs
  // (kernels.cpp).
  uint32_t matmul_tile = 64;
  // The tiled matmul stages f16 tiles (f16 operands, f32 sums, rows scaled by powers of two):
  // by default on GPUs with fp16 arithmetic and no matrix units. It is also every other
  // kernel's fallback, so this holds there too.
  bool matmul_f16_tiles = false;
  AttentionKernel attention_kernel = AttentionKernel::workgroup;
  bool integer_dot = false;
  // The coopmat matmul (either variant): the shape, the three tiles (by TileSize) and the one
  // forced for every product, if any. The tile of a product otherwise follows its shape:
  // coop_tile_for.
  CoopShape coop_shape;
  std::array<CoopTile, 3> coop_tiles{};
  std::optional<TileSize> coop_tile;
  std::array<MatmulPipelines, 3> coop_matmul;
  TileSize coop_tile_for(uint32_t rows, uint32_t cols) const;
  // Split-K: the slices of the inner dimension for a product of `rows` x `cols` (output) by
  // `inner` with `tile`, given `scratch_bytes` for the partial sums; 1: no split. Workgroups are
  // what a GPU runs side by side: a grid of fewer than split_k_target of them leaves cores idle
  // (a search query's few rows; the final layer's last tokens), and slicing the inner dimension
  // multiplies the grid. Forced by KernelChoice::split_k.
  uint32_t split_k_slices(const CoopTile& tile, uint32_t rows, uint32_t cols, uint32_t inner,
                          uint64_t scratch_bytes) const;
  std::optional<uint32_t> split_k;
  // Unknown to core Vulkan: the number of a GPU's cores (an H100's 132 SMs run 2 such workgroups
  // each). Not yet tuned on a GPU.
  static constexpr uint32_t split_k_target = 256;
  vk::Pipeline split_reduce;  // matmul_split_reduce.comp, with the coopmat kernels
  AttentionPipeline attention_pipeline;
  MatmulPipelines tiled_matmul;  // always there: the fallback for rows of a width not a multiple of 4
  MatmulPipelines lanes_matmul;  // when matmul_kernel is lanes
  vk::Pipeline rmsnorm;                              // the chosen family's kernels
  vk::Pipeline qk_norm_rope;
  vk::Pipeline attention;                            // the chosen attention kernel
  vk::Pipeline quantize_q8;       // integer_dot: activations to 8-bit blocks
  vk::Pipeline matmul_q8_0_dot;   // integer_dot: Q8_0 weights times 8-bit activations
  vk::Pipeline swiglu;
  vk::Pipeline gather_rows;
};

}  // namespace xun::qwen3
