// Splits a document into chunks small enough to embed, at the best boundaries the text offers.
#pragma once

#include <QList>

#include "chunk/chunk.h"
#include "chunk/token_counter.h"
#include "extract/extracted_document.h"

namespace xun::core {

struct ChunkOptions {
  int target_tokens = 512;  // the most tokens a chunk holds (at least 1)
  // Tokens each chunk repeats from the end of the one before, so that a passage cut by a chunk
  // boundary is still whole in one of them. Clamped to [0, target_tokens / 2].
  int overlap_tokens = 64;
};

// Chunks of `document.text`, in order, each with at most options.target_tokens tokens as
// `counter` counts them. The document is tokenized once, as a whole (TokenMap); Chunk::tokens
// comes from that, and counting Chunk::text alone may give a token or two more at its ends
// (" Word" inside the document, "Word" alone), which chunks leave room for.
//
// - A chunk ends at the strongest boundary past half the target: a paragraph (blank line, page
//   break), a sentence (. ! ? 。！？ ...), a line, and only inside an over-long sentence at a
//   word (ICU dictionaries for Chinese and Japanese) or between characters.
// - Chunks start and end on non-whitespace. Consecutive chunks overlap, starting at a sentence
//   where possible, or are separated by whitespace only: together they cover every
//   non-whitespace character. Starts and ends both strictly increase.
// - Chunk::page is the page of the chunk's start (ExtractedDocument::pages), 0 without pages.
// - A document with no non-whitespace text gives no chunks.
// The one exception to the budget: a single grapheme cluster with more tokens than the target.
QList<Chunk> chunk_document(const ExtractedDocument& document, const TokenCounter& counter,
                            const ChunkOptions& options = {});

}  // namespace xun::core
