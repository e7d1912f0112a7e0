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
  std::vector<uint32_t> last_tokens;      // [sequences] packed index of each sequence's last token
  uint32_t longest = 0;                   // tokens in the longest sequence
};

// Every sequence must hold at least one token.
PackedBatch pack(std::span<const std::vector<int32_t>> sequences);

// Splits sequence indices into consecutive groups of at most max_tokens tokens each.
// A sequence longer than max_tokens must have been refused before.
std::vector<std::vector<size_t>> plan_batches(std::span<const std::vector<int32_t>> sequences, uint32_t max_tokens);

}  // namespace xun::qwen3
