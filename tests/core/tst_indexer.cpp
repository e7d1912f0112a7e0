// The indexing pipeline on real files of every format, a real SQLite index and the tiny
// fixture models: what is embedded, what is reused, what is skipped, removed, cancelled.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <algorithm>
#include <filesystem>

#include "engine_fixture.h"
#include "index/folder_watcher.h"
#include "index/indexer.h"
#include "scan/fs_path.h"
#include "test_support.h"

#include <fcntl.h>
#include <unistd.h>

using namespace xun;
using namespace xun::core;

namespace {

void write_file(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) qFatal("cannot write %s", qPrintable(path));
}

// A file named by bytes (`name` need not be UTF-8) in `folder`.
void write_file_named_by_bytes(const QString& folder, const std::string& name, const QByteArray& bytes) {
  QDir().mkpath(folder);
  const std::string path = path_to_bytes(folder) + '/' + name;
  const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (descriptor < 0 || ::write(descriptor, bytes.constData(), bytes.size()) != bytes.size())
    qFatal("cannot write %s", path.c_str());
  ::close(descriptor);
}

QByteArray file_bytes(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  return file.readAll();
}

QByteArray prose(int paragraphs, const QString& topic) {
  QString text;
  for (int p = 0; p < paragraphs; ++p)
    text += QString("Paragraph %1 about %2. The keeper wrote about the %2 every evening, and the harbour "
                    "town read the notes at dawn. Nothing about the %2 was ever simple.\n\n")
                .arg(p)
                .arg(topic);
  return text.toUtf8();
}

std::unique_ptr<Model> load(const char* name) {
  auto model = test::shared_engine().load_model(test::data_path(name));
  if (!model) qFatal("%s", model.error().message.c_str());
  return std::move(*model);
}

}  // namespace

class IndexerTest : public QObject {
  Q_OBJECT

  QTemporaryDir work_;
  QString folder_;
  std::unique_ptr<IndexStore> store_;
  std::unique_ptr<Model> model_;
  IndexOptions options_ = small_chunks();

  // Small chunks give the fixture documents several each, so that pages and partial edits show.
  static IndexOptions small_chunks() {
    IndexOptions options;
    options.chunking.target_tokens = 96;
    options.chunking.overlap_tokens = 16;
    return options;
  }

  IndexReport run(Model* model) {
    Indexer indexer(*store_, model, options_);
    auto report = indexer.index_folders({folder_});
    if (!report) qFatal("indexing failed: %s", report.error().message.c_str());
    return *report;
  }

  int64_t vectors_of(const QString& fingerprint) {
    auto status = store_->status();
    if (!status) qFatal("%s", status.error().message.c_str());
    for (const auto& space : status->vectors)
      if (space.model.fingerprint == fingerprint) return space.vectors;
    return 0;
  }

 private slots:
  void initTestCase() {
    folder_ = work_.path() + "/docs";
    const QString documents = test::source_data_path("documents").c_str();
    for (const char* name : {"sample.pdf", "sample.docx", "sample.odt", "sample.epub"})
      QVERIFY(QFile::copy(documents + "/" + name, folder_ + "/office/" + name) ||
              (QDir().mkpath(folder_ + "/office") && QFile::copy(documents + "/" + name, folder_ + "/office/" + name)));
    write_file(folder_ + "/notes/lighthouse.md", "# Lighthouse\n\n" + prose(12, "lighthouse"));
    write_file(folder_ + "/notes/harbour.txt", prose(3, "harbour"));
    write_file(folder_ + "/notes/中文.txt", QString("北方海角的灯塔于1987年实现自动化。守塔人的小屋仍然矗立在旁边。\n").repeated(8).toUtf8());
    write_file(folder_ + "/code/search.py", "def search(query):\n    \"\"\"Find passages.\"\"\"\n    return []\n");
    write_file(folder_ + "/page.html", "<html><body><h1>Signals</h1><p>The signal lamp &amp; bell.</p><script>x()</script></body></html>");
    write_file(folder_ + "/data.txt", QByteArray("\x00\x01\x02binary", 9));  // a binary under a text name
    write_file(folder_ + "/.hidden/secret.txt", "hidden");
    write_file(folder_ + "/node_modules/lib.js", "ignored()");
    auto store = IndexStore::open(work_.path() + "/index.sqlite");
    QVERIFY2(store.has_value(), store ? "" : store.error().message.c_str());
    store_ = std::move(*store);
    model_ = load("tiny-embed-f16.gguf");
  }

  void cleanup() {
    const auto messages = test::take_validation_messages();
    QVERIFY2(messages.empty(), messages.empty() ? "" : messages.front().c_str());
  }

