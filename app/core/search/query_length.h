// Bounds the work one query can cost a model. A query is embedded (dense, hybrid) and reranked
// against every candidate, so a pasted page would cost as much as embedding a whole document
// for each search: a 100 KB query took 80 s on the CPU. Queries are cut to kMaxQueryTokens
// instead, and the search says so.
#pragma once

#include <QString>

#include "xun/engine.h"

namespace xun::core {

// Qwen3-Embedding was trained on queries far shorter than its passages, and a query is typed
// (or pasted) to find passages, not to stand in for one: about a hundred words say all a query
// can. The bound is what keeps a search within a second where it is slowest: 128 tokens of the
// 0.6B model embed in under a second on two CPU cores, where one chunk's 512 took about 3 s.
inline constexpr int kMaxQueryTokens = 128;
// Before tokenizing, the text is cut to this many UTF-16 code units, so that even tokenizing
// stays cheap. No Qwen token spans more than 64 characters of ordinary text, so 512 tokens fit
// in this with room to spare for the usual case; a rarer text may keep a few tokens fewer.
inline constexpr qsizetype kMaxQueryTokenizedChars = qsizetype{kMaxQueryTokens} * 32;

struct BoundedQuery {
  QString text;           // what is embedded and reranked
  bool truncated = false; // text is a prefix of what the user typed
  int tokens = 0;         // tokens of `text` (plain-text tokenization, as in the prompts)
};

// `query` cut to at most kMaxQueryTokens tokens of `tokenizer`. Fails only on text the
// tokenizer refuses.
Result<BoundedQuery> bound_query(const xun::Tokenizer& tokenizer, const QString& query);

}  // namespace xun::core
