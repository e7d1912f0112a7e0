// The instruction lab, driven through its widgets in the real main window with the tiny
// fixture models: two instructions compared on the same candidates (scores, movement markers,
// selection across columns, relevance marks and metrics, chart, export), another model file
// beside the loaded one (its vectors computed once and stored), presets, cancelling, and the
// last state (query, variants, relevance marks) kept across a restart.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBoxPlotSeries>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include <atomic>
#include <cmath>
#include <map>

#include "gui_fixture.h"
#include "lab/lab_metrics.h"
#include "lab/lab_page.h"
#include "lab/lab_presets.h"
#include "lab/score_chart.h"
#include "lab/variant_ranking_model.h"
#include "test_support.h"
#include "csv_text.h"

using namespace xun;
using namespace xun::gui;
using xun::test::parse_csv;

namespace {

constexpr int kRunTimeoutMs = 300000;
const QString kQuery = QStringLiteral("tomatoes in the garden");
const QString kInstructionA = QStringLiteral("Given a web search query, retrieve relevant passages that answer the query");
const QString kInstructionB = QStringLiteral("Find notes about growing vegetables");

QWidget* column(LabPage& page, int index) {
  return page.findChild<QWidget*>(QStringLiteral("labVariant%1").arg(index));
}

template <typename T>
T* in_column(LabPage& page, int index, const char* name) {
  QWidget* widget = column(page, index);
  return widget ? widget->findChild<T*>(QString::fromLatin1(name)) : nullptr;
}

QTableView* table(LabPage& page, int index) { return in_column<QTableView>(page, index, "ranking"); }

void replace_text(QPlainTextEdit* edit, const QString& text) {
  edit->setFocus();
  QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, text);
}

void replace_text(QLineEdit* edit, const QString& text) {
  edit->setFocus();
  QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, text);
}

// What a column lists: chunk ids, scores (the ranking's and the dense ones) and texts, by row.
struct Listed {
  std::vector<qint64> chunk_ids;
  std::vector<double> scores;
  std::vector<double> dense;
  QStringList score_texts;
  QStringList move_texts;
  std::vector<bool> relevant;
};

Listed listed(QTableView* view) {
  Listed out;
  QAbstractItemModel* model = view->model();
  for (int row = 0; row < model->rowCount(); ++row) {
    out.chunk_ids.push_back(model->index(row, 0).data(VariantRankingModel::ChunkIdRole).toLongLong());
    out.scores.push_back(model->index(row, 0).data(VariantRankingModel::ScoreRole).toDouble());
    out.dense.push_back(model->index(row, 0).data(VariantRankingModel::DenseScoreRole).toDouble());
    out.score_texts << model->index(row, VariantRankingModel::score).data().toString();
    out.move_texts << model->index(row, VariantRankingModel::move).data().toString();
    out.relevant.push_back(model->index(row, VariantRankingModel::relevant).data(Qt::CheckStateRole).toInt() ==
                           Qt::Checked);
  }
  return out;
}

// Clicks the relevance check box of `row` where the user would.
void click_relevant(QTableView* view, int row) {
  const QModelIndex index = view->model()->index(row, VariantRankingModel::relevant);
  view->scrollTo(index);
  QStyleOptionViewItem option;
  option.initFrom(view);
  option.rect = view->visualRect(index);
  option.features |= QStyleOptionViewItem::HasCheckIndicator;
  const QRect check = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view);
  QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, check.center());
}

