// What the instruction lab compares: one query, several variants (an instruction for the query
// embedding and one for the reranker, with the models to use), each ranking the same pool of
// candidate passages, so that differences come from the variants and never from the pool.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QList>
#include <QString>

#include "search/search_types.h"

namespace xun::gui {

struct LabVariant {
  QString query_instruction;   // for the query embedding; empty: the query as plain text
  QString rerank_instruction;  // for the reranker
  bool rerank = false;
  QString embedding_model;     // a model path; empty: the loaded embedding model
  QString reranker_model;      // a model path; empty: the loaded reranker
  bool operator==(const LabVariant&) const = default;
};

struct LabRequest {
  QString query;
  std::vector<LabVariant> variants;
  // The pool: the union of a hybrid search (loaded model, this instruction) and a keyword
  // search, each `pool_depth` deep.
  QString pool_instruction = core::kDefaultInstruction;
  int pool_depth = 50;
};

// A passage of the pool.
struct LabCandidate {
  int64_t chunk_id = 0;
  QString path;
  int page = 0;                       // 0 when the document has no pages
  QString snippet;                    // the passage around the query words
  QList<core::Highlight> highlights;  // in `snippet`
  QByteArray content_hash;            // of the chunk text: the key of vectors and caches
};

struct LabScore {
  size_t candidate = 0;         // index in LabComparison::pool
  float dense = 0;              // cosine of the query and passage vectors
  std::optional<float> rerank;  // P(yes), when the variant reranks
  double score = 0;             // what the ranking orders by: rerank if set, else dense
};

// One variant's ranking of the whole pool, best first.
struct LabRanking {
  std::vector<LabScore> ranked;  // empty when the variant could not run (see error)
  QString error;                 // why, in words a user can act on
  QString embedding_model;       // the paths actually used
  QString reranker_model;        // empty when not reranked
  int passages_embedded = 0;     // passage vectors computed by this run (the rest were stored)
  int rerank_computed = 0;       // rerank scores computed by this run (the rest were cached)
  bool ran() const { return error.isEmpty() && !ranked.empty(); }
};

// "A", "B", ...: what the lab calls the variant at `index`.
QString lab_variant_name(size_t index);

struct LabComparison {
  QString query;
  std::vector<LabVariant> variants;
  std::vector<LabCandidate> pool;
  std::vector<LabRanking> rankings;  // one per variant, in order
  QString pool_note;                 // how the pool was built when it is not the usual way

  // The chunk ids of a ranking, best first.
  std::vector<int64_t> ranked_chunk_ids(size_t variant) const;
};

}  // namespace xun::gui
