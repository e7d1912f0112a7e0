// Bounded cost per file: `xun index` reads text in xun-extract-worker, a process with limits on
// memory, time and text per file. Hostile files made here (a text over the limit, a DOCX whose
// XML inflates far past it, a file too big for the memory limit) and a worker made to crash or
// hang on one file (its test hook) must cost that file alone: the others are indexed, the run
// succeeds, and the report names the file and the limit.
#include <QtTest>

#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

#include "../core/document_factory.h"
#include "test_support.h"
#include "xun_process.h"

using nlohmann::json;
using xun::test::run_xun;
using xun::test::XunRun;

namespace {

void write_file(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) qFatal("cannot write %s", qPrintable(path));
}

// Two small files that every run must index whatever happens to the hostile one.
void write_neighbours(const QString& folder) {
  write_file(folder + "/a-notes.txt", "The lighthouse keeper wrote the first entry at dawn.\n");
  write_file(folder + "/z-notes.md", "# Harbour\n\nThe harbour master counted eleven boats.\n");
}

// A DOCX whose word/document.xml repeats one paragraph until it holds `xml_bytes`: highly
// repetitive XML, so the file is small and its text huge (the shape of a decompression bomb).
QByteArray docx_bomb(qsizetype xml_bytes) {
  QList<xun::test::ZipEntry> entries = xun::test::docx_entries(QString());
  const QByteArray paragraph =
      "<w:p><w:r><w:t>The quarterly report repeats itself, line after line, page after page.</w:t></w:r></w:p>";
  for (xun::test::ZipEntry& entry : entries) {
    if (entry.name != "word/document.xml") continue;
    const qsizetype body = entry.bytes.indexOf("</w:body>");
    entry.bytes.insert(body, paragraph.repeated(xml_bytes / paragraph.size()));
  }
  return xun::test::zip_bytes(entries);
}

