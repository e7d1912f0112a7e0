// A comparison written out for a spreadsheet or a script: the query, each variant (its
// instructions and the models it used), its metrics and its whole ranking with scores and the
// user's relevance marks.
//
// CSV (RFC 4180, UTF-8): one row per variant and rank, with the variant's settings and metrics
// repeated on each row so that any row stands alone; a variant without a ranking has one row
// with its error. JSON: {"query", "pool_size", "pool_note", "relevant_marked", "variants": [{
// "name", "query_instruction", "rerank_instruction", "rerank", "embedding_model",
// "reranker_model", "embedding_model_used", "reranker_model_used", "error", "metrics":
// {"ndcg_at_10", "mrr", "recall_at_10"} (null while nothing is marked), "results": [{"rank",
// "baseline_rank", "chunk_id", "path", "page", "dense_score", "rerank_score" (or null),
// "score", "relevant", "snippet"}]}]}. Ranks count from 1; baseline_rank is the rank the first
// variant gave the same passage.
#pragma once

#include <QByteArray>
#include <QString>

#include "lab/lab_results.h"
#include "xun/error.h"

namespace xun::gui {

QByteArray comparison_to_csv(const LabResults& results);
QByteArray comparison_to_json(const LabResults& results);

// Writes `bytes` to `path` all at once (QSaveFile): an existing file is replaced only when the
// whole new one was written.
Result<void> save_file(const QString& path, const QByteArray& bytes);
// JSON for a path ending in .json, CSV otherwise.
Result<void> export_comparison(const LabResults& results, const QString& path);

}  // namespace xun::gui
