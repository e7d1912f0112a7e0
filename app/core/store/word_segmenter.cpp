#include "store/word_segmenter.h"

#include <climits>
#include <memory>
#include <optional>

#include <unicode/ubrk.h>

namespace xun::core {
namespace {

struct BreakIteratorCloser {
  void operator()(UBreakIterator* iterator) const { ubrk_close(iterator); }
};
using BreakIteratorPtr = std::unique_ptr<UBreakIterator, BreakIteratorCloser>;

// Opening a word break iterator loads rules and dictionaries (milliseconds); keep one per thread.
// Null when ICU's data is missing, in which case split_words falls back to a simple split.
UBreakIterator* thread_break_iterator() {
  thread_local BreakIteratorPtr iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    // The root locale: the dictionaries are chosen by script, not by locale.
    BreakIteratorPtr opened(ubrk_open(UBRK_WORD, "", nullptr, 0, &status));
    if (U_FAILURE(status)) opened.reset();
    return opened;
  }();
  return iterator.get();
}

// ICU's rule status ranges for word segments (UWordBreak in ubrk.h).
std::optional<WordKind> kind_of_status(int32_t status) {
  if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return WordKind::number;
  if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return WordKind::letters;
  if (status >= UBRK_WORD_KANA && status < UBRK_WORD_IDEO_LIMIT) return WordKind::cjk;
  return std::nullopt;  // UBRK_WORD_NONE: spaces, punctuation, symbols
}

// Without ICU data: runs of letters and digits. Worse for CJK, but never loses Western words.
std::vector<WordSpan> split_simple(QStringView text) {
  std::vector<WordSpan> words;
  qsizetype start = -1;
  for (qsizetype i = 0; i <= text.size(); ++i) {
    const bool inside = i < text.size() && (text[i].isLetterOrNumber() || text[i].isMark());
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      words.push_back({start, i - start, WordKind::letters});
      start = -1;
    }
  }
  return words;
}

}  // namespace

std::vector<WordSpan> split_words(QStringView text) {
  UBreakIterator* iterator = thread_break_iterator();
  if (iterator == nullptr || text.size() > INT32_MAX) return split_simple(text);
  UErrorCode status = U_ZERO_ERROR;
  ubrk_setText(iterator, reinterpret_cast<const UChar*>(text.utf16()),
               static_cast<int32_t>(text.size()), &status);
  if (U_FAILURE(status)) return split_simple(text);

  std::vector<WordSpan> words;
  int32_t start = ubrk_first(iterator);
  for (int32_t end = ubrk_next(iterator); end != UBRK_DONE; start = end, end = ubrk_next(iterator)) {
    // The rule status after next() describes the segment that ends there.
    if (auto kind = kind_of_status(ubrk_getRuleStatus(iterator)))
      words.push_back({start, end - start, *kind});
  }
  // Detach the iterator from `text`, which the caller may free before this thread's next call.
  ubrk_setText(iterator, nullptr, 0, &status);
  return words;
}

QString words_for_index(QStringView text) {
  const std::vector<WordSpan> words = split_words(text);
  QString joined;
  joined.reserve(text.size() + static_cast<qsizetype>(words.size()));
  for (const WordSpan& word : words) {
    if (!joined.isEmpty()) joined += u' ';
    joined += text.mid(word.start, word.length);
  }
  return joined;
}

}  // namespace xun::core
