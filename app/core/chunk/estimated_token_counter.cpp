#include "chunk/estimated_token_counter.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace xun::core {
namespace {

bool is_cjk(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(c), &status)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
      return true;
    default:
      return false;
  }
}

bool is_line_break(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

// Walks the text once, one code point at a time, and calls sink(end) for each token it guesses,
// `end` being the offset where that token ends.
template <class Sink>
class Estimate {
 public:
  explicit Estimate(Sink& sink) : sink_(sink) {}

  void add(char32_t c, qsizetype end) {
    const auto code = static_cast<UChar32>(c);
    if (u_isUWhiteSpace(code)) return add_space(c, end);
    end_space_run();
    if (u_isalpha(code) && !is_cjk(c)) {
      end_punctuation_run();
      // A BPE token holds about 4 ASCII letters of English or code, fewer of other scripts.
      letter_weight_ += c < 0x80 ? 1 : 2;
      if (letter_weight_ >= 4) {
        sink_(end);
        letter_weight_ -= 4;
      }
      last_end_ = end;
      return;
    }
    end_letter_run();
    if (c < 0x80 && u_ispunct(code)) {  // "();", "->", "==": often two marks to a token
      if (++punctuation_run_ == 2) {
        sink_(end);
        punctuation_run_ = 0;
      }
      last_end_ = end;
      return;
    }
    end_punctuation_run();
    // CJK characters, digits (Qwen splits numbers into single digits), other marks; emoji and
    // other symbols beyond the BMP take several byte-level tokens.
    sink_(end);
    if (c > 0xFFFF && !is_cjk(c)) sink_(end);
    last_end_ = end;
  }

  void finish() {
    end_space_run();
    end_letter_run();
    end_punctuation_run();
  }

 private:
  void add_space(char32_t c, qsizetype end) {
    end_letter_run();
    end_punctuation_run();
    ++space_run_;
    space_run_has_line_break_ = space_run_has_line_break_ || is_line_break(c);
    last_end_ = end;
  }
  // One space before a word joins the word's token; newlines and indentation are tokens.
  void end_space_run() {
    if (space_run_ > 1 || space_run_has_line_break_) sink_(last_end_);
    space_run_ = 0;
    space_run_has_line_break_ = false;
  }
  void end_letter_run() {
    if (letter_weight_ > 0) sink_(last_end_);
    letter_weight_ = 0;
  }
  void end_punctuation_run() {
    if (punctuation_run_ > 0) sink_(last_end_);
    punctuation_run_ = 0;
  }

  Sink& sink_;
  qsizetype last_end_ = 0;  // end of the last code point seen
  int space_run_ = 0;
  bool space_run_has_line_break_ = false;
  int letter_weight_ = 0;   // letters since the last token ended in the run, ASCII 1, others 2
  int punctuation_run_ = 0;
};

template <class Sink>
void estimate(QStringView text, Sink& sink) {
  Estimate<Sink> walker(sink);
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar unit = text[i];
    if (unit.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
      walker.add(QChar::surrogateToUcs4(unit, text[i + 1]), i + 2);
      ++i;
    } else {
      walker.add(unit.unicode(), i + 1);  // a lone surrogate is one replacement character
    }
  }
  walker.finish();
}

}  // namespace

int EstimatedTokenCounter::count(QStringView text) const {
  int tokens = 0;
  auto sink = [&tokens](qsizetype) { ++tokens; };
  estimate(text, sink);
  return tokens;
}

QList<qsizetype> EstimatedTokenCounter::token_ends(QStringView text) const {
  QList<qsizetype> ends;
  auto sink = [&ends](qsizetype end) { ends.append(end); };
  estimate(text, sink);
  return ends;
}

}  // namespace xun::core