void click_row(QTableView* view, int row) {
  const QModelIndex index = view->model()->index(row, VariantRankingModel::file);
  view->scrollTo(index);
  QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

// Starts the lab page's comparison with the Compare button and waits for it to end.
bool compare(LabPage& page) {
  QSignalSpy finished(&page, &LabPage::runFinished);
  auto* run = page.findChild<QPushButton*>(QStringLiteral("labRun"));
  if (!run || !run->isEnabled()) return false;
  QTest::mouseClick(run, Qt::LeftButton);
  return finished.wait(kRunTimeoutMs) || !finished.isEmpty();
}

// The dense scores of a plain dense search, by chunk id.
std::map<qint64, double> dense_search(SearchService& service, const QString& query, const QString& instruction) {
  SearchSpec spec;
  spec.query = query;
  spec.mode = core::SearchMode::dense;
  spec.top_k = 50;
  spec.instruction = instruction;
  QSignalSpy finished(&service, &SearchService::searchFinished);
  service.search(spec);
  std::map<qint64, double> scores;
  if (!finished.wait(kRunTimeoutMs)) return scores;
  for (const core::SearchResult& result : finished.first().at(1).value<core::SearchResults>().results)
    scores[result.chunk_id] = *result.dense_score;
  return scores;
}

QString expected_move(const std::vector<qint64>& baseline, qint64 chunk_id, int row) {
  const auto found = std::ranges::find(baseline, chunk_id);
  if (found == baseline.end()) return QStringLiteral("new");
  const int places = static_cast<int>(found - baseline.begin()) - row;
  if (places > 0) return QStringLiteral("▲%1").arg(places);
  if (places < 0) return QStringLiteral("▼%1").arg(-places);
  return QStringLiteral("=");
}

QString metric_text(const std::optional<double>& value) {
  return value ? QString::number(*value, 'f', 3) : QStringLiteral("–");
}

}  // namespace

class TestGuiLab : public QObject {
  Q_OBJECT

 private:
  // A running application with the fixture models and the documents indexed, on the lab page.
  static LabPage* start_indexed(test::GuiFixture& fixture) {
    fixture.useFixtureModels();
    fixture.start();
    if (!fixture.waitForModels()) return nullptr;
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    if (!fixture.waitForIndexingIdle()) return nullptr;
    fixture.window().showPage(MainWindow::Page::lab);
    return fixture.window().labPage();
  }

