#include "chunk/text_breaks.h"

#include <array>
#include <limits>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

namespace xun::core {
namespace {

// ICU's English list ("Mr.", "Mrs.", "e.g." ...) lacks titles and references that are common in
// papers and manuals; without these a sentence would end after "Dr." or "Fig.".
constexpr std::array kAbbreviations = {u"Dr.",  u"Prof.", u"Fig.", u"Figs.", u"Eq.",  u"Sec.",
                                       u"Ch.",  u"Vol.",  u"vs.",  u"cf.",   u"St.",  u"Jr.",
                                       u"Sr.",  u"approx."};

std::unique_ptr<icu::BreakIterator> open_sentence_iterator() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale english = icu::Locale::getEnglish();
  std::unique_ptr<icu::BreakIterator> plain(icu::BreakIterator::createSentenceInstance(english, status));
  if (U_FAILURE(status)) return nullptr;
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createInstance(english, status));
  if (U_FAILURE(status)) return plain;  // without suppressions, "Mr. Smith" is two sentences
  for (const char16_t* abbreviation : kAbbreviations)
    builder->suppressBreakAfter(icu::UnicodeString(abbreviation), status);
  status = U_ZERO_ERROR;
  icu::BreakIterator* filtered = builder->wrapIteratorWithFilter(plain.release(), status);
  if (U_FAILURE(status)) return nullptr;
  return std::unique_ptr<icu::BreakIterator>(filtered);
}

std::unique_ptr<icu::BreakIterator> open_iterator(BreakKind kind) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> iterator;
  switch (kind) {
    case BreakKind::character:
      iterator.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
      break;
    case BreakKind::word:
      iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
      break;
    case BreakKind::sentence:
      return open_sentence_iterator();
  }
  if (U_FAILURE(status)) return nullptr;
  return iterator;
}

// One iterator of each kind per thread: an ICU iterator must not be shared between threads.
icu::BreakIterator* iterator_of_this_thread(BreakKind kind) {
  thread_local std::array<std::unique_ptr<icu::BreakIterator>, 3> iterators;
  thread_local std::array<bool, 3> opened{};
  const auto index = static_cast<size_t>(kind);
  if (!opened[index]) {
    iterators[index] = open_iterator(kind);
    opened[index] = true;
  }
  return iterators[index].get();
}

}  // namespace

QList<qsizetype> break_positions(BreakKind kind, QStringView text) {
  QList<qsizetype> result{0};
  if (text.isEmpty()) return result;
  icu::BreakIterator* iterator = iterator_of_this_thread(kind);
  // ICU counts in int32_t; a longer text (over 4 GiB) only loses its inner boundaries.
  if (iterator != nullptr && text.size() <= std::numeric_limits<int32_t>::max()) {
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    utext_openUChars(&utext, reinterpret_cast<const UChar*>(text.utf16()),
                     static_cast<int64_t>(text.size()), &status);
    iterator->setText(&utext, status);  // keeps a shallow clone: `text` must outlive the loop
    if (U_SUCCESS(status)) {
      for (int32_t at = iterator->next(); at != icu::BreakIterator::DONE; at = iterator->next())
        result.append(at);
    }
    utext_close(&utext);
  }
  if (result.last() != text.size()) result.append(text.size());
  return result;
}

QList<TextSpan> trimmed_spans(QStringView text, TextSpan range, const QList<qsizetype>& cuts,
                              qsizetype max_chars) {
  QList<TextSpan> spans;
  qsizetype index = 0;
  while (index + 1 < cuts.size()) {
    const qsizetype from = cuts[index];
    ++index;  // always take the next cut, even when it is further than max_chars
    while (index + 1 < cuts.size() && cuts[index + 1] - from <= max_chars) ++index;
    TextSpan span{range.start + from, range.start + cuts[index]};
    while (span.start < span.end && text[span.start].isSpace()) ++span.start;
    while (span.end > span.start && text[span.end - 1].isSpace()) --span.end;
    if (span.size() > 0) spans.append(span);
  }
  return spans;
}

namespace {

bool is_opening_mark(QChar c) {
  const auto type = u_charType(static_cast<UChar32>(c.unicode()));
  return type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
}

// Sentence breaks moved before opening brackets and quotes: Unicode's rules let "Close"
// (which includes 「 and “) follow a terminator, so ICU gives 。「 | ここです。」 where the
// bracket opens the next sentence.
QList<qsizetype> sentence_breaks(QStringView text) {
  QList<qsizetype> cuts = break_positions(BreakKind::sentence, text);
  for (qsizetype i = 1; i + 1 < cuts.size(); ++i) {
    while (cuts[i] > cuts[i - 1] + 1 && is_opening_mark(text[cuts[i] - 1])) --cuts[i];
  }
  return cuts;
}

// ICU ends a sentence after a closing quote that follows a terminator, but in Japanese
// 「……？」と彼は尋ねた。 the quote is inside the sentence: a particle in hiragana right after
// it (と, って, が) carries the sentence on.
bool continues_after_quote(QStringView text, const TextSpan& sentence, const TextSpan& next) {
  if (next.start != sentence.end) return false;  // any whitespace between: a new sentence
  const QChar closing = text[sentence.end - 1];
  const QChar following = text[next.start];
  return (closing == u'」' || closing == u'』') && following >= u'\u3041' && following <= u'\u309F';
}

}  // namespace

QList<TextSpan> sentence_spans(QStringView text) {
  QList<TextSpan> spans;
  for (const TextSpan& span :
       trimmed_spans(text, {0, text.size()}, sentence_breaks(text))) {
    if (!spans.isEmpty() && continues_after_quote(text, spans.last(), span))
      spans.last().end = span.end;
    else
      spans.append(span);
  }
  return spans;
}

}  // namespace xun::core
