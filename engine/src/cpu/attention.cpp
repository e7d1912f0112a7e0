#include "cpu/attention.h"

#include <algorithm>
#include <cmath>

#include "cpu/blas.h"
#include "cpu/parallel.h"
#include "cpu/reference_ops.h"
#include "cpu/row_math.h"

namespace xun::cpu {
namespace {

constexpr uint32_t block_rows = 64;

// Consecutive entries [first, first + count) of the query list: consecutive tokens of one
// sequence.
struct QueryBlock {
  uint32_t first = 0;
  uint32_t count = 0;
};

std::vector<QueryBlock> query_blocks(const qwen3::PackedBatch& batch, std::span<const uint32_t> query_tokens) {
  std::vector<QueryBlock> blocks;
  for (uint32_t q = 0; q < query_tokens.size(); ++q) {
    const uint32_t token = query_tokens[q];
    if (!blocks.empty()) {
      QueryBlock& last = blocks.back();
      const uint32_t previous = query_tokens[last.first + last.count - 1];
      if (last.count < block_rows && token == previous + 1 &&
          batch.sequence_start[token] == batch.sequence_start[previous]) {
        ++last.count;
        continue;
      }
    }
    blocks.push_back({q, 1});
  }
  return blocks;
}

}  // namespace

void Attention::run(const float* qkv, const qwen3::PackedBatch& batch, std::span<const uint32_t> query_tokens,
                    const AttentionShape& shape, float* out) {
  const uint32_t width = shape.qkv_width();
  const uint32_t hd = shape.head_dim;
  const uint32_t group = shape.q_heads / shape.kv_heads;
  const uint64_t out_stride = static_cast<uint64_t>(shape.q_heads) * hd;
  if (reference_) {
    const std::vector<float> result = reference::attention(
        std::span<const float>(qkv, batch.tokens.size() * width), batch.sequence_start, batch.shared_prefix,
        query_tokens, shape.q_heads, shape.kv_heads, hd);
    std::copy(result.begin(), result.end(), out);
    return;
  }
  const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
  const std::vector<QueryBlock> blocks = query_blocks(batch, query_tokens);
  parallel_for(blocks.size() * shape.kv_heads, threads_, [&](uint64_t item, uint32_t thread) {
    const QueryBlock& block = blocks[item / shape.kv_heads];
    const uint32_t kv = static_cast<uint32_t>(item % shape.kv_heads);
    const uint32_t first_token = query_tokens[block.first];
    const uint32_t last_token = first_token + block.count - 1;
    const uint32_t prefix_first = batch.shared_prefix[2 * first_token];
    const uint32_t prefix_count = batch.shared_prefix[2 * first_token + 1];
    const uint32_t own_first = batch.sequence_start[first_token];
    const uint32_t own_count = last_token - own_first + 1;
    const uint32_t keys = prefix_count + own_count;
    std::vector<float>& scores = scores_[thread];
    if (scores.size() < static_cast<size_t>(block.count) * keys) scores.resize(static_cast<size_t>(block.count) * keys);

    const float* k_column = qkv + static_cast<uint64_t>(shape.q_heads + kv) * hd;
    const float* v_column = qkv + static_cast<uint64_t>(shape.q_heads + shape.kv_heads + kv) * hd;
    for (uint32_t h = kv * group; h < (kv + 1) * group; ++h) {
      const float* q = qkv + static_cast<uint64_t>(first_token) * width + h * hd;
      // scores[block rows, keys] = scale * Q K^T, the shared prefix's keys first.
      if (prefix_count > 0)
        sgemm_nt(block.count, prefix_count, hd, scale, q, width, k_column + static_cast<uint64_t>(prefix_first) * width,
                 width, false, scores.data(), keys);
      sgemm_nt(block.count, own_count, hd, scale, q, width, k_column + static_cast<uint64_t>(own_first) * width, width,
               false, scores.data() + prefix_count, keys);
      // Row r is token first_token + r: it sees its own sequence up to itself.
      for (uint32_t r = 0; r < block.count; ++r)
        softmax_row(scores.data() + static_cast<uint64_t>(r) * keys, prefix_count + (first_token + r - own_first) + 1,
                    keys);
      float* o = out + static_cast<uint64_t>(block.first) * out_stride + h * hd;
      if (prefix_count > 0)
        sgemm_nn(block.count, hd, prefix_count, scores.data(), keys,
                 v_column + static_cast<uint64_t>(prefix_first) * width, width, false, o, out_stride);
      sgemm_nn(block.count, hd, own_count, scores.data() + prefix_count, keys,
               v_column + static_cast<uint64_t>(own_first) * width, width, prefix_count > 0, o, out_stride);
    }
  });
}

}  // namespace xun::cpu
