// Where ICU's break iterators find grapheme, word and sentence boundaries, and the spans of text
// between them.
#pragma once

#include <QList>
#include <QStringView>

namespace xun::core {

enum class BreakKind {
  character,  // grapheme clusters: never splits a surrogate pair or a base from its marks
  word,       // words; Chinese, Japanese and Thai through ICU's dictionaries
  sentence,   // after . ! ? 。！？ and at every line break; "Mr." and "Dr." do not end one
};

// Ascending offsets into `text`, from 0 to text.size() inclusive. Only the two ends when ICU
// cannot open the iterator (missing data), so callers must cope with coarse boundaries.
// Iterators are opened once per thread (a sentence iterator with abbreviations takes ~0.5 ms).
QList<qsizetype> break_positions(BreakKind kind, QStringView text);

struct TextSpan {
  qsizetype start = 0;
  qsizetype end = 0;
  qsizetype size() const { return end - start; }
};

// The non-empty spans between consecutive `cuts` (offsets relative to range.start, from 0 to
// range.size()), whitespace trimmed from both ends. A span runs over further cuts as long as it
// stays within `max_chars` (0: a span between every two cuts); one between two cuts further
// apart stays whole.
QList<TextSpan> trimmed_spans(QStringView text, TextSpan range, const QList<qsizetype>& cuts,
                              qsizetype max_chars = 0);

// The document's sentences (ICU), whitespace trimmed, in order; lines count as sentences.
QList<TextSpan> sentence_spans(QStringView text);

}  // namespace xun::core