 private slots:
  void compares_two_instructions() {
    test::GuiFixture fixture;
    LabPage* page = start_indexed(fixture);
    QVERIFY(page);
    QVERIFY(page->isVisible());
    QVERIFY(column(*page, 0) && column(*page, 1));
    QVERIFY(!column(*page, 2));  // two variants to start with
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("labQuery")), kQuery);
    replace_text(in_column<QPlainTextEdit>(*page, 0, "queryInstruction"), kInstructionA);
    replace_text(in_column<QPlainTextEdit>(*page, 1, "queryInstruction"), kInstructionB);
    QVERIFY(compare(*page));
    QVERIFY2(!page->isRunning(), "the run ended");

    // Both columns list every passage (six one-chunk files) with a score.
    QAbstractItemModelTester tester(table(*page, 1)->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Listed a = listed(table(*page, 0));
    const Listed b = listed(table(*page, 1));
    QCOMPARE(a.chunk_ids.size(), size_t{6});
    QCOMPARE(b.chunk_ids.size(), size_t{6});
    for (int row = 0; row < 6; ++row) {
      QCOMPARE(a.score_texts[row], QString::number(a.scores[static_cast<size_t>(row)], 'f', 4));
      QCOMPARE(b.score_texts[row], QString::number(b.scores[static_cast<size_t>(row)], 'f', 4));
      if (row > 0) QVERIFY(a.scores[static_cast<size_t>(row)] <= a.scores[static_cast<size_t>(row) - 1]);
    }
    QCOMPARE(in_column<QLabel>(*page, 0, "variantStatus")->text(), QStringLiteral("Passages ranked: 6."));

    // Another instruction embeds the query differently: the scores differ.
    std::map<qint64, double> a_by_chunk, b_by_chunk;
    for (size_t i = 0; i < 6; ++i) {
      a_by_chunk[a.chunk_ids[i]] = a.dense[i];
      b_by_chunk[b.chunk_ids[i]] = b.dense[i];
    }
    QCOMPARE(a_by_chunk.size(), size_t{6});
    QVERIFY(a_by_chunk != b_by_chunk);
    // The first variant's scores are those of a plain dense search with its instruction.
    const std::map<qint64, double> searched = dense_search(fixture.services().search(), kQuery, kInstructionA);
    QCOMPARE(searched.size(), size_t{6});
    for (const auto& [chunk_id, score] : searched) {
      QVERIFY(a_by_chunk.contains(chunk_id));
      QVERIFY2(std::abs(a_by_chunk[chunk_id] - score) < 1e-6,
               qPrintable(QStringLiteral("chunk %1: lab %2, search %3").arg(chunk_id).arg(a_by_chunk[chunk_id]).arg(score)));
    }

    // Movement markers: B's rows against A's ranking; none in A itself.
    for (int row = 0; row < 6; ++row) {
      QCOMPARE(b.move_texts[row], expected_move(a.chunk_ids, b.chunk_ids[static_cast<size_t>(row)], row));
      QCOMPARE(a.move_texts[row], QString());
    }

    // Selecting a result selects the same passage in the other column.
    click_row(table(*page, 0), 3);
    const QModelIndexList selected = table(*page, 1)->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(VariantRankingModel::ChunkIdRole).toLongLong(), a.chunk_ids[3]);

    // Metrics wait for relevance marks.
    QCOMPARE(in_column<QLabel>(*page, 0, "ndcgValue")->text(), QStringLiteral("–"));
    // Two passages marked in A (its ranks 1 and 3) are marked in B too.
    click_relevant(table(*page, 0), 0);
    click_relevant(table(*page, 0), 2);
    const Listed a_marked = listed(table(*page, 0));
    const Listed b_marked = listed(table(*page, 1));
    QCOMPARE(a_marked.relevant, (std::vector<bool>{true, false, true, false, false, false}));
    int marked_in_b = 0;
    for (size_t i = 0; i < 6; ++i) {
      const bool expected = b_marked.chunk_ids[i] == a.chunk_ids[0] || b_marked.chunk_ids[i] == a.chunk_ids[2];
      QCOMPARE(bool(b_marked.relevant[i]), expected);
      marked_in_b += expected;
    }
    QCOMPARE(marked_in_b, 2);
    // Hand-checked for A: NDCG@10 = (1 + 1/log2 4) / (1 + 1/log2 3) = 0.9197, MRR 1, recall 1.
    QCOMPARE(in_column<QLabel>(*page, 0, "ndcgValue")->text(), QStringLiteral("0.920"));
    QCOMPARE(in_column<QLabel>(*page, 0, "mrrValue")->text(), QStringLiteral("1.000"));
    QCOMPARE(in_column<QLabel>(*page, 0, "recallValue")->text(), QStringLiteral("1.000"));
    for (int v = 0; v < 2; ++v) {
      const Listed shown = listed(table(*page, v));
      std::vector<Judgement> judged;
      for (size_t i = 0; i < shown.scores.size(); ++i) judged.push_back({shown.scores[i], shown.relevant[i]});
      const RankingMetrics expected = ranking_metrics(judged, 2);
      QCOMPARE(in_column<QLabel>(*page, v, "ndcgValue")->text(), metric_text(expected.ndcg));
      QCOMPARE(in_column<QLabel>(*page, v, "mrrValue")->text(), metric_text(expected.mrr));
      QCOMPARE(in_column<QLabel>(*page, v, "recallValue")->text(), metric_text(expected.recall));
    }

    // The chart: one line of scores per variant, or a box per variant.
    auto* chart = page->findChild<ScoreChart*>(QStringLiteral("labScoreChart"));
    QVERIFY(chart);
    QCOMPARE(chart->chart()->series().size(), 2);
    for (QAbstractSeries* series : chart->chart()->series()) {
      auto* line = qobject_cast<QLineSeries*>(series);
      QVERIFY(line);
      QCOMPARE(line->count(), 6);
    }
    QCOMPARE(static_cast<QLineSeries*>(chart->chart()->series()[1])->at(0).y(), b.scores[0]);
    auto* kind = chart->findChild<QComboBox*>(QStringLiteral("chartKind"));
    kind->setFocus();
    QTest::keyClick(kind, Qt::Key_Down);
    QCOMPARE(chart->kind(), ScoreChart::Kind::box_plot);
    QCOMPARE(chart->chart()->series().size(), 2);  // a box per variant
    for (int v = 0; v < 2; ++v) {
      auto* box = qobject_cast<QBoxPlotSeries*>(chart->chart()->series()[v]);
      QVERIFY(box);
      QCOMPARE(box->count(), 1);
      const Listed& shown = v == 0 ? a : b;
      QCOMPARE(box->boxSets()[0]->at(QBoxSet::UpperExtreme), shown.scores.front());
      QCOMPARE(box->boxSets()[0]->at(QBoxSet::LowerExtreme), shown.scores.back());
    }
    // Export: the CSV and JSON read back with the ranking, the marks and the metrics.
    QTemporaryDir out;
    QVERIFY(page->exportComparison(out.filePath(QStringLiteral("lab.csv"))));
    QVERIFY(page->exportComparison(out.filePath(QStringLiteral("lab.json"))));
    QFile csv(out.filePath(QStringLiteral("lab.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parse_csv(QString::fromUtf8(csv.readAll()));
    QCOMPARE(rows.size(), 1 + 12);
    const QStringList header = rows[0];
    auto field = [&](int row, const char* name) { return rows[row][header.indexOf(QLatin1String(name))]; };
    for (int r = 1; r <= 12; ++r) {
      const bool in_b = r > 6;
      const size_t rank = static_cast<size_t>(in_b ? r - 7 : r - 1);
      const Listed& shown = in_b ? b_marked : a_marked;
      QCOMPARE(field(r, "query"), kQuery);
      QCOMPARE(field(r, "variant"), in_b ? QStringLiteral("B") : QStringLiteral("A"));
      QCOMPARE(field(r, "query_instruction"), in_b ? kInstructionB : kInstructionA);
      QCOMPARE(field(r, "rank").toInt(), int(rank) + 1);
      QCOMPARE(field(r, "chunk_id").toLongLong(), shown.chunk_ids[rank]);
      QVERIFY(std::abs(field(r, "score").toDouble() - shown.scores[rank]) < 1e-6);
      QCOMPARE(field(r, "relevant") == QStringLiteral("true"), bool(shown.relevant[rank]));
      QCOMPARE(field(r, "ndcg_at_10"), field(in_b ? 7 : 1, "ndcg_at_10"));
    }
    QVERIFY(std::abs(field(1, "ndcg_at_10").toDouble() - 1.5 / (1 + 1 / std::log2(3.0))) < 1e-6);
    QFile json(out.filePath(QStringLiteral("lab.json")));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(root.value("query").toString(), kQuery);
    QCOMPARE(root.value("relevant_marked").toInt(), 2);
    const QJsonArray variants = root.value("variants").toArray();
    QCOMPARE(variants.size(), 2);
    QCOMPARE(variants[1].toObject().value("query_instruction").toString(), kInstructionB);
    QCOMPARE(variants[0].toObject().value("metrics").toObject().value("mrr").toDouble(), 1.0);
    const QJsonArray b_results = variants[1].toObject().value("results").toArray();
    QCOMPARE(b_results.size(), 6);
    for (int i = 0; i < 6; ++i) {
      const QJsonObject result = b_results[i].toObject();
      QCOMPARE(result.value("chunk_id").toInteger(), b_marked.chunk_ids[static_cast<size_t>(i)]);
      QCOMPARE(result.value("relevant").toBool(), bool(b_marked.relevant[static_cast<size_t>(i)]));
      QVERIFY(std::abs(result.value("dense_score").toDouble() - b.dense[static_cast<size_t>(i)]) < 1e-6);
    }
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }

  void compares_another_model_file_with_reranking() {
    test::GuiFixture fixture;
    LabPage* page = start_indexed(fixture);
    QVERIFY(page);
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("labQuery")), kQuery);
    // Same instruction in both; B embeds with the q8_0 file and reranks.
    const QString other = QString::fromStdString(test::data_path("tiny-embed-q8_0.gguf").string());
    replace_text(in_column<QLineEdit>(*page, 1, "embeddingModel"), other);
    QTest::mouseClick(in_column<QCheckBox>(*page, 1, "rerank"), Qt::LeftButton);
    QVERIFY(in_column<QPlainTextEdit>(*page, 1, "rerankInstruction")->isEnabled());
    QVERIFY(compare(*page));

    QCOMPARE(in_column<QLabel>(*page, 1, "variantStatus")->text(),
             QStringLiteral("Passages ranked: 6; vectors computed now: 6; rerank scores computed now: 6."));
    const Listed a = listed(table(*page, 0));
    const Listed b = listed(table(*page, 1));
    QCOMPARE(b.chunk_ids.size(), size_t{6});
    std::map<qint64, double> a_dense, b_dense;
    for (size_t i = 0; i < 6; ++i) {
      a_dense[a.chunk_ids[i]] = a.dense[i];
      b_dense[b.chunk_ids[i]] = b.dense[i];
      // B is ordered by the reranker's P(yes).
      const QVariant rerank = table(*page, 1)->model()->index(int(i), 0).data(VariantRankingModel::RerankScoreRole);
      QVERIFY(rerank.isValid());
      QCOMPARE(rerank.toDouble(), b.scores[i]);
      QVERIFY(b.scores[i] >= 0 && b.scores[i] <= 1);
    }
    QCOMPARE(b_dense.size(), size_t{6});
    QVERIFY(a_dense != b_dense);  // another model's vectors, another query embedding

    // Again: the other model's passage vectors and the rerank scores were stored, not recomputed.
    QVERIFY(compare(*page));
    QCOMPARE(in_column<QLabel>(*page, 1, "variantStatus")->text(), QStringLiteral("Passages ranked: 6."));
    const Listed again = listed(table(*page, 1));
    QCOMPARE(again.chunk_ids, b.chunk_ids);
    QCOMPARE(again.scores, b.scores);
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }

  void a_variant_that_cannot_run_says_why() {
    test::GuiFixture fixture;
    LabPage* page = start_indexed(fixture);
    QVERIFY(page);
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("labQuery")), QStringLiteral("compost"));
    // A reranker file given as B's embedding model.
    const QString reranker = QString::fromStdString(test::data_path("tiny-rerank-f16.gguf").string());
    replace_text(in_column<QLineEdit>(*page, 1, "embeddingModel"), reranker);
    QVERIFY(compare(*page));
    QCOMPARE(table(*page, 0)->model()->rowCount(), 6);
    QCOMPARE(table(*page, 1)->model()->rowCount(), 0);
    const QString status = in_column<QLabel>(*page, 1, "variantStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("is a reranker, not an embedding model")), qPrintable(status));
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }

  void without_a_model_the_columns_say_what_to_do() {
    test::GuiFixture fixture;
    fixture.start();
    QVERIFY(fixture.waitForModels());
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    fixture.window().showPage(MainWindow::Page::lab);
    LabPage* page = fixture.window().labPage();
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("labQuery")), QStringLiteral("compost heap"));
    QVERIFY(compare(*page));
    const QString status = page->findChild<QLabel*>(QStringLiteral("labStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("keyword matches only")), qPrintable(status));
    for (int v = 0; v < 2; ++v) {
      QCOMPARE(table(*page, v)->model()->rowCount(), 0);
      const QString said = in_column<QLabel>(*page, v, "variantStatus")->text();
      QVERIFY2(said.contains(QStringLiteral("No embedding model is loaded")), qPrintable(said));
    }
    QVERIFY(!page->findChild<QToolButton*>(QStringLiteral("labExport"))->isEnabled());
  }

  void presets_save_and_restore_variants() {
    test::GuiFixture fixture;
    fixture.start();
    fixture.window().showPage(MainWindow::Page::lab);
    LabPage* page = fixture.window().labPage();
    // Three variants: the third differs, the second reranks.
    QTest::mouseClick(page->findChild<QToolButton*>(QStringLiteral("labAddVariant")), Qt::LeftButton);
    QVERIFY(column(*page, 2));
    replace_text(in_column<QPlainTextEdit>(*page, 2, "queryInstruction"), QStringLiteral("Third instruction"));
    replace_text(in_column<QPlainTextEdit>(*page, 0, "queryInstruction"), QStringLiteral("Preset instruction"));
    QTest::mouseClick(in_column<QCheckBox>(*page, 1, "rerank"), Qt::LeftButton);
    const std::vector<LabVariant> saved = page->variants();

    // "Save preset…" asks for a name.
    QTimer::singleShot(0, [] {
      auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
      if (!dialog) return;
      dialog->setTextValue(QStringLiteral("My preset"));
      dialog->accept();
    });
    QTest::mouseClick(page->findChild<QToolButton*>(QStringLiteral("labSavePreset")), Qt::LeftButton);
    auto* combo = page->findChild<QComboBox*>(QStringLiteral("labPresetCombo"));
    QCOMPARE(combo->count(), 1);
    QCOMPARE(combo->currentText(), QStringLiteral("My preset"));
    const std::vector<LabPreset> stored = presets_from_json(fixture.settings().labPresets());
    QCOMPARE(stored.size(), size_t{1});
    QVERIFY(stored[0].variants == saved);

    // Changed: the first instruction, and the third variant removed.
    replace_text(in_column<QPlainTextEdit>(*page, 0, "queryInstruction"), QStringLiteral("Changed"));
    QTest::mouseClick(in_column<QToolButton>(*page, 2, "removeVariant"), Qt::LeftButton);
    QTRY_VERIFY(!column(*page, 2));
    QVERIFY(!in_column<QToolButton>(*page, 1, "removeVariant")->isEnabled());  // two at least
    QCOMPARE(in_column<QPlainTextEdit>(*page, 0, "queryInstruction")->toPlainText(), QStringLiteral("Changed"));

    // Choosing the preset restores all three.
    combo->showPopup();
    QAbstractItemView* list = combo->view();
    QTRY_VERIFY(list->isVisible());
    const QModelIndex item = list->model()->index(0, 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(item).center());
    QTRY_VERIFY(column(*page, 2));
    QCOMPARE(in_column<QPlainTextEdit>(*page, 0, "queryInstruction")->toPlainText(), QStringLiteral("Preset instruction"));
    QCOMPARE(in_column<QPlainTextEdit>(*page, 2, "queryInstruction")->toPlainText(), QStringLiteral("Third instruction"));
    QVERIFY(in_column<QCheckBox>(*page, 1, "rerank")->isChecked());
    QVERIFY(page->variants() == saved);

    // Deleted: gone from the settings too.
    QTest::mouseClick(page->findChild<QToolButton*>(QStringLiteral("labDeletePreset")), Qt::LeftButton);
    QCOMPARE(combo->count(), 0);
    QVERIFY(presets_from_json(fixture.settings().labPresets()).empty());
  }

  // The query, the variants and the relevance marks come back after a restart; the marks count
  // again once the same query runs.
  void the_last_state_survives_a_restart() {
    test::GuiFixture fixture;
    LabPage* page = start_indexed(fixture);
    QVERIFY(page);
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("labQuery")), kQuery);
    QTest::mouseClick(page->findChild<QToolButton*>(QStringLiteral("labAddVariant")), Qt::LeftButton);
    replace_text(in_column<QPlainTextEdit>(*page, 1, "queryInstruction"), kInstructionB);
    QTest::mouseClick(in_column<QCheckBox>(*page, 2, "rerank"), Qt::LeftButton);
    QVERIFY(compare(*page));
    click_relevant(table(*page, 0), 1);
    click_relevant(table(*page, 0), 4);
    const Listed before = listed(table(*page, 0));
    const std::vector<LabVariant> variants = page->variants();
    QCOMPARE(variants.size(), size_t{3});
    QCOMPARE(page->results().relevant().size(), 2);
    QVERIFY(fixture.window().close());
    fixture.stop();

    fixture.start();
    page = fixture.window().labPage();
    QCOMPARE(page->findChild<QLineEdit*>(QStringLiteral("labQuery"))->text(), kQuery);
    QVERIFY(page->variants() == variants);
    QVERIFY(column(*page, 2));
    QCOMPARE(page->results().relevant(), (QSet<int64_t>{before.chunk_ids[1], before.chunk_ids[4]}));
    QVERIFY(fixture.waitForModels());
    fixture.window().showPage(MainWindow::Page::lab);
    QVERIFY(compare(*page));
    const Listed after = listed(table(*page, 0));
    QVERIFY(after.chunk_ids == before.chunk_ids);
    QVERIFY(after.relevant == before.relevant);
    QCOMPARE(page->results().relevantInPool(), 2);
  }

  void rankings_and_variants_fit_the_window_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("rows");  // at least this many result rows in view
    QTest::newRow("default") << QSize(1180, 760) << 4;
    // Not yet at 900x600: the variant editors alone take the height there (issue 13).
    QTest::newRow("900x600") << QSize(900, 600) << 0;
  }

  // The rankings get the room (the chart does not take it all), and three variants sit side by
  // side without the first scrolled out of sight.
  void rankings_and_variants_fit_the_window() {
    QFETCH(QSize, size);
    QFETCH(int, rows);
    test::GuiFixture fixture;
    LabPage* page = start_indexed(fixture);
    QVERIFY(page);
    fixture.window().resize(size);
    QTRY_COMPARE(fixture.window().size(), size);
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("labQuery")), kQuery);
    QTest::mouseClick(page->findChild<QToolButton*>(QStringLiteral("labAddVariant")), Qt::LeftButton);
    QVERIFY(compare(*page));
    QCoreApplication::processEvents();
    auto* scroll = page->findChild<QScrollArea*>();
    QVERIFY(scroll);
    // A row counts when the user sees all of it: inside the table and inside the scroll area.
    QTableView* ranking = table(*page, 0);
    int rows_in_view = 0;
    for (int row = 0; row < ranking->model()->rowCount(); ++row) {
      const QRect rect = ranking->visualRect(ranking->model()->index(row, 0));
      const QRect in_scroll(ranking->viewport()->mapTo(scroll->viewport(), rect.topLeft()), rect.size());
      rows_in_view += ranking->viewport()->rect().contains(rect) && scroll->viewport()->rect().contains(in_scroll);
    }
    QVERIFY2(rows_in_view >= rows, qPrintable(QStringLiteral("%1 rows in view").arg(rows_in_view)));
    for (int index = 0; index < 3; ++index) {
      const int left = column(*page, index)->mapTo(scroll->viewport(), QPoint(0, 0)).x();
      const int right = left + column(*page, index)->width();
      QVERIFY2(left >= 0 && right <= scroll->viewport()->width(),
               qPrintable(QStringLiteral("variant %1 at x %2..%3 of %4").arg(index).arg(left).arg(right).arg(scroll->viewport()->width())));
    }
  }

  void cancelled_before_it_ranks() {
    test::GuiFixture fixture;
    LabPage* page = start_indexed(fixture);
    QVERIFY(page);
    // Hold the search thread so that the cancel surely comes before the comparison runs.
    std::atomic<bool> release{false};
    auto blocker = fixture.services().search().run<int>([&release](SearchContext&) -> Result<int> {
      while (!release) QThread::msleep(5);
      return 0;
    });
    QTest::keyClicks(page->findChild<QLineEdit*>(QStringLiteral("labQuery")), kQuery);
    QSignalSpy finished(page, &LabPage::runFinished);
    QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("labRun")), Qt::LeftButton);
    QVERIFY(page->isRunning());
    auto* cancel = page->findChild<QPushButton*>(QStringLiteral("labCancel"));
    QVERIFY(cancel->isVisible());
    QVERIFY(page->findChild<QProgressBar*>(QStringLiteral("labProgress"))->isVisible());
    QVERIFY(!page->findChild<QToolButton*>(QStringLiteral("labAddVariant"))->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    release = true;
    QVERIFY(finished.wait(kRunTimeoutMs) || !finished.isEmpty());
    QCOMPARE(page->findChild<QLabel*>(QStringLiteral("labStatus"))->text(), QStringLiteral("Cancelled."));
    QCOMPARE(table(*page, 0)->model()->rowCount(), 0);
    QVERIFY(!cancel->isVisible());
    QVERIFY(page->findChild<QPushButton*>(QStringLiteral("labRun"))->isEnabled());
    blocker.waitForFinished();
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }
};

QTEST_MAIN(TestGuiLab)
#include "tst_gui_lab.moc"
