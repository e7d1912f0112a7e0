#include "search/snippet.h"

#include <algorithm>
#include <QSet>

#include "store/word_segmenter.h"

using namespace Qt::StringLiterals;

namespace xun::core {
namespace {

struct Match {
  qsizetype start = 0;
  qsizetype end = 0;
  int term = 0;  // index into the query's terms, to count distinct words in a window
};

// English function words. They still count for BM25 (the keyword search is not changed), but
// marking every "the" and "and" in a snippet hides the words the reader is looking for, so they
// are marked only when the query has nothing else.
bool is_function_word(const QString& folded) {
  static const QSet<QString> words = {
      u"a"_s,    u"an"_s,   u"and"_s,  u"are"_s,   u"as"_s,    u"at"_s,   u"be"_s,    u"but"_s,
      u"by"_s,   u"can"_s,  u"did"_s,  u"do"_s,    u"does"_s,  u"for"_s,  u"from"_s,  u"how"_s,
      u"i"_s,    u"in"_s,   u"into"_s, u"is"_s,    u"it"_s,    u"its"_s,  u"my"_s,    u"of"_s,
      u"on"_s,   u"or"_s,   u"our"_s,  u"that"_s,  u"the"_s,   u"their"_s, u"then"_s, u"there"_s,
      u"these"_s, u"this"_s, u"to"_s,  u"was"_s,   u"we"_s,    u"were"_s, u"what"_s,  u"when"_s,
      u"where"_s, u"which"_s, u"who"_s, u"why"_s,  u"will"_s,  u"with"_s, u"you"_s,   u"your"_s};
  return words.contains(folded);
}

std::vector<Match> find_matches(QStringView text, const FtsQuery& query) {
  std::vector<Match> matches;
  QList<QString> folded_terms;
  for (const QString& term : query.terms) folded_terms.append(term.toCaseFolded());
  const bool has_content_word = std::ranges::any_of(folded_terms, [](const QString& term) { return !is_function_word(term); });
  for (const WordSpan& word : split_words(text)) {
    const QString folded = text.mid(word.start, word.length).toString().toCaseFolded();
    const auto found = std::find(folded_terms.begin(), folded_terms.end(), folded);
    if (found == folded_terms.end() || query.cjk_terms.contains(query.terms[found - folded_terms.begin()])) continue;
    if (has_content_word && is_function_word(*found)) continue;
    matches.push_back({word.start, word.start + word.length, int(found - folded_terms.begin())});
  }
  for (const QString& term : query.cjk_terms) {
    const int index = static_cast<int>(query.terms.indexOf(term));
    for (qsizetype at = text.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(term, at + term.size(), Qt::CaseInsensitive))
      matches.push_back({at, at + term.size(), index});
  }
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return a.start < b.start || (a.start == b.start && a.end > b.end);
  });
  // Overlaps (a CJK term inside another) merge into one highlight.
  std::vector<Match> merged;
  for (const Match& match : matches) {
    if (!merged.empty() && match.start < merged.back().end)
      merged.back().end = std::max(merged.back().end, match.end);
    else
      merged.push_back(match);
  }
  return merged;
}

// The window [start, start + length) with the most distinct query words, then the most matches;
// it opens a little before its first match so the reader sees some context.
qsizetype best_window_start(const std::vector<Match>& matches, qsizetype text_length,
                            qsizetype length) {
  qsizetype best_start = 0;
  std::pair<qsizetype, qsizetype> best_value{-1, -1};
  for (const Match& anchor : matches) {
    const qsizetype start =
        std::clamp<qsizetype>(anchor.start - length / 5, 0, std::max<qsizetype>(0, text_length - length));
    QSet<int> terms;
    qsizetype count = 0;
    for (const Match& match : matches) {
      if (match.start >= start && match.end <= start + length) {
        terms.insert(match.term);
        ++count;
      }
    }
    const std::pair<qsizetype, qsizetype> value{terms.size(), count};
    if (value > best_value) {
      best_value = value;
      best_start = start;
    }
  }
  return best_start;
}

// Moves a cut to a nearby space so words are not cut in half; texts without spaces (Chinese,
// Japanese) keep the cut, which is fine between their characters.
qsizetype snap_start(QStringView text, qsizetype start, qsizetype limit) {
  if (start == 0) return 0;
  for (qsizetype i = start; i < std::min(limit, start + 16); ++i)
    if (text[i].isSpace()) return i + 1;
  return start;
}

qsizetype snap_end(QStringView text, qsizetype end, qsizetype limit) {
  if (end == text.size()) return end;
  for (qsizetype i = end; i > std::max(limit, end - 16); --i)
    if (text[i - 1].isSpace()) return i - 1;
  return end;
}

}  // namespace

Snippet make_snippet(QStringView chunk_text, const FtsQuery& query, qsizetype max_length) {
  const std::vector<Match> matches = find_matches(chunk_text, query);
  qsizetype start = 0;
  qsizetype end = chunk_text.size();
  if (chunk_text.size() > max_length) {
    start = best_window_start(matches, chunk_text.size(), max_length);
    end = start + max_length;
    // Never cut a highlighted word or the context right around it.
    qsizetype first_match = end;
    qsizetype last_match = start;
    for (const Match& match : matches) {
      if (match.start >= start && match.end <= end) {
        first_match = std::min(first_match, match.start);
        last_match = std::max(last_match, match.end);
      }
    }
    start = snap_start(chunk_text, start, first_match);
    end = snap_end(chunk_text, end, last_match);
  }
  // Never split a surrogate pair, and drop the whitespace at either end.
  if (start > 0 && start < chunk_text.size() && chunk_text[start].isLowSurrogate()) ++start;
  if (end > start && end < chunk_text.size() && chunk_text[end - 1].isHighSurrogate()) --end;
  while (start < end && chunk_text[start].isSpace()) ++start;
  while (end > start && chunk_text[end - 1].isSpace()) --end;

  Snippet snippet;
  snippet.text = chunk_text.mid(start, end - start).toString();
  snippet.offset = start;
  for (const Match& match : matches)
    if (match.start >= start && match.end <= end)
      snippet.highlights.append({match.start - start, match.end - match.start});
  return snippet;
}

QString mark_highlights(QStringView snippet, const QList<Highlight>& highlights, QStringView open,
                        QStringView close) {
  QString marked;
  qsizetype at = 0;
  for (const Highlight& highlight : highlights) {
    marked += snippet.mid(at, highlight.start - at);
    marked += open;
    marked += snippet.mid(highlight.start, highlight.length);
    marked += close;
    at = highlight.start + highlight.length;
  }
  marked += snippet.mid(at);
  return marked;
}

}  // namespace xun::core
