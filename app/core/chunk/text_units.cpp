#include "chunk/text_units.h"

#include <algorithm>
#include <utility>

#include <unicode/uchar.h>

namespace xun::core {
namespace {

// Line breaks in a run of whitespace, "\r\n" counted once.
int line_breaks(QStringView gap) {
  int lines = 0;
  for (qsizetype i = 0; i < gap.size(); ++i) {
    const char16_t c = gap[i].unicode();
    if (c == u'\n' || c == u'\u2028' || (c == u'\r' && (i + 1 == gap.size() || gap[i + 1] != u'\n')))
      ++lines;
  }
  return lines;
}

bool has_page_break(QStringView gap) {
  return gap.contains(u'\f') || gap.contains(u'\u2029');  // form feed, paragraph separator
}

// The code point that ends just before `end`, and how many UTF-16 units it takes.
std::pair<char32_t, qsizetype> code_point_before(QStringView text, qsizetype end) {
  const QChar last = text[end - 1];
  if (last.isLowSurrogate() && end >= 2 && text[end - 2].isHighSurrogate())
    return {QChar::surrogateToUcs4(text[end - 2], last), 2};
  return {last.unicode(), 1};
}

bool is_closing_mark(char32_t c) {
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION || c == '"' || c == '\'' ||
         c == '*' || c == '_';  // Markdown emphasis around a whole sentence
}

// Whether the span ends with . ! ? 。！？ (Unicode Sentence_Terminal), perhaps followed by
// closing quotes or brackets as in 「……。」 or "(... done.)".
bool ends_sentence(QStringView text, TextSpan span) {
  qsizetype end = span.end;
  for (int closers = 0; end > span.start;) {
    const auto [c, length] = code_point_before(text, end);
    if (closers < 4 && is_closing_mark(c)) {
      end -= length;
      ++closers;
      continue;
    }
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_S_TERM);
  }
  return false;
}

class UnitSplitter {
 public:
  UnitSplitter(QStringView text, const TokenMap& tokens, int max_tokens,
               const QList<qsizetype>& page_starts)
      : text_(text),
        tokens_(tokens),
        max_tokens_(std::max(1, max_tokens)),
        // Pieces of an over-long sentence are short, so that a chunk can be filled closely;
        // at most about 2 tokens per character keeps a piece within tiny budgets too.
        piece_chars_(std::clamp(max_tokens / 2, 1, 32)),
        page_starts_(page_starts) {}

  QList<TextUnit> split(const QList<TextSpan>& sentences) {
    for (qsizetype i = 0; i < sentences.size(); ++i) {
      const qsizetype next_start = i + 1 < sentences.size() ? sentences[i + 1].start : text_.size();
      add(sentences[i], boundary_after(sentences[i], next_start), next_start, BreakKind::sentence);
    }
    return std::move(units_);
  }

 private:
  Boundary boundary_after(TextSpan unit, qsizetype next_start) const {
    if (next_start >= text_.size()) return Boundary::paragraph_end;
    const QStringView gap = text_.sliced(unit.end, next_start - unit.end);
    if (line_breaks(gap) >= 2 || has_page_break(gap) || page_starts_between(unit.end, next_start))
      return Boundary::paragraph_end;
    if (ends_sentence(text_, unit)) return Boundary::sentence_end;
    return Boundary::line_end;  // ICU ends a sentence only after a terminator or a line break
  }

  bool page_starts_between(qsizetype after, qsizetype up_to) const {
    const auto next = std::upper_bound(page_starts_.begin(), page_starts_.end(), after);
    return next != page_starts_.end() && *next <= up_to;
  }

  void add(TextSpan unit, Boundary after, qsizetype next_start, BreakKind level) {
    const int tokens = tokens_.count(unit.start, next_start);
    if (tokens <= max_tokens_) {
      units_.append({unit.start, unit.end, tokens, after});
      return;
    }
    const auto [pieces, piece_level] = pieces_of(unit, level);
    if (pieces.size() < 2) {  // one grapheme cluster over the budget: nothing left to cut
      units_.append({unit.start, unit.end, tokens, after});
      return;
    }
    for (qsizetype i = 0; i < pieces.size(); ++i) {
      const bool last = i + 1 == pieces.size();
      add(pieces[i], last ? after : Boundary::inside_sentence,
          last ? next_start : pieces[i + 1].start, piece_level);
    }
  }

  // At least two pieces of `unit`, cut at words where it has several, else between grapheme
  // clusters; one piece when it is a single grapheme cluster. Pieces are at most half the unit,
  // so the recursion in add() ends.
  std::pair<QList<TextSpan>, BreakKind> pieces_of(TextSpan unit, BreakKind level) const {
    const QStringView view = text_.sliced(unit.start, unit.size());
    const qsizetype limit = std::min<qsizetype>(piece_chars_, (unit.size() + 1) / 2);
    if (level != BreakKind::character) {
      QList<TextSpan> pieces = trimmed_spans(text_, unit, break_positions(BreakKind::word, view), limit);
      if (pieces.size() >= 2) return {std::move(pieces), BreakKind::word};
    }
    return {trimmed_spans(text_, unit, break_positions(BreakKind::character, view), limit),
            BreakKind::character};
  }

  QStringView text_;
  const TokenMap& tokens_;
  int max_tokens_;
  qsizetype piece_chars_;
  const QList<qsizetype>& page_starts_;
  QList<TextUnit> units_;
};

}  // namespace

QList<TextUnit> split_into_units(QStringView text, const QList<TextSpan>& sentences,
                                 const TokenMap& tokens, int max_tokens,
                                 const QList<qsizetype>& page_starts) {
  return UnitSplitter(text, tokens, max_tokens, page_starts).split(sentences);
}

}  // namespace xun::core
