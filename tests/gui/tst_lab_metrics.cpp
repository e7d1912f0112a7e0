// The instruction lab without widgets: its ranking metrics against hand-computed values
// (perfect, reversed, nothing relevant, ties, short lists), the movement markers between two
// rankings, the ranking model (QAbstractItemModelTester, shared relevance marks), presets and
// the CSV and JSON exports read back.
#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "lab/lab_export.h"
#include "lab/lab_metrics.h"
#include "lab/lab_movement.h"
#include "lab/lab_presets.h"
#include "lab/lab_results.h"
#include "lab/variant_ranking_model.h"
#include "csv_text.h"

using namespace xun::gui;
using xun::test::parse_csv;

namespace {

constexpr double kUnset = -1;  // in the data rows: the metric is undefined (nothing relevant)

std::vector<Judgement> judgements(const QList<double>& scores, const QList<bool>& relevant) {
  std::vector<Judgement> ranked;
  for (qsizetype i = 0; i < scores.size(); ++i) ranked.push_back({scores[i], relevant[i]});
  return ranked;
}

// Three passages; variant A ranks them 1, 2, 3 by cosine, B reranks them 3, 1, 2.
LabComparison sample_comparison() {
  LabComparison comparison;
  comparison.query = QStringLiteral("tomatoes");
  comparison.variants = {{.query_instruction = QStringLiteral("Find, \"quoted\" passages"),
                          .rerank_instruction = {}, .rerank = false, .embedding_model = {}, .reranker_model = {}},
                         {.query_instruction = QStringLiteral("Other"), .rerank_instruction = QStringLiteral("Judge"),
                          .rerank = true, .embedding_model = QStringLiteral("/models/other.gguf"), .reranker_model = {}}};
  for (int i = 0; i < 3; ++i) {
    comparison.pool.push_back({.chunk_id = 10 + i,
                               .path = QStringLiteral("/docs/file%1.txt").arg(i),
                               .page = i == 2 ? 4 : 0,
                               .snippet = i == 1 ? QStringLiteral("a, \"tricky\"\nsnippet") : QStringLiteral("plain %1").arg(i),
                               .highlights = {},
                               .content_hash = QByteArray(1, static_cast<char>('a' + i))});
  }
  LabRanking a;
  a.embedding_model = QStringLiteral("/models/loaded.gguf");
  a.ranked = {{0, 0.9f, std::nullopt, 0.9f}, {1, 0.5f, std::nullopt, 0.5f}, {2, 0.25f, std::nullopt, 0.25f}};
  LabRanking b;
  b.embedding_model = QStringLiteral("/models/other.gguf");
  b.reranker_model = QStringLiteral("/models/rerank.gguf");
  b.ranked = {{2, 0.1f, 0.75f, 0.75f}, {0, 0.3f, 0.5f, 0.5f}, {1, 0.2f, 0.125f, 0.125f}};
  comparison.rankings = {a, b};
  return comparison;
}

}  // namespace

class TestLabMetrics : public QObject {
  Q_OBJECT

