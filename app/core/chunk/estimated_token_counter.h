// Guesses token counts without a tokenizer, for keyword-only indexing before a model is set up.
// Tuned on Qwen's byte-level BPE to err on the high side (by 10 to 70%), so that chunks made
// with it still fit the model once one is chosen: about 4 characters per token for English
// words and code, one token per CJK character, digit or symbol.
#pragma once

#include "chunk/token_counter.h"

namespace xun::core {

class EstimatedTokenCounter final : public TokenCounter {
 public:
  int count(QStringView text) const override;
  QList<qsizetype> token_ends(QStringView text) const override;
};

}  // namespace xun::core
