// Search over real index files: the float16 kernels and exact top-k against brute force, FTS
// queries in English, Chinese and Japanese, hostile query text, reciprocal rank fusion, filters,
// snippets, similar passages, reloading after index changes, and the engine through the tiny
// fixture models: query embeddings in the Qwen3 query format and reranking, both through their
// caches.
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <thread>
#include <cmath>
#include <random>
#include <set>

#include "engine_fixture.h"
#include "search/dense_search.h"
#include "search/dot_kernels.h"
#include "search/fts_query.h"
#include "search/query_length.h"
#include "search/fusion.h"
#include "search/half_float.h"
#include "search/keyword_search.h"
#include "search/search_filters.h"
#include "search/searcher.h"
#include "search/snippet.h"
#include "store/content_hash.h"
#include "store/index_store.h"
#include "test_support.h"

using namespace xun::core;

Q_DECLARE_METATYPE(SearchFilters)

namespace {

std::vector<float> random_unit_vector(std::mt19937& random, size_t dimension) {
  std::normal_distribution<float> normal;
  std::vector<float> vector(dimension);
  double norm = 0;
  for (float& value : vector) {
    value = normal(random);
    norm += double(value) * value;
  }
  for (float& value : vector) value = static_cast<float>(value / std::sqrt(norm));
  return vector;
}

double dot_reference(std::span<const float> a, std::span<const float> b) {
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += double(a[i]) * b[i];
  return sum;
}

QSet<QString> paths_of(const SearchResults& results) {
  QSet<QString> paths;
  for (const SearchResult& result : results.results) paths.insert(result.path);
  return paths;
}

// Counts what reaches the engine, to prove that cached results are not computed again.
class CountingModel final : public xun::Model {
 public:
  explicit CountingModel(xun::Model& inner) : inner_(inner) {}
  const xun::ModelInfo& info() const override { return inner_.info(); }
  const xun::Tokenizer& tokenizer() const override { return inner_.tokenizer(); }
  xun::Result<std::vector<std::vector<float>>> embed(std::span<const xun::EmbedRequest> requests,
                                                     const xun::EmbedOptions& options) override {
    embedded += static_cast<int>(requests.size());
    return inner_.embed(requests, options);
  }
  xun::Result<std::vector<xun::RerankScore>> rerank(std::span<const xun::RerankRequest> requests,
                                                    const xun::RerankOptions& options) override {
    reranked += static_cast<int>(requests.size());
    return inner_.rerank(requests, options);
  }
  xun::Result<std::vector<std::vector<float>>> embed_ids(std::span<const std::vector<int32_t>> sequences,
                                                         std::optional<uint32_t> dimension) override {
    return inner_.embed_ids(sequences, dimension);
  }
  xun::Result<std::vector<xun::RerankScore>> score_ids(std::span<const std::vector<int32_t>> sequences) override {
    return inner_.score_ids(sequences);
  }
  xun::Result<void> set_profiling(bool enabled) override { return inner_.set_profiling(enabled); }
  std::vector<xun::KernelTiming> kernel_timings() const override { return inner_.kernel_timings(); }
  void clear_kernel_timings() override { inner_.clear_kernel_timings(); }
  std::vector<std::string> execution_paths() const override { return inner_.execution_paths(); }
  int embedded = 0;  // texts embedded
  int reranked = 0;  // (query, document) pairs scored

 private:
  xun::Model& inner_;
};

// A temporary index with documents written as the indexer would.
class TestIndex {
 public:
  explicit TestIndex(int dimension = 4) {
    auto opened = IndexStore::open(directory_.filePath(QStringLiteral("index.db")));
    if (!opened) qFatal("%s", opened.error().message.c_str());
    store = std::move(*opened);
    const ModelRecord model = *store->register_model("fp-test", "/models/test", "embedding", dimension);
    space = {model.id, dimension};
  }

  int64_t folder(const QString& path) { return *store->add_folder(path); }

  // One document; chunk i gets vectors[i] when given. Chunks are laid out one after another
  // with a newline between them, so chunk offsets are known.
  int64_t add(int64_t folder_id, const QString& path, const QStringList& texts,
              const std::vector<std::vector<float>>& vectors = {}, const QString& format = "text",
              int64_t mtime_ms = 1000) {
    std::vector<Chunk> chunks;
    std::vector<ChunkVector> chunk_vectors;
    qsizetype offset = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
      chunks.push_back({offset, offset + texts[i].size(), 0, 10, texts[i]});
      offset += texts[i].size() + 1;
      if (static_cast<size_t>(i) < vectors.size())
        chunk_vectors.push_back({chunk_content_hash(texts[i]), vectors[static_cast<size_t>(i)]});
    }
    DocumentInfo info{folder_id, path, offset, mtime_ms, path.toUtf8(), format, 0};
    auto id = store->replace_document(info, chunks, space, chunk_vectors);
    if (!id) qFatal("%s", id.error().message.c_str());
    if (!chunk_vectors.empty() && !store->set_index_model(space)) qFatal("set_index_model");
    return *id;
  }

  // Puts a query vector in the cache, so dense search runs without a model.
  void cache_query(const QString& query, const std::vector<float>& vector,
                   const QString& instruction = kDefaultInstruction) {
    if (!store->store_query_embedding(space.model_id, instruction, query, vector)) qFatal("cache");
  }

  QTemporaryDir directory_;
  std::unique_ptr<IndexStore> store;
  VectorSpace space;
};

}  // namespace

class TestSearch : public QObject {
  Q_OBJECT

 private slots:
  // ---- Kernels ----------------------------------------------------------------------------