 private slots:
  void metrics_data() {
    QTest::addColumn<QList<double>>("scores");  // best first
    QTest::addColumn<QList<bool>>("relevant");
    QTest::addColumn<int>("relevantTotal");
    QTest::addColumn<double>("ndcg");
    QTest::addColumn<double>("mrr");
    QTest::addColumn<double>("recall");
    const QList<double> five{0.9, 0.8, 0.7, 0.6, 0.5};
    QTest::newRow("perfect ranking") << five << QList<bool>{true, true, false, false, false} << 2 << 1.0 << 1.0 << 1.0;
    // DCG = 1/log2(5) + 1/log2(6); ideal = 1 + 1/log2(3).
    QTest::newRow("reversed") << five << QList<bool>{false, false, false, true, true} << 2 << 0.5012658353418871
                              << 0.25 << 1.0;
    QTest::newRow("no relevant") << five << QList<bool>(5, false) << 0 << kUnset << kUnset << kUnset;
    // Ranks 2 and 3 tie with one relevant: each holds it half the time.
    // NDCG = 0.5/log2(3) + 0.5/log2(4); MRR = 0.5 * 1/2 + 0.5 * 1/3.
    QTest::newRow("ties") << QList<double>{0.9, 0.5, 0.5, 0.1} << QList<bool>{false, true, false, false} << 1
                          << 0.5654648767857288 << 0.41666666666666663 << 1.0;
    // Two relevant of three tied at the top: gains 2/3 each; MRR = 2/3 * 1 + 1/3 * 1/2.
    QTest::newRow("two relevant tied at the top")
        << QList<double>{0.5, 0.5, 0.5} << QList<bool>{true, false, true} << 2 << 0.8710490642551529
        << 0.8333333333333333 << 1.0;
    // Eleven tied passages, one relevant: the cut at 10 keeps 10/11 of it.
    QTest::newRow("a tie across the cut at 10")
        << QList<double>(11, 0.5) << (QList<bool>{true} + QList<bool>(10, false)) << 1 << 0.41305084891712235
        << 0.2745343040797586 << 0.9090909090909091;
    QTest::newRow("fewer than 10 results") << QList<double>{0.9, 0.8, 0.7} << QList<bool>{false, true, false} << 1
                                           << 0.6309297535714575 << 0.5 << 1.0;
    QList<double> twelve;
    for (int i = 0; i < 12; ++i) twelve << 1.0 - i * 0.01;
    QList<bool> first_and_eleventh(12, false);
    first_and_eleventh[0] = first_and_eleventh[10] = true;
    QTest::newRow("a relevant passage below 10") << twelve << first_and_eleventh << 2 << 0.6131471927654584 << 1.0
                                                 << 0.5;
    // Three marked, one of them listed: the ideal ranking still holds three.
    QTest::newRow("marked passages missing from the list")
        << QList<double>{0.9, 0.8} << QList<bool>{true, false} << 3 << 0.46927872602275644 << 1.0
        << 0.3333333333333333;
  }

  void metrics() {
    QFETCH(QList<double>, scores);
    QFETCH(QList<bool>, relevant);
    QFETCH(int, relevantTotal);
    QFETCH(double, ndcg);
    QFETCH(double, mrr);
    QFETCH(double, recall);
    const std::vector<Judgement> ranked = judgements(scores, relevant);
    const RankingMetrics metrics = ranking_metrics(ranked, relevantTotal);
    auto check = [](const std::optional<double>& value, double expected, const char* name) {
      if (expected == kUnset) {
        QVERIFY2(!value.has_value(), name);
      } else {
        QVERIFY2(value.has_value(), name);
        QVERIFY2(std::abs(*value - expected) < 1e-12,
                 qPrintable(QStringLiteral("%1: %2, expected %3").arg(QLatin1String(name)).arg(*value, 0, 'g', 17).arg(expected, 0, 'g', 17)));
      }
    };
    check(metrics.ndcg, ndcg, "NDCG@10");
    check(metrics.mrr, mrr, "MRR");
    check(metrics.recall, recall, "recall@10");
  }

  void moves_data() {
    QTest::addColumn<QList<qint64>>("baseline");
    QTest::addColumn<QList<qint64>>("ranking");
    QTest::addColumn<int>("shown");
    QTest::addColumn<QStringList>("expected");  // "=", "+n" (up), "-n" (down), "new"
    QTest::newRow("identical") << QList<qint64>{1, 2, 3} << QList<qint64>{1, 2, 3} << 3 << QStringList{"=", "=", "="};
    QTest::newRow("two swapped") << QList<qint64>{1, 2, 3} << QList<qint64>{2, 1, 3} << 3
                                 << QStringList{"+1", "-1", "="};
    QTest::newRow("from below the cut") << QList<qint64>{1, 2, 3, 4} << QList<qint64>{4, 1, 2, 3} << 3
                                        << QStringList{"new", "-1", "-1"};
    QTest::newRow("reversed") << QList<qint64>{1, 2, 3, 4} << QList<qint64>{4, 3, 2, 1} << 4
                              << QStringList{"+3", "+1", "-1", "-3"};
    QTest::newRow("fewer than shown") << QList<qint64>{5, 6} << QList<qint64>{6, 5} << 10
                                      << QStringList{"+1", "-1"};
  }

