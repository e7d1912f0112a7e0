// ModelDownloader against a local server in the shape of Hugging Face's and ModelScope's APIs,
// serving real fixture files (the Qwen3 tokenizer.json, a tiny model's safetensors, GGUF files):
// whole repositories and single files; resumption after a dropped or silent connection, a
// cancel() or a killed process, checked through the Range headers the server received; corrupt
// bytes; a server that ignores Range; malformed file lists; HTTP errors; and a write error.
#include <QtTest>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/resource.h>
#endif

#include "fake_model_repo.h"
#include "local_http_server.h"
#include "models/model_download.h"
#include "test_support.h"

using namespace xun::core;
using xun::test::FakeModelRepo;
using xun::test::LocalHttpServer;
using xun::test::RepoFile;

Q_DECLARE_METATYPE(xun::core::ModelSite)

namespace {

constexpr ModelSite hf = ModelSite::hugging_face;
constexpr ModelSite ms = ModelSite::modelscope;

// Quick retries, so that tests of giving up take milliseconds.
constexpr RetryPolicy test_policy{.attempts = 3, .first_delay_ms = 10, .stall_timeout_ms = 20'000};

QString fixture(const char* relative) { return QString::fromStdString(xun::test::data_path(relative).string()); }

struct Outcome {
  bool finished = false;
  QString model_path;          // what finished carried
  QString error;               // what failed carried
  QStringList files_finished;
  QList<QList<QVariant>> progress;
  int signals_at_end = 0;      // finished + failed: must be exactly 1
};

// Starts a download and waits for its end.
Outcome run_download(ModelDownloader& downloader, const DownloadRequest& request) {
  QSignalSpy finished(&downloader, &ModelDownloader::finished);
  QSignalSpy failed(&downloader, &ModelDownloader::failed);
  QSignalSpy files(&downloader, &ModelDownloader::fileFinished);
  QSignalSpy progress(&downloader, &ModelDownloader::progress);
  Outcome outcome;
  if (!downloader.start(request)) {
    outcome.error = "start() refused";
    return outcome;
  }
  if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60'000)) {
    outcome.error = "neither finished nor failed within a minute";
    downloader.cancel();
    return outcome;
  }
  QTest::qWait(20);  // a second end signal would show here
  outcome.signals_at_end = int(finished.size() + failed.size());
  outcome.finished = !finished.isEmpty();
  if (!finished.isEmpty()) outcome.model_path = finished.first().first().toString();
  if (!failed.isEmpty()) outcome.error = failed.first().first().toString();
  for (const auto& signal : files) outcome.files_finished.append(signal.first().toString());
  outcome.progress = progress;
  return outcome;
}

Outcome run_download(const DownloadRequest& request) {
  ModelDownloader downloader;
  downloader.set_retry_policy(test_policy);
  return run_download(downloader, request);
}

// Every file of `repo` (or just `only`) is in `destination` with exactly the served bytes, and
// no .part is left.
void expect_files(const QString& destination, const FakeModelRepo& repo, const QString& only = {}) {
  for (const RepoFile& file : repo.files()) {
    const QString path = QDir(destination).filePath(file.path);
    if (!only.isEmpty() && file.path != only) {
      QVERIFY2(!QFileInfo::exists(path), qPrintable(path + " should not have been fetched"));
      continue;
    }
    QVERIFY2(QFileInfo(path).isFile(), qPrintable(path + " is missing"));
    QVERIFY2(xun::test::read_whole_file(path) == file.bytes, qPrintable(path + " differs from what was served"));
    QVERIFY2(!QFileInfo::exists(path + ".part"), qPrintable(path + ".part was left behind"));
  }
}

QByteArray range_from(qint64 offset) { return "bytes=" + QByteArray::number(offset) + "-"; }

void write_file(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  QCOMPARE(file.write(bytes), bytes.size());
}

}  // namespace

class ModelDownloadTest : public QObject {
  Q_OBJECT

  QTemporaryDir temp_;
  std::unique_ptr<LocalHttpServer> server_;
  FakeModelRepo model_{"Qwen/Tiny-Embedding"};     // a safetensors repository
  FakeModelRepo gguf_{"Qwen/Tiny-Embedding-GGUF"};  // one file of it is wanted
  int next_destination_ = 0;

