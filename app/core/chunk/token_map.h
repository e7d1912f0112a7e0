// The tokens of a whole document, tokenized once, so that the chunker can count the tokens of
// any range in O(log n) instead of tokenizing every candidate chunk again.
#pragma once

#include <QList>
#include <QStringView>

#include "chunk/text_breaks.h"
#include "chunk/token_counter.h"

namespace xun::core {

class TokenMap {
 public:
  // Tokenizes `text` in blocks of whole sentences (an over-long sentence is cut at words) of a
  // few thousand characters: few tokenizer calls, and no giant pre-token for BPE to chew on.
  TokenMap(QStringView text, const TokenCounter& counter, const QList<TextSpan>& sentences);

  // Tokens that end in (from, to], and one more for a token cut by `to`. For a range that starts
  // and ends at word boundaries this is what tokenizing it alone gives, give or take a token at
  // each end: " word" in the document may be one token where "word" alone is two.
  int count(qsizetype from, qsizetype to) const;

 private:
  QList<qsizetype> ends_;  // (tokens) ascending offsets into the text where each token ends
};

}  // namespace xun::core