std::optional<json> index_json(const XunRun& run) {
  const QList<QByteArray> lines = run.out.trimmed().split('\n');
  try {
    return json::parse(lines.back().toStdString());
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

// The error recorded for the file whose path ends with `name`, or empty.
QString failure_of(const json& report, const QString& name) {
  for (const json& failure : report["failures"])
    if (QString::fromStdString(failure["path"].get<std::string>()).endsWith(name))
      return QString::fromStdString(failure["error"].get<std::string>());
  return {};
}

QString warning_of(const json& report, const QString& name) {
  for (const json& warning : report["warnings"])
    if (QString::fromStdString(warning["path"].get<std::string>()).endsWith(name))
      return QString::fromStdString(warning["warning"].get<std::string>());
  return {};
}

}  // namespace

class ExtractLimitsTest : public QObject {
  Q_OBJECT

  // Indexes `folder` into a fresh database with `options`; the report, or a failed check.
  std::optional<json> index(const QString& folder, const QStringList& options,
                            const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    const QString database = folder + ".sqlite";
    const XunRun run = run_xun(QStringList{"index", "--db", database, "--json"} + options + QStringList{folder}, {},
                               600'000, environment);
    if (!run.succeeded()) {
      qWarning("%s", run.describe().constData());
      return std::nullopt;
    }
    return index_json(run);
  }

  QString keyword_search(const QString& folder, const QString& query) {
    const XunRun run = run_xun({"search", "--db", folder + ".sqlite", "--mode", "keyword", "--json", query});
    return run.succeeded() ? QString::fromUtf8(run.out) : QString("search failed: ") + run.describe();
  }

  QTemporaryDir work_;

 private slots:
  void text_over_the_limit_is_truncated_with_a_warning() {
    const QString folder = work_.path() + "/long-text";
    write_neighbours(folder);
    // 1.2 million characters: "early" words at the start, "tailword" only past the first million.
    QByteArray text = "earlyword opens the file.\n" + QByteArray("filler text of a long log line\n").repeated(38'000);
    text += QByteArray("tailword closes the file.\n").repeated(10'000);
    write_file(folder + "/long.log.txt", text);

    const auto report = index(folder, {"--max-text-mb", "1"});
    QVERIFY(report.has_value());
    QCOMPARE((*report)["files_indexed"].get<int>(), 3);
    QCOMPARE((*report)["files_failed"].get<int>(), 0);
    const QString warning = warning_of(*report, "long.log.txt");
    QVERIFY2(warning.contains("truncated") && warning.contains("1 MB"), qPrintable(warning));
    QVERIFY(keyword_search(folder, "earlyword").contains("long.log.txt"));
    QVERIFY(!keyword_search(folder, "tailword").contains("long.log.txt"));
  }

  void a_docx_bomb_stops_at_the_text_limit_without_inflating_the_rest() {
    // 100 MB of XML in a file of a few hundred KB. Reading it whole would need more than the
    // 64 MB the worker may use here, so a success shows that it stopped at the text limit.
    const QString folder = work_.path() + "/docx-bomb";
    write_neighbours(folder);
    const QByteArray bomb = docx_bomb(100'000'000);
    QVERIFY(bomb.size() < 2'000'000);
    write_file(folder + "/bomb.docx", bomb);

    const auto report = index(folder, {"--max-text-mb", "1", "--extract-memory-mb", "64"});
    QVERIFY(report.has_value());
    QCOMPARE((*report)["files_indexed"].get<int>(), 3);
    QCOMPARE((*report)["files_failed"].get<int>(), 0);
    QVERIFY2(warning_of(*report, "bomb.docx").contains("truncated"), report->dump().c_str());
    QVERIFY((*report)["chunks"].get<int>() < 2000);  // about 1 MB of text, not 60
  }

  void the_memory_limit_stops_a_file_that_needs_more() {
    // 40 MB of text with the text limit out of the way: its bytes and their decoded text need
    // more than 64 MB. The same file with the default text limit is read only that far.
    const QString folder = work_.path() + "/big-text";
    write_neighbours(folder);
    write_file(folder + "/big.txt", QByteArray("forty megabytes of one repeated sentence.\n").repeated(1'000'000));

    const auto over = index(folder, {"--max-text-mb", "200", "--extract-memory-mb", "64"});
    QVERIFY(over.has_value());
    QCOMPARE((*over)["files_indexed"].get<int>(), 2);
    QCOMPARE((*over)["files_failed"].get<int>(), 1);
    const QString error = failure_of(*over, "big.txt");
    // The row has the path; its reason does not repeat it.
    QVERIFY2(error.contains("memory limit of 64 MB") && !error.contains("big.txt"), qPrintable(error));

    QFile::remove(folder + ".sqlite");
    const auto within = index(folder, {"--max-text-mb", "5", "--extract-memory-mb", "64"});
    QVERIFY(within.has_value());
    QCOMPARE((*within)["files_indexed"].get<int>(), 3);
    QVERIFY(warning_of(*within, "big.txt").contains("truncated"));
  }

  void a_worker_that_crashes_or_hangs_fails_that_file_only_data() {
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("reason");
    QTest::newRow("crash (abort)") << "crash" << QStringList{} << "crashed on this file (signal 6";
    QTest::newRow("hang, stopped at the time limit")
        << "hang" << QStringList{"--extract-timeout", "1"} << "stopped after the extraction time limit of 1 s";
  }

  void a_worker_that_crashes_or_hangs_fails_that_file_only() {
    QFETCH(QString, fault);
    QFETCH(QStringList, options);
    QFETCH(QString, reason);
    const QString folder = work_.path() + "/fault-" + fault;
    write_neighbours(folder);
    write_file(folder + "/m-trap.txt", "Any text: the worker's test hook acts on this file's name.\n");
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XUN_EXTRACT_WORKER_FAULT", fault + ":m-trap.txt");

    const auto report = index(folder, options, environment);
    QVERIFY(report.has_value());
    QCOMPARE((*report)["files_indexed"].get<int>(), 2);  // before and after the trap: a new worker
    QCOMPARE((*report)["files_failed"].get<int>(), 1);
    const QString error = failure_of(*report, "m-trap.txt");
    QVERIFY2(error.contains(reason) && !error.contains("m-trap.txt"), qPrintable(error));
    QVERIFY(keyword_search(folder, "harbour").contains("z-notes.md"));
  }

  void a_missing_worker_stops_the_run_with_its_path() {
    const QString folder = work_.path() + "/no-worker";
    write_neighbours(folder);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XUN_EXTRACT_WORKER", work_.path() + "/nowhere/xun-extract-worker");
    const XunRun run = run_xun({"index", "--db", folder + ".sqlite", folder}, {}, 600'000, environment);
    QVERIFY(run.finished && run.exit_code != 0);
    QVERIFY2(run.err.contains("nowhere/xun-extract-worker is missing"), run.err.constData());
  }
};

QTEST_GUILESS_MAIN(ExtractLimitsTest)
#include "tst_extract_limits.moc"
