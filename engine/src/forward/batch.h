// Packs sequences of token ids end to end, with no padding, and says where each begins.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace xun::qwen3 {

struct PackedBatch {
  std::vector<int32_t> tokens;            // [tokens] every sequence, end to end
  std::vector<uint32_t> positions;        // [tokens] position inside its own sequence
  std::vector<uint32_t> sequence_start;   // [tokens] packed index of its sequence's first token
  // [tokens][2] (first, count): a shared prefix this token also attends to, before its own
  // sequence; count 0 for ordinary sequences.
  std::vector<uint32_t> shared_prefix;
  std::vector<uint32_t> last_tokens;      // [outputs] packed index of each wanted last token
  uint32_t positions_needed = 0;          // highest position + 1
};

// Every sequence must hold at least one token; each gives one output.
PackedBatch pack(std::span<const std::vector<int32_t>> sequences);

// A prefix computed once, then continuations that each see it as their beginning (positions
// continue after it): reranking's system prompt, instruction and query, shared by every
// document. One output per continuation; the prefix itself gives none.
PackedBatch pack_with_shared_prefix(std::span<const int32_t> prefix,
                                    std::span<const std::vector<int32_t>> continuations);

// Splits sequence indices into consecutive groups of at most max_tokens tokens each.
// A sequence longer than max_tokens must have been refused before.
std::vector<std::vector<size_t>> plan_batches(std::span<const std::vector<int32_t>> sequences, uint32_t max_tokens);

}  // namespace xun::qwen3