  void half_float_conversion_data() {
    QTest::addColumn<float>("value");
    QTest::addColumn<int>("bits");
    QTest::newRow("one") << 1.0f << 0x3c00;
    QTest::newRow("minus two") << -2.0f << 0xc000;
    QTest::newRow("largest") << 65504.0f << 0x7bff;
    QTest::newRow("overflow") << 65520.0f << 0x7c00;
    QTest::newRow("smallest subnormal") << std::ldexp(1.0f, -24) << 0x0001;
    QTest::newRow("half the smallest: tie to even zero") << std::ldexp(1.0f, -25) << 0x0000;
    QTest::newRow("1.5 smallest: tie to even") << 3 * std::ldexp(1.0f, -25) << 0x0002;
    QTest::newRow("tie below one ulp") << 1.0f + std::ldexp(1.0f, -11) << 0x3c00;
    QTest::newRow("tie above one ulp") << 1.0f + 3 * std::ldexp(1.0f, -11) << 0x3c02;
    QTest::newRow("one tenth") << 0.1f << 0x2e66;
  }

  void half_float_conversion() {
    QFETCH(float, value);
    QFETCH(int, bits);
    QCOMPARE(int(float_to_half(value)), bits);
    uint16_t converted = 0;
    floats_to_halves(&value, &converted, 1);
    QCOMPARE(int(converted), bits);
  }

  void every_half_survives_a_round_trip() {
    for (uint32_t bits = 0; bits < 0x10000; ++bits) {
      if ((bits & 0x7c00) == 0x7c00 && (bits & 0x3ff) != 0) continue;  // NaNs
      const float value = half_to_float(static_cast<uint16_t>(bits));
      if (float_to_half(value) != bits) QFAIL(qPrintable(QString::number(bits, 16)));
    }
    // The vectorised conversion agrees with the portable one on many values.
    std::mt19937 random(7);
    std::vector<float> values(4099);
    for (float& value : values) value = std::normal_distribution<float>(0, 0.05f)(random);
    std::vector<uint16_t> halves(values.size());
    floats_to_halves(values.data(), halves.data(), values.size());
    for (size_t i = 0; i < values.size(); ++i) QCOMPARE(halves[i], float_to_half(values[i]));
  }

  void f16_kernel_matches_reference() {
    std::mt19937 random(3);
    const size_t dimension = 100, stride = padded_stride(dimension), rows = 37;
    QCOMPARE(stride, size_t{128});
    std::vector<uint16_t> matrix(rows * stride, 0);
    std::vector<float> query(stride, 0.0f);
    const auto q = random_unit_vector(random, dimension);
    std::copy(q.begin(), q.end(), query.begin());
    for (size_t r = 0; r < rows; ++r) {
      const auto row = random_unit_vector(random, dimension);
      floats_to_halves(row.data(), matrix.data() + r * stride, dimension);
    }
    std::vector<float> scores(rows);
    score_rows_f16(matrix.data(), stride, rows, query.data(), scores.data());
    for (size_t r = 0; r < rows; ++r) {
      double expected = 0;
      for (size_t i = 0; i < dimension; ++i) expected += double(half_to_float(matrix[r * stride + i])) * query[i];
      QVERIFY2(std::abs(scores[r] - expected) < 1e-5, qPrintable(QString::number(r)));
    }
    const auto a = random_unit_vector(random, 1027), b = random_unit_vector(random, 1027);
    QVERIFY(std::abs(dot_f32(a.data(), b.data(), a.size()) - dot_reference(a, b)) < 1e-5);
  }

  // ---- Dense top-k ------------------------------------------------------------------------

