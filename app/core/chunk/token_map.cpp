#include "chunk/token_map.h"

#include <algorithm>

namespace xun::core {
namespace {

// Characters per tokenizer call: large enough that the per-call cost vanishes, small enough
// that a line of text without a single space stays a modest pre-token.
constexpr qsizetype kBlockChars = 8192;

// Where blocks of at most kBlockChars start inside an over-long sentence: at words, or between
// characters for a "word" longer than a block (base64, a DNA sequence).
void append_cuts_inside(QStringView text, TextSpan sentence, QList<qsizetype>& cuts) {
  const QStringView view = text.sliced(sentence.start, sentence.size());
  for (const TextSpan& group :
       trimmed_spans(text, sentence, break_positions(BreakKind::word, view), kBlockChars)) {
    if (group.start > cuts.last()) cuts.append(group.start);
    if (group.size() <= kBlockChars) continue;
    const QStringView word = text.sliced(group.start, group.size());
    for (const TextSpan& piece :
         trimmed_spans(text, group, break_positions(BreakKind::character, word), kBlockChars))
      if (piece.start > cuts.last()) cuts.append(piece.start);
  }
}

// Block starts: 0, then sentence starts (or cuts inside over-long sentences) every time a block
// would grow past kBlockChars.
QList<qsizetype> block_starts(QStringView text, const QList<TextSpan>& sentences) {
  QList<qsizetype> cuts{0};
  for (const TextSpan& sentence : sentences) {
    if (sentence.end - cuts.last() <= kBlockChars) continue;
    if (sentence.start > cuts.last()) cuts.append(sentence.start);
    if (sentence.size() > kBlockChars) append_cuts_inside(text, sentence, cuts);
  }
  return cuts;
}

}  // namespace

TokenMap::TokenMap(QStringView text, const TokenCounter& counter, const QList<TextSpan>& sentences) {
  const QList<qsizetype> starts = block_starts(text, sentences);
  for (qsizetype i = 0; i < starts.size(); ++i) {
    const qsizetype start = starts[i];
    const qsizetype end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    for (const qsizetype token_end : counter.token_ends(text.sliced(start, end - start)))
      ends_.append(start + token_end);
  }
}

int TokenMap::count(qsizetype from, qsizetype to) const {
  if (to <= from) return 0;
  const auto first = std::upper_bound(ends_.cbegin(), ends_.cend(), from);
  const auto last = std::upper_bound(first, ends_.cend(), to);
  // A token that starts inside the range and ends past it (".\n" after a chunk's last ".") is
  // still at least one token of the range's own.
  const bool cut_token = last != ends_.cend() && (last == ends_.cbegin() || *(last - 1) != to);
  return static_cast<int>(last - first) + (cut_token ? 1 : 0);
}

}  // namespace xun::core
