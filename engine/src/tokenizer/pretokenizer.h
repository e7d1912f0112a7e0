// Qwen2's pre-tokenizer: the split regex of its tokenizer.json, run with PCRE2 (JIT). The text
// is cut into pieces (words with their leading space, single digits, runs of punctuation,
// runs of whitespace), and BPE never merges across two pieces.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "xun/error.h"

namespace xun::tok {

// The pattern exactly as Qwen2/Qwen3 tokenizer.json files spell it.
inline constexpr std::string_view kQwen2SplitPattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

class Pretokenizer {
 public:
  // Compiles the pattern once (and JIT-compiles it where PCRE2 can).
  static Result<Pretokenizer> create();
  Pretokenizer(Pretokenizer&&) noexcept;
  Pretokenizer& operator=(Pretokenizer&&) noexcept;
  ~Pretokenizer();

  // The pieces of `text`, in order; together they are exactly `text` (Hugging Face's Split
  // with behaviour "Isolated": matches and the gaps between them both become pieces).
  // `text` must be valid UTF-8. Thread-safe: each call has its own match state.
  Result<std::vector<std::string_view>> split(std::string_view text) const;

 private:
  struct Compiled;
  explicit Pretokenizer(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace xun::tok
