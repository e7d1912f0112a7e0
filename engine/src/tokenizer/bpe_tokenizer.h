// Qwen's byte-level BPE tokenizer with Hugging Face tokenizers' behaviour.
#pragma once

#include <memory>

#include "tokenizer/tokenizer_data.h"
#include "xun/engine.h"

namespace xun::tok {

class BpeTokenizer final : public Tokenizer {
 public:
  // Checks the data (ids in range, merges of known tokens, ...) and builds the lookup tables.
  static Result<std::unique_ptr<BpeTokenizer>> create(TokenizerData data);
  ~BpeTokenizer() override;

  Result<std::vector<int32_t>> encode(std::string_view text) const override;
  Result<std::vector<int32_t>> encode_text(std::string_view text) const override;
  std::string decode(std::span<const int32_t> ids) const override;
  std::optional<int32_t> token_id(std::string_view token) const override;
  uint32_t vocab_size() const override;

 private:
  struct Impl;
  explicit BpeTokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace xun::tok
