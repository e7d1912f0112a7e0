// `xun index`, `xun search` and `xun status` as processes on real files and the tiny fixture
// models, and the crash test: runs killed with SIGKILL at random moments must leave an index
// that opens, holds only finished files, and is completed by the next run to exactly what an
// uninterrupted run builds.
#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <random>

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "xun_process.h"

using nlohmann::json;
using xun::test::run_xun;
using xun::test::XunRun;

namespace {

QString model_path(const char* name) { return QString::fromStdString(xun::test::data_path(name).string()); }

void write_file(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) qFatal("cannot write %s", qPrintable(path));
}

// A corpus of distinct documents: topic words make keyword search checkable.
void write_corpus(const QString& folder, int files) {
  const QStringList topics = {"lighthouse", "harbour", "glacier", "orchard", "railway", "volcano", "library", "comet"};
  for (int f = 0; f < files; ++f) {
    const QString topic = topics[f % topics.size()];
    QString text = QString("# Notes %1 on the %2\n\n").arg(f).arg(topic);
    for (int p = 0; p < 6; ++p)
      text += QString("Entry %1.%2: the %3 was observed again; measurements %4 and %5 were written down "
                      "before the weather turned, and the %3 log grew by another page.\n\n")
                  .arg(f).arg(p).arg(topic).arg(f * 31 + p).arg(p * 17 + f);
    write_file(QString("%1/%2/%3-%4.md").arg(folder, topic).arg(topic).arg(f), text.toUtf8());
  }
  write_file(folder + "/zh/灯塔.txt", QString("北方海角的灯塔于1987年实现自动化。守塔人的小屋仍然矗立在旁边。\n").repeated(10).toUtf8());
  QFile::copy(QString::fromStdString(xun::test::source_data_path("documents/sample.pdf").string()), folder + "/sample.pdf");
}

std::optional<json> last_json_line(const QByteArray& out) {
  const QList<QByteArray> lines = out.trimmed().split('\n');
  if (lines.isEmpty()) return std::nullopt;
  try {
    return json::parse(lines.back().toStdString());
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

// What an index holds, independent of row ids and times: every chunk of every document with
// its place and hash, whether it has a vector, and the database's own integrity verdict.
QStringList snapshot(const QString& database_path) {
  QStringList rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database_path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return {"cannot open"};
  }
  const char* queries[] = {
      "PRAGMA integrity_check",
      "SELECT d.path || ' ' || hex(d.content_hash) || ' ' || c.ordinal || ' ' || c.start_offset || '-' || "
      "c.end_offset || ' p' || c.page || ' ' || hex(c.content_hash) || ' v' || "
      "(SELECT COUNT(*) FROM vectors v WHERE v.content_hash = c.content_hash) "
      "FROM chunks c JOIN documents d ON d.id = c.document_id ORDER BY d.path, c.ordinal",
      "SELECT 'fts ' || COUNT(*) FROM chunks_fts",
      "SELECT 'documents ' || COUNT(*) FROM documents"};
  for (const char* sql : queries) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
      rows << QString("cannot prepare: %1").arg(sqlite3_errmsg(db));
      continue;
    }
    while (sqlite3_step(statement) == SQLITE_ROW)
      rows << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return rows;
}

}  // namespace

class IndexCliTest : public QObject {
  Q_OBJECT

  QTemporaryDir work_;
  QString corpus_;
  QString database_;

 private slots:
  void initTestCase() {
    corpus_ = work_.path() + "/corpus";
    write_corpus(corpus_, 24);
    database_ = work_.path() + "/index.sqlite";
  }

  void index_reports_every_count_as_json() {
    const XunRun run = run_xun({"index", "--db", database_, "--model", model_path("tiny-embed-f16.gguf"),
                                "--json", corpus_});
    QVERIFY2(run.succeeded(), run.describe());
    const auto report = last_json_line(run.out);
    QVERIFY(report.has_value());
    for (const char* key : {"files_seen", "files_indexed", "files_unchanged", "files_skipped", "files_failed",
                            "chunks", "chunks_embedded", "chunks_reused", "seconds", "failures"})
      QVERIFY2(report->contains(key), key);
    QCOMPARE((*report)["files_indexed"].get<int>(), 26);
    QCOMPARE((*report)["files_failed"].get<int>(), 0);
    QVERIFY((*report)["chunks_embedded"].get<int>() > 0);

    const XunRun again = run_xun({"index", "--db", database_, "--model", model_path("tiny-embed-f16.gguf"),
                                  "--json", corpus_});
    QVERIFY2(again.succeeded(), again.describe());
    QCOMPARE((*last_json_line(again.out))["files_unchanged"].get<int>(), 26);
    QCOMPARE((*last_json_line(again.out))["chunks_embedded"].get<int>(), 0);
  }

