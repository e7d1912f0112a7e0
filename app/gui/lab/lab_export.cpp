#include "lab/lab_export.h"

#include <unordered_map>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringList>

#include "lab/lab_presets.h"

namespace xun::gui {
namespace {

// Numbers in full, so that a script sees the lab's values: 9 significant digits round-trip a
// float (every score is one), 17 a double (the metrics).
QString number(double value) { return QString::number(value, 'g', 9); }
QString metric(double value) { return QString::number(value, 'g', 17); }

QString csv_field(const QString& text) {
  if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
    return text;
  QString quoted = text;
  quoted.replace(u'"', QStringLiteral("\"\""));
  return u'"' + quoted + u'"';
}

QString optional_metric(const std::optional<double>& value) { return value ? metric(*value) : QString(); }

QJsonValue json_number(const std::optional<double>& value) { return value ? QJsonValue(*value) : QJsonValue(); }

// Rank (from 1) of each chunk in the first variant's ranking.
std::unordered_map<int64_t, int> baseline_ranks(const LabComparison& comparison) {
  std::unordered_map<int64_t, int> ranks;
  const std::vector<int64_t> ids = comparison.ranked_chunk_ids(0);
  for (size_t i = 0; i < ids.size(); ++i) ranks.emplace(ids[i], static_cast<int>(i) + 1);
  return ranks;
}

QString baseline_rank_of(const std::unordered_map<int64_t, int>& ranks, int64_t chunk_id) {
  const auto found = ranks.find(chunk_id);
  return found == ranks.end() ? QString() : QString::number(found->second);
}

const QStringList kCsvColumns = {
    QStringLiteral("query"), QStringLiteral("variant"), QStringLiteral("query_instruction"),
    QStringLiteral("rerank_instruction"), QStringLiteral("rerank"), QStringLiteral("embedding_model"),
    QStringLiteral("reranker_model"), QStringLiteral("error"), QStringLiteral("ndcg_at_10"),
    QStringLiteral("mrr"), QStringLiteral("recall_at_10"), QStringLiteral("rank"),
    QStringLiteral("baseline_rank"), QStringLiteral("chunk_id"), QStringLiteral("path"),
    QStringLiteral("page"), QStringLiteral("dense_score"), QStringLiteral("rerank_score"),
    QStringLiteral("score"), QStringLiteral("relevant"), QStringLiteral("snippet")};

}  // namespace

QByteArray comparison_to_csv(const LabResults& results) {
  const LabComparison& comparison = results.comparison();
  const auto baseline = baseline_ranks(comparison);
  QStringList lines{kCsvColumns.join(u',')};
  for (size_t v = 0; v < comparison.variants.size(); ++v) {
    const LabVariant& variant = comparison.variants[v];
    const LabRanking ranking = v < comparison.rankings.size() ? comparison.rankings[v] : LabRanking{};
    const RankingMetrics metrics = results.metrics(v);
    const QStringList settings{
        comparison.query, lab_variant_name(v), variant.query_instruction, variant.rerank_instruction,
        variant.rerank ? QStringLiteral("true") : QStringLiteral("false"),
        ranking.embedding_model.isEmpty() ? variant.embedding_model : ranking.embedding_model,
        ranking.reranker_model.isEmpty() ? variant.reranker_model : ranking.reranker_model,
        ranking.error, optional_metric(metrics.ndcg), optional_metric(metrics.mrr),
        optional_metric(metrics.recall)};
    auto line = [&](const QStringList& entry) {
      QStringList fields;
      for (const QString& field : settings + entry) fields << csv_field(field);
      lines << fields.join(u',');
    };
    if (ranking.ranked.empty()) line(QStringList(kCsvColumns.size() - settings.size(), QString()));
    for (size_t r = 0; r < ranking.ranked.size(); ++r) {
      const LabScore& entry = ranking.ranked[r];
      const LabCandidate& candidate = comparison.pool[entry.candidate];
      line({QString::number(r + 1), baseline_rank_of(baseline, candidate.chunk_id),
            QString::number(candidate.chunk_id), candidate.path, QString::number(candidate.page),
            number(entry.dense), entry.rerank ? number(*entry.rerank) : QString(), number(entry.score),
            results.isRelevant(candidate.chunk_id) ? QStringLiteral("true") : QStringLiteral("false"),
            candidate.snippet});
    }
  }
  return (lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8();
}

QByteArray comparison_to_json(const LabResults& results) {
  const LabComparison& comparison = results.comparison();
  const auto baseline = baseline_ranks(comparison);
  QJsonArray variants;
  for (size_t v = 0; v < comparison.variants.size(); ++v) {
    const LabRanking ranking = v < comparison.rankings.size() ? comparison.rankings[v] : LabRanking{};
    const RankingMetrics metrics = results.metrics(v);
    QJsonArray ranked;
    for (size_t r = 0; r < ranking.ranked.size(); ++r) {
      const LabScore& entry = ranking.ranked[r];
      const LabCandidate& candidate = comparison.pool[entry.candidate];
      const auto base = baseline.find(candidate.chunk_id);
      ranked.append(QJsonObject{
          {QStringLiteral("rank"), static_cast<int>(r) + 1},
          {QStringLiteral("baseline_rank"), base == baseline.end() ? QJsonValue() : QJsonValue(base->second)},
          {QStringLiteral("chunk_id"), static_cast<qint64>(candidate.chunk_id)},
          {QStringLiteral("path"), candidate.path},
          {QStringLiteral("page"), candidate.page},
          {QStringLiteral("dense_score"), static_cast<double>(entry.dense)},
          {QStringLiteral("rerank_score"), entry.rerank ? QJsonValue(static_cast<double>(*entry.rerank)) : QJsonValue()},
          {QStringLiteral("score"), entry.score},
          {QStringLiteral("relevant"), results.isRelevant(candidate.chunk_id)},
          {QStringLiteral("snippet"), candidate.snippet}});
    }
    QJsonObject variant = variant_to_json(comparison.variants[v]);
    variant.insert(QStringLiteral("name"), lab_variant_name(v));
    variant.insert(QStringLiteral("embedding_model_used"), ranking.embedding_model);
    variant.insert(QStringLiteral("reranker_model_used"), ranking.reranker_model);
    variant.insert(QStringLiteral("error"), ranking.error);
    variant.insert(QStringLiteral("metrics"),
                   QJsonObject{{QStringLiteral("ndcg_at_10"), json_number(metrics.ndcg)},
                               {QStringLiteral("mrr"), json_number(metrics.mrr)},
                               {QStringLiteral("recall_at_10"), json_number(metrics.recall)}});
    variant.insert(QStringLiteral("results"), ranked);
    variants.append(variant);
  }
  const QJsonObject root{{QStringLiteral("query"), comparison.query},
                         {QStringLiteral("pool_size"), static_cast<int>(comparison.pool.size())},
                         {QStringLiteral("pool_note"), comparison.pool_note},
                         {QStringLiteral("relevant_marked"), results.relevantInPool()},
                         {QStringLiteral("variants"), variants}};
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<void> save_file(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return fail(path.toStdString() + ": " + file.errorString().toStdString());
  if (file.write(bytes) != bytes.size() || !file.commit())
    return fail(path.toStdString() + ": " + file.errorString().toStdString());
  return {};
}

Result<void> export_comparison(const LabResults& results, const QString& path) {
  const bool json = path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive);
  return save_file(path, json ? comparison_to_json(results) : comparison_to_csv(results));
}

}  // namespace xun::gui
