#include "tokenizer/bpe_merge.h"

#include <algorithm>
#include <functional>
#include <queue>

namespace xun::tok {
namespace {

// One symbol of the word being merged, in a doubly linked list over a vector: merging folds
// the right symbol into the left one and unlinks it, so positions never move.
struct Symbol {
  int32_t id;
  int32_t prev;  // index of the previous live symbol, -1 at the start
  int32_t next;  // index of the next live symbol, -1 at the end
};

// A pair that could merge when it was queued. It is stale once either side has changed; ids
// only ever grow into longer tokens, so equal ids at the same positions mean unchanged.
struct Candidate {
  uint32_t rank;
  int32_t left;  // position of the left symbol
  int32_t left_id;
  int32_t right_id;
  int32_t merged;
  bool operator>(const Candidate& other) const {
    if (rank != other.rank) return rank > other.rank;
    return left > other.left;  // leftmost first among equal ranks
  }
};

}  // namespace

void BpeMerges::add(int32_t left, int32_t right, int32_t merged) {
  merges_.try_emplace(key(left, right), Merge{next_rank_, merged});
  ++next_rank_;
}

std::optional<BpeMerges::Merge> BpeMerges::find(int32_t left, int32_t right) const {
  const auto it = merges_.find(key(left, right));
  if (it == merges_.end()) return std::nullopt;
  return it->second;
}

void BpeMerges::apply(std::span<const int32_t> symbols_in, std::vector<int32_t>& out) const {
  const auto n = static_cast<int32_t>(symbols_in.size());
  if (n <= 1) {
    out.insert(out.end(), symbols_in.begin(), symbols_in.end());
    return;
  }
  std::vector<Symbol> symbols(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) symbols[i] = {symbols_in[i], i - 1, i + 1 < n ? i + 1 : -1};

  std::vector<Candidate> initial;
  initial.reserve(static_cast<size_t>(n - 1));
  for (int32_t i = 0; i + 1 < n; ++i)
    if (const auto merge = find(symbols[i].id, symbols[i + 1].id))
      initial.push_back({merge->rank, i, symbols[i].id, symbols[i + 1].id, merge->merged});
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue(std::greater<>{},
                                                                               std::move(initial));

  const auto push_pair = [&](int32_t left) {
    if (left < 0) return;
    const int32_t right = symbols[left].next;
    if (right < 0) return;
    if (const auto merge = find(symbols[left].id, symbols[right].id))
      queue.push({merge->rank, left, symbols[left].id, symbols[right].id, merge->merged});
  };

  while (!queue.empty()) {
    const Candidate top = queue.top();
    queue.pop();
    Symbol& left = symbols[top.left];
    if (left.id != top.left_id || left.next < 0) continue;
    const int32_t right_index = left.next;
    Symbol& right = symbols[right_index];
    if (right.id != top.right_id) continue;

    left.id = top.merged;
    left.next = right.next;
    if (right.next >= 0) symbols[right.next].prev = top.left;
    right.id = -1;  // unlinked
    push_pair(left.prev);
    push_pair(top.left);
  }

  for (int32_t i = 0; i >= 0; i = symbols[i].next) out.push_back(symbols[i].id);
}

}  // namespace xun::tok
