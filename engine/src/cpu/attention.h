// Causal attention on the CPU over packed sequences, grouped KV heads and the shared rerank
// prefix: queries in blocks of up to 64 consecutive tokens of one sequence, per KV head with its
// query heads stacked; the scores of a block against its keys (shared prefix, then its own
// sequence up to the block's last token) and the weighted sum of values are BLIS products, the
// softmax a vectorised loop.
// Keys after the block are never touched; no score matrix larger than a block exists.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "forward/batch.h"

namespace xun::cpu {

struct AttentionShape {
  uint32_t q_heads = 0;
  uint32_t kv_heads = 0;
  uint32_t head_dim = 0;
  uint32_t qkv_width() const { return (q_heads + 2 * kv_heads) * head_dim; }
};

class Attention {
 public:
  Attention(uint32_t threads, bool reference) : threads_(threads), reference_(reference), scratch_(threads) {}

  // out[query_tokens.size(), q_heads * head_dim]: each listed token (packed index, in
  // increasing order) attends to its keys in qkv[batch tokens, qkv_width] (RoPE applied).
  void run(const float* qkv, const qwen3::PackedBatch& batch, std::span<const uint32_t> query_tokens,
           const AttentionShape& shape, float* out);

 private:
  uint32_t threads_;
  bool reference_;
  // Per thread, for one block of queries and a KV head's group of query heads (rows = queries x heads):
  struct Scratch {
    std::vector<float> queries;  // [rows, head_dim]
    std::vector<float> scores;   // [rows, keys]
    std::vector<float> outputs;  // [rows, head_dim]
  };
  std::vector<Scratch> scratch_;
};

}  // namespace xun::cpu