  QString destination() { return temp_.filePath("download-" + QString::number(next_destination_++)); }

  DownloadRequest request(ModelSite site, const FakeModelRepo& repo, const QString& file = {}) {
    return {.site = site, .repo = repo.id(), .file = file, .destination = destination(),
            .base_url = server_->base_url()};
  }

 private slots:
  void initTestCase() {
    QVERIFY(temp_.isValid());
    model_.add("config.json", xun::test::read_whole_file(fixture("tiny-embed/config.json")));
    model_.add("1_Pooling/config.json", R"({"word_embedding_dimension": 16, "pooling_mode_lasttoken": true})");
    model_.add("tokenizer.json", xun::test::read_whole_file(fixture("qwen3-tokenizer/tokenizer.json")));
    model_.add("model.safetensors", xun::test::read_whole_file(fixture("tiny-embed/model.safetensors")));
    gguf_.add("Tiny-Embedding-Q8_0.gguf", xun::test::read_whole_file(fixture("tiny-embed-q8_0.gguf")));
    gguf_.add("Tiny-Embedding-f16.gguf", xun::test::read_whole_file(fixture("tiny-embed-f16.gguf")));
    gguf_.add("README.md", "# Tiny-Embedding-GGUF\n");
  }

  void init() {
    server_ = std::make_unique<LocalHttpServer>();
    QVERIFY(server_->listen());
  }

  // ---- Complete downloads ---------------------------------------------------------------------

  void downloads_whole_repository_data() {
    QTest::addColumn<ModelSite>("site");
    QTest::addColumn<QByteArray>("prefix");  // a mirror serving the API under a path
    QTest::newRow("Hugging Face") << hf << QByteArray();
    QTest::newRow("ModelScope") << ms << QByteArray();
    QTest::newRow("Hugging Face mirror under a path") << hf << QByteArray("/mirror/hf");
  }

  void downloads_whole_repository() {
    QFETCH(ModelSite, site);
    QFETCH(QByteArray, prefix);
    model_.publish(*server_, site, prefix);
    DownloadRequest wanted = request(site, model_);
    wanted.base_url = QUrl(server_->base_url().toString() + prefix + "/");  // a trailing '/' is fine
    const Outcome outcome = run_download(wanted);
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    QCOMPARE(outcome.signals_at_end, 1);
    QCOMPARE(outcome.model_path, wanted.destination);
    expect_files(wanted.destination, model_);
    QVERIFY(!QFileInfo::exists(wanted.destination + "/.xun-download.lock"));

    QStringList expected_paths;
    qint64 total = 0;
    for (const RepoFile& file : model_.files()) {
      expected_paths.append(QDir(wanted.destination).filePath(file.path));
      total += file.bytes.size();
      QCOMPARE(server_->request_count(model_.file_target(site, file.path, prefix)), 1);
    }
    QCOMPARE(outcome.files_finished, expected_paths);

    QVERIFY(!outcome.progress.isEmpty());
    qint64 previous = 0;
    for (const auto& signal : outcome.progress) {
      QCOMPARE(signal.at(1).toLongLong(), total);
      QVERIFY(signal.at(0).toLongLong() >= previous);
      QVERIFY(signal.at(0).toLongLong() <= total);
      QVERIFY(signal.at(3).toDouble() >= 0);
      previous = signal.at(0).toLongLong();
    }
    QCOMPARE(outcome.progress.last().at(0).toLongLong(), total);
  }

  void downloads_one_file_data() {
    QTest::addColumn<ModelSite>("site");
    QTest::newRow("Hugging Face") << hf;
    QTest::newRow("ModelScope") << ms;
  }

  void downloads_one_file() {
    QFETCH(ModelSite, site);
    gguf_.publish(*server_, site);
    const DownloadRequest wanted = request(site, gguf_, "Tiny-Embedding-Q8_0.gguf");
    const Outcome outcome = run_download(wanted);
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    QCOMPARE(outcome.model_path, QDir(wanted.destination).filePath("Tiny-Embedding-Q8_0.gguf"));
    expect_files(wanted.destination, gguf_, "Tiny-Embedding-Q8_0.gguf");
    QCOMPARE(outcome.progress.last().at(1).toLongLong(), gguf_.file("Tiny-Embedding-Q8_0.gguf").bytes.size());
  }

