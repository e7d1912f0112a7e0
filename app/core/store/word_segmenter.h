// Splits text into words with ICU's word BreakIterator, which has dictionaries for Chinese,
// Japanese, Thai and other scripts written without spaces. FTS5's unicode61 tokenizer splits only
// at spaces and punctuation, so "北方海角的灯塔" would be one token and "灯塔" could never be found;
// the index therefore stores words_for_index(text) ("北方 海角 的 灯塔") and queries are split the
// same way (search/fts_query.h).
//
// FTS5's trigram tokenizer was the other candidate: it matches any substring without a
// dictionary, but no query shorter than three characters (灯塔 has two, and most Chinese words
// have two), and its index is about three times larger.
//
// Thread-safe: each thread keeps its own break iterator.
#pragma once

#include <vector>

#include <QString>
#include <QStringView>

namespace xun::core {

enum class WordKind {
  number,   // "1987", "3.14"
  letters,  // words of scripts with spaces (Latin, Cyrillic, Hangul, Thai, ...)
  cjk,      // Han characters and kana: a dictionary word, which may be part of a longer compound
};

struct WordSpan {
  qsizetype start = 0;   // UTF-16 offset into the text given to split_words
  qsizetype length = 0;  // UTF-16 code units
  WordKind kind = WordKind::letters;
};

// The words of `text` in order; spaces, punctuation and symbols (emoji) are left out.
std::vector<WordSpan> split_words(QStringView text);

// The words of `text` joined by single spaces: what the FTS5 column holds.
QString words_for_index(QStringView text);

}  // namespace xun::core
