// The BPE merge step on token ids: repeatedly merge the adjacent pair with the lowest merge
// rank (leftmost first on ties), as Hugging Face's BPE model does, until no pair merges.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

namespace xun::tok {

class BpeMerges {
 public:
  struct Merge {
    uint32_t rank;   // position in the merges list; lower merges first
    int32_t merged;  // id of the concatenated token
  };

  // Adds the next merge rule (its rank is the number of rules added before it). A pair already
  // present keeps its first, lower rank, as Hugging Face does.
  void add(int32_t left, int32_t right, int32_t merged);
  std::optional<Merge> find(int32_t left, int32_t right) const;
  size_t size() const { return next_rank_; }

  // Merges `symbols` (the ids of a piece's single bytes) and appends the resulting ids to
  // `out`. O(n log n) in the number of symbols, so one huge piece (a megabyte of Chinese with
  // no punctuation is a single regex match) stays fast.
  void apply(std::span<const int32_t> symbols, std::vector<int32_t>& out) const;

 private:
  static uint64_t key(int32_t left, int32_t right) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) |
           static_cast<uint32_t>(right);
  }
  std::unordered_map<uint64_t, Merge> merges_;
  uint32_t next_rank_ = 0;
};

}  // namespace xun::tok
