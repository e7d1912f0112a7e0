#include "qwen3/batch.h"

#include <algorithm>

namespace xun::qwen3 {

PackedBatch pack(std::span<const std::vector<int32_t>> sequences) {
  PackedBatch batch;
  for (const std::vector<int32_t>& sequence : sequences) {
    const auto start = static_cast<uint32_t>(batch.tokens.size());
    for (uint32_t i = 0; i < sequence.size(); ++i) {
      batch.tokens.push_back(sequence[i]);
      batch.positions.push_back(i);
      batch.sequence_start.push_back(start);
    }
    batch.last_tokens.push_back(static_cast<uint32_t>(batch.tokens.size()) - 1);
    batch.longest = std::max(batch.longest, static_cast<uint32_t>(sequence.size()));
  }
  return batch;
}

std::vector<std::vector<size_t>> plan_batches(std::span<const std::vector<int32_t>> sequences, uint32_t max_tokens) {
  std::vector<std::vector<size_t>> batches;
  uint64_t tokens_in_current = 0;
  for (size_t i = 0; i < sequences.size(); ++i) {
    if (batches.empty() || tokens_in_current + sequences[i].size() > max_tokens) {
      batches.emplace_back();
      tokens_in_current = 0;
    }
    batches.back().push_back(i);
    tokens_in_current += sequences[i].size();
  }
  return batches;
}

}  // namespace xun::qwen3
