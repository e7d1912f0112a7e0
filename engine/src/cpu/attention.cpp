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
    // The group's query heads share their keys and values: their queries are stacked into one
    // matrix, row r * group + j holding token first_token + r, head kv * group + j (a token's
    // heads sit side by side in qkv and in out, so each token is one copy in and one out).
    const uint32_t rows = block.count * group;
    const uint64_t group_width = static_cast<uint64_t>(group) * hd;
    Scratch& s = scratch_[thread];
    s.queries.resize(static_cast<size_t>(rows) * hd);
    s.scores.resize(static_cast<size_t>(rows) * keys);
    s.outputs.resize(static_cast<size_t>(rows) * hd);
    for (uint32_t r = 0; r < block.count; ++r)
      std::copy_n(qkv + static_cast<uint64_t>(first_token + r) * width + kv * group_width, group_width,
                  s.queries.data() + r * group_width);

    const float* k_column = qkv + static_cast<uint64_t>(shape.q_heads + kv) * hd;
    const float* v_column = qkv + static_cast<uint64_t>(shape.q_heads + shape.kv_heads + kv) * hd;
    // scores[rows, keys] = scale * Q K^T, the shared prefix's keys first.
    if (prefix_count > 0)
      sgemm_nt(rows, prefix_count, hd, scale, s.queries.data(), hd,
               k_column + static_cast<uint64_t>(prefix_first) * width, width, false, s.scores.data(), keys);
    sgemm_nt(rows, own_count, hd, scale, s.queries.data(), hd, k_column + static_cast<uint64_t>(own_first) * width,
             width, false, s.scores.data() + prefix_count, keys);
    // Token first_token + r sees its own sequence up to itself.
    for (uint32_t row = 0; row < rows; ++row)
      softmax_row(s.scores.data() + static_cast<uint64_t>(row) * keys,
                  prefix_count + (first_token + row / group - own_first) + 1, keys);
    if (prefix_count > 0)
      sgemm_nn(rows, hd, prefix_count, s.scores.data(), keys, v_column + static_cast<uint64_t>(prefix_first) * width,
               width, false, s.outputs.data(), hd);
    sgemm_nn(rows, hd, own_count, s.scores.data() + prefix_count, keys,
             v_column + static_cast<uint64_t>(own_first) * width, width, prefix_count > 0, s.outputs.data(), hd);
    for (uint32_t r = 0; r < block.count; ++r)
      std::copy_n(s.outputs.data() + r * group_width, group_width,
                  out + static_cast<uint64_t>(block.first + r) * out_stride + kv * group_width);
  });
}

}  // namespace xun::cpu