  void first_run_indexes_every_format_and_embeds_each_chunk_text_once() {
    std::vector<IndexProgress> updates;
    Indexer indexer(*store_, model_.get(), options_);
    auto report = indexer.index_folders({folder_}, [&](const IndexProgress& p) { updates.push_back(p); });
    QVERIFY2(report.has_value(), report ? "" : report.error().message.c_str());
    QCOMPARE(report->files_seen, 10);      // 9 indexable names + the binary, not hidden/node_modules
    QCOMPARE(report->files_indexed, 9);
    QCOMPARE(report->files_skipped, 1);    // data.txt is binary
    QCOMPARE(report->files_failed, 0);
    QVERIFY(report->chunks >= 9);
    QVERIFY(report->chunks_embedded > 0);
    QCOMPARE(report->chunks_embedded + report->chunks_reused, report->chunks);
    QCOMPARE(vectors_of(QString::fromStdString(model_->info().fingerprint)), report->chunks_embedded);

    QVERIFY(!updates.empty());
    QCOMPARE(updates.back().files_done, report->files_seen);
    for (size_t i = 1; i < updates.size(); ++i) QVERIFY(updates[i].files_done >= updates[i - 1].files_done);

    auto pdf = store_->find_document(folder_ + "/office/sample.pdf");
    QVERIFY(pdf && *pdf);
    QCOMPARE((*pdf)->info.format, QString("pdf"));
    QVERIFY((*pdf)->info.page_count >= 2);
    auto chunks = store_->chunks((*pdf)->id);
    QVERIFY(chunks && !chunks->empty());
    int previous_page = 1;
    for (const StoredChunk& chunk : *chunks) {  // every chunk keeps the page it starts on
      QVERIFY(chunk.chunk.page >= previous_page && chunk.chunk.page <= (*pdf)->info.page_count);
      previous_page = chunk.chunk.page;
    }

    auto index_model = store_->index_model();
    QVERIFY(index_model && *index_model);
    QCOMPARE((*index_model)->model.fingerprint, QString::fromStdString(model_->info().fingerprint));
  }

  void second_run_finds_nothing_to_do() {
    const IndexReport report = run(model_.get());
    QCOMPARE(report.files_unchanged, 9);
    QCOMPARE(report.files_indexed, 0);
    QCOMPARE(report.chunks_embedded, 0);
  }

  void a_touched_file_with_the_same_bytes_is_unchanged() {
    const QString path = folder_ + "/notes/harbour.txt";
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
    file.close();
    const IndexReport report = run(model_.get());
    QCOMPARE(report.files_indexed, 0);
    QCOMPARE(report.files_unchanged, 9);
  }

  void a_renamed_file_costs_no_engine_time() {
    QVERIFY(QFile::rename(folder_ + "/notes/lighthouse.md", folder_ + "/notes/lighthouse-renamed.md"));
    const IndexReport report = run(model_.get());
    QCOMPARE(report.files_indexed, 1);
    QCOMPARE(report.files_removed, 1);
    QCOMPARE(report.chunks_embedded, 0);
    QVERIFY(report.chunks_reused > 0);
    QVERIFY(!*store_->find_document(folder_ + "/notes/lighthouse.md"));
    QVERIFY(*store_->find_document(folder_ + "/notes/lighthouse-renamed.md"));
  }

  void a_copied_file_costs_no_engine_time() {
    QVERIFY(QFile::copy(folder_ + "/office/sample.docx", folder_ + "/office/copy of sample.docx"));
    const IndexReport report = run(model_.get());
    QCOMPARE(report.files_indexed, 1);
    QCOMPARE(report.chunks_embedded, 0);
  }

  void an_edited_file_embeds_only_its_new_passages() {
    const QString path = folder_ + "/notes/lighthouse-renamed.md";
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write("\n\nA new closing paragraph about the fog horn, which nobody had written about before.\n");
    file.close();
    const IndexReport report = run(model_.get());
    QCOMPARE(report.files_indexed, 1);
    QVERIFY(report.chunks_embedded >= 1);
    QVERIFY2(report.chunks_embedded < report.chunks, "the unchanged passages keep their vectors");
  }

  void a_deleted_file_leaves_the_index() {
    QVERIFY(QFile::remove(folder_ + "/code/search.py"));
    const IndexReport report = run(model_.get());
    QCOMPARE(report.files_removed, 1);
    QVERIFY(!*store_->find_document(folder_ + "/code/search.py"));
  }

  void switching_models_keeps_the_old_vectors_and_switching_back_is_free() {
    const QString first = QString::fromStdString(model_->info().fingerprint);
    const int64_t first_vectors = vectors_of(first);
    auto other = load("tiny-embed-q8_0.gguf");
    const IndexReport to_other = run(other.get());
    QCOMPARE(to_other.files_indexed, 0);                 // no file is read again...
    QVERIFY(to_other.chunks_embedded > 0);               // ...but every chunk gets a vector
    QCOMPARE(vectors_of(QString::fromStdString(other->info().fingerprint)), to_other.chunks_embedded);
    QCOMPARE(vectors_of(first), first_vectors);          // the first model's vectors are kept
    const IndexReport back = run(model_.get());
    QCOMPARE(back.chunks_embedded, 0);
  }