  void missing_file_is_named() {
    gguf_.publish(*server_, hf);
    const Outcome outcome = run_download(request(hf, gguf_, "Tiny-Embedding-Q4_K_M.gguf"));
    QVERIFY(!outcome.finished);
    QVERIFY2(outcome.error.contains("has no file \"Tiny-Embedding-Q4_K_M.gguf\""), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains("Tiny-Embedding-Q8_0.gguf"), qPrintable(outcome.error));  // what there is
  }

  void follows_listing_pages() {
    // Hugging Face splits long lists: the first page names the next in its Link header.
    const QByteArray first = model_.listing_target(hf);
    const QByteArray second = first + "&cursor=page2";
    model_.publish(*server_, hf);
    const QJsonArray all = QJsonDocument::fromJson(model_.listing_json(hf)).array();
    QJsonArray head, tail;
    for (qsizetype i = 0; i < all.size(); ++i) (i < 2 ? head : tail).append(all[i]);
    server_->serve(first, QJsonDocument(head).toJson(),
                   {{"Link", "<" + server_->base_url().toEncoded() + second + ">; rel=\"next\""}});
    server_->serve(second, QJsonDocument(tail).toJson());
    const DownloadRequest wanted = request(hf, model_);
    const Outcome outcome = run_download(wanted);
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    QCOMPARE(server_->request_count(second), 1);
    expect_files(wanted.destination, model_);
  }

  void skips_files_already_present() {
    model_.publish(*server_, hf);
    DownloadRequest wanted = request(hf, model_);
    QVERIFY2(run_download(wanted).finished, "first download");
    // A stale copy of the same size is not a finished download: it is fetched again.
    const RepoFile& stale = model_.file("config.json");
    write_file(QDir(wanted.destination).filePath("config.json"), QByteArray(stale.bytes.size(), 'x'));

    const Outcome again = run_download(wanted);
    QVERIFY2(again.finished, qPrintable(again.error));
    QCOMPARE(again.files_finished.size(), model_.files().size());
    expect_files(wanted.destination, model_);
    for (const RepoFile& file : model_.files())
      QCOMPARE(server_->request_count(model_.file_target(hf, file.path)), file.path == "config.json" ? 2 : 1);
  }

