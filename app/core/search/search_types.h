// What a search asks for and what it returns (see Searcher).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <QList>
#include <QString>
#include <QStringList>

namespace xun {
class Model;
}

namespace xun::core {

// Qwen3's default task for retrieval, used for the query embedding and for reranking.
inline const QString kDefaultInstruction =
    QStringLiteral("Given a web search query, retrieve relevant passages that answer the query");

enum class SearchMode { dense, keyword, hybrid };

struct SearchFilters {
  QStringList folders;                      // documents under any of these folders (any depth)
  QStringList formats;                      // ExtractedDocument::format values, e.g. "pdf"
  std::optional<int64_t> modified_from_ms;  // inclusive bounds on the file's mtime
  std::optional<int64_t> modified_to_ms;
  bool empty() const {
    return folders.isEmpty() && formats.isEmpty() && !modified_from_ms && !modified_to_ms;
  }
};

struct RerankSettings {
  xun::Model* model = nullptr;              // a Qwen3-Reranker, called on the searching thread
  QString instruction = kDefaultInstruction;
  int candidates = 30;                      // how many of the first-stage results to rerank
};

struct SearchRequest {
  QString query;
  SearchMode mode = SearchMode::hybrid;
  int top_k = 10;
  // The task for the query embedding; empty: the query is embedded as plain text.
  QString instruction = kDefaultInstruction;
  // For dense and hybrid search: the model whose vectors to search, called on the searching
  // thread. Null: the model that built the index (IndexStore::index_model()), which then works
  // only for queries whose embedding is cached.
  xun::Model* embedding_model = nullptr;
  std::optional<RerankSettings> rerank;
  SearchFilters filters;
};

// A highlighted match, in UTF-16 code units of SearchResult::snippet.
struct Highlight {
  qsizetype start = 0;
  qsizetype length = 0;
  bool operator==(const Highlight&) const = default;
};

struct SearchResult {
  int64_t chunk_id = 0;
  int64_t document_id = 0;
  QString path;
  QString format;
  int page = 0;                  // 0 when the document has no pages
  qsizetype start = 0;           // the chunk's [start, end) in the document text (UTF-16)
  qsizetype end = 0;
  QString snippet;               // a passage of the chunk around the matches, verbatim
  qsizetype snippet_start = 0;   // where the snippet begins in the document text
  QList<Highlight> highlights;   // query words within the snippet
  // Each score that went into the ranking; unset where that stage did not see the chunk.
  std::optional<float> dense_score;     // cosine similarity
  std::optional<double> keyword_score;  // -bm25: higher is better
  std::optional<double> fused_score;    // reciprocal rank fusion (hybrid)
  std::optional<float> rerank_score;    // P(yes) from the reranker
  double score = 0;                     // what the results are ordered by
};

struct SearchStats {
  bool query_embedding_cached = false;
  int reranked_computed = 0;     // scores the reranker computed now
  int reranked_cached = 0;       // scores read from the cache
  bool vectors_reloaded = false; // the in-memory vectors were (re)loaded for this search
  size_t rescored = 0;           // dense: exact vectors read for re-scoring
  double embed_ms = 0;
  double load_ms = 0;
  // Dense search runs beside keyword search in hybrid mode: dense_ms is the time spent starting
  // it and then waiting for and finishing it, not counting the keyword search in between.
  double dense_ms = 0;
  double dense_scan_ms = 0;      // of dense_ms: waiting for the float16 scan
  double dense_rescore_ms = 0;   // of dense_ms: exact re-scoring of the candidates
  double keyword_ms = 0;
  double rerank_ms = 0;
  double total_ms = 0;
};

struct SearchResults {
  std::vector<SearchResult> results;
  SearchStats stats;
  // Set when the models (embedding, reranker) saw only the start of the query, cut to
  // kMaxQueryTokens (search/query_length.h): the tokens they saw. For the user's attention.
  std::optional<int> query_truncated_to_tokens;
};

QString to_string(SearchMode mode);
std::optional<SearchMode> search_mode_from_string(const QString& text);

}  // namespace xun::core