  void keyword_only_indexing_then_a_model_later() {
    QTemporaryDir other;
    auto store = IndexStore::open(other.path() + "/keyword.sqlite");
    QVERIFY(store.has_value());
    Indexer keyword_only(**store, nullptr, options_);
    auto first = keyword_only.index_folders({folder_});
    QVERIFY(first.has_value());
    QVERIFY(first->chunks > 0);
    QCOMPARE(first->chunks_embedded, 0);
    Indexer with_model(**store, model_.get(), options_);
    auto second = with_model.index_folders({folder_});
    QVERIFY(second.has_value());
    QCOMPARE(second->files_indexed, 0);
    QVERIFY(second->chunks_embedded > 0);
  }

  void a_cancelled_run_keeps_what_it_finished_and_the_next_completes() {
    QTemporaryDir other;
    auto store = IndexStore::open(other.path() + "/cancel.sqlite");
    QVERIFY(store.has_value());
    std::atomic<bool> cancel{false};
    IndexOptions options = options_;
    options.embed_batch_chunks = 1;  // write file by file so that cancelling lands between files
    Indexer indexer(**store, model_.get(), options);
    auto partial = indexer.index_folders({folder_}, [&](const IndexProgress& p) {
      if (p.chunks_done > 0) cancel = true;
    }, &cancel);
    QVERIFY(partial.has_value());
    QVERIFY(partial->cancelled);
    QVERIFY(partial->files_indexed >= 1);
    auto status = (*store)->status();
    QVERIFY(status.has_value());
    QCOMPARE(status->documents, partial->files_indexed);

    auto rest = indexer.index_folders({folder_});
    QVERIFY(rest.has_value());
    QVERIFY(!rest->cancelled);
    QCOMPARE(rest->files_indexed + rest->files_unchanged, 9);
    QCOMPARE(rest->files_unchanged, partial->files_indexed);
  }

  // Vectors are stored per engine batch, before their file: a run cancelled in the middle of one
  // long file keeps the batches it finished, and the next run embeds only the rest.
  void a_cancel_keeps_the_batches_embedded_before_it() {
    QTemporaryDir other;
    const QString long_file_folder = other.path() + "/long";
    write_file(long_file_folder + "/long.md", "# Long\n\n" + prose(60, "glacier"));
    IndexOptions options = options_;
    options.embed_batch_chunks = 4;

    auto reference_store = IndexStore::open(other.path() + "/reference.sqlite");
    QVERIFY(reference_store.has_value());
    auto reference = Indexer(**reference_store, model_.get(), options).index_folders({long_file_folder});
    QVERIFY2(reference.has_value(), reference ? "" : reference.error().message.c_str());
    QVERIFY2(reference->chunks_embedded >= 5 * options.embed_batch_chunks, "the file needs many batches");

    auto store = IndexStore::open(other.path() + "/cancel.sqlite");
    QVERIFY(store.has_value());
    std::atomic<bool> cancel{false};
    std::vector<int64_t> embedded_seen;  // chunks_embedded of each progress report
    Indexer indexer(**store, model_.get(), options);
    auto partial = indexer.index_folders({long_file_folder}, [&](const IndexProgress& p) {
      embedded_seen.push_back(p.chunks_embedded);
      if (p.chunks_embedded >= 2 * options.embed_batch_chunks) cancel = true;
    }, &cancel);
    QVERIFY(partial.has_value());
    QVERIFY(partial->cancelled);
    QCOMPARE(partial->files_indexed, 0);  // the file itself was not finished...
    QCOMPARE(partial->chunks_embedded, 2 * options.embed_batch_chunks);
    // ...but its finished batches are stored, and progress counted them batch by batch.
    auto status = (*store)->status();
    QVERIFY(status.has_value());
    QCOMPARE(status->documents, 0);
    QCOMPARE(status->vectors.size(), size_t{1});
    QCOMPARE(status->vectors.front().vectors, partial->chunks_embedded);
    QVERIFY(std::ranges::find(embedded_seen, options.embed_batch_chunks) != embedded_seen.end());

    auto rest = indexer.index_folders({long_file_folder});
    QVERIFY(rest.has_value());
    QCOMPARE(rest->files_indexed, 1);
    QCOMPARE(rest->chunks_embedded, reference->chunks_embedded - partial->chunks_embedded);
    QCOMPARE(rest->chunks_reused, reference->chunks_reused + partial->chunks_embedded);
    auto final_status = (*store)->status();
    auto reference_status = (*reference_store)->status();
    QVERIFY(final_status && reference_status);
    QCOMPARE(final_status->chunks, reference_status->chunks);
    QCOMPARE(final_status->vectors.front().vectors, reference_status->vectors.front().vectors);
  }

