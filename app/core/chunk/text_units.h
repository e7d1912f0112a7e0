// A document cut into the smallest pieces a chunk is built from: sentences, and for a sentence
// too long to fit a chunk, runs of words or characters, each with its token count.
#pragma once

#include <cstdint>

#include <QList>
#include <QStringView>

#include "chunk/text_breaks.h"
#include "chunk/token_map.h"

namespace xun::core {

// What follows a unit, weakest first: the chunker prefers to end a chunk at the strongest.
enum class Boundary : std::uint8_t {
  inside_sentence,  // a cut at a word or character boundary in an over-long sentence
  line_end,         // a line break that ends no sentence (code, lists, hard-wrapped PDF lines)
  sentence_end,     // . ! ? 。！？ and friends, perhaps inside closing quotes or brackets
  paragraph_end,    // a blank line, a page break, or the end of the text
};

struct TextUnit {
  qsizetype start = 0;  // first non-whitespace UTF-16 unit
  qsizetype end = 0;    // one past the last non-whitespace UTF-16 unit
  int tokens = 0;       // tokens from `start` to the next unit's start (its whitespace included)
  Boundary after = Boundary::paragraph_end;
};

// Units in text order; the whitespace between them is all the text they leave out.
// `sentences`: sentence_spans(text). Every unit has at most max_tokens tokens unless it is a
// single grapheme cluster (absurdly small budgets). `page_starts`: ascending offsets where PDF
// pages begin, counted as paragraph ends.
QList<TextUnit> split_into_units(QStringView text, const QList<TextSpan>& sentences,
                                 const TokenMap& tokens, int max_tokens,
                                 const QList<qsizetype>& page_starts = {});

}  // namespace xun::core
