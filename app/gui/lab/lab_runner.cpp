#include "lab/lab_runner.h"

#include <algorithm>

#include <QCoreApplication>

#include "lab/lab_pool.h"
#include "lab/lab_scoring.h"

namespace xun::gui {
namespace {

class LabRunnerText {
  Q_DECLARE_TR_FUNCTIONS(LabRunner)
};

// The model a variant names by path, or the loaded one; checked to be of the kind it is used as.
Result<std::shared_ptr<xun::Model>> variant_model(ModelHost& host, const QString& path,
                                                  const std::shared_ptr<xun::Model>& loaded,
                                                  xun::ModelKind kind) {
  std::shared_ptr<xun::Model> model = loaded;
  if (!path.isEmpty()) {
    auto extra = host.load_extra(path);
    if (!extra) return std::unexpected(extra.error());
    model = std::move(*extra);
  }
  if (!model) {
    const QString message =
        kind == xun::ModelKind::embedding
            ? LabRunnerText::tr("No embedding model is loaded: choose one in Settings, or give this variant a model file.")
            : LabRunnerText::tr("No reranker is loaded: choose one in Settings, or give this variant a reranker file.");
    return fail(message.toStdString());
  }
  if (model->info().kind != kind) {
    const QString message = kind == xun::ModelKind::embedding
                                ? LabRunnerText::tr("%1 is a reranker, not an embedding model.")
                                : LabRunnerText::tr("%1 is an embedding model, not a reranker.");
    return fail(message.arg(QString::fromStdString(model->info().path.string())).toStdString());
  }
  return model;
}

// The pool ranked by `scores` (best first; equal scores keep the pool's order).
std::vector<LabScore> ranked(std::vector<LabScore> entries) {
  std::ranges::stable_sort(entries, [](const LabScore& a, const LabScore& b) { return a.score > b.score; });
  return entries;
}

// One variant's ranking; an Error only when the run must stop (cancelled, the store failed).
Result<LabRanking> rank_with(SearchContext& context, ModelHost& host, const LabRequest& request,
                             size_t index, const LabPool& pool, LabRunControl& control) {
  const LabVariant& variant = request.variants[index];
  const QString name = lab_variant_name(index);
  const QString query = request.query.trimmed();
  LabRanking ranking;
  auto failed = [&](const Error& error) -> Result<LabRanking> {
    if (control.cancelled()) return std::unexpected(error);
    ranking.error = QString::fromStdString(error.message);
    return ranking;
  };

  control.report_stage(LabRunnerText::tr("Variant %1: loading the models").arg(name));
  auto embedding = variant_model(host, variant.embedding_model, context.models.embedding, xun::ModelKind::embedding);
  if (!embedding) return failed(embedding.error());
  ranking.embedding_model = QString::fromStdString((*embedding)->info().path.string());
  std::shared_ptr<xun::Model> reranker;
  if (variant.rerank) {
    auto loaded = variant_model(host, variant.reranker_model, context.models.reranker, xun::ModelKind::reranker);
    if (!loaded) return failed(loaded.error());
    reranker = std::move(*loaded);
    ranking.reranker_model = QString::fromStdString(reranker->info().path.string());
  }

  auto dense = dense_scores(context.store, **embedding, variant.query_instruction, query, pool, control,
                            [&](int done, int total) {
                              control.report_stage(LabRunnerText::tr("Variant %1: embedding passages (%2 of %3)")
                                                       .arg(name).arg(done).arg(total));
                            });
  if (!dense) return failed(dense.error());
  ranking.passages_embedded = dense->computed;
  std::optional<ScoringOutcome> rerank;
  if (reranker) {
    auto scored = rerank_scores(context.store, *reranker, variant.rerank_instruction, query, pool, control,
                                [&](int done, int total) {
                                  control.report_stage(LabRunnerText::tr("Variant %1: reranking (%2 of %3)")
                                                           .arg(name).arg(done).arg(total));
                                });
    if (!scored) return failed(scored.error());
    ranking.rerank_computed = scored->computed;
    rerank = std::move(*scored);
  }

  std::vector<LabScore> entries;
  for (size_t i = 0; i < pool.candidates.size(); ++i) {
    LabScore entry{.candidate = i, .dense = dense->scores[i], .rerank = std::nullopt, .score = dense->scores[i]};
    if (rerank) {
      entry.rerank = rerank->scores[i];
      entry.score = rerank->scores[i];
    }
    entries.push_back(entry);
  }
  ranking.ranked = ranked(std::move(entries));
  return ranking;
}

QStringList model_paths(const std::vector<LabVariant>& variants) {
  QStringList paths;
  for (const LabVariant& variant : variants) {
    if (!variant.embedding_model.isEmpty()) paths << variant.embedding_model;
    if (variant.rerank && !variant.reranker_model.isEmpty()) paths << variant.reranker_model;
  }
  return paths;
}

}  // namespace

void LabRunControl::report(int done, int total, const QString& stage) {
  std::lock_guard lock(mutex_);
  progress_ = {done, total, stage};
}

void LabRunControl::report_stage(const QString& stage) {
  std::lock_guard lock(mutex_);
  progress_.stage = stage;
}

LabRunControl::Progress LabRunControl::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

Result<LabComparison> run_lab(SearchContext& context, ModelHost& host, const LabRequest& request,
                              LabRunControl& control) {
  const int total = 1 + static_cast<int>(request.variants.size());
  control.report(0, total, LabRunnerText::tr("Finding candidate passages"));
  // Models no variant names any more are freed before others are loaded.
  host.retain_extra(model_paths(request.variants));

  LabComparison comparison;
  comparison.query = request.query.trimmed();
  comparison.variants = request.variants;
  auto pool = build_pool(context, request);
  if (!pool) return std::unexpected(pool.error());
  comparison.pool = pool->candidates;
  comparison.pool_note = pool->note;

  for (size_t i = 0; i < request.variants.size(); ++i) {
    if (control.cancelled()) return fail("cancelled");
    control.report(1 + static_cast<int>(i), total, {});
    if (pool->candidates.empty()) {
      comparison.rankings.emplace_back();
      continue;
    }
    auto ranking = rank_with(context, host, request, i, *pool, control);
    if (!ranking) return std::unexpected(ranking.error());
    comparison.rankings.push_back(std::move(*ranking));
  }
  control.report(total, total, {});
  return comparison;
}

}  // namespace xun::gui