  void moves() {
    QFETCH(QList<qint64>, baseline);
    QFETCH(QList<qint64>, ranking);
    QFETCH(int, shown);
    QFETCH(QStringList, expected);
    const std::vector<int64_t> base(baseline.begin(), baseline.end());
    const std::vector<int64_t> ranked(ranking.begin(), ranking.end());
    QStringList got;
    for (const RankMove& move : rank_moves(base, ranked, static_cast<size_t>(shown))) {
      switch (move.kind) {
        case RankMove::Kind::same: got << QStringLiteral("="); break;
        case RankMove::Kind::up: got << QStringLiteral("+%1").arg(move.places); break;
        case RankMove::Kind::down: got << QStringLiteral("-%1").arg(move.places); break;
        case RankMove::Kind::entered: got << QStringLiteral("new"); break;
      }
    }
    QCOMPARE(got, expected);
  }

  void ranking_model_shares_relevance_and_shows_moves() {
    LabResults results;
    results.setComparison(sample_comparison());
    VariantRankingModel a(results, 0);
    VariantRankingModel b(results, 1);
    QAbstractItemModelTester tester_a(&a, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester tester_b(&b, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(a.rowCount(), 3);
    QCOMPARE(b.index(0, VariantRankingModel::file).data().toString(), QStringLiteral("file2.txt, p. 4"));
    QCOMPARE(b.index(0, VariantRankingModel::score).data().toString(), QStringLiteral("0.7500"));
    QCOMPARE(b.index(0, VariantRankingModel::move).data().toString(), QStringLiteral("▲2"));
    QCOMPARE(b.index(1, VariantRankingModel::move).data().toString(), QStringLiteral("▼1"));
    QCOMPARE(b.index(2, VariantRankingModel::move).data().toString(), QStringLiteral("▼1"));
    QCOMPARE(b.index(1, VariantRankingModel::move).data(VariantRankingModel::MovePlacesRole).toInt(), -1);
    QCOMPARE(a.index(0, VariantRankingModel::move).data().toString(), QString());  // the baseline

    // Marking passage 12 (A's rank 3, B's rank 1) in B checks it in A as well.
    QSignalSpy changed_a(&a, &QAbstractItemModel::dataChanged);
    QVERIFY(b.setData(b.index(0, VariantRankingModel::relevant), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(changed_a.size(), 1);
    QCOMPARE(changed_a.first().at(0).value<QModelIndex>().row(), 2);
    QCOMPARE(a.index(2, VariantRankingModel::relevant).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(results.isRelevant(12));
    QCOMPARE(*results.metrics(1).mrr, 1.0);
    QCOMPARE(*results.metrics(0).mrr, 1.0 / 3.0);

    results.setShown(2);  // the cut makes passage 12 "new" in B
    QCOMPARE(a.rowCount(), 2);
    QCOMPARE(b.index(0, VariantRankingModel::move).data().toString(), QStringLiteral("new"));
    QVERIFY(!b.index(0, VariantRankingModel::move).data(VariantRankingModel::MovePlacesRole).isValid());

    // A new comparison of the same query keeps the marks; another query clears them.
    results.setComparison(sample_comparison());
    QVERIFY(results.isRelevant(12));
    LabComparison other = sample_comparison();
    other.query = QStringLiteral("compost");
    results.setComparison(other);
    QVERIFY(results.relevant().isEmpty());
  }

  void presets_round_trip() {
    std::vector<LabPreset> presets;
    put_preset(presets, {QStringLiteral("zeta"), sample_comparison().variants});
    put_preset(presets, {QStringLiteral("alpha"), {sample_comparison().variants[1]}});
    put_preset(presets, {QStringLiteral("zeta"), {sample_comparison().variants[0]}});  // replaces
    QCOMPARE(presets.size(), size_t{2});
    QCOMPARE(presets[0].name, QStringLiteral("alpha"));
    const std::vector<LabPreset> read = presets_from_json(presets_to_json(presets));
    QVERIFY(read == presets);
    QVERIFY(presets_from_json("not json").empty());
    QVERIFY(remove_preset(presets, QStringLiteral("alpha")));
    QCOMPARE(presets.size(), size_t{1});
  }

  void exports_read_back() {
    LabResults results;
    results.setComparison(sample_comparison());
    results.setRelevant(11, true);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csv_path = dir.filePath(QStringLiteral("comparison.csv"));
    const QString json_path = dir.filePath(QStringLiteral("comparison.JSON"));
    QVERIFY(export_comparison(results, csv_path));
    QVERIFY(export_comparison(results, json_path));

    QFile csv_file(csv_path);
    QVERIFY(csv_file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parse_csv(QString::fromUtf8(csv_file.readAll()));
    QCOMPARE(rows.size(), 1 + 3 + 3);
    const QStringList header = rows[0];
    for (const QStringList& row : rows) QCOMPARE(row.size(), header.size());
    auto field = [&](int row, const char* column) { return rows[row][header.indexOf(QLatin1String(column))]; };
    QCOMPARE(field(1, "query_instruction"), QStringLiteral("Find, \"quoted\" passages"));
    QCOMPARE(field(2, "snippet"), QStringLiteral("a, \"tricky\"\nsnippet"));
    QCOMPARE(field(2, "relevant"), QStringLiteral("true"));
    QCOMPARE(field(4, "variant"), QStringLiteral("B"));
    QCOMPARE(field(4, "chunk_id"), QStringLiteral("12"));
    QCOMPARE(field(4, "baseline_rank"), QStringLiteral("3"));
    QCOMPARE(field(4, "rerank_score").toDouble(), 0.75);
    QCOMPARE(field(4, "reranker_model"), QStringLiteral("/models/rerank.gguf"));
    QCOMPARE(field(1, "rerank_score"), QString());
    QCOMPARE(field(1, "mrr").toDouble(), 0.5);  // passage 11 is A's second
    QCOMPARE(field(4, "mrr").toDouble(), 1.0 / 3.0);

    QFile json_file(json_path);
    QVERIFY(json_file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(json_file.readAll()).object();
    QCOMPARE(root.value("query").toString(), QStringLiteral("tomatoes"));
    QCOMPARE(root.value("relevant_marked").toInt(), 1);
    const QJsonArray variants = root.value("variants").toArray();
    QCOMPARE(variants.size(), 2);
    const QJsonObject b = variants[1].toObject();
    QCOMPARE(b.value("name").toString(), QStringLiteral("B"));
    QCOMPARE(b.value("rerank").toBool(), true);
    QCOMPARE(b.value("metrics").toObject().value("mrr").toDouble(), 1.0 / 3.0);
    const QJsonArray ranked = b.value("results").toArray();
    QCOMPARE(ranked.size(), 3);
    QCOMPARE(ranked[2].toObject().value("chunk_id").toInteger(), 11);
    QCOMPARE(ranked[2].toObject().value("relevant").toBool(), true);
    QCOMPARE(ranked[2].toObject().value("baseline_rank").toInt(), 2);
    QCOMPARE(ranked[2].toObject().value("dense_score").toDouble(), 0.2f);
    QVERIFY(variants[0].toObject().value("results").toArray()[0].toObject().value("rerank_score").isNull());

    // Nothing marked: the metrics are null, not 0.
    results.setRelevant(11, false);
    const QJsonObject unmarked = QJsonDocument::fromJson(comparison_to_json(results)).object();
    QVERIFY(unmarked.value("variants").toArray()[0].toObject().value("metrics").toObject().value("ndcg_at_10").isNull());
    // A folder that does not exist: an error naming the path.
    const auto failed = save_file(dir.filePath(QStringLiteral("missing/x.csv")), "x");
    QVERIFY(!failed);
    QVERIFY(QString::fromStdString(failed.error().message).contains(QStringLiteral("missing/x.csv")));
  }
};

QTEST_GUILESS_MAIN(TestLabMetrics)
#include "tst_lab_metrics.moc"
