// The public API of Xun's Qwen3 engine: Vulkan devices, model loading, tokenization,
// embedding and reranking. No Qt, no files to index, no SQLite: only models and numbers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xun/error.h"

namespace xun {

// ---- Devices ---------------------------------------------------------------------------------

// A device is a Vulkan device (any GPU; also software ones such as lavapipe) or the native CPU
// backend. Both compute the same results, each with its own kernels.
enum class Backend { vulkan, cpu };
std::string_view to_string(Backend backend);

enum class DeviceType { discrete_gpu, integrated_gpu, virtual_gpu, cpu, other };
std::string_view to_string(DeviceType type);

// One shape a device's matrix units multiply (VK_KHR_cooperative_matrix): D[m, n] = A[m, k] *
// B[k, n] + C, with the component types "f16", "f32", "s8", ... and the scope of the
// invocations that hold one matrix ("subgroup" on every device so far).
struct CooperativeMatrixShape {
  uint32_t m = 0, n = 0, k = 0;
  std::string a_type, b_type, c_type, result_type;
  std::string scope;
  bool saturating = false;
};

// What the engine can use on a device; every fast path has a plain fallback.
struct DeviceFeatures {
  bool shader_float16 = false;             // fp16 arithmetic in shaders
  bool storage_16bit = false;              // 16-bit loads/stores from storage buffers
  bool storage_8bit = false;               // 8-bit loads/stores from storage buffers
  bool integer_dot_product = false;        // VK_KHR_shader_integer_dot_product, accelerated 4x8
  bool integer_dot_product_supported = false;  // the extension is there (maybe emulated: lavapipe)
  bool vulkan_memory_model = false;        // the Vulkan memory model with device scope (cooperative-matrix shaders use it)
  bool cooperative_matrix = false;         // VK_KHR_cooperative_matrix: a subgroup-scope shape
                                           // with f16 inputs and f32 accumulation, and the
                                           // Vulkan memory model its shaders declare
  std::vector<CooperativeMatrixShape> cooperative_matrix_shapes;  // all the device reports
  bool subgroup_arithmetic = false;        // subgroupAdd and friends in compute shaders
  uint32_t subgroup_size = 0;
  bool full_subgroups = false;             // VK_EXT_subgroup_size_control: a pipeline may require
                                           // whole subgroups of subgroup_size
  uint64_t max_storage_buffer_range = 0;   // bytes one binding may address
  uint32_t max_shared_memory = 0;          // bytes of shared memory per workgroup
};

// The processor as the CPU backend sees it.
struct CpuFeatures {
  uint32_t physical_cores = 0;             // the default number of threads
  uint32_t logical_processors = 0;
  std::vector<std::string> simd;           // "avx2", "avx512f", "avx512_bf16", ...
};

struct DeviceInfo {
  // Position in Engine::list_devices (the Vulkan devices in the loader's order, then the CPU
  // backend); what EngineOptions::device_index and --device take.
  uint32_t index = 0;
  Backend backend = Backend::vulkan;
  std::string name;                        // the GPU's, or the processor's
  DeviceType type = DeviceType::other;     // cpu: the CPU backend, or a software Vulkan device
  std::string driver;                      // driver name and version string
  std::string api_version;                 // Vulkan: "1.3.230"; CPU backend: empty
  uint64_t device_local_bytes = 0;         // size of the largest device-local heap (CPU: RAM)
  DeviceFeatures features;                 // Vulkan devices
  // Vulkan devices: the kernels the engine chooses there, one line per operation ("matmul:
  // coopmat 16x16x16 f16, tiles small 16x128 / ...", "attention: flash-coopmat, ...").
  std::vector<std::string> kernels;
  CpuFeatures cpu;                         // the CPU backend
};

// The device the engine uses when none is named: a discrete GPU, else an integrated GPU, else a
// virtual one, else the CPU backend; a software Vulkan device (lavapipe, SwiftShader) only where
// nothing else is listed. Among equals, the one with more memory. Empty for an empty list.
std::optional<uint32_t> default_device(std::span<const DeviceInfo> devices);

// Kernel choices of the Vulkan backend, for tests and benchmarks; unset: the device's own
// choice. Each operation has a kernel for GPUs and one or two for CPU devices (lavapipe);
// all compute the same thing and are tested against the same reference.
enum class VulkanNorms { workgroup, per_row };   // per_row: an invocation per row (CPU devices)
// Matmul: tiled in shared memory (GPUs without matrix units), lanes (CPU devices), coopmat (the
// device's matrix units through VK_KHR_cooperative_matrix, f16 operands, f32 accumulation; the
// default where a GPU has them), coopmat_emulated (the coopmat kernel with its matrix operations
// done by plain code: how its tiling is tested on devices without matrix units; slow).
enum class VulkanMatmul { tiled, lanes, coopmat, coopmat_emulated };
// The coopmat matmul's workgroup tile; unset: chosen per product from its rows and columns.
enum class VulkanTileSize { small, medium, large };
// flash: tiles of queries and keys in shared memory (GPUs without matrix units); flash_coopmat:
// the same on cooperative matrices (VK_KHR_cooperative_matrix); flash_coopmat_emulated: its
// tiling with the matrix operations in plain code (checks where the extension is missing).
enum class VulkanAttention { workgroup, rows, lanes, flash, flash_coopmat, flash_coopmat_emulated };
struct VulkanKernelOptions {
  std::optional<VulkanNorms> norms;
  std::optional<VulkanMatmul> matmul;
  std::optional<uint32_t> matmul_tile;     // the tiled matmul's output tile: 64 or 128
  // The tiled matmul stages its tiles as f16 (f16 operands, f32 sums; rows scaled by powers of
  // two as the coopmat kernel does). Unset: on for GPUs with fp16 arithmetic and no matrix units.
  std::optional<bool> matmul_f16_tiles;
  std::optional<VulkanTileSize> coopmat_tile;  // the coopmat matmul's tile for every product
  // The coopmat matmul's slices of the inner dimension (split-K) for every product: 1 never
  // splits; unset: split a product whose tiles would leave the device's cores idle.
  std::optional<uint32_t> split_k;
  std::optional<VulkanAttention> attention;
  std::optional<bool> integer_dot;         // Q8_0 by 8-bit dot products (llama.cpp's arithmetic)
  // Cut weight tables into parts of at most this many bytes, as a table larger than one
  // binding is cut (tests make small models take that path).
  std::optional<uint64_t> max_binding_bytes;
};

// The CPU backend's operations: fast (BLIS products, vectorised loops, every core) or the
// double-precision reference operations the fast ones are tested against (slow; for checks).
enum class CpuKernels { fast, reference };
struct CpuBackendOptions {
  std::optional<uint32_t> threads;         // unset: the physical cores
  CpuKernels kernels = CpuKernels::fast;
};

struct EngineOptions {
  // Which device to use (DeviceInfo::index). Unset: a discrete GPU, else an integrated GPU,
  // else the CPU backend; software Vulkan devices (lavapipe) only when named.
  std::optional<uint32_t> device_index;
  // Vulkan: enable the Khronos validation layer and collect its messages (see
  // validation_messages()).
  bool validation = false;
  // Bytes of device memory (Vulkan) or activation memory (CPU) the engine may hold; a batch
  // that would pass it is split, as on a full device. Unset: what the device has.
  std::optional<uint64_t> memory_limit;
  VulkanKernelOptions vulkan;
  CpuBackendOptions cpu;
};
// Every option above can also be forced by an environment variable, for benchmarks and
// checks on a given machine (README: "Engine switches"); Engine::create and list_devices apply
// them over what the caller chose, and an unknown value is an error:
//   XUN_DEVICE=N  XUN_THREADS=N  XUN_CPU_KERNELS=fast|reference  XUN_VULKAN_VALIDATION=1
//   XUN_DEVICE_MEMORY_LIMIT=bytes  XUN_KERNELS=workgroup|per-row
//   XUN_MATMUL=tiled|lanes|coopmat|coopmat-emulated  XUN_MATMUL_TILE=64|128  XUN_MATMUL_F16_TILES=on|off
//   XUN_COOPMAT_TILE=small|medium|large  XUN_SPLIT_K=N  XUN_INTEGER_DOT=on|off
//   XUN_ATTENTION=workgroup|rows|lanes|flash|flash-coopmat|flash-coopmat-emulated
//   XUN_MAX_BINDING_BYTES=bytes
Result<EngineOptions> with_environment(EngineOptions options);

// ---- Models ----------------------------------------------------------------------------------

enum class ModelKind { embedding, reranker };
std::string_view to_string(ModelKind kind);

struct ModelInfo {
  std::filesystem::path path;
  ModelKind kind = ModelKind::embedding;
  std::string format;                      // "safetensors" or "gguf"
  std::string weight_type;                 // "bf16", "f16", "f32", "q8_0" (the main matrices)
  uint32_t vocab_size = 0;
  uint32_t hidden_size = 0;
  uint32_t intermediate_size = 0;
  uint32_t layers = 0;
  uint32_t heads = 0;
  uint32_t kv_heads = 0;
  uint32_t head_dim = 0;
  uint32_t max_context = 0;                // tokens one sequence may hold
  uint64_t parameter_bytes = 0;            // bytes of weights as stored
  std::string fingerprint;                 // stable id of these exact weights (hex)
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;
  // Hugging Face tokenizers behaviour: added tokens matched first, NFC, Qwen2 split, byte-level
  // BPE. No special token is added. Fails on invalid UTF-8.
  virtual Result<std::vector<int32_t>> encode(std::string_view text) const = 0;
  // The same with no added token matched: "<|im_end|>" in the text is the characters, never
  // the control token. How the engine tokenizes what users and documents say inside its prompts,
  // so that no text can close the template or speak for the model. Fails on invalid UTF-8.
  virtual Result<std::vector<int32_t>> encode_text(std::string_view text) const = 0;
  virtual std::string decode(std::span<const int32_t> ids) const = 0;
  virtual std::optional<int32_t> token_id(std::string_view token) const = 0;
  virtual uint32_t vocab_size() const = 0;
};

// Reads only the tokenizer of a model directory (tokenizer.json) or GGUF file; needs no device.
Result<std::unique_ptr<Tokenizer>> load_tokenizer(const std::filesystem::path& model_path);

struct InspectOptions {
  // Also compute ModelInfo::fingerprint. That reads every weight byte (about 1.2 GB for a 0.6B
  // model, 16 GB for 8B); without it the fingerprint is left empty.
  bool fingerprint = false;
};

// What Engine::load_model would report about a model directory or .gguf file, and whether it
// would accept it, without a device: reads config.json or the GGUF metadata, the tensor headers
// (every shape, type and offset is checked) and the tokenizer, never the weights themselves.
// max_context is the model's own limit; a loaded model may lower it to what its device holds.
Result<ModelInfo> inspect_model(const std::filesystem::path& path, const InspectOptions& options = {});

// A text to embed. With an instruction it is a query and becomes
// "Instruct: {instruction}\nQuery:{text}"; without one it is a document, embedded as given.
struct EmbedRequest {
  std::string text;
  std::optional<std::string> instruction;
};

struct EmbedOptions {
  std::optional<uint32_t> dimension;       // MRL: first d dimensions, renormalised (32..hidden)
  bool truncate = false;                   // cut texts longer than the context instead of failing
};

struct RerankRequest {
  std::string instruction;
  std::string query;
  std::string document;
};

struct RerankOptions {
  bool truncate = false;                   // cut long documents instead of failing
  // Compute the system prompt, instruction and query once per batch and let every document
  // attend to them, instead of recomputing them for each pair. Same scores either way.
  bool share_prefix = true;
};

// Time of one kind of kernel, summed over the forward passes since profiling was cleared: GPU
// time from timestamp queries (Vulkan), wall time (CPU). "forward" counts the forward passes
// themselves (dispatches = passes, milliseconds = their wall time).
struct KernelTiming {
  std::string kernel;                      // e.g. "matmul_f16", "attention", "copy", "forward"
  double milliseconds = 0;
  uint32_t dispatches = 0;
};

struct RerankScore {
  float score = 0;                         // P(yes) = softmax(logit_yes, logit_no)[0]
  float logit_yes = 0;
  float logit_no = 0;
};

// Threads: every method of a Model may be called from any thread, by several threads at once.
// Computations (embed, rerank, embed_ids, score_ids) run one at a time per model, in the
// order the calls took the model's lock; info(), tokenizer() and execution_paths() never
// wait. A Model must be destroyed after every call into it has returned, and before the
// Engine that loaded it.
class Model {
 public:
  virtual ~Model() = default;
  virtual const ModelInfo& info() const = 0;
  virtual const Tokenizer& tokenizer() const = 0;

