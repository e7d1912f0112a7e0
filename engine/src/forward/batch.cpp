#include "forward/batch.h"

#include <algorithm>

namespace xun::qwen3 {

namespace {

// Appends one sequence whose positions start at `first_position` and which also attends to
// `prefix_count` tokens from `prefix_first`.
void append(PackedBatch& batch, std::span<const int32_t> sequence, uint32_t first_position, uint32_t prefix_first,
            uint32_t prefix_count) {
  const auto start = static_cast<uint32_t>(batch.tokens.size());
  for (uint32_t i = 0; i < sequence.size(); ++i) {
    batch.tokens.push_back(sequence[i]);
    batch.positions.push_back(first_position + i);
    batch.sequence_start.push_back(start);
    batch.shared_prefix.push_back(prefix_first);
    batch.shared_prefix.push_back(prefix_count);
  }
  batch.positions_needed =
      std::max(batch.positions_needed, first_position + static_cast<uint32_t>(sequence.size()));
}

}  // namespace

PackedBatch pack(std::span<const std::vector<int32_t>> sequences) {
  PackedBatch batch;
  for (const std::vector<int32_t>& sequence : sequences) {
    append(batch, sequence, 0, 0, 0);
    batch.last_tokens.push_back(static_cast<uint32_t>(batch.tokens.size()) - 1);
  }
  return batch;
}

PackedBatch pack_with_shared_prefix(std::span<const int32_t> prefix,
                                    std::span<const std::vector<int32_t>> continuations) {
  PackedBatch batch;
  append(batch, prefix, 0, 0, 0);
  const auto prefix_count = static_cast<uint32_t>(prefix.size());
  for (const std::vector<int32_t>& continuation : continuations) {
    append(batch, continuation, prefix_count, 0, prefix_count);
    batch.last_tokens.push_back(static_cast<uint32_t>(batch.tokens.size()) - 1);
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
