#include "qwen3/forward.h"

#include <algorithm>
#include <chrono>
#include <bit>
#include <tuple>
#include <cmath>
#include <cstring>

#include "forward/host_tensor.h"
#include "forward/rope_table.h"
#include "qwen3/ops.h"

namespace xun::qwen3 {
namespace {

// Upper bound on tokens per batch: the dispatch grid's y dimension holds one token per group.
constexpr uint32_t batch_token_cap = 16384;

}  // namespace

// Device buffers sized for the largest batch seen so far; grown, never shrunk.
struct VulkanForward::Activations {
  uint32_t token_capacity = 0;
  uint32_t sequence_capacity = 0;
  uint32_t rope_positions = 0;
  // Per token (rows = tokens in the batch):
  vk::Buffer input;           // upload: [tokens, hidden] embedding rows, f32
  vk::Buffer x;               // [tokens, hidden] residual stream
  vk::Buffer normed;          // [tokens, hidden]
  vk::Buffer qkv;             // [tokens, (heads + 2 kv_heads) * head_dim]
  vk::Buffer attention;       // [tokens, heads * head_dim]
  vk::Buffer gate_up;         // [tokens, 2 * intermediate]
  vk::Buffer mlp;             // [tokens, intermediate]
  vk::Buffer quantized;       // matmul scratch: an input in 8-bit blocks (integer dot), split-K partial sums (coopmat)
  vk::Buffer positions;       // upload: [tokens] uint
  vk::Buffer sequence_start;  // upload: [tokens] uint
  vk::Buffer shared_prefix;   // upload: [tokens][2] uint (first, count)
  vk::Buffer all_tokens;      // upload: [tokens] uint 0..tokens-1, the query list of full layers
  // Per sequence (rows = sequences): the final layer runs only on each last token.
  vk::Buffer last_tokens;     // upload: [sequences] uint
  vk::Buffer last_x;          // [sequences, hidden]
  vk::Buffer last_normed;     // [sequences, hidden]
  vk::Buffer output;          // [sequences, hidden] final-norm hidden states
  vk::Buffer logits;          // [sequences, 2]
  vk::Buffer readback;        // readback: output then logits
  vk::Buffer rope;            // [rope_positions, head_dim / 2] (cos, sin)
};

VulkanForward::VulkanForward(std::shared_ptr<const vk::Device> device, const model::ModelFiles& files, ModelWeights weights,
                 Kernels kernels, vk::Sequence sequence)
    : device_(std::move(device)),
      files_(files),
      weights_(std::move(weights)),
      kernels_(std::move(kernels)),
      sequence_(std::move(sequence)),
      activations_(std::make_unique<Activations>()) {
  const model::ModelConfig& c = files_.config;
  const uint64_t widest_row = 4ull * std::max({c.hidden_size, (c.num_heads + 2 * c.num_kv_heads) * c.head_dim,
                                               2 * c.intermediate_size});
  const uint64_t by_binding = device_->info().features.max_storage_buffer_range / widest_row;
  token_limit_ = static_cast<uint32_t>(std::min<uint64_t>(batch_token_cap, by_binding));
  max_batch_tokens_ = token_limit_;
}

VulkanForward::~VulkanForward() = default;

struct VulkanForward::TokenBuffer {
  vk::Buffer* buffer;
  uint64_t floats;  // 4-byte words
  vk::MemoryUse use;
};

std::vector<VulkanForward::TokenBuffer> VulkanForward::token_buffers(uint64_t t) const {
  Activations& a = *activations_;
  const model::ModelConfig& c = files_.config;
  const uint32_t qkv_width = (c.num_heads + 2 * c.num_kv_heads) * c.head_dim;
  // Buffers a path does not use get one word (a binding needs a buffer).
  const bool fused_swiglu = ops::fuses_swiglu(kernels_, weights_.layers.front().down);
  return {
      {&a.input, t * c.hidden_size, vk::MemoryUse::upload},
      {&a.x, t * c.hidden_size, vk::MemoryUse::device},
      {&a.normed, t * c.hidden_size, vk::MemoryUse::device},
      {&a.qkv, t * qkv_width, vk::MemoryUse::device},
      {&a.attention, t * c.num_heads * c.head_dim, vk::MemoryUse::device},
      {&a.gate_up, t * 2 * c.intermediate_size, vk::MemoryUse::device},
      {&a.mlp, fused_swiglu ? 1 : t * c.intermediate_size, vk::MemoryUse::device},
      {&a.quantized, std::max<uint64_t>(1, matmul_scratch_bytes(t) / 4), vk::MemoryUse::device},
      {&a.positions, t, vk::MemoryUse::upload},
      {&a.sequence_start, t, vk::MemoryUse::upload},
      {&a.shared_prefix, 2 * t, vk::MemoryUse::upload},
      {&a.all_tokens, t, vk::MemoryUse::upload},
  };
}

void VulkanForward::release_token_buffers() {
  for (const TokenBuffer& b : token_buffers(0)) *b.buffer = vk::Buffer();
  activations_->token_capacity = 0;
}

// The matmuls' scratch: the 8-bit copy of an input (integer dot) or split-K partial sums (coopmat),
// whichever is larger. Split-K only splits products with few tiles, so its partial sums never need
// more than split_k_target tiles' worth, however many tokens.
uint64_t VulkanForward::matmul_scratch_bytes(uint64_t tokens) const {
  const model::ModelConfig& c = files_.config;
  uint64_t bytes = kernels_.integer_dot ? ops::quantized_bytes(tokens, widest_input()) : 0;
  if (kernels_.coop_shape.m > 0) {
    const CoopTile& large = kernels_.coop_tiles.back();
    const uint64_t widest_output = std::max<uint64_t>(2 * c.intermediate_size, (c.num_heads + 2 * c.num_kv_heads) * c.head_dim);
    const uint64_t most = uint64_t{Kernels::split_k_target} * large.bm * large.bn * 4;
    bytes = std::max(bytes, std::min(ops::split_k_bytes(tokens, widest_output, 8), most));
  }
  return bytes;
}

uint32_t VulkanForward::widest_input() const {
  const model::ModelConfig& c = files_.config;
  return std::max({c.hidden_size, c.num_heads * c.head_dim, c.intermediate_size});
}

Result<std::unique_ptr<VulkanForward>> VulkanForward::create(std::shared_ptr<const vk::Device> device,
                                                 const model::ModelFiles& files, ModelWeights weights,
                                                 const KernelChoice& choice) {
  const model::ModelConfig& c = files.config;
  auto kernels = Kernels::create(*device, {c.head_dim, c.num_kv_heads > 0 ? c.num_heads / c.num_kv_heads : 1}, choice);
  if (!kernels) return std::unexpected(kernels.error());
  auto sequence = vk::Sequence::create(device);
  if (!sequence) return std::unexpected(sequence.error());
  return std::unique_ptr<VulkanForward>(
      new VulkanForward(std::move(device), files, std::move(weights), std::move(*kernels), std::move(*sequence)));
}

Result<void> VulkanForward::reserve(uint32_t tokens, uint32_t sequences, uint32_t positions_needed) {
  Activations& a = *activations_;
  const model::ModelConfig& c = files_.config;
  auto make = [&](vk::Buffer& buffer, uint64_t floats, vk::MemoryUse use) -> Result<void> {
    auto created = vk::Buffer::create(device_, floats * 4, use);
    if (!created) return std::unexpected(created.error());
    buffer = std::move(*created);
    return {};
  };
  if (tokens > a.token_capacity) {
    const uint64_t t = std::max(tokens, std::min(2 * a.token_capacity, max_batch_tokens_));
    release_token_buffers();  // the old and the new need not fit side by side
    for (const TokenBuffer& b : token_buffers(t))
      if (auto made = make(*b.buffer, b.floats, b.use); !made) return made;
    auto* identity = reinterpret_cast<uint32_t*>(a.all_tokens.mapped());
    for (uint32_t i = 0; i < t; ++i) identity[i] = i;
    if (auto flushed = a.all_tokens.flush(); !flushed) return flushed;
    a.token_capacity = static_cast<uint32_t>(t);
  }
  if (sequences > a.sequence_capacity) {
    const uint64_t s = std::max(sequences, 2 * a.sequence_capacity);
    for (auto [buffer, floats, use] : {
             std::tuple{&a.last_tokens, s, vk::MemoryUse::upload},
             std::tuple{&a.last_x, s * c.hidden_size, vk::MemoryUse::device},
             std::tuple{&a.last_normed, s * c.hidden_size, vk::MemoryUse::device},
             std::tuple{&a.output, s * c.hidden_size, vk::MemoryUse::device},
             std::tuple{&a.logits, s * 2, vk::MemoryUse::device},
             std::tuple{&a.readback, s * (c.hidden_size + 2), vk::MemoryUse::readback},
         }) {
      if (auto made = make(*buffer, floats, use); !made) return made;
    }
    a.sequence_capacity = static_cast<uint32_t>(s);
  }
  if (positions_needed > a.rope_positions) {
    // Round up so that a stream of slightly longer texts does not rebuild the table each time.
    const uint32_t positions = std::max<uint32_t>(1024, std::bit_ceil(positions_needed));
    const std::vector<float> table = rope_table(positions, c.head_dim, c.rope_theta);
    if (auto made = make(a.rope, table.size(), vk::MemoryUse::device); !made) return made;
    if (auto uploaded = vk::upload_bytes(device_, a.rope, 0, std::as_bytes(std::span(table))); !uploaded)
      return uploaded;
    a.rope_positions = positions;
  }
  return {};
}

Result<void> VulkanForward::upload_inputs(const PackedBatch& batch) {
  Activations& a = *activations_;
  const model::TensorView& embeddings = *files_.find("embed_tokens.weight");
  const uint32_t hidden = files_.config.hidden_size;
  auto* input = reinterpret_cast<float*>(a.input.mapped());
  for (size_t i = 0; i < batch.tokens.size(); ++i)
    decode_row(embeddings, static_cast<uint64_t>(batch.tokens[i]), std::span<float>(input + i * hidden, hidden));
  auto copy_words = [](const vk::Buffer& buffer, const std::vector<uint32_t>& values) {
    std::memcpy(buffer.mapped(), values.data(), values.size() * sizeof(uint32_t));
    return buffer.flush();
  };
  for (auto [buffer, values] : {std::pair{&a.positions, &batch.positions},
                                std::pair{&a.sequence_start, &batch.sequence_start},
                                std::pair{&a.shared_prefix, &batch.shared_prefix},
                                std::pair{&a.last_tokens, &batch.last_tokens}}) {
    if (auto copied = copy_words(*buffer, *values); !copied) return copied;
  }
  return a.input.flush();
}

Result<void> VulkanForward::record(const PackedBatch& batch, bool with_head) {
  const Activations& a = *activations_;
  const model::ModelConfig& c = files_.config;
  const auto tokens = static_cast<uint32_t>(batch.tokens.size());
  const auto sequences = static_cast<uint32_t>(batch.last_tokens.size());
  const uint32_t qkv_width = (c.num_heads + 2 * c.num_kv_heads) * c.head_dim;
  const float eps = c.rms_norm_eps;
  vk::Sequence& s = sequence_;
  const Kernels& k = kernels_;

#define XUN_RECORD(call)                        \
  do {                                          \
    if (auto recorded = (call); !recorded) return recorded; \
    s.barrier();                                \
  } while (false)

  if (auto begun = s.begin(); !begun) return begun;
  s.copy(a.input, 0, a.x, 0, static_cast<VkDeviceSize>(tokens) * c.hidden_size * 4);
  s.barrier();
  for (uint32_t layer = 0; layer < c.num_layers; ++layer) {
    const LayerWeights& w = weights_.layers[layer];
    const bool last_layer = layer + 1 == c.num_layers;
    XUN_RECORD(ops::rmsnorm(s, k, a.x, w.input_norm, a.normed, tokens, c.hidden_size, eps));
    const vk::Buffer* scratch = &a.quantized;  // used by the integer-dot path only
    XUN_RECORD(ops::matmul(s, k, a.normed, w.qkv, a.qkv, tokens, false, scratch));
    XUN_RECORD(ops::qk_norm_rope(s, k, a.qkv, w.q_norm, w.k_norm, a.positions, a.rope,
                                 {tokens, c.num_heads, c.num_kv_heads, c.head_dim, qkv_width, eps}));
    // Every token's keys and values are needed, but after the last layer only each
    // sequence's last token matters: it alone gets queries, the output projection and the MLP.
    const uint32_t rows = last_layer ? sequences : tokens;
    const vk::Buffer& queries = last_layer ? a.last_tokens : a.all_tokens;
    const vk::Buffer& residual = last_layer ? a.last_x : a.x;
    const vk::Buffer& normed = last_layer ? a.last_normed : a.normed;
    const float scale = 1.0f / std::sqrt(static_cast<float>(c.head_dim));
    XUN_RECORD(ops::attention(s, k, a.qkv, a.sequence_start, a.shared_prefix, queries, a.attention,
                              {rows, c.num_heads, c.num_kv_heads, c.head_dim, qkv_width, scale}));
    if (last_layer) XUN_RECORD(ops::gather_rows(s, k, a.x, a.last_tokens, a.last_x, sequences, c.hidden_size));
    XUN_RECORD(ops::matmul(s, k, a.attention, w.output, residual, rows, true, scratch));
    XUN_RECORD(ops::rmsnorm(s, k, residual, w.post_attention_norm, normed, rows, c.hidden_size, eps));
    XUN_RECORD(ops::matmul(s, k, normed, w.gate_up, a.gate_up, rows, false, scratch));
    XUN_RECORD(ops::swiglu_matmul(s, k, a.gate_up, a.mlp, w.down, residual, rows, true, scratch));
  }
  XUN_RECORD(ops::rmsnorm(s, k, a.last_x, weights_.final_norm, a.output, sequences, c.hidden_size, eps));
  if (with_head)
    XUN_RECORD(ops::matmul(s, k, a.output, *weights_.yes_no_head, a.logits, sequences, false, 2, 0, &a.quantized));
#undef XUN_RECORD
  const VkDeviceSize hidden_bytes = static_cast<VkDeviceSize>(sequences) * c.hidden_size * 4;
  s.copy(a.output, 0, a.readback, 0, hidden_bytes);
  if (with_head) s.copy(a.logits, 0, a.readback, hidden_bytes, static_cast<VkDeviceSize>(sequences) * 2 * 4);
  return s.submit_and_wait();
}

std::vector<std::string> VulkanForward::execution_paths() const {
  const bool per_row = kernels_.family == KernelFamily::per_row;
  const char* attention = "";
  switch (kernels_.attention_kernel) {
    case AttentionKernel::workgroup: attention = "attention: workgroup (one per KV head and token serves its query heads; GPUs)"; break;
    case AttentionKernel::rows: attention = "attention: rows (an invocation per query head and token)"; break;
    case AttentionKernel::lanes:
      attention = "attention: lanes (a subgroup per KV head and token serves its query heads; CPU devices)";
      break;
    case AttentionKernel::flash:
      attention = "attention: flash (a workgroup per KV head and block of queries, key tiles in shared memory, f32; GPUs)";
      break;
    case AttentionKernel::flash_coopmat:
      attention = "attention: flash-coopmat (flash attention with Q K^T and P V on the matrix units, f16 operands, "
                  "softmax and outputs f32; GPUs)";
      break;
    case AttentionKernel::flash_coopmat_emulated:
      attention = "attention: flash-coopmat-emulated (flash-coopmat's tiling, f16 operands, its matrix operations "
                  "in plain code; checks)";
      break;
  }
  std::string matmul;
  switch (kernels_.matmul_kernel) {
    case MatmulKernel::lanes:
      matmul = "matmul: lanes (one subgroup per 16x16 output block, lanes split the inner dimension, subgroupAdd; "
               "CPU devices), f32 accumulation, weights dequantised in the shader";
      break;
    case MatmulKernel::tiled:
      matmul = "matmul: tiled (" + std::to_string(kernels_.matmul_tile) + "x" + std::to_string(kernels_.matmul_tile) +
               (kernels_.matmul_f16_tiles ? " f16 tiles in shared memory), f16 operands (activations scaled per row)"
                                          : " tiles in shared memory)") +
               ", f32 accumulation, weights dequantised in the shader";
      break;
    case MatmulKernel::coopmat:
    case MatmulKernel::coopmat_emulated: {
      const CoopShape& m = kernels_.coop_shape;
      matmul = std::string(kernels_.matmul_kernel == MatmulKernel::coopmat ? "matmul: coopmat (matrix units, "
                                                                           : "matmul: coopmat-emulated (plain code for ") +
               std::to_string(m.m) + "x" + std::to_string(m.n) + "x" + std::to_string(m.k) +
               " f16 products), f16 operands (activations scaled per row), f32 accumulation, tiles " +
               (kernels_.coop_tile ? std::string(to_string(*kernels_.coop_tile)) : "by shape");
      break;
    }
  }
  return {matmul,
          per_row ? "norms: per-row (an invocation per row or head, no barriers; CPU devices)"
                  : "norms: workgroup (shared-memory reductions; GPUs)",
          attention,
          kernels_.integer_dot ? "q8_0: integer dot (activations quantised to 8-bit blocks, packed 4x8 dot products)"
          : kernels_.coop_shape.m > 0 ? "q8_0: dequantised (to f16 as the matmul stages it)"
                                      : "q8_0: dequantised (to f32 in the matmul)",
          ops::fuses_swiglu(kernels_, weights_.layers.front().down)
              ? "swiglu: applied by the down projection as it loads its input"
              : "swiglu: its own kernel, then the down projection",
          "attention: online softmax over packed sequences (no score matrix), grouped KV heads",
          "final layer: last token of each sequence only",
          "one command buffer and one submission per batch"};
}

Result<void> VulkanForward::set_profiling(bool enabled) {
  if (auto set = sequence_.set_profiling(enabled); !set) return set;
  profiling_ = enabled;
  return {};
}

std::map<std::string, OperationTime> VulkanForward::operation_times() const {
  std::map<std::string, OperationTime> times;
  for (const auto& [kernel, time] : sequence_.kernel_times()) times[kernel] = {time.milliseconds, time.dispatches};
  if (forwards_.dispatches > 0) times["forward"] = forwards_;
  return times;
}

void VulkanForward::clear_operation_times() {
  sequence_.clear_kernel_times();
  forwards_ = {};
}

Result<ForwardResult> VulkanForward::run(const PackedBatch& batch, bool with_head) {
  const auto started = std::chrono::steady_clock::now();
  if (with_head && !has_head()) return fail("this model has no language-model head to score with");
  if (batch.tokens.empty() || batch.last_tokens.empty()) return fail("internal: empty batch");
  if (batch.tokens.size() > token_limit_) return fail("internal: batch larger than the device's token limit");
  const size_t outputs = batch.last_tokens.size();
  if (auto reserved = reserve(static_cast<uint32_t>(batch.tokens.size()), static_cast<uint32_t>(outputs),
                              batch.positions_needed);
      !reserved) {
    // No room for this batch's activations: later batches are planned at half its size (the
    // caller splits this one and runs it again), down to one sequence per batch.
    if (reserved.error().kind == ErrorKind::out_of_memory) {
      release_token_buffers();
      max_batch_tokens_ = std::max<uint32_t>(1, static_cast<uint32_t>(batch.tokens.size() / 2));
    }
    return std::unexpected(reserved.error());
  }
  if (auto uploaded = upload_inputs(batch); !uploaded) return std::unexpected(uploaded.error());
  if (auto recorded = record(batch, with_head); !recorded) return std::unexpected(recorded.error());

  const Activations& a = *activations_;
  if (auto invalidated = a.readback.invalidate(); !invalidated) return std::unexpected(invalidated.error());
  ForwardResult result;
  const size_t hidden_floats = outputs * files_.config.hidden_size;
  const auto* read = reinterpret_cast<const float*>(a.readback.mapped());
  result.hidden.assign(read, read + hidden_floats);
  if (with_head) result.logits.assign(read + hidden_floats, read + hidden_floats + outputs * 2);
  if (profiling_) {
    forwards_.milliseconds += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ++forwards_.dispatches;
  }
  return result;
}

}  // namespace xun::qwen3
