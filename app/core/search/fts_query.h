// Turns what a user typed into an FTS5 MATCH expression that can never be a syntax error.
//
// The query is split into words exactly as chunk text is for the index (store/word_segmenter.h),
// so "灯塔" or "東京タワー" become words even without spaces. Each word becomes an FTS5 string
// (in double quotes, inner quotes doubled), which FTS5 reads literally: AND, NEAR(, *, -x and
// col:val are just text. Words are joined with OR and ranked by BM25, as keyword engines do, so
// a question like "when was the lighthouse automated" still finds passages without every word.
//
// Chinese and Japanese words become prefix queries ("東京"*): a dictionary may keep a compound
// such as 東京タワー as one word in the text, which the query word 東京 should still find.
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace xun::core {

struct FtsQuery {
  QString match;      // the MATCH expression; empty when the query has no words (no search)
  QStringList terms;  // the distinct words, for highlighting matches in snippets
  QStringList cjk_terms;  // those of `terms` written in Han or kana (matched as substrings)
};

// At most this many distinct words are used: a pasted page should not become a huge OR. Each
// word's posting list is scored; 64 common words took ~0.9 s at 100k chunks (bench_search's
// hostile queries), 32 about half that.
inline constexpr int kMaxQueryTerms = 32;
// Only the start of a query is split into words, so that a pasted book costs no more than a
// page: 32 distinct words fit many times over in this many UTF-16 code units.
inline constexpr qsizetype kMaxKeywordQueryChars = 4096;

FtsQuery build_fts_query(QStringView user_text);

}  // namespace xun::core