  void status_describes_the_index() {
    const XunRun run = run_xun({"status", "--db", database_, "--json"});
    QVERIFY2(run.succeeded(), run.describe());
    const auto status = last_json_line(run.out);
    QVERIFY(status.has_value());
    QCOMPARE((*status)["documents"].get<int>(), 26);
    QVERIFY((*status)["chunks"].get<int>() >= 26);
    QCOMPARE((*status)["folders"].size(), size_t{1});
    QCOMPARE((*status)["models"].size(), size_t{1});
    QVERIFY((*status)["bytes"].get<int64_t>() > 0);
  }

  void search_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected_path_part");
    QTest::newRow("keyword, English") << QStringList{"--mode", "keyword", "glacier measurements"} << "glacier";
    QTest::newRow("keyword, Chinese without spaces") << QStringList{"--mode", "keyword", "灯塔"} << "灯塔";
    QTest::newRow("hybrid without --model: the index remembers it") << QStringList{"--mode", "hybrid", "volcano log"} << "volcano";
    QTest::newRow("keyword, filtered by type") << QStringList{"--mode", "keyword", "--type", "markdown", "comet"} << "comet";
  }

  void search() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected_path_part);
    const XunRun run = run_xun(QStringList{"search", "--db", database_, "--json"} + arguments);
    QVERIFY2(run.succeeded(), run.describe());
    const auto response = last_json_line(run.out);
    QVERIFY(response.has_value());
    const json& results = (*response)["results"];
    QVERIFY(!results.empty());
    QVERIFY2(QString::fromStdString(results[0]["path"].get<std::string>()).contains(expected_path_part),
             results[0]["path"].get<std::string>().c_str());
    for (const char* key : {"path", "page", "start", "end", "snippet", "dense_score", "keyword_score", "rerank_score", "score"})
      QVERIFY2(results[0].contains(key), key);
  }

  void search_with_reranking_scores_every_result() {
    const XunRun run = run_xun({"search", "--db", database_, "--json", "--rerank-model",
                                model_path("tiny-rerank-f16.gguf"), "--rerank-instruction",
                                "Find notes about the weather", "--top-k", "5", "orchard"});
    QVERIFY2(run.succeeded(), run.describe());
    const auto response = last_json_line(run.out);
    QVERIFY(response.has_value());
    const json& results = (*response)["results"];
    QCOMPARE(results.size(), size_t{5});
    for (const json& result : results) QVERIFY(result["rerank_score"].is_number());
  }

  // A query longer than the models' 512 tokens is cut, and the output says so: a field with
  // --json, a line on standard error otherwise. Hostile queries return in every mode.
  void a_long_query_is_cut_with_a_note() {
    const XunRun short_query = run_xun({"search", "--db", database_, "--json", "volcano log"});
    QVERIFY2(short_query.succeeded(), short_query.describe());
    const auto short_response = last_json_line(short_query.out);
    QVERIFY(short_response.has_value());
    QVERIFY((*short_response)["query_truncated_to_tokens"].is_null());

    QString cjk;
    for (int i = 0; i < 11000; ++i) cjk += QChar(0x4E00 + (i * 7919) % 20000);
    const QStringList hostile = {QString("volcano log ").repeated(5000), QString("NEAR( ").repeated(5000), cjk};
    for (const QString& query : hostile) {
      for (const char* mode : {"dense", "keyword", "hybrid"}) {
        const XunRun run = run_xun({"search", "--db", database_, "--json", "--mode", mode, query});
        QVERIFY2(run.succeeded(), qPrintable(QString(mode) + ": " + run.describe()));
        const auto response = last_json_line(run.out);
        QVERIFY(response.has_value());
        QVERIFY((*response)["results"].is_array());
        const json& truncated = (*response)["query_truncated_to_tokens"];
        if (QString(mode) == "keyword") {
          QVERIFY(truncated.is_null());  // no model reads the query
        } else {
          QVERIFY2(truncated.is_number_integer(), truncated.dump().c_str());
          QVERIFY(truncated.get<int>() > 0 && truncated.get<int>() <= 512);
        }
      }
    }
    const XunRun text = run_xun({"search", "--db", database_, hostile.front()});
    QVERIFY2(text.succeeded(), text.describe());
    QVERIFY2(text.err.contains("the models used its first") && text.err.contains("tokens"), text.err);
  }

  void errors_name_the_file() {
    const XunRun missing = run_xun({"search", "--db", work_.path() + "/nope/none.sqlite", "anything"});
    QVERIFY(!missing.succeeded());
    QVERIFY2(missing.err.contains("none.sqlite"), missing.err);
    write_file(work_.path() + "/corrupt.sqlite", QByteArray("this is not a database file at all").repeated(200));
    const XunRun corrupt = run_xun({"status", "--db", work_.path() + "/corrupt.sqlite"});
    QVERIFY(!corrupt.succeeded());
    QCOMPARE(corrupt.status, QProcess::NormalExit);
    QVERIFY2(corrupt.err.contains("corrupt.sqlite"), corrupt.err);
    QCOMPARE(corrupt.err.trimmed().count('\n'), 0);
  }

  void a_run_killed_at_random_moments_loses_nothing_finished() {
    const QStringList base{"index", "--model", model_path("tiny-embed-f16.gguf"), "--chunk-tokens", "64",
                           "--json", corpus_};
    // The reference: one uninterrupted run, timed to spread the kills over it.
    const QString reference = work_.path() + "/reference.sqlite";
    QElapsedTimer timer;
    timer.start();
    const XunRun uninterrupted = run_xun(QStringList{"--db", reference} + base);
    const qint64 duration_ms = timer.elapsed();
    QVERIFY2(uninterrupted.succeeded(), uninterrupted.describe());
    const QStringList expected = snapshot(reference);
    QVERIFY(expected.size() > 30);
    QCOMPARE(expected.front(), QString("ok"));

    const QString crashed = work_.path() + "/crashed.sqlite";
    std::mt19937 random(20261122);
    // Each run resumes the last, so later ones have less to do; moments in the first third of an
    // uninterrupted run (which is mostly start-up and the first files: 0.36 s on the CPU backend)
    // still catch most of them mid-work.
    std::uniform_int_distribution<qint64> moment(30, std::max<qint64>(60, duration_ms / 3));
    int killed = 0;
    for (int attempt = 0; attempt < 6; ++attempt) {
      QProcess process;
      process.start(QString::fromStdString(xun::test::xun_binary().string()), QStringList{"--db", crashed} + base);
      QVERIFY(process.waitForStarted());
      if (!process.waitForFinished(static_cast<int>(moment(random)))) {
        process.kill();  // SIGKILL: no cleanup, no rollback handler, mid-write or not
        process.waitForFinished();
        ++killed;
      }
      // Whatever the moment, the index opens and is consistent.
      const QStringList now = snapshot(crashed);
      QCOMPARE(now.front(), QString("ok"));
      const XunRun status = run_xun({"status", "--db", crashed, "--json"});
      QVERIFY2(status.succeeded(), status.describe());
    }
    qInfo("killed %d of 6 runs (uninterrupted run: %lld ms)", killed, duration_ms);
    QVERIFY(killed >= 3);
    const XunRun finish = run_xun(QStringList{"--db", crashed} + base);
    QVERIFY2(finish.succeeded(), finish.describe());
    QCOMPARE(snapshot(crashed), expected);
  }

  void watch_mode_indexes_new_files() {
    const QString folder = work_.path() + "/watched";
    write_file(folder + "/first.md", "# First\n\nThe first note about the tidal mill.\n");
    QProcess watcher;
    watcher.start(QString::fromStdString(xun::test::xun_binary().string()),
                  {"index", "--db", work_.path() + "/watch.sqlite", "--json", "--watch", folder});
    QVERIFY(watcher.waitForStarted());
    auto next_report = [&]() -> std::optional<json> {
      QElapsedTimer timer;
      timer.start();
      while (timer.elapsed() < 60'000) {
        if (watcher.canReadLine()) return last_json_line(watcher.readLine());
        watcher.waitForReadyRead(1000);
      }
      return std::nullopt;
    };
    const auto first = next_report();
    QVERIFY(first.has_value());
    QCOMPARE((*first)["files_indexed"].get<int>(), 1);
    write_file(folder + "/second.md", "# Second\n\nA second note, written while xun watched.\n");
    const auto second = next_report();
    QVERIFY(second.has_value());
    QCOMPARE((*second)["files_indexed"].get<int>(), 1);
    QCOMPARE((*second)["files_unchanged"].get<int>(), 1);
    watcher.terminate();  // SIGTERM: stops cleanly
    QVERIFY(watcher.waitForFinished(30'000));
    QCOMPARE(watcher.exitStatus(), QProcess::NormalExit);
  }
};

QTEST_GUILESS_MAIN(IndexCliTest)
#include "tst_index_cli.moc"
