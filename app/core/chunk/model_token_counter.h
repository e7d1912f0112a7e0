// Counts tokens with the embedding model's own tokenizer.
#pragma once

#include "chunk/estimated_token_counter.h"
#include "chunk/token_counter.h"

namespace xun {
class Tokenizer;
}

namespace xun::core {

class ModelTokenCounter final : public TokenCounter {
 public:
  // `tokenizer` must outlive this counter (e.g. the one of a loaded xun::Model, or from
  // xun::load_tokenizer when only counting is needed).
  explicit ModelTokenCounter(const xun::Tokenizer& tokenizer) : tokenizer_(tokenizer) {}
  int count(QStringView text) const override;
  QList<qsizetype> token_ends(QStringView text) const override;

 private:
  const xun::Tokenizer& tokenizer_;
  // QString's UTF-8 encoder replaces lone surrogates, so the tokenizer's only failure (invalid
  // UTF-8) cannot happen; should it ever, an estimate keeps chunking going rather than failing.
  EstimatedTokenCounter fallback_;
};

}  // namespace xun::core
