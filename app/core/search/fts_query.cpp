#include "search/fts_query.h"

#include <QSet>

#include "store/word_segmenter.h"

namespace xun::core {
namespace {

// An FTS5 string: double quotes around, each inner double quote doubled.
QString quoted(const QString& word) {
  QString escaped = word;
  escaped.replace(u'"', QStringLiteral("\"\""));
  return u'"' + escaped + u'"';
}

}  // namespace

FtsQuery build_fts_query(QStringView user_text) {
  if (user_text.size() > kMaxKeywordQueryChars) {
    qsizetype length = kMaxKeywordQueryChars;
    if (user_text.at(length - 1).isHighSurrogate()) --length;  // never split a surrogate pair
    user_text = user_text.first(length);
  }
  FtsQuery query;
  QSet<QString> seen;  // case-folded: FTS5's unicode61 folds case too
  QStringList parts;
  for (const WordSpan& word : split_words(user_text)) {
    const QString text = user_text.mid(word.start, word.length).toString();
    if (seen.contains(text.toCaseFolded())) continue;
    if (query.terms.size() >= kMaxQueryTerms) break;
    seen.insert(text.toCaseFolded());
    query.terms.append(text);
    if (word.kind == WordKind::cjk) {
      query.cjk_terms.append(text);
      parts.append(quoted(text) + u'*');
    } else {
      parts.append(quoted(text));
    }
  }
  query.match = parts.join(QStringLiteral(" OR "));
  return query;
}

}  // namespace xun::core