  // Results come in input order. Texts of any length are packed into batches without padding.
  virtual Result<std::vector<std::vector<float>>> embed(std::span<const EmbedRequest> requests,
                                                        const EmbedOptions& options = {}) = 0;
  virtual Result<std::vector<RerankScore>> rerank(std::span<const RerankRequest> requests,
                                                  const RerankOptions& options = {}) = 0;

  // Lower level: sequences that are already token ids, used as given (nothing appended).
  // embed_ids returns the L2-normalised final hidden state of each sequence's last token.
  virtual Result<std::vector<std::vector<float>>> embed_ids(
      std::span<const std::vector<int32_t>> sequences, std::optional<uint32_t> dimension = {}) = 0;
  virtual Result<std::vector<RerankScore>> score_ids(
      std::span<const std::vector<int32_t>> sequences) = 0;

  // Timestamp queries around every kernel (for benchmarks; off by default).
  virtual Result<void> set_profiling(bool enabled) = 0;
  virtual std::vector<KernelTiming> kernel_timings() const = 0;
  virtual void clear_kernel_timings() = 0;
  // The kernels and paths this model runs with on its device, e.g. "matmul: tiled f32 FMA".
  virtual std::vector<std::string> execution_paths() const = 0;
};

struct DeviceMemoryUsage {
  uint64_t in_use_bytes = 0;               // device memory the engine holds now
  uint64_t peak_bytes = 0;                 // the most it held since the last reset
};

// ---- Engine ----------------------------------------------------------------------------------

// Threads: list_devices and create may be called from any thread. An Engine's methods may be
// called from any thread, load_model from several at once; models of one CPU-backend engine
// take turns at the processor (each uses every core), models of a Vulkan engine share its queue.
class Engine {
 public:
  // Every Vulkan device the loader reports (lavapipe included), then the CPU backend. A
  // machine without a Vulkan driver lists the CPU backend alone.
  static Result<std::vector<DeviceInfo>> list_devices(const EngineOptions& options = {});
  // On the chosen device (EngineOptions::device_index) or the default one. A lost Vulkan
  // device or exhausted memory fails the call that met it with a clear error; creating the
  // engine again (and loading the model again) is the way back.
  static Result<std::unique_ptr<Engine>> create(const EngineOptions& options = {});

  virtual ~Engine() = default;
  virtual const DeviceInfo& device() const = 0;
  // Loads a model directory (config.json, tokenizer.json, *.safetensors) or one .gguf file.
  virtual Result<std::unique_ptr<Model>> load_model(const std::filesystem::path& path) = 0;
  // Messages the validation layer reported so far (empty when validation is off).
  virtual std::vector<std::string> validation_messages() const = 0;
  virtual DeviceMemoryUsage memory_usage() const = 0;
  virtual void reset_memory_peak() = 0;
};

}  // namespace xun
