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

enum class DeviceType { discrete_gpu, integrated_gpu, virtual_gpu, cpu, other };
std::string_view to_string(DeviceType type);

// What the engine can use on a device; every fast path has a plain fallback.
struct DeviceFeatures {
  bool shader_float16 = false;             // fp16 arithmetic in shaders
  bool storage_16bit = false;              // 16-bit loads/stores from storage buffers
  bool storage_8bit = false;               // 8-bit loads/stores from storage buffers
  bool integer_dot_product = false;        // VK_KHR_shader_integer_dot_product, accelerated 4x8
  bool integer_dot_product_supported = false;  // the extension is there (maybe emulated: lavapipe)
  bool cooperative_matrix = false;         // VK_KHR_cooperative_matrix with fp16 inputs
  bool subgroup_arithmetic = false;        // subgroupAdd and friends in compute shaders
  uint32_t subgroup_size = 0;
  bool full_subgroups = false;             // VK_EXT_subgroup_size_control: a pipeline may require
                                           // whole subgroups of subgroup_size
  uint64_t max_storage_buffer_range = 0;   // bytes one binding may address
  uint32_t max_shared_memory = 0;          // bytes of shared memory per workgroup
};

struct DeviceInfo {
  uint32_t index = 0;                      // position in the Vulkan enumeration; what --device takes
  std::string name;
  DeviceType type = DeviceType::other;
  std::string driver;                      // driver name and version string
  std::string api_version;                 // "1.3.230"
  uint64_t device_local_bytes = 0;         // size of the largest device-local heap
  DeviceFeatures features;
};

struct EngineOptions {
  // Which device to use (DeviceInfo::index). Unset: the best one, discrete before integrated
  // before virtual before CPU.
  std::optional<uint32_t> device_index;
  // Enable the Khronos validation layer and collect its messages (see validation_messages()).
  // Also switched on by the environment variable XUN_VULKAN_VALIDATION=1.
  bool validation = false;
};

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

// GPU time of one kind of kernel, summed over the forward passes since profiling was cleared.
struct KernelTiming {
  std::string kernel;                      // shader name, e.g. "matmul_f16", or "copy"
  double milliseconds = 0;
  uint32_t dispatches = 0;
};

struct RerankScore {
  float score = 0;                         // P(yes) = softmax(logit_yes, logit_no)[0]
  float logit_yes = 0;
  float logit_no = 0;
};

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

class Engine {
 public:
  // Every Vulkan device the loader reports, lavapipe included.
  static Result<std::vector<DeviceInfo>> list_devices(const EngineOptions& options = {});
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
