#include "cpu/cpu_forward.h"

#include <algorithm>
#include <bit>
#include <new>
#include <numeric>

#include "cpu/blas.h"
#include "cpu/parallel.h"
#include "cpu/reference_ops.h"
#include "cpu/row_math.h"
#include "forward/host_tensor.h"
#include "forward/rope_table.h"

namespace xun::cpu {
namespace {

// Tokens per planned batch: enough that reranking computes its shared prefix once for several
// documents (at 512 tokens one ~300-token document per batch made sharing slower than none:
// 0.27 against 0.30 pairs/s; at 2048, 1.25-1.31x faster) and that converting a weight panel
// costs little next to its product; few enough that the activations stay small next to the
// weights (about 56 KiB per token for 0.6B: 119 MiB at 2048).
constexpr uint32_t planned_batch_tokens = 2048;

using Clock = std::chrono::steady_clock;

}  // namespace

// Buffers sized for the largest batch so far; grown, never shrunk, reused by every layer.
struct CpuForward::Activations {
  uint32_t token_capacity = 0;
  uint32_t sequence_capacity = 0;
  uint32_t rope_positions = 0;
  uint64_t counted_bytes = 0;        // what the memory account holds for these
  // Per token:
  std::vector<float> x;              // [tokens, hidden] residual stream
  std::vector<float> normed;         // [tokens, hidden]
  std::vector<float> qkv;            // [tokens, (heads + 2 kv_heads) * head_dim]
  std::vector<float> attention;      // [tokens, heads * head_dim]
  std::vector<float> gate_up;        // [tokens, 2 * intermediate]; SwiGLU writes into the gate half
  std::vector<uint32_t> all_tokens;  // [tokens] 0..tokens-1: the query list of full layers
  // Per sequence (the final layer runs on each last token only):
  std::vector<float> last_x;         // [sequences, hidden]
  std::vector<float> output;         // [sequences, hidden] final-norm hidden states
  std::vector<float> rope;           // [rope_positions, head_dim / 2] (cos, sin)
};

CpuForward::CpuForward(const model::ModelFiles& files, CpuWeights weights, const CpuForwardOptions& options,
                       std::shared_ptr<MemoryAccount> memory)
    : files_(files),
      weights_(std::move(weights)),
      options_(options),
      memory_(std::move(memory)),
      matmul_(options.threads,
              std::max({files.config.hidden_size, files.config.num_heads * files.config.head_dim,
                        files.config.intermediate_size}),
              options.reference),
      attention_(options.threads, options.reference),
      activations_(std::make_unique<Activations>()) {
  token_limit_ = std::max<uint32_t>(files.config.max_position_embeddings, planned_batch_tokens);
  max_batch_tokens_ = planned_batch_tokens;
}

CpuForward::~CpuForward() { memory_->release(activations_->counted_bytes + counted_scratch_); }

Result<std::unique_ptr<CpuForward>> CpuForward::create(const model::ModelFiles& files, int32_t yes_id, int32_t no_id,
                                                      const CpuForwardOptions& options,
                                                      std::shared_ptr<MemoryAccount> memory) {
  try {
    std::unique_ptr<CpuForward> forward(new CpuForward(files, map_weights(files, yes_id, no_id), options, memory));
    if (auto counted = memory->reserve(forward->matmul_.scratch_bytes()); !counted)
      return std::unexpected(counted.error());
    forward->counted_scratch_ = forward->matmul_.scratch_bytes();
    return forward;
  } catch (const std::bad_alloc&) {
    return std::unexpected(memory->out_of_memory(0));
  }
}

Result<void> CpuForward::set_profiling(bool enabled) {
  profiling_ = enabled;
  return {};
}

template <class Operation>
void CpuForward::timed(std::string_view name, Operation&& operation) {
  if (!profiling_) {
    operation();
    return;
  }
  const auto start = Clock::now();
  operation();
  qwen3::OperationTime& time = times_[std::string(name)];
  time.milliseconds += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  ++time.dispatches;
}

Result<void> CpuForward::reserve(uint32_t tokens, uint32_t sequences, uint32_t positions) {
  Activations& a = *activations_;
  const model::ModelConfig& c = files_.config;
  const uint64_t qkv_width = static_cast<uint64_t>(c.num_heads + 2 * c.num_kv_heads) * c.head_dim;
  const uint32_t t = std::max(tokens, a.token_capacity);
  const uint32_t s = std::max(sequences, a.sequence_capacity);
  const uint32_t p = positions > a.rope_positions ? std::max<uint32_t>(1024, std::bit_ceil(positions)) : a.rope_positions;
  if (t == a.token_capacity && s == a.sequence_capacity && p == a.rope_positions) return {};
  const uint64_t floats = t * (2 * c.hidden_size + qkv_width + c.num_heads * c.head_dim + 2 * c.intermediate_size) +
                          t + 2ull * s * c.hidden_size + static_cast<uint64_t>(p) * c.head_dim;
  const uint64_t bytes = floats * sizeof(float);
  // The old buffers go first: the old and the new need not fit side by side.
  memory_->release(a.counted_bytes);
  *activations_ = Activations();
  if (auto counted = memory_->reserve(bytes); !counted) return counted;
  try {
    a.x.resize(static_cast<size_t>(t) * c.hidden_size);
    a.normed.resize(static_cast<size_t>(t) * c.hidden_size);
    a.qkv.resize(t * qkv_width);
    a.attention.resize(static_cast<size_t>(t) * c.num_heads * c.head_dim);
    a.gate_up.resize(static_cast<size_t>(t) * 2 * c.intermediate_size);
    a.all_tokens.resize(t);
    std::iota(a.all_tokens.begin(), a.all_tokens.end(), 0u);
    a.last_x.resize(static_cast<size_t>(s) * c.hidden_size);
    a.output.resize(static_cast<size_t>(s) * c.hidden_size);
    a.rope = qwen3::rope_table(p, c.head_dim, c.rope_theta);
  } catch (const std::bad_alloc&) {
    *activations_ = Activations();
    memory_->release(bytes);
    return std::unexpected(memory_->out_of_memory(bytes));
  }
  a.counted_bytes = bytes;
  a.token_capacity = t;
  a.sequence_capacity = s;
  a.rope_positions = p;
  return {};
}

Result<qwen3::ForwardResult> CpuForward::run(const qwen3::PackedBatch& batch, bool with_head) {
  if (with_head && !has_head()) return fail("this model has no language-model head to score with");
  if (batch.tokens.empty() || batch.last_tokens.empty()) return fail("internal: empty batch");
  if (batch.tokens.size() > token_limit_) return fail("internal: batch larger than the backend's token limit");
  const auto tokens = static_cast<uint32_t>(batch.tokens.size());
  const auto outputs = static_cast<uint32_t>(batch.last_tokens.size());
  if (auto reserved = reserve(tokens, outputs, batch.positions_needed); !reserved) {
    // As on a GPU: later batches are planned at half this one's size (the model splits this
    // one and runs it again), down to one sequence per batch.
    if (reserved.error().kind == ErrorKind::out_of_memory)
      max_batch_tokens_ = std::max<uint32_t>(1, tokens / 2);
    return std::unexpected(reserved.error());
  }
  const auto start = Clock::now();
  forward(batch);
  const uint32_t hidden = files_.config.hidden_size;
  qwen3::ForwardResult result;
  result.hidden.assign(activations_->output.begin(), activations_->output.begin() + static_cast<size_t>(outputs) * hidden);
  if (with_head) {
    const std::vector<float>& head = *weights_.yes_no_head;
    for (uint32_t s = 0; s < outputs; ++s)
      for (uint32_t row = 0; row < 2; ++row) {
        double dot = 0;
        for (uint32_t i = 0; i < hidden; ++i)
          dot += static_cast<double>(result.hidden[static_cast<size_t>(s) * hidden + i]) * head[row * hidden + i];
        result.logits.push_back(static_cast<float>(dot));
      }
  }
  if (profiling_) {
    qwen3::OperationTime& time = times_["forward"];
    time.milliseconds += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ++time.dispatches;
  }
  return result;
}

void CpuForward::forward(const qwen3::PackedBatch& batch) {
  Activations& a = *activations_;
  const model::ModelConfig& c = files_.config;
  const uint32_t threads = options_.threads;
  const bool reference = options_.reference;
  const auto tokens = static_cast<uint32_t>(batch.tokens.size());
  const auto sequences = static_cast<uint32_t>(batch.last_tokens.size());
  const uint32_t hidden = c.hidden_size;
  const uint32_t inter = c.intermediate_size;
  const uint32_t hd = c.head_dim;
  const AttentionShape shape{c.num_heads, c.num_kv_heads, hd};
  const uint32_t width = shape.qkv_width();
  const float eps = c.rms_norm_eps;
  const std::string matmul_name = std::string("matmul_") + std::string(model::to_string(weights_.matrix_type));

  // Row by row, in parallel: y[r] = rmsnorm(x[r]) * weight.
  auto rmsnorm = [&](const float* x, const std::vector<float>& weight, float* y, uint32_t rows) {
    timed("rmsnorm", [&] {
      parallel_for(rows, threads, [&](uint64_t r, uint32_t) {
        if (!reference) return rmsnorm_row(x + r * hidden, weight.data(), y + r * hidden, hidden, eps);
        const auto normed = reference::rmsnorm(std::span(x + r * hidden, hidden), weight, 1, hidden, eps);
        std::copy(normed.begin(), normed.end(), y + r * hidden);
      });
    });
  };

  timed("embedding_rows", [&] {
    const model::TensorView& table = *files_.find("embed_tokens.weight");
    parallel_for(tokens, threads, [&](uint64_t t, uint32_t) {
      qwen3::decode_row(table, static_cast<uint64_t>(batch.tokens[t]), std::span(a.x.data() + t * hidden, hidden));
    });
  });
  for (uint32_t layer = 0; layer < c.num_layers; ++layer) {
    const CpuLayerWeights& w = weights_.layers[layer];
    const bool last_layer = layer + 1 == c.num_layers;
    rmsnorm(a.x.data(), w.input_norm, a.normed.data(), tokens);
    timed(matmul_name, [&] { matmul_.multiply(a.normed.data(), hidden, tokens, w.qkv, a.qkv.data(), width, false); });
    timed("qk_norm_rope", [&] {
      if (reference)
        return reference::qk_norm_rope(a.qkv, w.q_norm, w.k_norm, std::span(batch.positions), c.num_heads,
                                       c.num_kv_heads, hd, eps, c.rope_theta);
      parallel_for(tokens, threads, [&](uint64_t t, uint32_t) {
        const float* rotation = a.rope.data() + static_cast<uint64_t>(batch.positions[t]) * hd;
        for (uint32_t h = 0; h < c.num_heads + c.num_kv_heads; ++h) {
          float* v = a.qkv.data() + t * width + h * hd;
          rmsnorm_row(v, (h < c.num_heads ? w.q_norm : w.k_norm).data(), v, hd, eps);
          rope_row(v, rotation, hd / 2);
        }
      });
    });
    // Every token's keys and values are needed, but after the last layer only each
    // sequence's last token matters: it alone gets queries, the output projection and the MLP.
    const uint32_t rows = last_layer ? sequences : tokens;
    const std::span<const uint32_t> queries =
        last_layer ? std::span<const uint32_t>(batch.last_tokens) : std::span<const uint32_t>(a.all_tokens).first(tokens);
    float* residual = last_layer ? a.last_x.data() : a.x.data();
    timed("attention", [&] { attention_.run(a.qkv.data(), batch, queries, shape, a.attention.data()); });
    if (last_layer)
      for (uint32_t s = 0; s < sequences; ++s)
        std::copy_n(a.x.data() + static_cast<uint64_t>(batch.last_tokens[s]) * hidden, hidden, a.last_x.data() + s * hidden);
    timed(matmul_name, [&] {
      matmul_.multiply(a.attention.data(), c.num_heads * hd, rows, w.output, residual, hidden, true);
    });
    rmsnorm(residual, w.post_attention_norm, a.normed.data(), rows);
    timed(matmul_name, [&] { matmul_.multiply(a.normed.data(), hidden, rows, w.gate_up, a.gate_up.data(), 2 * inter, false); });
    timed("swiglu", [&] {
      parallel_for(rows, threads, [&](uint64_t r, uint32_t) {
        float* gate = a.gate_up.data() + r * 2 * inter;
        if (!reference) return swiglu_row(gate, gate + inter, gate, inter);
        const auto activated = reference::swiglu(std::span<const float>(gate, 2 * inter), 1, inter);
        std::copy(activated.begin(), activated.end(), gate);
      });
    });
    // The down projection reads the SwiGLU output where it was written: the gate half.
    timed(matmul_name, [&] { matmul_.multiply(a.gate_up.data(), 2 * inter, rows, w.down, residual, hidden, true); });
  }
  rmsnorm(a.last_x.data(), weights_.final_norm, a.output.data(), sequences);
}

std::vector<std::string> CpuForward::execution_paths() const {
  if (options_.reference)
    return {"backend: native CPU, " + std::to_string(options_.threads) + " threads",
            "matmul: reference (double-precision dot products on f32 panels of the stored weights)",
            "norms: reference (double precision)", "attention: reference (double precision, one query at a time)",
            "final layer: last token of each sequence only"};
  return {"backend: native CPU, " + std::to_string(options_.threads) + " threads",
          "matmul: " + blas_description() + " sgemm on f32 panels of " + std::to_string(panel_rows) +
              " weight rows converted from the stored type, one panel per thread",
          "norms: vectorised rows (AVX-512/AVX2 versions chosen at load)",
          "attention: blocks of 64 queries per KV head, BLIS products, causal blocks skipped, shared prefix",
          "swiglu: vectorised, in place before the down projection",
          "final layer: last token of each sequence only"};
}

}  // namespace xun::cpu
