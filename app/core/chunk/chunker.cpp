#include "chunk/chunker.h"

#include <algorithm>
#include <optional>

#include "chunk/text_breaks.h"
#include "chunk/text_units.h"
#include "chunk/token_map.h"

namespace xun::core {
namespace {

// Where a chunk begins: at units[first].start, or inside units[first] when the overlap takes
// only the end of that sentence. Units from `fresh` on are in no chunk yet; those before it
// are the overlap with the chunk before.
struct ChunkStart {
  qsizetype position = 0;
  qsizetype first = 0;
  qsizetype fresh = 0;
};

int page_of(const QList<PageStart>& pages, qsizetype offset) {
  if (pages.isEmpty()) return 0;
  const auto after = std::upper_bound(
      pages.begin(), pages.end(), offset,
      [](qsizetype at, const PageStart& page) { return at < page.offset; });
  return after == pages.begin() ? pages.front().page : std::prev(after)->page;
}

// Tokens a chunk's count from the TokenMap may miss its count alone by: "Word" at its start may
// be two tokens where " Word" in the document was one, and a cut inside a long word splits one.
constexpr int kEdgeSlack = 2;

// Groups units into chunks. Every count comes from the TokenMap (a binary search), so the text,
// tokenized once for the map, is never tokenized again here.
class ChunkBuilder {
 public:
  ChunkBuilder(QStringView text, const QList<TextUnit>& units, const TokenMap& tokens,
               const ChunkOptions& options)
      : text_(text),
        units_(units),
        tokens_(tokens),
        target_(std::max(1, options.target_tokens)),
        limit_(target_ - std::min(kEdgeSlack, target_ / 8)),
        overlap_(std::clamp(options.overlap_tokens, 0, target_ / 2)) {}

  QList<Chunk> build(const QList<PageStart>& pages) {
    QList<Chunk> chunks;
    if (units_.isEmpty()) return chunks;
    ChunkStart start{units_[0].start, 0, 0};
    for (;;) {
      qsizetype end = prefer_boundary(start, fill(start));
      const int tokens = fit(start, end);
      const qsizetype from = start.position;
      const qsizetype to = units_[end - 1].end;
      chunks.append({from, to, page_of(pages, from), tokens, text_.sliced(from, to - from).toString()});
      if (end == units_.size()) return chunks;
      start = next_start(start, end);
    }
  }

 private:
  int count(qsizetype from, qsizetype to) const { return tokens_.count(from, to); }

  // One past the last unit that fits after `start`; at least one fresh unit.
  qsizetype fill(const ChunkStart& start) const {
    qsizetype end = start.fresh + 1;
    while (end < units_.size() && count(start.position, units_[end].end) <= limit_) ++end;
    return end;
  }

  // Moves the end back to a stronger boundary (paragraph > sentence > line > inside a sentence)
  // as long as the chunk keeps at least half the target; the latest of equals wins.
  qsizetype prefer_boundary(const ChunkStart& start, qsizetype end) const {
    if (end == units_.size()) return end;
    qsizetype best = end;
    for (qsizetype candidate = end - 1; candidate > start.fresh; --candidate) {
      if (count(start.position, units_[candidate - 1].end) < (target_ + 1) / 2) break;
      if (units_[candidate - 1].after > units_[best - 1].after) best = candidate;
    }
    return best;
  }

  // The chunk's count. A chunk over the limit (a unit over the target, or a start in the middle
  // of a word) loses units from its end, then its overlap, until it fits.
  int fit(ChunkStart& start, qsizetype& end) const {
    for (;;) {
      const int tokens = count(start.position, units_[end - 1].end);
      if (tokens <= limit_) return tokens;
      if (end > start.fresh + 1) {
        --end;
      } else if (start.first < start.fresh) {
        ++start.first;
        start.position = units_[start.first].start;
      } else {
        return tokens;  // a single grapheme cluster over the target: nothing left to cut
      }
    }
  }

  // Where the chunk after one ending before units[end] begins: whole trailing units worth up to
  // the overlap, or, when they give less than a quarter of it (a long sentence before a short
  // one), also the end of the unit before them, cut at a word. Leaves room for units[end] and
  // always starts after `start`.
  ChunkStart next_start(const ChunkStart& start, qsizetype end) const {
    const qsizetype next = units_[end].start;
    const int budget = std::min(overlap_, limit_ - units_[end].tokens);
    qsizetype first = end;
    while (first > start.first + 1 && count(units_[first - 1].start, next) <= budget) --first;
    const int tokens = first < end ? count(units_[first].start, next) : 0;
    if (budget > 0 && first > start.first && tokens * 4 < budget) {
      const qsizetype after = std::max(start.position, units_[first - 1].start);
      if (const auto tail = word_suffix(units_[first - 1], after, next, budget))
        return {*tail, first - 1, end};
    }
    return {units_[first].start, first, end};
  }

  // The earliest word start in `unit`, past `after`, from which up to `until` there are at most
  // `budget` tokens; none when not even its last word fits.
  std::optional<qsizetype> word_suffix(const TextUnit& unit, qsizetype after, qsizetype until,
                                       int budget) const {
    const QStringView view = text_.sliced(unit.start, unit.end - unit.start);
    QList<qsizetype> word_starts;
    for (const qsizetype cut : break_positions(BreakKind::word, view)) {
      if (unit.start + cut > after && cut < view.size() && !view[cut].isSpace())
        word_starts.append(unit.start + cut);
    }
    // Counts fall as the start moves right: find the first start that fits.
    const auto fits = std::partition_point(word_starts.cbegin(), word_starts.cend(),
                                           [&](qsizetype at) { return count(at, until) > budget; });
    if (fits == word_starts.cend()) return std::nullopt;
    return *fits;
  }

  QStringView text_;
  const QList<TextUnit>& units_;
  const TokenMap& tokens_;
  int target_;
  int limit_;  // what chunks are planned to, so that counting each alone keeps them in target_
  int overlap_;
};

}  // namespace

QList<Chunk> chunk_document(const ExtractedDocument& document, const TokenCounter& counter,
                            const ChunkOptions& options) {
  const QStringView text = document.text;
  QList<qsizetype> page_starts;
  for (const PageStart& page : document.pages) page_starts.append(page.offset);
  const QList<TextSpan> sentences = sentence_spans(text);
  const TokenMap tokens(text, counter, sentences);
  const QList<TextUnit> units =
      split_into_units(text, sentences, tokens, std::max(1, options.target_tokens), page_starts);
  return ChunkBuilder(text, units, tokens, options).build(document.pages);
}

}  // namespace xun::core
