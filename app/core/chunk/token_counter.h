// How many tokens a piece of text costs. The chunker measures with this, so that chunks fit the
// embedding model's budget whether or not a model is set up yet.
#pragma once

#include <QList>
#include <QStringView>

namespace xun::core {

class TokenCounter {
 public:
  virtual ~TokenCounter() = default;
  // Tokens of `text` alone, no special tokens added.
  virtual int count(QStringView text) const = 0;
  // Where each token of `text` ends: ascending offsets into it, one per token (a token that ends
  // inside a character, as byte-level BPE allows, ends after it). What TokenMap is built from.
  virtual QList<qsizetype> token_ends(QStringView text) const = 0;
};
// Implementations are safe to call from several threads at once.

}  // namespace xun::core
