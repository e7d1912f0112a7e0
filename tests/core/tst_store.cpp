// The SQLite index on real database files: schema and migration, WAL, one-transaction writes
// that a failure at any step leaves invisible, reuse of chunks and vectors by content hash,
// caches, removal of deleted files, status, a full disk, damaged files, thread ownership.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <thread>

#include "store/content_hash.h"
#include "store/index_store.h"
#include "store/schema.h"
#include "store/word_segmenter.h"

using namespace xun::core;

namespace {

// Chunks of `texts` laid end to end, as the chunker would make them.
std::vector<Chunk> chunks_of(const QStringList& texts, int page = 0) {
  std::vector<Chunk> chunks;
  qsizetype offset = 0;
  for (const QString& text : texts) {
    chunks.push_back({offset, offset + text.size(), page, static_cast<int>(text.size() / 4), text});
    offset += text.size() + 1;
  }
  return chunks;
}

// A vector that differs for every seed, `dimension` values.
std::vector<float> vector_for(int seed, int dimension) {
  std::vector<float> vector(static_cast<size_t>(dimension));
  for (int i = 0; i < dimension; ++i) vector[static_cast<size_t>(i)] = float((seed * 31 + i) % 17) / 17.0f;
  return vector;
}

std::vector<ChunkVector> vectors_of(const std::vector<Chunk>& chunks, int dimension, int seed = 0) {
  std::vector<ChunkVector> vectors;
  for (const Chunk& chunk : chunks)
    vectors.push_back({chunk_content_hash(chunk.text), vector_for(seed++, dimension)});
  return vectors;
}

DocumentInfo document_info(int64_t folder_id, const QString& path, const QByteArray& hash = "h") {
  return {folder_id, path, 100, 1'700'000'000'000, hash, QStringLiteral("text"), 0};
}

int64_t count(IndexStore& store, const char* sql) {
  auto value = store.database().query_int(sql);
  return value ? *value : -1;
}

// Full-text rows matching one word, through the index as search uses it.
int64_t fts_matches(IndexStore& store, const QString& word) {
  static constexpr char kMatch[] = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?";
  auto select = store.database().statement(kMatch);
  if (!select) return -1;
  (*select)->bind_text(1, u'"' + word + u'"');
  auto row = (*select)->step();
  return row && *row ? (*select)->column_int(0) : -1;
}

constexpr char kCountChunks[] = "SELECT count(*) FROM chunks";
constexpr char kCountDocuments[] = "SELECT count(*) FROM documents";
constexpr char kCountVectors[] = "SELECT count(*) FROM vectors";
constexpr char kCountFts[] = "SELECT count(*) FROM chunks_fts";

}  // namespace