  void one_download_at_a_time() {
    model_.publish(*server_, hf);
    ModelDownloader downloader;
    QSignalSpy finished(&downloader, &ModelDownloader::finished);
    QVERIFY(downloader.start(request(hf, model_)));
    QVERIFY(downloader.is_running());
    QVERIFY(!downloader.start(request(hf, gguf_)));
    QVERIFY(finished.wait(60'000));
    QVERIFY(!downloader.is_running());
    QCOMPARE(server_->request_count(gguf_.listing_target(hf)), 0);
  }

  // ---- Resuming -------------------------------------------------------------------------------

  void resumes_after_connection_drop_data() {
    QTest::addColumn<ModelSite>("site");
    QTest::addColumn<QString>("path");
    QTest::addColumn<qint64>("cut_after");
    QTest::newRow("Hugging Face, LFS file") << hf << "model.safetensors" << qint64(1'000'000);
    QTest::newRow("Hugging Face, small file") << hf << "config.json" << qint64(100);
    QTest::newRow("ModelScope") << ms << "tokenizer.json" << qint64(3'333'333);
  }

  void resumes_after_connection_drop() {
    QFETCH(ModelSite, site);
    QFETCH(QString, path);
    QFETCH(qint64, cut_after);
    model_.publish(*server_, site);
    const QByteArray target = model_.file_target(site, path);
    server_->set_behaviour(target, {.cut_after = cut_after});
    const DownloadRequest wanted = request(site, model_);
    const Outcome outcome = run_download(wanted);
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    QCOMPARE(server_->ranges(target), (QList<QByteArray>{"", range_from(cut_after)}));
    expect_files(wanted.destination, model_);
  }

  void keeps_resuming_a_connection_that_keeps_dropping() {
    gguf_.publish(*server_, hf);
    const QString path = "Tiny-Embedding-f16.gguf";
    const QByteArray target = gguf_.file_target(hf, path);
    constexpr qint64 slice = 2'000'000;
    server_->set_behaviour(target, {.cut_after = slice, .every_time = true});
    const DownloadRequest wanted = request(hf, gguf_, path);
    const Outcome outcome = run_download(wanted);  // each attempt brings bytes: no giving up
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    QList<QByteArray> expected{""};
    for (qint64 offset = slice; offset < gguf_.file(path).bytes.size(); offset += slice)
      expected.append(range_from(offset));
    QCOMPARE(server_->ranges(target), expected);
    expect_files(wanted.destination, gguf_, path);
  }

  void gives_up_when_attempts_bring_nothing() {
    gguf_.publish(*server_, hf);
    const QString path = "Tiny-Embedding-f16.gguf";
    const QByteArray target = gguf_.file_target(hf, path);
    server_->set_behaviour(target, {.cut_after = 0, .every_time = true});
    const DownloadRequest wanted = request(hf, gguf_, path);
    const Outcome outcome = run_download(wanted);
    QVERIFY(!outcome.finished);
    QCOMPARE(outcome.signals_at_end, 1);
    QVERIFY2(outcome.error.contains(path) && outcome.error.contains("after 3 attempts"), qPrintable(outcome.error));
    QCOMPARE(server_->request_count(target), test_policy.attempts);
    QVERIFY(!QFileInfo::exists(QDir(wanted.destination).filePath(path)));
  }

  void silent_connection_is_dropped_and_resumed() {
    gguf_.publish(*server_, hf);
    const QString path = "Tiny-Embedding-Q8_0.gguf";
    const QByteArray target = gguf_.file_target(hf, path);
    constexpr qint64 sent = 1'500'000;
    server_->set_behaviour(target, {.stall_after = sent});  // the first reply goes quiet midway
    const DownloadRequest wanted = request(hf, gguf_, path);
    ModelDownloader downloader;
    RetryPolicy impatient = test_policy;
    impatient.stall_timeout_ms = 500;
    downloader.set_retry_policy(impatient);
    const Outcome outcome = run_download(downloader, wanted);
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    QCOMPARE(server_->ranges(target), (QList<QByteArray>{"", range_from(sent)}));
    expect_files(wanted.destination, gguf_, path);
  }

  void resumes_in_a_new_downloader_after_cancel() {
    gguf_.publish(*server_, ms);
    const QString path = "Tiny-Embedding-Q8_0.gguf";
    const QByteArray target = gguf_.file_target(ms, path);
    constexpr qint64 sent = 3'000'000;
    server_->set_behaviour(target, {.stall_after = sent});  // then silence: cancel() comes mid-file
    const DownloadRequest wanted = request(ms, gguf_, path);
    const QString part = QDir(wanted.destination).filePath(path) + ".part";
    {
      ModelDownloader first;
      QSignalSpy ends(&first, &ModelDownloader::failed);
      QVERIFY(first.start(wanted));
      QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(part).size(), sent, 30'000);
      first.cancel();
      QVERIFY(!first.is_running());
      QTest::qWait(50);
      QCOMPARE(ends.size(), 0);  // cancel() is not a failure
      QCOMPARE(QFileInfo(part).size(), sent);
    }
    server_->set_behaviour(target, {});
    const Outcome outcome = run_download(wanted);
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    QCOMPARE(server_->ranges(target), (QList<QByteArray>{"", range_from(sent)}));
    expect_files(wanted.destination, gguf_, path);
  }

  void resumes_what_a_killed_process_left() {
    // A process killed mid-download leaves the first bytes in the .part and nothing else.
    gguf_.publish(*server_, hf);
    const QString path = "Tiny-Embedding-f16.gguf";
    const QByteArray target = gguf_.file_target(hf, path);
    const DownloadRequest wanted = request(hf, gguf_, path);
    constexpr qint64 kept = 5'123'457;
    write_file(QDir(wanted.destination).filePath(path) + ".part", gguf_.file(path).bytes.left(kept));
    const Outcome outcome = run_download(wanted);
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    QCOMPARE(server_->ranges(target), QList<QByteArray>{range_from(kept)});
    expect_files(wanted.destination, gguf_, path);
  }

  void partial_file_with_wrong_bytes_is_fetched_again() {
    gguf_.publish(*server_, hf);
    const QString path = "Tiny-Embedding-Q8_0.gguf";
    const QByteArray target = gguf_.file_target(hf, path);
    const DownloadRequest wanted = request(hf, gguf_, path);
    const QString part = QDir(wanted.destination).filePath(path) + ".part";
    write_file(part, QByteArray(1'000'000, '\x7f'));  // not the file's first megabyte

    const Outcome first = run_download(wanted);
    QVERIFY(!first.finished);
    QVERIFY2(first.error.contains("checksum mismatch"), qPrintable(first.error));
    QVERIFY(!QFileInfo::exists(part));  // deleted, so that the next start begins afresh
    const Outcome second = run_download(wanted);
    QVERIFY2(second.finished, qPrintable(second.error));
    QCOMPARE(server_->ranges(target), (QList<QByteArray>{range_from(1'000'000), ""}));
    expect_files(wanted.destination, gguf_, path);
  }

  void server_without_range_support() {
    model_.publish(*server_, ms);
    const QByteArray target = model_.file_target(ms, "tokenizer.json");
    server_->set_behaviour(target, {.cut_after = 4'000'000, .ignore_range = true});
    const DownloadRequest wanted = request(ms, model_);
    const Outcome outcome = run_download(wanted);
    QVERIFY2(outcome.finished, qPrintable(outcome.error));
    // It asked to continue; the server sent everything again, which was taken from byte 0.
    QCOMPARE(server_->ranges(target), (QList<QByteArray>{"", range_from(4'000'000)}));
    expect_files(wanted.destination, model_);
  }

  // ---- Refusals -------------------------------------------------------------------------------

  void corrupt_file_is_rejected_data() {
    QTest::addColumn<ModelSite>("site");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("algorithm");
    QTest::newRow("Hugging Face LFS file, SHA-256") << hf << "model.safetensors" << "sha256";
    QTest::newRow("Hugging Face small file, git blob id") << hf << "1_Pooling/config.json" << "git blob sha1";
    QTest::newRow("ModelScope, SHA-256") << ms << "tokenizer.json" << "sha256";
  }

  void corrupt_file_is_rejected() {
    QFETCH(ModelSite, site);
    QFETCH(QString, path);
    QFETCH(QString, algorithm);
    model_.publish(*server_, site);
    server_->set_behaviour(model_.file_target(site, path), {.corrupt = true});
    const DownloadRequest wanted = request(site, model_);
    const Outcome outcome = run_download(wanted);
    QVERIFY(!outcome.finished);

    const RepoFile& file = model_.file(path);
    QByteArray served = file.bytes;
    served[served.size() / 2] = char(served[served.size() / 2] ^ 0x5a);  // as the server flips it
    const bool sha256 = algorithm == "sha256";
    const QByteArray expected = sha256 ? xun::test::sha256_hex(file.bytes) : xun::test::git_blob_sha1_hex(file.bytes);
    const QByteArray actual = sha256 ? xun::test::sha256_hex(served) : xun::test::git_blob_sha1_hex(served);
    const QString final_path = QDir(wanted.destination).filePath(path);
    for (const QString& part : {final_path, QString("checksum mismatch"), algorithm + " " + expected,
                                algorithm + " " + actual})
      QVERIFY2(outcome.error.contains(part), qPrintable(outcome.error + "\n  lacks: " + part));
    QVERIFY(!QFileInfo::exists(final_path));
    QVERIFY(!QFileInfo::exists(final_path + ".part"));
    // The files before it stay: nothing complete is deleted.
    for (const RepoFile& other : model_.files()) {
      if (other.path == path) break;
      QVERIFY(QFileInfo(QDir(wanted.destination).filePath(other.path)).isFile());
    }
  }

  void malformed_listing_is_refused_data() {
    QTest::addColumn<ModelSite>("site");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    const QByteArray oid = "\"oid\": \"" + QByteArray(40, 'a') + "\"";
    QTest::newRow("not JSON") << hf << QByteArray("<html>rate limited</html>") << "not valid JSON";
    QTest::newRow("an object, not a list") << hf << QByteArray(R"({"error": "x"})") << "expected a JSON array";
    QTest::newRow("entry not an object") << hf << QByteArray("[42]") << "entry 0 is not an object";
    QTest::newRow("no type") << hf << QByteArray(R"([{"path": "a", "size": 1}])") << "\"type\" is missing";
    QTest::newRow("unknown type") << hf << QByteArray(R"([{"type": "link", "path": "a"}])") << "\"type\" is \"link\"";
    QTest::newRow("size missing") << hf << QByteArray("[{\"type\": \"file\", \"path\": \"a\", " + oid + "}]")
                                  << "\"size\" is not a number";
    QTest::newRow("size a string") << hf << QByteArray("[{\"type\": \"file\", \"path\": \"a\", \"size\": \"12\", " + oid + "}]")
                                   << "\"size\" is not a number";
    QTest::newRow("negative size") << hf << QByteArray("[{\"type\": \"file\", \"path\": \"a\", \"size\": -5, " + oid + "}]")
                                   << "\"size\" is -5, not a byte count";
    QTest::newRow("fractional size") << hf << QByteArray("[{\"type\": \"file\", \"path\": \"a\", \"size\": 1.5, " + oid + "}]")
                                     << "not a byte count";
    QTest::newRow("oid not hex") << hf << QByteArray(R"([{"type": "file", "path": "a", "size": 1, "oid": "xyz"}])")
                                 << "\"oid\" is missing or not a 40-digit git object id";
    QTest::newRow("lfs oid short") << hf
        << QByteArray("[{\"type\": \"file\", \"path\": \"a\", \"size\": 1, " + oid + ", \"lfs\": {\"oid\": \"abc\", \"size\": 1}}]")
        << "\"lfs.oid\"";
    QTest::newRow("lfs size disagrees") << hf
        << QByteArray("[{\"type\": \"file\", \"path\": \"a\", \"size\": 1, " + oid + ", \"lfs\": {\"oid\": \"" +
                      QByteArray(64, 'b') + "\", \"size\": 2}}]")
        << "disagree";
    QTest::newRow("path with ..") << hf << QByteArray("[{\"type\": \"file\", \"path\": \"../evil\", \"size\": 1, " + oid + "}]")
                                  << "has a \"..\" segment";
    QTest::newRow("path with .. inside") << ms
        << QByteArray(R"({"Code": 200, "Data": {"Files": [{"Type": "blob", "Path": "a/../../b", "Size": 1}]}})")
        << "has a \"..\" segment";
    QTest::newRow("absolute path") << hf << QByteArray("[{\"type\": \"file\", \"path\": \"/etc/passwd\", \"size\": 1, " + oid + "}]")
                                   << "is absolute";
    QTest::newRow("backslash") << ms
        << QByteArray(R"({"Code": 200, "Data": {"Files": [{"Type": "blob", "Path": "a\\b", "Size": 1}]}})")
        << "contains a backslash";
    QTest::newRow("listed twice") << hf
        << QByteArray("[{\"type\": \"file\", \"path\": \"a\", \"size\": 1, " + oid + "}, {\"type\": \"file\", \"path\": \"a\", \"size\": 1, " + oid + "}]")
        << "listed twice";
    QTest::newRow("ModelScope error code") << ms << QByteArray(R"({"Code": 10010205001, "Message": "model not found"})")
                                           << "Code 10010205001: model not found";
    QTest::newRow("ModelScope no file list") << ms << QByteArray(R"({"Code": 200, "Data": {}})") << "\"Data.Files\"";
    QTest::newRow("ModelScope size a string") << ms
        << QByteArray(R"({"Code": 200, "Data": {"Files": [{"Type": "blob", "Path": "a", "Size": "1"}]}})")
        << "\"Size\" is not a number";
    QTest::newRow("ModelScope bad Sha256") << ms
        << QByteArray(R"({"Code": 200, "Data": {"Files": [{"Type": "blob", "Path": "a", "Size": 1, "Sha256": "00ff"}]}})")
        << "\"Sha256\" is not a 64-digit SHA-256";
    QTest::newRow("ModelScope unknown type") << ms
        << QByteArray(R"({"Code": 200, "Data": {"Files": [{"Type": "commit", "Path": "a", "Size": 1}]}})")
        << "\"Type\" is \"commit\"";
  }

  void malformed_listing_is_refused() {
    QFETCH(ModelSite, site);
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    server_->serve(model_.listing_target(site), json);
    const DownloadRequest wanted = request(site, model_);
    const Outcome outcome = run_download(wanted);
    QVERIFY(!outcome.finished);
    QCOMPARE(outcome.signals_at_end, 1);
    const QString url = server_->base_url().toString() + QString::fromUtf8(model_.listing_target(site));
    QVERIFY2(outcome.error.startsWith(url), qPrintable(outcome.error + "\n  does not name " + url));
    QVERIFY2(outcome.error.contains(problem), qPrintable(outcome.error + "\n  lacks: " + problem));
    QCOMPARE(QDir(wanted.destination).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
    QVERIFY(!QFileInfo::exists(temp_.filePath("evil")));
  }

  void bad_requests_are_refused_data() {
    QTest::addColumn<QString>("repo");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("problem");
    QTest::newRow("file outside the repository") << "Qwen/Tiny-Embedding-GGUF" << "../outside.gguf" << "\"..\" segment";
    QTest::newRow("repository id with ..") << "Qwen/.." << "" << "not a repository id";
    QTest::newRow("repository id with a space") << "Qwen/Tiny Embedding" << "" << "not a repository id";
  }

  void bad_requests_are_refused() {
    QFETCH(QString, repo);
    QFETCH(QString, file);
    QFETCH(QString, problem);
    const Outcome outcome = run_download({.site = hf, .repo = repo, .file = file, .destination = destination(),
                                          .base_url = server_->base_url()});
    QVERIFY(!outcome.finished);
    QVERIFY2(outcome.error.contains(problem), qPrintable(outcome.error));
    QCOMPARE(server_->total_requests(), 0);
  }

  void http_errors_name_url_and_status_data() {
    QTest::addColumn<ModelSite>("site");
    QTest::addColumn<QString>("failing");  // a file path, or "" for the file list
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("requests");     // how often the failing target was asked
    QTest::newRow("no such repository") << hf << "" << 404 << 1;
    QTest::newRow("ModelScope, no such repository") << ms << "" << 404 << 1;
    QTest::newRow("file not found") << hf << "tokenizer.json" << 404 << 1;
    QTest::newRow("file forbidden") << ms << "config.json" << 403 << 1;
    QTest::newRow("file unavailable: retried, then given up") << hf << "model.safetensors" << 503 << 3;
  }

  void http_errors_name_url_and_status() {
    QFETCH(ModelSite, site);
    QFETCH(QString, failing);
    QFETCH(int, status);
    QFETCH(int, requests);
    model_.publish(*server_, site);
    const QByteArray target = failing.isEmpty() ? model_.listing_target(site) : model_.file_target(site, failing);
    server_->set_behaviour(target, {.status = status});
    const Outcome outcome = run_download(request(site, model_));
    QVERIFY(!outcome.finished);
    const QUrl url(server_->base_url().toString() + QString::fromUtf8(target));
    for (const QString& part : {url.toDisplayString(), "HTTP " + QString::number(status), failing})
      QVERIFY2(outcome.error.contains(part), qPrintable(outcome.error + "\n  lacks: " + part));
    QCOMPARE(server_->request_count(target), requests);
  }

  void write_error_names_file_and_keeps_what_is_done() {
#ifdef Q_OS_LINUX
    // A file size limit makes writes fail like a full disk (EFBIG instead of ENOSPC).
    model_.publish(*server_, hf);
    const DownloadRequest wanted = request(hf, model_);
    constexpr rlim_t limit = 2'000'000;  // above config.json, below tokenizer.json
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = limit;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const Outcome outcome = run_download(wanted);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous_handler);

    QVERIFY(!outcome.finished);
    const QString part = QDir(wanted.destination).filePath("tokenizer.json.part");
    QVERIFY2(outcome.error.contains(part + ": cannot write") && outcome.error.contains("too large", Qt::CaseInsensitive),
             qPrintable(outcome.error));
    QVERIFY(QFileInfo(QDir(wanted.destination).filePath("config.json")).isFile());  // done before: kept
    QCOMPARE(QFileInfo(part).size(), qint64(limit));

    const Outcome resumed = run_download(wanted);
    QVERIFY2(resumed.finished, qPrintable(resumed.error));
    QCOMPARE(server_->ranges(model_.file_target(hf, "tokenizer.json")).last(), range_from(limit));
    expect_files(wanted.destination, model_);
#else
    QSKIP("needs RLIMIT_FSIZE");
#endif
  }
};

QTEST_GUILESS_MAIN(ModelDownloadTest)
#include "tst_model_download.moc"
