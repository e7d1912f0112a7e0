// The benchmark's inputs, the same on every machine: token ids from a fixed generator and
// documents of common English words.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "xun/engine.h"

namespace xun::bench {

// `count` sequences of `length` ids each, the last being <|endoftext|> (as an embedding input).
std::vector<std::vector<int32_t>> fixed_length_sequences(uint32_t count, uint32_t length, uint32_t seed);
// `count` sequences whose lengths cycle through 16 .. 1024 (a realistic mix of chunk sizes).
std::vector<std::vector<int32_t>> mixed_length_sequences(uint32_t count, uint32_t seed);
// One query against `count` documents of about `words` words (~1.3 tokens each).
std::vector<RerankRequest> rerank_pairs(uint32_t count, uint32_t words, uint32_t seed);

}  // namespace xun::bench