  void the_watcher_announces_changes_once_they_settle() {
    QTemporaryDir watched;
    QDir().mkpath(watched.path() + "/sub/deeper");
    FolderWatcher watcher({watched.path()}, 100);
    QSignalSpy changed(&watcher, &FolderWatcher::changed);
    write_file(watched.path() + "/sub/deeper/new.txt", "new");
    write_file(watched.path() + "/sub/deeper/second.txt", "burst");
    QVERIFY(changed.wait(5000));
    QTest::qWait(300);
    QCOMPARE(changed.count(), 1);  // the burst settled into one announcement
    // A folder created after the start is watched too.
    QDir().mkpath(watched.path() + "/later");
    QVERIFY(changed.wait(5000));
    changed.clear();
    write_file(watched.path() + "/later/file.md", "# later");
    QVERIFY(changed.wait(5000));
  }

  // Names that are not UTF-8 keep their bytes through scan, hash, extraction (plain, ZIP-based,
  // PDF) and the store; a second run finds them unchanged. Skipped files are named with why.
  void names_that_are_not_utf8_keep_their_bytes() {
    const QString folder = work_.path() + "/bytes";
    const QString documents = test::source_data_path("documents").c_str();
    const std::vector<std::pair<std::string, QByteArray>> files{
        {"caf\xe9.txt", prose(2, "latin")},
        {"r\xe9sum\xe9.docx", file_bytes(documents + "/sample.docx")},
        {"\xff\xfe.pdf", file_bytes(documents + "/sample.pdf")},
        {"\xee\xbe\x80-real-private-use.md", prose(1, "escape")},  // U+EF80 as UTF-8: must not be read as a byte
    };
    // QTemporaryDir removes by QString names, which cannot name these files: remove by bytes.
    const auto remove = qScopeGuard([&] { std::filesystem::remove_all(to_fs_path(folder)); });
    for (const auto& [name, bytes] : files) write_file_named_by_bytes(folder, name, bytes);
    write_file_named_by_bytes(folder, "bin\xe4r.txt", QByteArray("\x7f" "ELF\0\0\0\0", 8));
    auto store = IndexStore::open(work_.path() + "/bytes.sqlite");
    QVERIFY(store.has_value());
    Indexer indexer(**store, nullptr, options_);
    auto report = indexer.index_folders({folder});
    QVERIFY(report.has_value());
    QVERIFY2(report->failures.empty(), report->failures.empty() ? "" : qPrintable(report->failures.front().error));
    QCOMPARE(report->files_indexed, int64_t(files.size()));
    QCOMPARE(report->files_skipped, 1);
    QCOMPARE(report->skipped.size(), size_t{1});
    QCOMPARE(path_to_bytes(report->skipped.front().path), path_to_bytes(folder) + "/bin\xe4r.txt");
    QVERIFY(report->skipped.front().error.contains("binary content"));

    auto folder_record = (*store)->find_folder(folder);
    QVERIFY(folder_record && *folder_record);
    auto stored = (*store)->documents((*folder_record)->id);
    QVERIFY(stored.has_value());
    std::vector<std::string> names;
    for (const DocumentRecord& document : *stored) {
      const std::string path = path_to_bytes(document.info.path);
      names.push_back(path.substr(path.rfind('/') + 1));
      QVERIFY2(std::filesystem::exists(to_fs_path(document.info.path)), path.c_str());
      auto chunks = (*store)->chunks(document.id);
      QVERIFY(chunks && !chunks->empty());
    }
    std::ranges::sort(names);
    std::vector<std::string> expected;
    for (const auto& [name, bytes] : files) expected.push_back(name);
    std::ranges::sort(expected);
    QVERIFY(names == expected);
    QCOMPARE(displayed_path(folder + path_from_bytes("/caf\xe9.txt")),
             folder + QString::fromUtf8("/caf\uFFFD.txt"));

    auto again = indexer.index_folders({folder});
    QVERIFY(again.has_value());
    QCOMPARE(again->files_unchanged, int64_t(files.size()));
    QCOMPARE(again->files_indexed, 0);
    QCOMPARE(again->files_removed, 0);
  }

  void a_missing_folder_is_a_reported_failure() {
    Indexer indexer(*store_, nullptr);
    auto report = indexer.index_folders({work_.path() + "/no-such-folder"});
    QVERIFY(report.has_value());
    QCOMPARE(report->files_failed, 1);
    QCOMPARE(report->failures.size(), size_t{1});
    QVERIFY(report->failures.front().error.contains("no-such-folder"));
  }
};

QTEST_GUILESS_MAIN(IndexerTest)
#include "tst_indexer.moc"
