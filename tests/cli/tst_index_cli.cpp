// `xun index`, `xun search` and `xun status` as processes on real files and the tiny fixture
// models, and the crash test: runs killed with SIGKILL at random moments must leave an index
// that opens, holds only finished files, and is completed by the next run to exactly what an
// uninterrupted run builds.
#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <filesystem>
#include <functional>
#include <random>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "xun_process.h"

using nlohmann::json;
using xun::test::run_xun;
using xun::test::run_xun_bound_by_permissions;
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

// A file whose name is given as bytes: names that are not UTF-8 cannot pass through QString.
void write_file_named_by_bytes(const QString& folder, const QByteArray& name, const QByteArray& bytes) {
  QDir().mkpath(folder);
  const QByteArray path = folder.toUtf8() + '/' + name;
  const int descriptor = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (descriptor < 0 || ::write(descriptor, bytes.constData(), bytes.size()) != bytes.size())
    qFatal("cannot write %s", path.constData());
  ::close(descriptor);
}

// The paths in a report's "failures" or "skipped" list, with their reasons.
QMap<QString, QString> listed(const json& report, const char* list, const char* why) {
  QMap<QString, QString> files;
  for (const json& entry : report[list])
    files.insert(QString::fromStdString(entry["path"].get<std::string>()),
                 QString::fromStdString(entry[why].get<std::string>()));
  return files;
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

// One number from the index, read as any other program would (read-only, beside a running xun).
int64_t count_rows(const QString& database_path, const char* sql) {
  sqlite3* db = nullptr;
  int64_t count = -1;
  if (sqlite3_open_v2(database_path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
      count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return count;
}

int64_t vector_count(const QString& database_path) {
  return QFileInfo::exists(database_path) ? count_rows(database_path, "SELECT count(*) FROM vectors") : 0;
}

QByteArray file_bytes(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}


}  // namespace

class IndexCliTest : public QObject {
  Q_OBJECT

  QTemporaryDir work_;
  QString corpus_;
  QString database_;
  QString long_folder_;

 private slots:
  void initTestCase() {
    corpus_ = work_.path() + "/corpus";
    write_corpus(corpus_, 24);
    database_ = work_.path() + "/index.sqlite";
    // One long file: many engine batches of 64 chunks at --chunk-tokens 16.
    long_folder_ = work_.path() + "/long";
    QString text = "# The long survey\n\n";
    for (int p = 0; p < 500; ++p)
      text += QString("Survey entry %1: station %2 recorded wind %3 and tide %4 before noon.\n\n")
                  .arg(p).arg(p % 37).arg(p * 7 % 101).arg(p * 13 % 89);
    write_file(long_folder_ + "/survey.md", text.toUtf8());
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

  // A query longer than the models' 128 tokens is cut, and the output says so: a field with
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
          QVERIFY(truncated.get<int>() > 0 && truncated.get<int>() <= 128);
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

  // A long file needs many engine batches; each killed run must keep the batches it finished,
  // so that every next run has less left to embed, and the last completes the index to exactly
  // what an uninterrupted run builds.
  void runs_killed_after_finished_batches_keep_them() {
    const QStringList base{"index", "--model", model_path("tiny-embed-f16.gguf"), "--chunk-tokens", "16",
                           "--chunk-overlap", "0", "--json", long_folder_};
    const QString reference = work_.path() + "/long-reference.sqlite";
    const XunRun uninterrupted = run_xun(QStringList{"--db", reference} + base);
    QVERIFY2(uninterrupted.succeeded(), uninterrupted.describe());
    const int64_t total = (*last_json_line(uninterrupted.out))["chunks_embedded"].get<int64_t>();
    QVERIFY2(total >= 8 * 64, "the file should need many batches of 64");

    const QString crashed = work_.path() + "/long-crashed.sqlite";
    std::vector<int64_t> stored{0};  // vectors in the index after each killed run
    std::mt19937 random(20261203);
    std::uniform_int_distribution<int> extra_ms(0, 40);  // the kill lands after or inside a later batch
    for (int attempt = 0; attempt < 4; ++attempt) {
      QProcess process;
      process.start(QString::fromStdString(xun::test::xun_binary().string()), QStringList{"--db", crashed} + base);
      QVERIFY(process.waitForStarted());
      // Killed once this run has stored a batch of its own (polled), a random moment later.
      while (process.state() == QProcess::Running && vector_count(crashed) <= stored.back())
        process.waitForFinished(2);
      process.waitForFinished(extra_ms(random));
      process.kill();  // SIGKILL, at whatever point after a finished batch the run has reached
      process.waitForFinished();
      QVERIFY2(process.exitStatus() == QProcess::CrashExit, "the run ended before it could be killed");
      QCOMPARE(snapshot(crashed).front(), QString("ok"));
      stored.push_back(vector_count(crashed));
      QVERIFY2(stored.back() > stored[stored.size() - 2], "a killed run kept none of its batches");
    }
    qInfo() << "vectors stored after each killed run:" << QList<int64_t>(stored.begin(), stored.end()) << "of" << total;
    QVERIFY(stored.back() < total);
    const XunRun finish = run_xun(QStringList{"--db", crashed} + base);
    QVERIFY2(finish.succeeded(), finish.describe());
    QCOMPARE((*last_json_line(finish.out))["chunks_embedded"].get<int64_t>(), total - stored.back());
    QCOMPARE(snapshot(crashed), snapshot(reference));
  }

  // One writer per index: a second `xun index` names the run that holds it; with --wait 0 it
  // gives up at once, without it waits, and takes over when the holder is killed.
  void a_second_writer_names_the_first_and_waits() {
    const QString database = work_.path() + "/two-writers.sqlite";
    const QStringList base{"index", "--db", database, "--model", model_path("tiny-embed-f16.gguf"),
                           "--chunk-tokens", "16", "--chunk-overlap", "0", "--json", long_folder_};
    QProcess first;
    first.start(QString::fromStdString(xun::test::xun_binary().string()), base);
    QVERIFY(first.waitForStarted());
    while (first.state() == QProcess::Running && vector_count(database) <= 0) first.waitForFinished(2);
    QCOMPARE(first.state(), QProcess::Running);
    const QString holder = QString("is being indexed by xun (pid %1)").arg(first.processId());

    const XunRun refused = run_xun(base + QStringList{"--wait", "0"});
    QCOMPARE(refused.exit_code, 1);
    QVERIFY2(refused.err.contains(holder.toUtf8()) && refused.err.contains(database.toUtf8()), refused.err);

    QProcess second;
    second.start(QString::fromStdString(xun::test::xun_binary().string()), base);
    QVERIFY(second.waitForStarted());
    QByteArray said;
    while (second.state() == QProcess::Running && !said.contains("waiting")) {
      second.waitForReadyRead(1000);
      said += second.readAllStandardError();
    }
    QVERIFY2(said.contains(holder.toUtf8()), said);
    const int64_t before_kill = vector_count(database);
    first.kill();  // the holder dies without letting go: its lock is stale
    first.waitForFinished();
    QVERIFY(second.waitForFinished(600'000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    const auto report = last_json_line(second.readAllStandardOutput());
    QVERIFY(report.has_value());
    // It continued where the killed holder stopped.
    QVERIFY((*report)["chunks_embedded"].get<int64_t>() <= vector_count(database) - before_kill);
    const QString reference = work_.path() + "/two-writers-reference.sqlite";
    const XunRun uninterrupted = run_xun(QStringList{"index", "--db", reference} + base.mid(3));
    QVERIFY2(uninterrupted.succeeded(), uninterrupted.describe());
    QCOMPARE(snapshot(database), snapshot(reference));
  }

  // Search and status read an index they cannot write: a read-only file, a read-only folder.
  // Root may write anything: there the checks run with root's file capabilities dropped.
  void a_read_only_index_can_be_searched() {
    if (!xun::test::can_bind_xun_by_permissions()) QSKIP("root here cannot drop its file capabilities");
    const QString folder = work_.path() + "/ro";
    QVERIFY(QDir().mkpath(folder));
    const QString database = folder + "/index.sqlite";
    const XunRun built = run_xun({"index", "--db", database, corpus_});
    QVERIFY2(built.succeeded(), built.describe());
    QVERIFY(!QFileInfo::exists(database + "-wal"));  // closed cleanly: only the database file
    const QByteArray before = file_bytes(database);
    QVERIFY(QFile::setPermissions(database, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                                              QFile::ReadOther | QFile::ExeOther));
    const XunRun search = run_xun_bound_by_permissions({"search", "--db", database, "--mode", "keyword", "--json", "glacier"});
    QVERIFY2(search.succeeded(), search.describe());
    QVERIFY(!(*last_json_line(search.out))["results"].empty());
    const XunRun status = run_xun_bound_by_permissions({"status", "--db", database, "--json"});
    QVERIFY2(status.succeeded(), status.describe());
    QCOMPARE((*last_json_line(status.out))["documents"].get<int>(), 26);
    QCOMPARE(file_bytes(database), before);
    QVERIFY(!QFileInfo::exists(database + "-wal") && !QFileInfo::exists(database + "-shm"));
    // Indexing it cannot work, and says why, naming the file.
    const XunRun index = run_xun_bound_by_permissions({"index", "--db", database, corpus_});
    QCOMPARE(index.exit_code, 1);
    QVERIFY2(index.err.contains(database.toUtf8()), index.err);
    QCOMPARE(file_bytes(database), before);

    // A read-only file in a folder that can be written: searched through its -shm.
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                                              QFile::WriteOther | QFile::ExeOther));
    const XunRun beside = run_xun_bound_by_permissions({"search", "--db", database, "--mode", "keyword", "--json", "comet"});
    QVERIFY2(beside.succeeded(), beside.describe());
    QVERIFY(!(*last_json_line(beside.out))["results"].empty());
    QCOMPARE(file_bytes(database), before);
  }

  // Another program's SQLite file, an empty file and a mistyped path: every command refuses
  // them, naming the file, and leaves the bytes as they were (no WAL switch, no tables, no file).
  void foreign_files_and_missing_paths_are_never_changed() {
    const QString foreign = work_.path() + "/other-app.sqlite";
    {
      sqlite3* db = nullptr;
      QCOMPARE(sqlite3_open(foreign.toUtf8().constData(), &db), SQLITE_OK);
      QCOMPARE(sqlite3_exec(db, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')", nullptr, nullptr,
                            nullptr), SQLITE_OK);
      sqlite3_close(db);
    }
    const QString empty = work_.path() + "/empty.sqlite";
    write_file(empty, {});
    for (const QString& path : {foreign, empty}) {
      const QByteArray before = file_bytes(path);
      for (const QStringList& command : {QStringList{"status", "--db", path},
                                         QStringList{"search", "--db", path, "--mode", "keyword", "notes"},
                                         QStringList{"index", "--db", path, corpus_}}) {
        if (path == empty && command.front() == "index") continue;  // an empty file is a new index
        const XunRun run = run_xun(command);
        QCOMPARE(run.exit_code, 1);
        QVERIFY2(run.err.contains(path.toUtf8()) && run.err.contains("Xun"), run.err);
        QCOMPARE(file_bytes(path), before);
        QVERIFY2(!QFileInfo::exists(path + "-wal"), qPrintable(command.join(' ')));
      }
    }
    const QString mistyped = work_.path() + "/indx.sqlite";
    for (const QStringList& command : {QStringList{"status", "--db", mistyped},
                                       QStringList{"search", "--db", mistyped, "--mode", "keyword", "notes"}}) {
      const XunRun run = run_xun(command);
      QCOMPARE(run.exit_code, 1);
      QVERIFY2(run.err.contains(mistyped.toUtf8()), run.err);
      QVERIFY(!QFileInfo::exists(mistyped));
    }
  }

  // Under a file size limit (ulimit -f) the indexer is not killed by SIGXFSZ: the write fails,
  // the error says "file too large" naming the index, and everything indexed before stays.
  void a_file_size_limit_is_a_clear_error() {
    const QString database = work_.path() + "/limited.sqlite";
    const XunRun first = run_xun({"index", "--db", database, corpus_ + "/glacier"});
    QVERIFY2(first.succeeded(), first.describe());
    const int64_t documents = count_rows(database, "SELECT count(*) FROM documents");
    QVERIFY(documents > 0);
    const rlim_t limit = static_cast<rlim_t>(QFileInfo(database).size()) + 16 * 1024;
    const XunRun limited = xun::test::run_xun_in_child({"index", "--db", database, corpus_, long_folder_}, [limit] {
      const rlimit size{limit, limit};
      ::setrlimit(RLIMIT_FSIZE, &size);
    });
    QVERIFY2(limited.finished && limited.status == QProcess::NormalExit, limited.describe());
    QCOMPARE(limited.exit_code, 1);
    QVERIFY2(limited.err.contains("file too large") && limited.err.contains(database.toUtf8()), limited.err);
    QCOMPARE(snapshot(database).front(), QString("ok"));
    const XunRun status = run_xun({"status", "--db", database, "--json"});
    QVERIFY2(status.succeeded(), status.describe());
    QVERIFY((*last_json_line(status.out))["documents"].get<int64_t>() >= documents);
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

  // Names that are not UTF-8 (a Latin-1 "café", a 0xFF byte) are file names like any other:
  // indexed, found, shown with U+FFFD, and seen as unchanged the next time.
  void names_that_are_not_utf8_are_indexed() {
    const QString folder = work_.path() + "/bytes";
    const QString database = work_.path() + "/bytes.sqlite";
    // QTemporaryDir removes by QString names, which cannot name these files: remove by bytes.
    const auto remove = qScopeGuard([&] { std::filesystem::remove_all(folder.toStdString()); });
    write_file_named_by_bytes(folder, "caf\xe9.txt", "A note on marzipan, written in Latin-1 days.\n");
    write_file_named_by_bytes(folder, "\xff-odd.md", "# Odd\n\nMarzipan again, in a file whose name starts with 0xFF.\n");
    write_file(folder + "/plain.txt", "Nothing sweet here.\n");
    const XunRun run = run_xun({"index", "--db", database, "--json", folder});
    QVERIFY2(run.succeeded(), run.describe());
    const auto report = last_json_line(run.out);
    QVERIFY(report.has_value());
    QVERIFY2((*report)["failures"].empty(), (*report)["failures"].dump().c_str());
    QCOMPARE((*report)["files_indexed"].get<int>(), 3);

    const XunRun found = run_xun({"search", "--db", database, "--mode", "keyword", "--json", "marzipan"});
    QVERIFY2(found.succeeded(), found.describe());
    QStringList paths;
    const auto response = last_json_line(found.out);
    QVERIFY(response.has_value());
    for (const json& result : (*response)["results"])
      paths << QString::fromStdString(result["path"].get<std::string>());
    paths.sort();
    QCOMPARE(paths, QStringList({folder + QString::fromUtf8("/caf\uFFFD.txt"), folder + QString::fromUtf8("/\uFFFD-odd.md")}));
    const XunRun text = run_xun({"search", "--db", database, "--mode", "keyword", "marzipan"});
    QVERIFY2(text.succeeded(), text.describe());
    QVERIFY2(text.out.contains("caf\xEF\xBF\xBD.txt") && !text.out.contains("caf\xe9"), text.out);

    const XunRun again = run_xun({"index", "--db", database, "--json", folder});
    QVERIFY2(again.succeeded(), again.describe());
    QCOMPARE((*last_json_line(again.out))["files_unchanged"].get<int>(), 3);
    QCOMPARE((*last_json_line(again.out))["files_indexed"].get<int>(), 0);
    QCOMPARE((*last_json_line(again.out))["files_removed"].get<int>(), 0);
  }

  // A folder that can no longer be listed keeps its documents, and the run says why.
  void an_unlistable_folder_keeps_its_documents() {
    if (!xun::test::can_bind_xun_by_permissions())
      QSKIP("running as root without CAP_SETPCAP: xun would read a mode-000 folder anyway");
    const QString folder = work_.path() + "/locked";
    const QString database = work_.path() + "/locked.sqlite";
    write_file(folder + "/outside.txt", "A note outside the locked folder.\n");
    write_file(folder + "/private/inside.txt", "A note about the quince harvest, inside it.\n");
    write_file(folder + "/private/deeper/second.txt", "Another quince note, two levels down.\n");
    const XunRun first = run_xun_bound_by_permissions({"index", "--db", database, "--json", folder});
    QVERIFY2(first.succeeded(), first.describe());
    QCOMPARE((*last_json_line(first.out))["files_indexed"].get<int>(), 3);

    const QByteArray locked = QFile::encodeName(folder + "/private");
    QVERIFY(::chmod(locked.constData(), 0) == 0);
    const auto restore = qScopeGuard([&] { ::chmod(locked.constData(), 0755); });
    const XunRun second = run_xun_bound_by_permissions({"index", "--db", database, "--json", folder});
    QVERIFY2(second.succeeded(), second.describe());
    const auto report = last_json_line(second.out);
    QVERIFY(report.has_value());
    QCOMPARE((*report)["files_removed"].get<int>(), 0);
    const QMap<QString, QString> failures = listed(*report, "failures", "error");
    QVERIFY2(failures.value(folder + "/private").contains("cannot list folder: Permission denied"),
             report->dump().c_str());
    const XunRun status = run_xun({"status", "--db", database, "--json"});
    QCOMPARE((*last_json_line(status.out))["documents"].get<int>(), 3);
    const XunRun found = run_xun({"search", "--db", database, "--mode", "keyword", "--json", "quince"});
    QCOMPARE((*last_json_line(found.out))["results"].size(), size_t{2});

    // Readable again: nothing to redo, and a file deleted meanwhile is then removed.
    ::chmod(locked.constData(), 0755);
    QVERIFY(QFile::remove(folder + "/private/deeper/second.txt"));
    const XunRun third = run_xun_bound_by_permissions({"index", "--db", database, "--json", folder});
    QVERIFY2(third.succeeded(), third.describe());
    QCOMPARE((*last_json_line(third.out))["files_removed"].get<int>(), 1);
    QCOMPARE((*last_json_line(third.out))["files_unchanged"].get<int>(), 2);
  }

  void a_missing_folder_is_an_error() {
    const QString database = work_.path() + "/missing.sqlite";
    const XunRun run = run_xun({"index", "--db", database, work_.path() + "/no-such-folder"});
    QVERIFY(run.finished);
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.exit_code != 0, run.describe());
    QVERIFY2(run.err.startsWith("xun: ") && run.err.contains("no-such-folder") && run.err.contains("no such folder"),
             run.err);
    QVERIFY2(!QFile::exists(database), "a mistyped folder created an index");
    write_file(work_.path() + "/a-file.txt", "not a folder\n");
    const XunRun file = run_xun({"index", "--db", database, work_.path() + "/a-file.txt"});
    QVERIFY2(file.exit_code != 0 && file.err.contains("a-file.txt: not a folder"), file.describe());
  }

  // Every file the scan does not read is named with why: in --json, and in the text report.
  void skipped_files_are_named_with_their_reason() {
    const QString folder = work_.path() + "/skipping";
    const QString database = work_.path() + "/skipping.sqlite";
    write_file(folder + "/fine.txt", "A readable note.\n");
    QVERIFY(::mkfifo(QFile::encodeName(folder + "/pipe.txt").constData(), 0600) == 0);
    QVERIFY(QFile::link("/dev/null", folder + "/device.md"));
    write_file(folder + "/binary.txt", QByteArray("MZ\x90\0\x03\0\0\0\x04\0\0\0", 12).repeated(50));
    write_file(folder + "/utf16.txt", QByteArray("U\0T\0F\0-\0001\0006\0 \0t\0e\0x\0t\0\n\0", 24).repeated(20));
    {
      QFile large(folder + "/large.txt");  // sparse: one byte over the limit costs no disk
      QVERIFY(large.open(QIODevice::WriteOnly) && large.resize(64LL * 1024 * 1024 + 1));
    }
    const XunRun run = run_xun({"index", "--db", database, "--json", folder});
    QVERIFY2(run.succeeded(), run.describe());
    const auto report = last_json_line(run.out);
    QVERIFY(report.has_value());
    QCOMPARE((*report)["files_indexed"].get<int>(), 1);
    QCOMPARE((*report)["files_skipped"].get<int>(), 5);
    const QMap<QString, QString> skipped = listed(*report, "skipped", "reason");
    QCOMPARE(skipped.size(), 5);
    const QList<std::pair<QString, QString>> expected{{"pipe.txt", "FIFO"},
                                                      {"device.md", "character device"},
                                                      {"binary.txt", "binary content (NUL byte at 3)"},
                                                      {"utf16.txt", "UTF-16 text without a byte-order mark"},
                                                      {"large.txt", "over the size limit of 67.1 MB"}};
    for (const auto& [name, reason] : expected)
      QVERIFY2(skipped.value(folder + '/' + name).contains(reason), qPrintable(name + ": " + skipped.value(folder + '/' + name)));

    const XunRun text = run_xun({"index", "--db", work_.path() + "/skipping-text.sqlite", folder});
    QVERIFY2(text.succeeded(), text.describe());
    QVERIFY2(text.out.contains("5 skipped"), text.out);
    for (const auto& [name, reason] : expected)
      QVERIFY2(text.out.contains(("  skipped: " + folder + '/' + name + ": ").toUtf8()), text.out);
  }

  // File names and text can hold terminal escape sequences (set the window title, clear the
  // screen); the text output shows them escaped, so a planted file cannot drive the terminal.
  void text_output_escapes_control_characters() {
    const QString folder = work_.path() + "/escapes\x1b[2J";
    const QString database = work_.path() + "/escapes.sqlite";
    const QString name = "title\x1b]0;pwned\x07\r.txt";
    write_file(folder + '/' + name, "An ordinary pelican note \x1b]0;owned\x07 then \x1b[2J\x1b[H\xc2\x9b" "31m the rest.\n");
    QVERIFY(::mkfifo(QFile::encodeName(folder + "/pipe\x1b[5m.txt").constData(), 0600) == 0);
    const QList<XunRun> runs{run_xun({"index", "--db", database, folder}),
                             run_xun({"search", "--db", database, "--mode", "keyword", "pelican"}),
                             run_xun({"status", "--db", database})};
    for (const XunRun& run : runs) {
      QVERIFY2(run.succeeded(), run.describe());
      for (const char control : {'\x1b', '\x07', '\r'}) {
        QVERIFY2(!run.out.contains(control), run.out.toPercentEncoding(" /:.,;()"));
        QVERIFY2(!run.err.contains(control), run.err.toPercentEncoding(" /:.,;()"));
      }
      QVERIFY2(!run.out.contains("\xc2\x9b"), run.out);  // CSI as a C1 control
    }
    QVERIFY2(runs[0].out.contains("pipe\\x1b[5m.txt"), runs[0].out);
    QVERIFY2(runs[1].out.contains("title\\x1b]0;pwned\\x07\\x0d.txt"), runs[1].out);
    QVERIFY2(runs[1].out.contains("\\x1b[2J\\x1b[H\\u009b31m"), runs[1].out);
    QVERIFY2(runs[2].out.contains("escapes\\x1b[2J"), runs[2].out);
    // --json stays exact: JSON escapes controls itself.
    const XunRun json_run = run_xun({"search", "--db", database, "--mode", "keyword", "--json", "pelican"});
    QVERIFY2(json_run.succeeded(), json_run.describe());
    QCOMPARE(QString::fromStdString((*last_json_line(json_run.out))["results"][0]["path"].get<std::string>()),
             folder + '/' + name);
  }
};

QTEST_GUILESS_MAIN(IndexCliTest)
#include "tst_index_cli.moc"