class TestStore : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir directory_;
  int databases_ = 0;
  QString new_path() { return directory_.filePath(QStringLiteral("index-%1.db").arg(++databases_)); }

  std::unique_ptr<IndexStore> open_store(const QString& path) {
    auto store = IndexStore::open(path);
    if (!store) qFatal("cannot open %s: %s", qPrintable(path), store.error().message.c_str());
    return std::move(*store);
  }

 private slots:
  void initTestCase() { QVERIFY(directory_.isValid()); }

  void new_database_is_wal_with_current_schema() {
    const QString path = new_path();
    auto store = open_store(path);
    auto mode = store->database().query_text("PRAGMA journal_mode");
    QVERIFY(mode);
    QCOMPARE(*mode, QStringLiteral("wal"));
    auto version = schema::version(store->database());
    QVERIFY(version);
    QCOMPARE(*version, schema::kSchemaVersion);
    QVERIFY(store->add_folder(QStringLiteral("/docs")));
    QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
    // Opening again neither fails nor migrates twice.
    store.reset();
    store = open_store(path);
    auto folders = store->folders();
    QVERIFY(folders);
    QCOMPARE(folders->size(), size_t{1});
  }

  // An indexing run re-adds its folders without saying whether to watch them: that must keep
  // the user's choice, which only an explicit true or false changes.
  void adding_a_folder_again_keeps_its_watching_flag() {
    auto store = open_store(new_path());
    const QString folder = QStringLiteral("/docs");
    auto watching = [&] {
      auto found = store->find_folder(folder);
      return found && *found && (*found)->watching;
    };
    const auto id = store->add_folder(folder, true);
    QVERIFY(id);
    QVERIFY(watching());
    QCOMPARE(*store->add_folder(folder), *id);  // as the indexer adds it
    QVERIFY(watching());
    QCOMPARE(*store->add_folder(folder, false), *id);
    QVERIFY(!watching());
    QCOMPARE(*store->add_folder(folder), *id);
    QVERIFY(!watching());
  }

  void migrates_a_version_1_database_and_keeps_what_it_held() {
    const QString path = new_path();
    {
      auto database = sql::Database::open(path);
      QVERIFY(database);
      QVERIFY(schema::migrate(**database, 1));
      QVERIFY((*database)->execute(
          "INSERT INTO folders (id, path, added_ms, watching) VALUES (1, '/old', 5, 0);"
          "INSERT INTO documents (id, folder_id, path, size, mtime_ms, content_hash, format, "
          "page_count, indexed_ms) VALUES (1, 1, '/old/a.txt', 3, 7, x'01', 'text', 0, 9);"
          "INSERT INTO models (id, fingerprint, path, kind, dimension) "
          "VALUES (1, 'f1', '/m', 'embedding', 4);"));
      auto version = schema::version(**database);
      QVERIFY(version);
      QCOMPARE(*version, 1);
      QCOMPARE(*(*database)->query_int(
                   "SELECT count(*) FROM sqlite_schema WHERE name = 'rerank_scores'"),
               int64_t{0});
    }
    auto store = open_store(path);
    QCOMPARE(*schema::version(store->database()), 2);
    auto document = store->find_document(QStringLiteral("/old/a.txt"));
    QVERIFY(document && *document);
    QCOMPARE((*document)->info.mtime_ms, int64_t{7});
    // What version 2 added works on the migrated file.
    QVERIFY(store->store_rerank_scores(1, QStringLiteral("i"), QStringLiteral("q"),
                                       std::vector<std::pair<QByteArray, float>>{{"h", 0.5f}}));
    auto generation = store->generation();
    QVERIFY(generation);
    QCOMPARE(*generation, int64_t{0});
  }

  void refuses_a_newer_schema_without_changing_it() {
    const QString path = new_path();
    open_store(path)->database().execute("UPDATE meta SET value = 99 WHERE key = 'schema_version'");
    auto store = IndexStore::open(path);
    QVERIFY(!store);
    QVERIFY2(store.error().message.find("newer") != std::string::npos, store.error().message.c_str());
    QVERIFY(store.error().message.find(path.toStdString()) != std::string::npos);
  }

  void refuses_another_programs_database() {
    const QString path = new_path();
    sqlite3* raw = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
    QCOMPARE(sqlite3_exec(raw, "CREATE TABLE photos (id INTEGER)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    auto store = IndexStore::open(path);
    QVERIFY(!store);
    QVERIFY2(store.error().message.find("not made by Xun") != std::string::npos,
             store.error().message.c_str());
  }

  void damaged_files_give_a_clear_error_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text file") << QByteArray("these are my notes, not a database\n").repeated(200);
    QByteArray header("SQLite format 3");
    header.append('\0');
    header.append(QByteArray(4096 - header.size(), '\xee'));
    QTest::newRow("header then garbage") << header.repeated(4);
  }

  void damaged_files_give_a_clear_error() {
    QFETCH(QByteArray, bytes);
    const QString path = new_path();
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    auto store = IndexStore::open(path);
    QVERIFY(!store);
    const std::string& message = store.error().message;
    QVERIFY2(message.find(path.toStdString()) != std::string::npos, message.c_str());
    QVERIFY2(message.find("damaged or is not a Xun index") != std::string::npos, message.c_str());
  }

  void damaged_pages_inside_an_index_give_a_clear_error() {
    const QString path = new_path();
    {
      auto store = open_store(path);
      const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
      QStringList texts;
      for (int i = 0; i < 200; ++i) texts.append(QStringLiteral("paragraph %1 about lighthouses ").arg(i).repeated(20));
      QVERIFY(store->replace_document(document_info(folder, QStringLiteral("/docs/a.txt")), chunks_of(texts)));
    }  // closing checkpoints the WAL into the file
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.size() > 40 * 4096);
    for (qint64 page = 2; page < file.size() / 4096; page += 2) {  // every other page past the schema
      file.seek(page * 4096);
      file.write(QByteArray(4096, '\xff'));
    }
    file.close();
    std::string message;
    auto store = IndexStore::open(path);
    if (!store) {
      message = store.error().message;
    } else {
      auto chunks = (*store)->chunks(1);
      auto status = (*store)->status();
      QVERIFY(!chunks || !status);
      message = !chunks ? chunks.error().message : status.error().message;
    }
    QVERIFY2(message.find(path.toStdString()) != std::string::npos, message.c_str());
    QVERIFY2(message.find("damaged") != std::string::npos, message.c_str());
  }

  void replace_document_writes_document_chunks_words_and_vectors() {
    auto store = open_store(new_path());
    const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
    const ModelRecord model = *store->register_model("fp-a", "/models/a", "embedding", 8);
    const VectorSpace space{model.id, 8};
    const auto chunks = chunks_of({QStringLiteral("The lighthouse keeper"),
                                   QStringLiteral("北方海角的灯塔于1987年实现自动化")}, 3);
    auto id = store->replace_document(document_info(folder, "/docs/a.txt", "hash-a"), chunks, space,
                                      vectors_of(chunks, 8));
    QVERIFY2(id, id ? "" : id.error().message.c_str());

    auto stored = store->chunks(*id);
    QVERIFY(stored);
    QCOMPARE(stored->size(), size_t{2});
    for (size_t i = 0; i < chunks.size(); ++i) {
      QCOMPARE((*stored)[i].ordinal, int(i));
      QCOMPARE((*stored)[i].chunk.text, chunks[i].text);
      QCOMPARE((*stored)[i].chunk.start, chunks[i].start);
      QCOMPARE((*stored)[i].chunk.end, chunks[i].end);
      QCOMPARE((*stored)[i].chunk.page, 3);
      QCOMPARE((*stored)[i].content_hash, chunk_content_hash(chunks[i].text));
    }
    QCOMPARE(fts_matches(*store, "lighthouse"), int64_t{1});
    QCOMPARE(fts_matches(*store, QStringLiteral("灯塔")), int64_t{1});
    auto vector = store->vector(space, chunk_content_hash(chunks[1].text));
    QVERIFY(vector && *vector);
    QCOMPARE(**vector, vector_for(1, 8));

    // Writing the file again with other chunks replaces them all, words included.
    const auto edited = chunks_of({QStringLiteral("A different text")});
    auto again = store->replace_document(document_info(folder, "/docs/a.txt", "hash-b"), edited);
    QVERIFY(again);
    QCOMPARE(*again, *id);  // the document keeps its id
    QCOMPARE(count(*store, kCountChunks), int64_t{1});
    QCOMPARE(count(*store, kCountFts), int64_t{1});
    QCOMPARE(fts_matches(*store, "lighthouse"), int64_t{0});
    QCOMPARE((*store->find_document("/docs/a.txt"))->info.content_hash, QByteArray("hash-b"));
  }

  // SQLite calls a progress handler at points all through a write (loops, statement ends); it
  // aborts the write at the n-th call, for every n: whatever point fails, nothing of the new
  // version is visible and the old version is intact.
  void replace_document_is_atomic_at_every_step() {
    auto store = open_store(new_path());
    const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
    const ModelRecord model = *store->register_model("fp-a", "/models/a", "embedding", 8);
    const VectorSpace space{model.id, 8};
    const auto old_chunks = chunks_of({QStringLiteral("old lighthouse text"), QStringLiteral("old harbour")});
    QVERIFY(store->replace_document(document_info(folder, "/docs/a.txt", "old"), old_chunks, space,
                                    vectors_of(old_chunks, 8)));
    QStringList texts;
    for (int i = 0; i < 10; ++i) texts.append(QStringLiteral("new zebra text %1 灯塔").arg(i));
    const auto new_chunks = chunks_of(texts);
    const auto new_vectors = vectors_of(new_chunks, 8, 100);
    sqlite3* connection = store->database().handle();
    auto write = [&] {
      return store->replace_document(document_info(folder, "/docs/a.txt", "new"), new_chunks, space,
                                     new_vectors);
    };

    // How many times the handler is called in a write that succeeds (on a scratch copy of the
    // data: the same path in another folder would replace it, so write and then restore).
    struct Counter {
      int calls = 0;
      int fail_at = 0;  // 0: never
    } counter;
    auto handler = [](void* data) {
      auto* counter = static_cast<Counter*>(data);
      return ++counter->calls == counter->fail_at ? 1 : 0;
    };
    {
      auto scratch = open_store(new_path());
      const int64_t scratch_folder = *scratch->add_folder(QStringLiteral("/docs"));
      const VectorSpace scratch_space{scratch->register_model("fp-a", "/models/a", "embedding", 8)->id, 8};
      QVERIFY(scratch->replace_document(document_info(scratch_folder, "/docs/a.txt", "old"), old_chunks,
                                        scratch_space, vectors_of(old_chunks, 8)));
      sqlite3_progress_handler(scratch->database().handle(), 1, handler, &counter);
      QVERIFY(scratch->replace_document(document_info(scratch_folder, "/docs/a.txt", "new"), new_chunks,
                                        scratch_space, new_vectors));
      sqlite3_progress_handler(scratch->database().handle(), 0, nullptr, nullptr);
    }
    const int calls = counter.calls;
    QVERIFY2(calls > 100, qPrintable(QString::number(calls)));

    auto check_old_version = [&] {
      QCOMPARE((*store->find_document("/docs/a.txt"))->info.content_hash, QByteArray("old"));
      QCOMPARE(count(*store, kCountChunks), int64_t{2});
      QCOMPARE(count(*store, kCountFts), int64_t{2});
      QCOMPARE(fts_matches(*store, "zebra"), int64_t{0});
      QCOMPARE(fts_matches(*store, "harbour"), int64_t{1});
      QCOMPARE(fts_matches(*store, "lighthouse"), int64_t{1});
    };
    auto check_new_version = [&] {
      QCOMPARE((*store->find_document("/docs/a.txt"))->info.content_hash, QByteArray("new"));
      QCOMPARE(count(*store, kCountChunks), int64_t{10});
      QCOMPARE(count(*store, kCountFts), int64_t{10});
      QCOMPARE(count(*store, kCountVectors), int64_t{12});
      QCOMPARE(fts_matches(*store, "zebra"), int64_t{10});
      QCOMPARE(fts_matches(*store, "harbour"), int64_t{0});
    };
    int failures = 0;
    int late_interrupts = 0;
    for (int fail_at = 1; fail_at <= calls; ++fail_at) {
      counter = {0, fail_at};
      sqlite3_progress_handler(connection, 1, handler, &counter);
      auto written = write();
      sqlite3_progress_handler(connection, 0, nullptr, nullptr);
      QVERIFY(!store->database().in_transaction());
      if (written) {
        // Not every call can abort (e.g. one after a statement's work is done): then the whole
        // new version is there. Put the old one back for the next point.
        check_new_version();
        QVERIFY(store->replace_document(document_info(folder, "/docs/a.txt", "old"), old_chunks));
        QVERIFY(store->prune_vectors());
        QCOMPARE(count(*store, kCountVectors), int64_t{2});
        continue;
      }
      ++failures;
      QVERIFY2(written.error().message.find("/docs/a.txt") != std::string::npos,
               written.error().message.c_str());
      QVERIFY2(written.error().message.find("interrupted") != std::string::npos,
               written.error().message.c_str());
      if ((*store->find_document("/docs/a.txt"))->info.content_hash == "new") {
        // An interrupt noticed as COMMIT returns is reported after the commit took effect.
        // Rare, and still all or nothing; SQLite cannot tell it from a COMMIT rolled back.
        ++late_interrupts;
        check_new_version();
        QVERIFY(store->replace_document(document_info(folder, "/docs/a.txt", "old"), old_chunks));
        QVERIFY(store->prune_vectors());
      }
      check_old_version();
      QCOMPARE(count(*store, kCountVectors), int64_t{2});
    }
    QVERIFY2(late_interrupts <= 3, qPrintable(QString::number(late_interrupts)));
    QVERIFY2(failures > calls / 2, qPrintable(QStringLiteral("%1 of %2").arg(failures).arg(calls)));
    QVERIFY(write());
    check_new_version();
  }

  void replace_document_rejects_vectors_of_the_wrong_size() {
    auto store = open_store(new_path());
    const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
    const ModelRecord model = *store->register_model("fp-a", "/models/a", "embedding", 8);
    const auto chunks = chunks_of({QStringLiteral("some text")});
    auto written = store->replace_document(document_info(folder, "/docs/a.txt"), chunks,
                                           {model.id, 8}, vectors_of(chunks, 7));
    QVERIFY(!written);
    QVERIFY2(written.error().message.find("7 values") != std::string::npos, written.error().message.c_str());
    QCOMPARE(count(*store, kCountDocuments), int64_t{0});
  }

  // A renamed or copied file is found by its content hash; its chunks are copied and every
  // vector is already there, so nothing needs the engine.
  void renamed_file_reuses_chunks_and_vectors() {
    auto store = open_store(new_path());
    const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
    const ModelRecord model = *store->register_model("fp-a", "/models/a", "embedding", 8);
    const VectorSpace space{model.id, 8};
    const auto chunks = chunks_of({QStringLiteral("first part"), QStringLiteral("second part")});
    const int64_t original = *store->replace_document(document_info(folder, "/docs/old-name.txt", "file-hash"),
                                                      chunks, space, vectors_of(chunks, 8));

    auto found = store->find_document_by_hash("file-hash");
    QVERIFY(found && *found);
    QCOMPARE((*found)->id, original);
    QVERIFY(!*store->find_document_by_hash("other-hash"));

    std::vector<Chunk> copied;
    std::vector<QByteArray> hashes;
    auto stored_chunks = store->chunks(original);
    QVERIFY(stored_chunks);
    for (const StoredChunk& stored : *stored_chunks) {
      copied.push_back(stored.chunk);
      hashes.push_back(stored.content_hash);
    }
    QVERIFY(store->replace_document(document_info(folder, "/docs/new-name.txt", "file-hash"), copied));
    auto missing = store->hashes_missing_vectors(space, hashes);
    QVERIFY(missing);
    QVERIFY(missing->empty());
    auto removed = store->remove_missing_documents(folder, {QStringLiteral("/docs/new-name.txt")});
    QVERIFY(removed);
    QCOMPARE(*removed, std::vector<QString>{QStringLiteral("/docs/old-name.txt")});
    QCOMPARE(count(*store, kCountChunks), int64_t{2});
    QCOMPARE(count(*store, kCountVectors), int64_t{2});
  }

  // Vectors are kept per (model, dimension): another model or dimension needs its own, and
  // switching back to the first model finds all of them still there.
  void vectors_are_kept_per_model_and_dimension() {
    auto store = open_store(new_path());
    const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
    const VectorSpace a{store->register_model("fp-a", "/models/a", "embedding", 8)->id, 8};
    const VectorSpace a_small{a.model_id, 4};
    const VectorSpace b{store->register_model("fp-b", "/models/b", "embedding", 4)->id, 4};
    // Two documents share one chunk text: one vector serves both.
    const auto first = chunks_of({QStringLiteral("shared passage"), QStringLiteral("only in first")});
    const auto second = chunks_of({QStringLiteral("shared passage")});
    QVERIFY(store->replace_document(document_info(folder, "/docs/1.txt", "1"), first, a, vectors_of(first, 8)));
    QVERIFY(store->replace_document(document_info(folder, "/docs/2.txt", "2"), second, a, vectors_of(second, 8)));
    QCOMPARE(count(*store, kCountVectors), int64_t{2});

    const std::vector<QByteArray> hashes = {chunk_content_hash(u"shared passage"),
                                            chunk_content_hash(u"only in first"),
                                            chunk_content_hash(u"shared passage")};
    QVERIFY(store->hashes_missing_vectors(a, hashes)->empty());
    QCOMPARE(store->hashes_missing_vectors(b, hashes)->size(), size_t{2});  // duplicates once
    QCOMPARE(store->hashes_missing_vectors(a_small, hashes)->size(), size_t{2});

    auto pending = store->chunks_missing_vectors(b, 100);
    QVERIFY(pending);
    QCOMPARE(pending->size(), size_t{2});
    QCOMPARE((*pending)[0].text, QStringLiteral("shared passage"));
    std::vector<ChunkVector> vectors_b;
    for (const PendingChunk& chunk : *pending) vectors_b.push_back({chunk.content_hash, vector_for(7, 4)});
    QVERIFY(store->write_vectors(b, vectors_b));
    QVERIFY(store->chunks_missing_vectors(b, 100)->empty());
    QVERIFY(store->hashes_missing_vectors(a, hashes)->empty());  // back to model a: nothing to do

    QVERIFY(!store->write_vectors(b, std::vector<ChunkVector>{{"x", vector_for(1, 8)}}));
    QVERIFY(*store->remove_document("/docs/1.txt"));
    QCOMPARE(count(*store, kCountVectors), int64_t{4});  // kept until pruned
    auto pruned = store->prune_vectors();
    QVERIFY(pruned);
    QCOMPARE(*pruned, int64_t{2});  // "only in first" for a and b
    QVERIFY(store->hashes_missing_vectors(a, {&hashes[0], 1})->empty());
  }

  void caches_are_keyed_by_model_instruction_query_and_text() {
    auto store = open_store(new_path());
    const int64_t model = store->register_model("fp-a", "/models/a", "embedding", 4)->id;
    const int64_t other = store->register_model("fp-b", "/models/b", "embedding", 4)->id;
    const std::vector<float> vector = {0.5f, 0.5f, 0.5f, 0.5f};
    QVERIFY(store->store_query_embedding(model, "find", "lighthouse", vector));
    QCOMPARE(**store->cached_query_embedding(model, "find", "lighthouse", 4), vector);
    QVERIFY(!*store->cached_query_embedding(model, "", "lighthouse", 4));
    QVERIFY(!*store->cached_query_embedding(model, "find", "lighthouses", 4));
    QVERIFY(!*store->cached_query_embedding(model, "find", "lighthouse", 2));
    QVERIFY(!*store->cached_query_embedding(other, "find", "lighthouse", 4));

    const std::vector<std::pair<QByteArray, float>> scores = {{"h1", 0.25f}, {"h2", 0.75f}};
    QVERIFY(store->store_rerank_scores(model, "judge", "q", scores));
    auto cached = store->cached_rerank_scores(model, "judge", "q", std::vector<QByteArray>{"h2", "h3", "h1"});
    QVERIFY(cached);
    QCOMPARE(*cached, (std::vector<std::optional<float>>{0.75f, std::nullopt, 0.25f}));
    QVERIFY(!(*store->cached_rerank_scores(model, "other", "q", std::vector<QByteArray>{"h1"}))[0]);
  }

  void removes_files_no_longer_on_disk() {
    auto store = open_store(new_path());
    const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
    const int64_t elsewhere = *store->add_folder(QStringLiteral("/other"));
    for (const char* name : {"/docs/a.txt", "/docs/b.txt", "/docs/c.txt"})
      QVERIFY(store->replace_document(document_info(folder, name), chunks_of({QString::fromLatin1(name) + " zebra"})));
    QVERIFY(store->replace_document(document_info(elsewhere, "/other/d.txt"), chunks_of({QStringLiteral("zebra")})));
    const int64_t generation = *store->generation();

    auto removed = store->remove_missing_documents(folder, {QStringLiteral("/docs/a.txt"), QStringLiteral("/docs/c.txt")});
    QVERIFY(removed);
    QCOMPARE(*removed, std::vector<QString>{QStringLiteral("/docs/b.txt")});
    QVERIFY(!*store->find_document("/docs/b.txt"));
    QVERIFY(*store->find_document("/other/d.txt"));  // other folders untouched
    QCOMPARE(count(*store, kCountChunks), int64_t{3});
    QCOMPARE(fts_matches(*store, "zebra"), int64_t{3});
    QVERIFY(*store->generation() > generation);

    QVERIFY(*store->remove_folder(folder));
    QVERIFY(!*store->remove_folder(folder));
    QCOMPARE(count(*store, kCountDocuments), int64_t{1});
    QCOMPARE(count(*store, kCountFts), int64_t{1});
  }

  void status_counts_folders_documents_chunks_and_vectors() {
    const QString path = new_path();
    auto store = open_store(path);
    const int64_t docs = *store->add_folder(QStringLiteral("/docs"), true);
    QVERIFY(store->add_folder(QStringLiteral("/empty")));
    const ModelRecord model = *store->register_model("fp-a", "/models/a", "embedding", 8);
    QVERIFY(store->register_model("fp-r", "/models/r", "reranker", 8));
    const auto chunks = chunks_of({QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")});
    QVERIFY(store->replace_document(document_info(docs, "/docs/a.txt"), chunks, {model.id, 8}, vectors_of(chunks, 8)));
    QVERIFY(store->replace_document(document_info(docs, "/docs/b.txt"), chunks_of({QStringLiteral("four")})));
    QVERIFY(store->set_index_model({model.id, 8}));
    QVERIFY(store->mark_folder_indexed(docs, 1234));

    auto status = store->status();
    QVERIFY(status);
    QCOMPARE(status->documents, int64_t{2});
    QCOMPARE(status->chunks, int64_t{4});
    QCOMPARE(status->folders.size(), size_t{2});
    QCOMPARE(status->folders[0].folder.path, QStringLiteral("/docs"));
    QCOMPARE(status->folders[0].documents, int64_t{2});
    QCOMPARE(status->folders[0].chunks, int64_t{4});
    QVERIFY(status->folders[0].folder.watching);
    QCOMPARE(status->folders[0].folder.last_indexed_ms, std::optional<int64_t>(1234));
    QCOMPARE(status->folders[1].documents, int64_t{0});
    QCOMPARE(status->models.size(), size_t{2});
    QCOMPARE(status->vectors.size(), size_t{1});
    QCOMPARE(status->vectors[0].vectors, int64_t{3});
    QVERIFY(status->index_model);
    QCOMPARE(status->index_model->model.path, QStringLiteral("/models/a"));
    QVERIFY(status->bytes >= QFileInfo(path).size() && status->bytes > 0);
  }

  void remembers_the_model_that_built_the_vectors() {
    const QString path = new_path();
    {
      auto store = open_store(path);
      QVERIFY(!*store->index_model());
      const ModelRecord model = *store->register_model("fp-a", "/models/a.gguf", "embedding", 1024);
      QVERIFY(store->set_index_model({model.id, 256}));
    }
    auto store = open_store(path);
    auto index = store->index_model();
    QVERIFY(index && *index);
    QCOMPARE((*index)->model.fingerprint, QStringLiteral("fp-a"));
    QCOMPARE((*index)->model.path, QStringLiteral("/models/a.gguf"));
    QCOMPARE((*index)->model.dimension, 1024);
    QCOMPARE((*index)->dimension, 256);
    // The model moved: registering it again updates the path, not the id.
    const ModelRecord moved = *store->register_model("fp-a", "/elsewhere/a.gguf", "embedding", 1024);
    QCOMPARE(moved.id, (*index)->model.id);
    QCOMPARE((*store->index_model())->model.path, QStringLiteral("/elsewhere/a.gguf"));
  }

  // PRAGMA max_page_count caps the file as a full disk would.
  void full_disk_gives_a_clear_error_and_keeps_what_was_stored() {
    const QString path = new_path();
    auto store = open_store(path);
    const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
    QVERIFY(store->replace_document(document_info(folder, "/docs/kept.txt"), chunks_of({QStringLiteral("kept words")})));
    const int64_t pages = *store->database().query_int("PRAGMA page_count");
    const QByteArray limit = "PRAGMA max_page_count = " + QByteArray::number(pages + 2);
    QCOMPARE(sqlite3_exec(store->database().handle(), limit.constData(), nullptr, nullptr, nullptr), SQLITE_OK);

    QStringList big;
    for (int i = 0; i < 50; ++i) big.append(QStringLiteral("word%1 ").arg(i).repeated(400));
    auto written = store->replace_document(document_info(folder, "/docs/big.txt"), chunks_of(big));
    QVERIFY(!written);
    const std::string& message = written.error().message;
    QVERIFY2(message.find(path.toStdString()) != std::string::npos, message.c_str());
    QVERIFY2(message.find("disk is full") != std::string::npos, message.c_str());
    QVERIFY2(message.find("/docs/big.txt") != std::string::npos, message.c_str());
    QVERIFY(!*store->find_document("/docs/big.txt"));
    QVERIFY(*store->find_document("/docs/kept.txt"));
    QCOMPARE(fts_matches(*store, "kept"), int64_t{1});
    QCOMPARE(count(*store, kCountChunks), int64_t{1});

    // Space again: the same write now succeeds on the same connection.
    QCOMPARE(sqlite3_exec(store->database().handle(), "PRAGMA max_page_count = 1073741823", nullptr, nullptr, nullptr), SQLITE_OK);
    QVERIFY(store->replace_document(document_info(folder, "/docs/big.txt"), chunks_of(big)));
    QCOMPARE(count(*store, kCountChunks), int64_t{51});
  }

  // Another program holding the write lock: after the busy timeout (shortened here from 10 s)
  // the write fails with a clear message, and succeeds once the lock is gone.
  void locked_database_gives_a_clear_error() {
    const QString path = new_path();
    auto store = open_store(path);
    const int64_t folder = *store->add_folder(QStringLiteral("/docs"));
    sqlite3_busy_timeout(store->database().handle(), 100);
    sqlite3* other = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &other), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    auto written = store->replace_document(document_info(folder, "/docs/a.txt"), chunks_of({QStringLiteral("text")}));
    QVERIFY(!written);
    QVERIFY2(written.error().message.find("locked by another program") != std::string::npos,
             written.error().message.c_str());
    QVERIFY2(written.error().message.find(path.toStdString()) != std::string::npos, written.error().message.c_str());
    QVERIFY(store->folders());  // reading still works beside the writer (WAL)
    QCOMPARE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(other);
    QVERIFY(store->replace_document(document_info(folder, "/docs/a.txt"), chunks_of({QStringLiteral("text")})));
  }

  void connection_belongs_to_the_thread_that_opened_it() {
    auto store = open_store(new_path());
    std::string message;
    std::thread other([&] {
      auto folders = store->folders();
      if (!folders) message = folders.error().message;
    });
    other.join();
    QVERIFY2(message.find("thread") != std::string::npos, message.c_str());
    QVERIFY(store->folders());
  }

  void words_for_index_splits_unspaced_scripts_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words");
    QTest::newRow("english") << QStringLiteral("Hello, world! Don't panic.") << QStringLiteral("Hello world Don't panic");
    QTest::newRow("chinese") << QStringLiteral("北方海角的灯塔于1987年实现自动化。")
                             << QStringLiteral("北方 海角 的 灯塔 于 1987 年 实现 自动 化");
    QTest::newRow("japanese") << QStringLiteral("電波塔です。") << QStringLiteral("電波 塔 です");
    QTest::newRow("symbols only") << QStringLiteral("😀 -- *") << QString();
  }

  void words_for_index_splits_unspaced_scripts() {
    QFETCH(QString, text);
    QFETCH(QString, words);
    QCOMPARE(words_for_index(text), words);
  }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
