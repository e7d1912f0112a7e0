#include "bench/workloads.h"

#include <array>

namespace xun::bench {
namespace {

constexpr int32_t end_of_text = 151643;
constexpr int32_t ordinary_tokens = 151643;  // ids below the added tokens

// A small linear congruential generator: the workload must not depend on the C++ library.
struct Generator {
  uint64_t state;
  uint32_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  }
};

std::vector<int32_t> sequence(Generator& generator, uint32_t length) {
  std::vector<int32_t> ids(length);
  for (uint32_t i = 0; i + 1 < length; ++i) ids[i] = static_cast<int32_t>(generator.next() % ordinary_tokens);
  ids.back() = end_of_text;
  return ids;
}

constexpr std::array<const char*, 64> words = {
    "the", "light", "house", "keeper", "river", "city", "winter", "market", "engine", "search",
    "document", "library", "north", "harbour", "stone", "bridge", "garden", "morning", "signal", "paper",
    "report", "value", "system", "memory", "window", "travel", "summer", "school", "forest", "ocean",
    "music", "history", "science", "number", "letter", "picture", "station", "mountain", "village", "island",
    "and", "of", "to", "in", "is", "was", "for", "on", "with", "as",
    "by", "at", "from", "that", "this", "which", "were", "are", "be", "has",
    "had", "not", "but", "or"};

std::string sentence(Generator& generator, uint32_t count) {
  std::string text;
  for (uint32_t i = 0; i < count; ++i) {
    if (i > 0) text += (i % 17 == 0) ? ". " : " ";
    text += words[generator.next() % words.size()];
  }
  return text + ".";
}

}  // namespace

std::vector<std::vector<int32_t>> fixed_length_sequences(uint32_t count, uint32_t length, uint32_t seed) {
  Generator generator{seed};
  std::vector<std::vector<int32_t>> sequences;
  for (uint32_t i = 0; i < count; ++i) sequences.push_back(sequence(generator, length));
  return sequences;
}

std::vector<std::vector<int32_t>> mixed_length_sequences(uint32_t count, uint32_t seed) {
  constexpr std::array<uint32_t, 8> lengths = {16, 48, 128, 200, 384, 512, 768, 1024};
  Generator generator{seed};
  std::vector<std::vector<int32_t>> sequences;
  for (uint32_t i = 0; i < count; ++i) sequences.push_back(sequence(generator, lengths[i % lengths.size()]));
  return sequences;
}

std::vector<RerankRequest> rerank_pairs(uint32_t count, uint32_t words_per_document, uint32_t seed) {
  Generator generator{seed};
  const std::string query = "Which lighthouse keeper kept the harbour signal through the winter?";
  std::vector<RerankRequest> pairs;
  for (uint32_t i = 0; i < count; ++i)
    pairs.push_back({"Given a web search query, retrieve relevant passages that answer the query", query,
                     sentence(generator, words_per_document)});
  return pairs;
}

}  // namespace xun::bench
