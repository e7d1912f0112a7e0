// The passage of a chunk to show with a result: a window of the chunk text holding the most
// query words, with those words' positions so the GUI can style them (and the CLI mark them).
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include "search/fts_query.h"
#include "search/search_types.h"

namespace xun::core {

inline constexpr qsizetype kSnippetLength = 240;  // UTF-16 code units, about three lines

struct Snippet {
  QString text;                 // verbatim from the chunk, no ellipses added
  qsizetype offset = 0;         // where `text` begins in the chunk text
  QList<Highlight> highlights;  // in `text`, ordered, not overlapping
};

// Western words match whole words (case-insensitively); Chinese and Japanese words match
// anywhere, as the FTS prefix query does. Without matches: the beginning of the chunk.
Snippet make_snippet(QStringView chunk_text, const FtsQuery& query,
                     qsizetype max_length = kSnippetLength);

// The snippet with each highlight wrapped in `open` and `close`, e.g. "the «lighthouse» was".
QString mark_highlights(QStringView snippet, const QList<Highlight>& highlights,
                        QStringView open = u"«", QStringView close = u"»");

}  // namespace xun::core