  void dense_top_k_equals_brute_force_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<int>("k");
    QTest::addColumn<bool>("filtered");
    QTest::addColumn<int>("near_duplicates");
    QTest::newRow("1k rows, 64 dims, top 10") << 1000 << 64 << 10 << false << 0;
    QTest::newRow("20k rows, 256 dims, top 50, threads") << 20000 << 256 << 50 << false << 0;
    QTest::newRow("filtered to every third row") << 20000 << 128 << 10 << true << 0;
    QTest::newRow("k above the row count") << 50 << 32 << 100 << false << 0;
    QTest::newRow("near-duplicates need a second scan") << 3000 << 64 << 10 << false << 300;
  }

  void dense_top_k_equals_brute_force() {
    QFETCH(int, rows);
    QFETCH(int, dimension);
    QFETCH(int, k);
    QFETCH(bool, filtered);
    QFETCH(int, near_duplicates);
    std::mt19937 random(static_cast<unsigned>(rows + dimension + k));
    const auto query = random_unit_vector(random, static_cast<size_t>(dimension));
    std::vector<std::vector<float>> exact;
    VectorMatrix matrix({1, dimension}, static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<float> vector = random_unit_vector(random, static_cast<size_t>(dimension));
      if (r < near_duplicates) {
        // The query itself plus noise far below float16 precision: 300 rows whose float16
        // scores cannot be told apart, so the first 74 candidates cannot prove the top 10.
        for (int i = 0; i < dimension; ++i)
          vector[size_t(i)] = query[size_t(i)] + std::normal_distribution<float>(0, 2e-5f)(random);
      }
      matrix.append(r + 1000, r / 7, r, vector);
      exact.push_back(std::move(vector));
    }
    RowMask mask;
    if (filtered)
      for (int r = 0; r < rows; ++r) mask.push_back(r % 3 == 0);
    ExactVectors source = [&](std::span<const size_t> wanted) {
      std::vector<std::optional<std::vector<float>>> vectors;
      for (size_t row : wanted) vectors.push_back(exact[row]);
      return xun::Result<std::vector<std::optional<std::vector<float>>>>(vectors);
    };
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    DenseSearchStats stats;
    auto hits = dense_top_k(matrix, query, static_cast<size_t>(k), mask, &pool, source, &stats);
    QVERIFY(hits);

    std::vector<std::pair<double, size_t>> brute;
    for (size_t r = 0; r < exact.size(); ++r)
      if (mask.empty() || mask[r]) brute.push_back({dot_reference(exact[r], query), r});
    std::sort(brute.begin(), brute.end(), [](auto& a, auto& b) { return a.first > b.first; });
    const size_t expected = std::min(brute.size(), size_t(k));
    QCOMPARE(hits->size(), expected);
    for (size_t i = 0; i < expected; ++i) {
      const DenseHit& hit = (*hits)[i];
      QVERIFY2(std::abs(hit.score - brute[i].first) < 1e-6, qPrintable(QString::number(i)));
      // The same row, or one with the same score (an exchange of exact ties).
      QVERIFY(hit.row == brute[i].second || std::abs(dot_reference(exact[hit.row], query) - brute[i].first) < 1e-6);
      if (!mask.empty()) QVERIFY(mask[hit.row]);
    }
    QCOMPARE(stats.second_scan, near_duplicates > 0);
    if (near_duplicates > 0) QVERIFY(stats.rescored >= size_t(near_duplicates));
  }

  // ---- Fusion -----------------------------------------------------------------------------

  void reciprocal_rank_fusion_orders_by_summed_reciprocal_ranks() {
    // Dense: 10, 20, 30. Keyword: 30, 40. Chunk 30 is in both lists and wins; 20 and 40 both
    // have 1/62 and the same best rank, so the lower id comes first.
    const std::vector<std::vector<int64_t>> lists = {{10, 20, 30}, {30, 40}};
    const auto fused = reciprocal_rank_fusion(lists);
    QCOMPARE(fused.size(), size_t{4});
    const std::vector<int64_t> order = {fused[0].chunk_id, fused[1].chunk_id, fused[2].chunk_id, fused[3].chunk_id};
    QCOMPARE(order, (std::vector<int64_t>{30, 10, 20, 40}));
    QCOMPARE(fused[0].score, 1.0 / 63 + 1.0 / 61);
    QCOMPARE(fused[1].score, 1.0 / 61);
    QCOMPARE(fused[3].score, 1.0 / 62);
    // k = 60 favours agreement: rank 3 in both lists beats rank 1 in one. Below k = 1 the top
    // of a single list wins instead.
    const std::vector<std::vector<int64_t>> agreeing = {{1, 2, 3}, {4, 5, 3}};
    QCOMPARE(reciprocal_rank_fusion(agreeing)[0].chunk_id, int64_t{3});
    QCOMPARE(reciprocal_rank_fusion(agreeing, 0.5)[0].chunk_id, int64_t{1});
  }

  // ---- Keyword search ---------------------------------------------------------------------

  void fts_query_quotes_every_word_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("match");
    QTest::newRow("words") << "lighthouse keeper" << "\"lighthouse\" OR \"keeper\"";
    QTest::newRow("duplicates folded") << "Lamp lamp LAMP" << "\"Lamp\"";
    QTest::newRow("operators are words") << "a AND b NOT c" << "\"a\" OR \"AND\" OR \"b\" OR \"NOT\" OR \"c\"";
    QTest::newRow("chinese prefix") << QStringLiteral("灯塔") << QStringLiteral("\"灯塔\"*");
    QTest::newRow("punctuation only") << "\" * - : ( )" << "";
    QTest::newRow("empty") << "" << "";
  }

  void fts_query_quotes_every_word() {
    QFETCH(QString, text);
    QFETCH(QString, match);
    QCOMPARE(build_fts_query(text).match, match);
  }

  void fts_query_keeps_at_most_kMaxQueryTerms_words() {
    QStringList words;
    for (int i = 0; i < 100; ++i) words.append(QStringLiteral("w%1").arg(i));
    QCOMPARE(build_fts_query(words.join(u' ')).terms.size(), kMaxQueryTerms);
  }

  void keyword_search_finds_words_in_every_script_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("paths");
    QTest::newRow("english") << "lighthouse" << QStringList{"/d/en.txt"};
    QTest::newRow("english, other case") << "LIGHTHOUSE" << QStringList{"/d/en.txt"};
    QTest::newRow("chinese two-character word") << QStringLiteral("灯塔") << QStringList{"/d/zh.txt"};
    QTest::newRow("chinese in a question") << QStringLiteral("灯塔什么时候自动化") << QStringList{"/d/zh.txt"};
    QTest::newRow("japanese compound's head") << QStringLiteral("東京") << QStringList{"/d/ja.txt"};
    QTest::newRow("japanese word") << QStringLiteral("電波塔") << QStringList{"/d/ja.txt"};
    QTest::newRow("number in two scripts") << "1987" << QStringList{"/d/en.txt", "/d/zh.txt"};
    QTest::newRow("absent word") << QStringLiteral("海豚") << QStringList{};
  }

  void keyword_search_finds_words_in_every_script() {
    QFETCH(QString, query);
    QFETCH(QStringList, paths);
    TestIndex index;
    const int64_t folder = index.folder("/d");
    index.add(folder, "/d/en.txt", {"The lighthouse on the northern cape was automated in 1987."});
    index.add(folder, "/d/zh.txt", {QStringLiteral("北方海角的灯塔于1987年实现自动化。")});
    index.add(folder, "/d/ja.txt", {QStringLiteral("東京タワーは1958年に完成した電波塔です。")});
    index.add(folder, "/d/other.txt", {"Salt and pepper."});
    Searcher searcher(*index.store);
    auto results = searcher.search({.query = query, .mode = SearchMode::keyword});
    QVERIFY2(results, results ? "" : results.error().message.c_str());
    QCOMPARE(paths_of(*results), QSet<QString>(paths.begin(), paths.end()));
    for (const SearchResult& result : results->results) {
      QVERIFY(result.keyword_score && *result.keyword_score > 0);
      QVERIFY(!result.dense_score);
      QVERIFY(!result.highlights.isEmpty());
    }
  }

  void hostile_queries_are_never_syntax_errors_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("finds");  // whether the document "Salt and pepper." matches
    for (const char* text : {"\"", "\"\"", "\"unbalanced", "*", "-x", "col:val", "NEAR(", "NEAR(a b",
                             "NOT", "OR OR", "^start", "(", ")", "{words}", "a:b:c", "'", "+", "\\",
                             "%", "_"})
      QTest::newRow(text) << QString::fromLatin1(text) << false;
    QTest::newRow("AND is a word") << "AND" << true;
    QTest::newRow("column syntax is a word") << "words:pepper" << true;
    QTest::newRow("prefix syntax is not a prefix") << "pep*" << false;
    QTest::newRow("quoted word") << "\"pepper\"" << true;
    QTest::newRow("emoji") << QStringLiteral("😀🎉") << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("spaces") << "   " << false;
  }

  void hostile_queries_are_never_syntax_errors() {
    QFETCH(QString, query);
    QFETCH(bool, finds);
    TestIndex index;
    index.add(index.folder("/d"), "/d/a.txt", {"Salt and pepper."}, {{1, 0, 0, 0}});
    for (SearchMode mode : {SearchMode::keyword, SearchMode::hybrid}) {
      index.cache_query(query.trimmed(), {0.5f, 0.5f, 0.5f, 0.5f});
      Searcher searcher(*index.store);
      auto results = searcher.search({.query = query, .mode = mode});
      QVERIFY2(results, results ? "" : results.error().message.c_str());
      if (mode == SearchMode::keyword) QCOMPARE(!results->results.empty(), finds);
    }
  }

  // ---- Hybrid, filters, snippets, reloading ----------------------------------------------

  void hybrid_is_the_fusion_of_dense_and_keyword() {
    TestIndex index;
    const int64_t folder = index.folder("/d");
    // Dense favours d1 > d2 > d3 > d4; keyword "zebra" matches d4 and d2 only.
    index.add(folder, "/d/1.txt", {"alpha"}, {{1, 0, 0, 0}});
    index.add(folder, "/d/2.txt", {"zebra beta"}, {{0.9f, 0.43589f, 0, 0}});
    index.add(folder, "/d/3.txt", {"gamma"}, {{0.5f, 0.8660254f, 0, 0}});
    index.add(folder, "/d/4.txt", {"zebra zebra zebra"}, {{0, 0, 1, 0}});
    index.cache_query("zebra", {1, 0, 0, 0});
    Searcher searcher(*index.store);
    auto dense = searcher.search({.query = "zebra", .mode = SearchMode::dense});
    auto keyword = searcher.search({.query = "zebra", .mode = SearchMode::keyword});
    auto hybrid = searcher.search({.query = "zebra", .mode = SearchMode::hybrid});
    QVERIFY(dense && keyword && hybrid);
    QCOMPARE(dense->results.size(), size_t{4});
    QCOMPARE(keyword->results.size(), size_t{2});
    QCOMPARE(keyword->results[0].path, QStringLiteral("/d/4.txt"));  // more occurrences
    std::vector<std::vector<int64_t>> lists(2);
    for (const auto& result : dense->results) lists[0].push_back(result.chunk_id);
    for (const auto& result : keyword->results) lists[1].push_back(result.chunk_id);
    const auto expected = reciprocal_rank_fusion(lists);
    QCOMPARE(hybrid->results.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      QCOMPARE(hybrid->results[i].chunk_id, expected[i].chunk_id);
      QCOMPARE(hybrid->results[i].score, expected[i].score);
      QCOMPARE(*hybrid->results[i].fused_score, expected[i].score);
    }
    QCOMPARE(hybrid->results[0].path, QStringLiteral("/d/2.txt"));  // second in both lists
    QVERIFY(hybrid->results[0].dense_score && hybrid->results[0].keyword_score);
    QCOMPARE(*hybrid->results[0].dense_score, 0.9f);
    QCOMPARE(hybrid->results[2].path, QStringLiteral("/d/1.txt"));  // dense only
    QVERIFY(!hybrid->results[2].keyword_score);
    QCOMPARE(dense->results[0].score, double(*dense->results[0].dense_score));
  }

  void filters_apply_to_every_mode_data() {
    QTest::addColumn<SearchFilters>("filters");
    QTest::addColumn<QStringList>("paths");
    QTest::newRow("none") << SearchFilters{} << QStringList{"/a/x.txt", "/a/sub/y.pdf", "/b/z.txt", "/ab/w.txt"};
    QTest::newRow("folder, with its subfolders") << SearchFilters{.folders = {"/a"}} << QStringList{"/a/x.txt", "/a/sub/y.pdf"};
    QTest::newRow("folder with a trailing slash") << SearchFilters{.folders = {"/a/"}} << QStringList{"/a/x.txt", "/a/sub/y.pdf"};
    QTest::newRow("subfolder") << SearchFilters{.folders = {"/a/sub"}} << QStringList{"/a/sub/y.pdf"};
    QTest::newRow("two folders") << SearchFilters{.folders = {"/a/sub", "/b"}} << QStringList{"/a/sub/y.pdf", "/b/z.txt"};
    QTest::newRow("format") << SearchFilters{.formats = {"pdf"}} << QStringList{"/a/sub/y.pdf"};
    QTest::newRow("modified between") << SearchFilters{.modified_from_ms = 1500, .modified_to_ms = 2500} << QStringList{"/a/sub/y.pdf"};
    QTest::newRow("modified from, inclusive") << SearchFilters{.modified_from_ms = 3000} << QStringList{"/b/z.txt", "/ab/w.txt"};
    QTest::newRow("folder and format") << SearchFilters{.folders = {"/a"}, .formats = {"text"}} << QStringList{"/a/x.txt"};
    QTest::newRow("nothing passes") << SearchFilters{.formats = {"epub"}} << QStringList{};
  }

  void filters_apply_to_every_mode() {
    QFETCH(SearchFilters, filters);
    QFETCH(QStringList, paths);
    TestIndex index;
    const int64_t a = index.folder("/a"), b = index.folder("/b"), ab = index.folder("/ab");
    index.add(a, "/a/x.txt", {"common x"}, {{1, 0, 0, 0}}, "text", 1000);
    index.add(a, "/a/sub/y.pdf", {"common y"}, {{0, 1, 0, 0}}, "pdf", 2000);
    index.add(b, "/b/z.txt", {"common z"}, {{0, 0, 1, 0}}, "text", 3000);
    index.add(ab, "/ab/w.txt", {"common w"}, {{0, 0, 0, 1}}, "text", 4000);
    index.cache_query("common", {0.5f, 0.5f, 0.5f, 0.5f});
    Searcher searcher(*index.store);
    for (SearchMode mode : {SearchMode::dense, SearchMode::keyword, SearchMode::hybrid}) {
      auto results = searcher.search({.query = "common", .mode = mode, .filters = filters});
      QVERIFY2(results, results ? "" : results.error().message.c_str());
      QCOMPARE(paths_of(*results), QSet<QString>(paths.begin(), paths.end()));
    }
  }

  void snippets_show_and_mark_the_match_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("marked");
    const QString filler = QStringLiteral("Some unrelated words fill this long passage. ").repeated(12);
    QTest::newRow("english word near the end") << filler + "The Lighthouse stands." << "lighthouse" << QStringList{"Lighthouse"};
    QTest::newRow("no partial words") << "lighthouses and a lighthouse" << "lighthouse" << QStringList{"lighthouse"};
    QTest::newRow("chinese") << QStringLiteral("北方海角的灯塔于1987年实现自动化。") << QStringLiteral("灯塔")
                             << QStringList{QStringLiteral("灯塔")};
    QTest::newRow("no match") << filler << "zebra" << QStringList{};
    QTest::newRow("function words unmarked beside content words")
        << "The keeper of the lighthouse and the light." << "the lighthouse and the keeper"
        << QStringList{"keeper", "lighthouse"};
    QTest::newRow("function words marked when alone") << "To be or not to be." << "to be"
                                                      << QStringList{"To", "be", "to", "be"};
  }

  void snippets_show_and_mark_the_match() {
    QFETCH(QString, text);
    QFETCH(QString, query);
    QFETCH(QStringList, marked);
    const Snippet snippet = make_snippet(text, build_fts_query(query));
    QVERIFY(snippet.text.size() <= kSnippetLength);
    QCOMPARE(text.mid(snippet.offset, snippet.text.size()), snippet.text);  // verbatim
    QStringList highlighted;
    for (const Highlight& highlight : snippet.highlights)
      highlighted.append(snippet.text.mid(highlight.start, highlight.length));
    QCOMPARE(highlighted, marked);
    if (marked.isEmpty()) QCOMPARE(snippet.offset, qsizetype{0});
  }

  void snippets_never_split_a_surrogate_pair() {
    const QString text = QStringLiteral("😀").repeated(300) + QStringLiteral(" lighthouse ") + QStringLiteral("😀").repeated(300);
    const Snippet snippet = make_snippet(text, build_fts_query(u"lighthouse"), 101);
    QVERIFY(!snippet.text.front().isLowSurrogate());
    QVERIFY(!snippet.text.back().isHighSurrogate());
    QCOMPARE(snippet.highlights.size(), qsizetype{1});
    QCOMPARE(mark_highlights(u"the lighthouse", {{4, 10}}), QStringLiteral("the «lighthouse»"));
  }

  void results_carry_positions_in_the_document() {
    TestIndex index;
    const QStringList texts = {"First chunk about harbours.", "Second chunk: the lighthouse keeper."};
    index.add(index.folder("/d"), "/d/a.txt", texts);
    Searcher searcher(*index.store);
    auto results = searcher.search({.query = "lighthouse", .mode = SearchMode::keyword});
    QVERIFY(results);
    QCOMPARE(results->results.size(), size_t{1});
    const SearchResult& result = results->results[0];
    const QString document = texts.join(u'\n');
    QCOMPARE(document.mid(result.start, result.end - result.start), texts[1]);
    QCOMPARE(document.mid(result.snippet_start, result.snippet.size()), result.snippet);
    QCOMPARE(result.snippet.mid(result.highlights[0].start, result.highlights[0].length), QStringLiteral("lighthouse"));
    QCOMPARE(result.page, 0);
    QCOMPARE(result.format, QStringLiteral("text"));
  }

  void vectors_reload_when_the_index_changes() {
    TestIndex index;
    const int64_t folder = index.folder("/d");
    index.add(folder, "/d/1.txt", {"one"}, {{1, 0, 0, 0}});
    index.cache_query("q", {0, 1, 0, 0});
    Searcher searcher(*index.store);
    auto first = searcher.search({.query = "q", .mode = SearchMode::dense});
    QVERIFY(first);
    QVERIFY(first->stats.vectors_reloaded);
    auto second = searcher.search({.query = "q", .mode = SearchMode::dense});
    QVERIFY(second);
    QVERIFY(!second->stats.vectors_reloaded);
    index.add(folder, "/d/2.txt", {"two"}, {{0, 1, 0, 0}});
    auto third = searcher.search({.query = "q", .mode = SearchMode::dense});
    QVERIFY(third);
    QVERIFY(third->stats.vectors_reloaded);
    QCOMPARE(third->results[0].path, QStringLiteral("/d/2.txt"));
    QVERIFY(*index.store->remove_document("/d/2.txt"));
    auto fourth = searcher.search({.query = "q", .mode = SearchMode::dense});
    QVERIFY(fourth);
    QCOMPARE(paths_of(*fourth), QSet<QString>{"/d/1.txt"});
  }

  // The indexer writes through its own connection on its own thread while this thread
  // searches: every search succeeds, sees whole documents only, and the last one sees them all.
  void search_runs_beside_an_indexer_on_another_thread() {
    TestIndex index;
    const int64_t folder = index.folder("/d");
    index.add(folder, "/d/first.txt", {"zebra first"}, {{1, 0, 0, 0}});
    index.cache_query("zebra", {1, 0, 0, 0});
    const QString path = index.store->path();
    const VectorSpace space = index.space;
    constexpr int kDocuments = 150;
    std::atomic<bool> done = false;
    std::string writer_error;
    std::thread writer([&] {
      auto store = IndexStore::open(path);
      if (!store) {
        writer_error = store.error().message;
        done = true;
        return;
      }
      for (int i = 0; i < kDocuments && writer_error.empty(); ++i) {
        // Three chunks per document: a search must never see one without the others.
        std::vector<Chunk> chunks;
        std::vector<ChunkVector> vectors;
        for (int c = 0; c < 3; ++c) {
          const QString text = QStringLiteral("zebra %1 part %2").arg(i).arg(c);
          chunks.push_back({c * 100, c * 100 + text.size(), 0, 4, text});
          vectors.push_back({chunk_content_hash(text), {0.5f, 0.5f, 0.5f, 0.5f}});
        }
        DocumentInfo info{folder, QStringLiteral("/d/%1.txt").arg(i), 300, 1000, QByteArray::number(i), "text", 0};
        if (auto ok = (*store)->replace_document(info, chunks, space, vectors); !ok) writer_error = ok.error().message;
      }
      done = true;
    });
    Searcher searcher(*index.store);
    int searches = 0;
    while (!done || searches == 0) {
      auto results = searcher.search({.query = "zebra", .mode = SearchMode::hybrid, .top_k = 1000});
      if (!results) {
        writer.join();
        QFAIL(results.error().message.c_str());
      }
      QMap<QString, int> chunks_per_document;
      for (const SearchResult& result : results->results) ++chunks_per_document[result.path];
      for (auto it = chunks_per_document.begin(); it != chunks_per_document.end(); ++it)
        if (it.key() != "/d/first.txt" && it.value() != 3) {
          writer.join();
          QFAIL(qPrintable(it.key() + " seen with " + QString::number(it.value()) + " of 3 chunks"));
        }
      ++searches;
    }
    writer.join();
    QVERIFY2(writer_error.empty(), writer_error.c_str());
    auto last = searcher.search({.query = "zebra", .mode = SearchMode::dense, .top_k = 1000});
    QVERIFY(last);
    QCOMPARE(last->results.size(), size_t{1 + 3 * kDocuments});
  }

  void dense_search_explains_what_it_lacks() {
    TestIndex index;
    index.add(index.folder("/d"), "/d/a.txt", {"words only"});
    Searcher searcher(*index.store);
    auto no_vectors = searcher.search({.query = "words", .mode = SearchMode::dense});
    QVERIFY(!no_vectors);
    QVERIFY2(no_vectors.error().message.find("no vectors yet") != std::string::npos, no_vectors.error().message.c_str());
    QVERIFY(searcher.search({.query = "words", .mode = SearchMode::keyword}));

    index.add(index.folder("/d"), "/d/b.txt", {"more words"}, {{1, 0, 0, 0}});
    auto no_model = searcher.search({.query = "uncached", .mode = SearchMode::hybrid});
    QVERIFY(!no_model);
    QVERIFY2(no_model.error().message.find("needs the embedding model /models/test") != std::string::npos,
             no_model.error().message.c_str());
  }

  // ---- Similar passages -------------------------------------------------------------------

  void similar_chunks_are_the_nearest_other_chunks() {
    TestIndex index;
    const int64_t folder = index.folder("/d");
    const int64_t a = index.add(folder, "/d/a.txt", {"anchor", "near"}, {{1, 0, 0, 0}, {0.9f, 0.43589f, 0, 0}});
    index.add(folder, "/d/b.txt", {"middle"}, {{0.5f, 0.8660254f, 0, 0}});
    index.add(folder, "/d/c.txt", {"far"}, {{0, 0, 0, 1}});
    index.add(folder, "/d/copy.txt", {"anchor"}, {{1, 0, 0, 0}});  // the same text elsewhere
    const int64_t anchor = (*index.store->chunks(a))[0].id;
    Searcher searcher(*index.store);
    auto similar = searcher.similar_chunks(anchor, 10);
    QVERIFY2(similar, similar ? "" : similar.error().message.c_str());
    QStringList order;
    for (const SearchResult& result : similar->results) {
      QVERIFY(result.chunk_id != anchor);
      QVERIFY(result.dense_score && !result.keyword_score && !result.rerank_score);
      QCOMPARE(result.score, double(*result.dense_score));
      order.append(result.path + ":" + result.snippet);
    }
    QCOMPARE(order, (QStringList{"/d/copy.txt:anchor", "/d/a.txt:near", "/d/b.txt:middle", "/d/c.txt:far"}));
    QCOMPARE(*similar->results[0].dense_score, 1.0f);
    QCOMPARE(*similar->results[1].dense_score, 0.9f);
    QVERIFY(std::abs(*similar->results[3].dense_score) < 1e-6f);

    auto first_two = searcher.similar_chunks(anchor, 2);
    QVERIFY(first_two);
    QCOMPARE(first_two->results.size(), size_t{2});
    QCOMPARE(first_two->results[1].path, QStringLiteral("/d/a.txt"));
  }

  void similar_chunks_explain_what_they_lack() {
    TestIndex index;
    const int64_t folder = index.folder("/d");
    const int64_t words = index.add(folder, "/d/words.txt", {"words only"});
    const int64_t chunk = (*index.store->chunks(words))[0].id;
    Searcher searcher(*index.store);
    auto no_vectors = searcher.similar_chunks(chunk, 5);
    QVERIFY(!no_vectors);
    QVERIFY2(no_vectors.error().message.find("no vectors yet") != std::string::npos, no_vectors.error().message.c_str());

    index.add(folder, "/d/vector.txt", {"with a vector"}, {{1, 0, 0, 0}});
    auto without_its_vector = searcher.similar_chunks(chunk, 5);
    QVERIFY(!without_its_vector);
    QVERIFY2(without_its_vector.error().message.find("has no vector from /models/test") != std::string::npos,
             without_its_vector.error().message.c_str());

    auto gone = searcher.similar_chunks(chunk + 1000, 5);
    QVERIFY(!gone);
    QVERIFY2(gone.error().message.find("no longer in the index") != std::string::npos, gone.error().message.c_str());
  }

  void indexed_formats_lists_each_format_once() {
    TestIndex index;
    const int64_t folder = index.folder("/d");
    QCOMPARE(*indexed_formats(index.store->database()), QStringList{});
    index.add(folder, "/d/b.md", {"b"}, {}, "markdown");
    index.add(folder, "/d/a.txt", {"a"}, {}, "text");
    index.add(folder, "/d/c.txt", {"c"}, {}, "text");
    QCOMPARE(*indexed_formats(index.store->database()), (QStringList{"markdown", "text"}));
  }

  // ---- The engine: tiny fixture models ----------------------------------------------------

  // A chunk whose text is exactly the Qwen3 query prompt embeds to the query's vector, so it
  // must come first with cosine 1; with an empty instruction the plain query text must.
  void queries_use_the_qwen3_query_format_and_the_cache() {
    auto loaded = xun::test::shared_engine().load_model(xun::test::data_path("tiny-embed-f16.gguf"));
    QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
    CountingModel model(**loaded);
    const xun::ModelInfo& info = model.info();
    const int dimension = static_cast<int>(info.hidden_size);

    TestIndex index(dimension);
    const ModelRecord record = *index.store->register_model(QString::fromStdString(info.fingerprint),
                                                            QString::fromStdString(info.path.string()),
                                                            "embedding", dimension);
    index.space = {record.id, dimension};
    const QString query = QStringLiteral("when was the lighthouse automated");
    const QStringList texts = {"Instruct: " + kDefaultInstruction + "\nQuery:" + query, query,
                               QStringLiteral("北方海角的灯塔于1987年实现自动化"), QStringLiteral("a recipe for bread")};
    std::vector<xun::EmbedRequest> documents;
    for (const QString& text : texts) documents.push_back({text.toStdString(), std::nullopt});
    auto vectors = model.embed(documents, {});
    QVERIFY(vectors);
    QCOMPARE(model.embedded, 4);
    const int64_t folder = index.folder("/d");
    for (int i = 0; i < texts.size(); ++i)
      index.add(folder, QStringLiteral("/d/%1.txt").arg(i), {texts[i]}, {(*vectors)[size_t(i)]});

    Searcher searcher(*index.store);
    SearchRequest request{.query = query, .mode = SearchMode::dense, .embedding_model = &model};
    auto first = searcher.search(request);
    QVERIFY2(first, first ? "" : first.error().message.c_str());
    QCOMPARE(model.embedded, 5);
    QVERIFY(!first->stats.query_embedding_cached);
    QCOMPARE(first->results[0].path, QStringLiteral("/d/0.txt"));
    QVERIFY(*first->results[0].dense_score > 0.9999f);
    auto cached = index.store->cached_query_embedding(record.id, kDefaultInstruction, query, dimension);
    QVERIFY(cached && *cached);
    QCOMPARE(**cached, (*vectors)[0]);

    auto again = searcher.search(request);
    QVERIFY(again);
    QCOMPARE(model.embedded, 5);  // from the cache: the engine is not called
    QVERIFY(again->stats.query_embedding_cached);
    QCOMPARE(again->results[0].chunk_id, first->results[0].chunk_id);

    request.instruction.clear();  // plain text query
    auto plain = searcher.search(request);
    QVERIFY(plain);
    QCOMPARE(model.embedded, 6);
    QCOMPARE(plain->results[0].path, QStringLiteral("/d/1.txt"));
    QVERIFY(*plain->results[0].dense_score > 0.9999f);

    // The index remembers its model: a searcher given none uses the cached query vectors.
    auto without_model = searcher.search({.query = query, .mode = SearchMode::hybrid});
    QVERIFY2(without_model, without_model ? "" : without_model.error().message.c_str());
    QCOMPARE(model.embedded, 6);
    QVERIFY(xun::test::take_validation_messages().empty());
  }

  // A long query reaches the models cut to kMaxQueryTokens, and the results say so; the cut
  // query is what the cache keeps. Hostile queries (issue 12) return in every mode.
  void long_queries_are_cut_for_the_models_with_a_note() {
    auto loaded = xun::test::shared_engine().load_model(xun::test::data_path("tiny-embed-f16.gguf"));
    QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
    xun::Model& model = **loaded;
    const int dimension = static_cast<int>(model.info().hidden_size);
    TestIndex index(dimension);
    const ModelRecord record = *index.store->register_model(
        QString::fromStdString(model.info().fingerprint),
        QString::fromStdString(model.info().path.string()), "embedding", dimension);
    index.space = {record.id, dimension};
    const QStringList texts = {QStringLiteral("the lighthouse keeper kept the lamp"),
                               QStringLiteral("灯塔守护者"), QStringLiteral("NEAR the harbour")};
    std::vector<xun::EmbedRequest> documents;
    for (const QString& text : texts) documents.push_back({text.toStdString(), std::nullopt});
    auto vectors = model.embed(documents, {});
    QVERIFY(vectors);
    const int64_t folder = index.folder("/d");
    for (int i = 0; i < texts.size(); ++i)
      index.add(folder, QStringLiteral("/d/%1.txt").arg(i), {texts[i]}, {(*vectors)[size_t(i)]});
    Searcher searcher(*index.store);

    auto short_query = searcher.search(
        {.query = "lighthouse keeper", .mode = SearchMode::hybrid, .embedding_model = &model});
    QVERIFY2(short_query, short_query ? "" : short_query.error().message.c_str());
    QVERIFY(!short_query->query_truncated_to_tokens);

    QString cjk;
    for (int i = 0; i < 11000; ++i) cjk += QChar(0x4E00 + (i * 7919) % 20000);
    const std::vector<std::pair<const char*, QString>> hostile = {
        {"100 KB of text", QStringLiteral("the lighthouse keeper kept the lamp ").repeated(2900)},
        {"8,000 words", QStringLiteral("keeper ").repeated(8000)},
        {"33 KB of CJK", cjk},
        {"5,000 NEAR(", QStringLiteral("NEAR( ").repeated(5000)}};
    for (const auto& [name, query] : hostile) {
      auto bounded = bound_query(model.tokenizer(), query);
      QVERIFY2(bounded, name);
      QVERIFY2(bounded->truncated, name);
      QVERIFY2(bounded->tokens > 0 && bounded->tokens <= kMaxQueryTokens,
               qPrintable(QString("%1: %2 tokens").arg(name).arg(bounded->tokens)));
      QVERIFY2(!bounded->text.contains(QChar::ReplacementCharacter), name);  // no split character
      QVERIFY2(query.startsWith(bounded->text), name);
      for (SearchMode mode : {SearchMode::dense, SearchMode::keyword, SearchMode::hybrid}) {
        auto results = searcher.search({.query = query, .mode = mode, .embedding_model = &model});
        QVERIFY2(results, qPrintable(QString("%1, %2: %3").arg(name, to_string(mode),
                                                              results ? "" : results.error().message.c_str())));
        // Keyword search never reaches a model, so it cuts nothing for one.
        QCOMPARE(results->query_truncated_to_tokens.has_value(), mode != SearchMode::keyword);
        if (mode != SearchMode::keyword) {
          QCOMPARE(*results->query_truncated_to_tokens, bounded->tokens);
          auto cached = index.store->cached_query_embedding(record.id, kDefaultInstruction,
                                                            bounded->text, dimension);
          QVERIFY2(cached && *cached, name);  // the cut text is what was embedded
        }
      }
    }
    QVERIFY(xun::test::take_validation_messages().empty());
  }

  void reranking_fills_then_hits_the_cache() {
    auto loaded = xun::test::shared_engine().load_model(xun::test::data_path("tiny-rerank-f16.gguf"));
    QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
    CountingModel reranker(**loaded);
    TestIndex index;
    const int64_t folder = index.folder("/d");
    index.add(folder, "/d/a.txt", {"The lighthouse was automated in 1987."});
    index.add(folder, "/d/copy-of-a.txt", {"The lighthouse was automated in 1987."});
    index.add(folder, "/d/b.txt", {"A lighthouse keeper lived here."});
    index.add(folder, "/d/c.txt", {"Lighthouse lenses focus light."});
    index.add(folder, "/d/d.txt", {"Bread needs flour."});

    const QString instruction = QStringLiteral("Judge whether the passage is about lighthouses");
    SearchRequest request{.query = "lighthouse", .mode = SearchMode::keyword, .top_k = 3,
                          .rerank = RerankSettings{&reranker, instruction, 10}};
    auto first = searcher_search(index, request);
    QVERIFY2(first, first ? "" : first.error().message.c_str());
    QCOMPARE(first->results.size(), size_t{3});
    QCOMPARE(reranker.reranked, 3);  // four candidates, one a copy: three distinct texts
    QCOMPARE(first->stats.reranked_computed, 3);
    QCOMPARE(first->stats.reranked_cached, 0);
    QCOMPARE(*index.store->database().query_int("SELECT count(*) FROM rerank_scores"), int64_t{3});
    for (size_t i = 0; i < first->results.size(); ++i) {
      const SearchResult& result = first->results[i];
      QVERIFY(result.rerank_score && result.keyword_score);
      QCOMPARE(result.score, double(*result.rerank_score));
      if (i > 0) QVERIFY(*first->results[i - 1].rerank_score >= *result.rerank_score);
    }
    // The score is the engine's own for that pair.
    auto direct = (*loaded)->rerank(std::vector<xun::RerankRequest>{
        {instruction.toStdString(), "lighthouse", "A lighthouse keeper lived here."}}, {});
    QVERIFY(direct);
    auto reranker_record = index.store->find_model(QString::fromStdString(reranker.info().fingerprint));
    QVERIFY(reranker_record && *reranker_record);
    QCOMPARE((*reranker_record)->kind, QStringLiteral("reranker"));
    auto stored = index.store->cached_rerank_scores(
        (*reranker_record)->id,
        instruction, "lighthouse", std::vector<QByteArray>{chunk_content_hash(u"A lighthouse keeper lived here.")});
    QVERIFY(stored && (*stored)[0]);
    QCOMPARE(*(*stored)[0], (*direct)[0].score);

    auto second = searcher_search(index, request);
    QVERIFY(second);
    QCOMPARE(reranker.reranked, 3);  // nothing computed twice
    QCOMPARE(second->stats.reranked_computed, 0);
    QCOMPARE(second->stats.reranked_cached, 3);
    for (size_t i = 0; i < first->results.size(); ++i) {
      QCOMPARE(second->results[i].chunk_id, first->results[i].chunk_id);
      QCOMPARE(*second->results[i].rerank_score, *first->results[i].rerank_score);
    }
    QVERIFY(xun::test::take_validation_messages().empty());
  }

 private:
  static xun::Result<SearchResults> searcher_search(TestIndex& index, const SearchRequest& request) {
    Searcher searcher(*index.store);
    return searcher.search(request);
  }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
