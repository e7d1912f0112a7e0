// bench_search: search latency on synthetic indexes (random unit vectors, random text).
//
//   bench_search [--sizes 10000,100000] [--dimension 1024] [--queries 200] [--threads N]
//                [--directory PATH] [--tokenizer MODEL]
//
// For each size it builds an index (in a temporary folder unless --directory) through IndexStore (documents of
// 20 chunks, each chunk about 120 words drawn from a Zipf-distributed vocabulary), then runs the
// queries through Searcher in dense, keyword and hybrid mode with top_k 10 and prints JSON:
// write rate, vector load time, and p50/p95 latencies in milliseconds. Query vectors are put in
// the query-embedding cache first, so no model is needed and the figures are the search's own.
//
// Then hostile queries, once each in every mode: 100 KB of text, 8,000 words, 33 KB of Chinese,
// and 5,000 "NEAR(" (issue 12: each took from 20 s to over a minute). With --tokenizer PATH (a
// model directory or .gguf) it also times cutting each to the models' length (bound_query),
// which the searcher does before embedding whenever it has a model.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include "search/dot_kernels.h"
#include "search/query_length.h"
#include "search/searcher.h"
#include "store/content_hash.h"
#include "store/index_store.h"

using namespace xun::core;

namespace {

constexpr int kChunksPerDocument = 20;
constexpr int kWordsPerChunk = 120;
constexpr int kVocabulary = 20000;

struct Corpus {
  std::mt19937_64 random{20240607};
  QStringList vocabulary;
  std::vector<double> zipf_cdf;

  Corpus() {
    static const char* syllables[] = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve",
                                      "da", "zu", "el", "an", "or", "is", "um", "ba", "qi"};
    std::uniform_int_distribution<int> syllable(0, 17), length(2, 4);
    QSet<QString> seen;
    while (vocabulary.size() < kVocabulary) {
      QString word;
      for (int i = length(random); i > 0; --i) word += QLatin1String(syllables[syllable(random)]);
      if (!seen.contains(word)) {
        seen.insert(word);
        vocabulary.append(word);
      }
    }
    double sum = 0;
    for (int rank = 1; rank <= kVocabulary; ++rank) zipf_cdf.push_back(sum += 1.0 / rank);
    for (double& value : zipf_cdf) value /= sum;
  }
  const QString& word() {
    const double u = std::uniform_real_distribution<double>(0, 1)(random);
    const auto at = std::lower_bound(zipf_cdf.begin(), zipf_cdf.end(), u) - zipf_cdf.begin();
    return vocabulary[std::min<qsizetype>(at, kVocabulary - 1)];
  }
  QString text(int words) {
    QString text;
    for (int i = 0; i < words; ++i) {
      if (i > 0) text += u' ';
      text += word();
    }
    return text;
  }
  std::vector<float> unit_vector(int dimension) {
    std::normal_distribution<float> normal;
    std::vector<float> vector(static_cast<size_t>(dimension));
    double norm = 0;
    for (float& value : vector) {
      value = normal(random);
      norm += double(value) * value;
    }
    for (float& value : vector) value = static_cast<float>(value / std::sqrt(norm));
    return vector;
  }
};

[[noreturn]] void die(const xun::Error& error) {
  std::fprintf(stderr, "bench_search: %s\n", error.message.c_str());
  std::exit(1);
}

template <class T>
T check(xun::Result<T> result) {
  if (!result) die(result.error());
  return std::move(*result);
}
void check(xun::Result<void> result) {
  if (!result) die(result.error());
}

QJsonObject percentiles(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  auto at = [&](double p) {
    return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
  };
  return {{"p50_ms", at(0.50)}, {"p95_ms", at(0.95)}, {"max_ms", values.back()}};
}

// Writes `chunks` chunks as documents of kChunksPerDocument; returns chunks written per second.
double build_index(IndexStore& store, Corpus& corpus, int chunks, VectorSpace space) {
  const int64_t folder = check(store.add_folder(QStringLiteral("/bench")));
  QElapsedTimer timer;
  timer.start();
  for (int document = 0; document * kChunksPerDocument < chunks; ++document) {
    std::vector<Chunk> parts;
    std::vector<ChunkVector> vectors;
    qsizetype offset = 0;
    for (int i = 0; i < kChunksPerDocument && document * kChunksPerDocument + i < chunks; ++i) {
      Chunk chunk;
      chunk.text = corpus.text(kWordsPerChunk);
      chunk.start = offset;
      chunk.end = offset += chunk.text.size();
      chunk.tokens = kWordsPerChunk;
      vectors.push_back({chunk_content_hash(chunk.text), corpus.unit_vector(space.dimension)});
      parts.push_back(std::move(chunk));
    }
    DocumentInfo info{folder, QStringLiteral("/bench/doc-%1.txt").arg(document), offset, 0,
                      QByteArray::number(document), QStringLiteral("text"), 0};
    check(store.replace_document(info, parts, space, vectors));
  }
  return chunks / (timer.nsecsElapsed() / 1e9);
}

// The hostile queries of issue 12, named as the report shows them.
std::vector<std::pair<QString, QString>> hostile_queries(Corpus& corpus) {
  std::vector<std::pair<QString, QString>> queries;
  QString text;
  while (text.size() < 100 * 1024) text += corpus.word() + u' ';
  queries.emplace_back(QStringLiteral("100KB_text"), text);
  queries.emplace_back(QStringLiteral("8000_words"), corpus.text(8000));
  QString cjk;
  std::uniform_int_distribution<int> han(0x4E00, 0x9FA5);
  while (cjk.toUtf8().size() < 33 * 1024) cjk += QChar(han(corpus.random));
  queries.emplace_back(QStringLiteral("33KB_cjk"), cjk);
  queries.emplace_back(QStringLiteral("5000_NEAR("), QStringLiteral("NEAR( ").repeated(5000));
  return queries;
}

QJsonObject run_hostile(IndexStore& store, Searcher& searcher, Corpus& corpus,
                        const ModelRecord& model, int dimension, const xun::Tokenizer* tokenizer) {
  QJsonObject report;
  for (const auto& [name, text] : hostile_queries(corpus)) {
    // Without a model nothing is cut: the cache holds the whole (trimmed) text's vector.
    check(store.store_query_embedding(model.id, kDefaultInstruction, text.trimmed(),
                                      corpus.unit_vector(dimension)));
    QJsonObject figures{{"characters", static_cast<qint64>(text.size())}};
    if (tokenizer != nullptr) {
      QElapsedTimer timer;
      timer.start();
      const BoundedQuery bounded = check(bound_query(*tokenizer, text));
      figures["bound_query_ms"] = timer.nsecsElapsed() / 1e6;
      figures["tokens_kept"] = bounded.tokens;
    }
    for (SearchMode mode : {SearchMode::dense, SearchMode::keyword, SearchMode::hybrid}) {
      SearchRequest request;
      request.query = text;
      request.mode = mode;
      request.top_k = 10;
      QElapsedTimer timer;
      timer.start();
      const SearchResults results = check(searcher.search(request));
      figures[to_string(mode)] = QJsonObject{{"ms", timer.nsecsElapsed() / 1e6},
                                             {"results", static_cast<qint64>(results.results.size())}};
    }
    report[name] = figures;
  }
  return report;
}

QJsonObject run_size(const QString& directory, int chunks, int dimension, int queries, int threads,
                     const xun::Tokenizer* tokenizer) {
  Corpus corpus;
  const QString path = QStringLiteral("%1/bench-%2x%3.db").arg(directory).arg(chunks).arg(dimension);
  const bool reuse = QFileInfo::exists(path);
  auto store = check(IndexStore::open(path));
  const ModelRecord model = check(store->register_model(QStringLiteral("bench-random-vectors"),
                                                        QStringLiteral("/bench/model"),
                                                        QStringLiteral("embedding"), dimension));
  const VectorSpace space{model.id, dimension};
  check(store->set_index_model(space));
  QJsonObject figures{{"chunks", chunks}, {"dimension", dimension}, {"queries", queries}};
  if (!reuse) figures["write_chunks_per_second"] = build_index(*store, corpus, chunks, space);
  QElapsedTimer timer;

  // Queries: 1-3 words of the vocabulary's middle ranks (not stop-word-like, not unique), each
  // with a random vector in the query cache.
  QStringList texts;
  for (int q = 0; q < queries; ++q) {
    QStringList words;
    for (int w = 1 + q % 3; w > 0; --w)
      words.append(corpus.vocabulary[std::uniform_int_distribution<int>(50, 5000)(corpus.random)]);
    texts.append(words.join(u' ') + QStringLiteral(" #%1").arg(q));
    check(store->store_query_embedding(model.id, kDefaultInstruction, texts.back(),
                                       corpus.unit_vector(dimension)));
  }

  Searcher searcher(*store, SearcherOptions{threads});
  timer.start();
  check(searcher.preload());
  const double load_ms = timer.nsecsElapsed() / 1e6;

  QJsonObject modes;
  for (SearchMode mode : {SearchMode::dense, SearchMode::keyword, SearchMode::hybrid}) {
    std::vector<double> total, stage, scan, rescore;
    for (const QString& text : texts) {
      SearchRequest request;
      request.query = text;
      request.mode = mode;
      request.top_k = 10;
      const SearchResults results = check(searcher.search(request));
      if (results.results.empty() && mode != SearchMode::keyword) die({"a search found nothing"});
      total.push_back(results.stats.total_ms);
      stage.push_back(mode == SearchMode::keyword ? results.stats.keyword_ms : results.stats.dense_ms);
      scan.push_back(results.stats.dense_scan_ms);
      rescore.push_back(results.stats.dense_rescore_ms);
    }
    QJsonObject figures = percentiles(total);
    if (mode != SearchMode::keyword) {
      figures["dense"] = percentiles(stage);
      figures["dense_f16_scan"] = percentiles(scan);
      figures["dense_exact_rescore"] = percentiles(rescore);
    }
    modes[to_string(mode)] = figures;
  }

  figures["load_ms"] = load_ms;
  figures["matrix_bytes"] = static_cast<qint64>(searcher.matrix()->bytes());
  figures["database_bytes"] = static_cast<qint64>(check(store->status()).bytes);
  figures["search"] = modes;
  figures["hostile"] = run_hostile(*store, searcher, corpus, model, dimension, tokenizer);
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication application(argc, argv);
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Search latency on synthetic indexes"));
  parser.addHelpOption();
  parser.addOption({QStringLiteral("sizes"), QStringLiteral("Chunk counts, comma-separated."),
                    QStringLiteral("list"), QStringLiteral("10000,100000")});
  parser.addOption({QStringLiteral("dimension"), QStringLiteral("Vector dimension."),
                    QStringLiteral("n"), QStringLiteral("1024")});
  parser.addOption({QStringLiteral("queries"), QStringLiteral("Queries per mode."),
                    QStringLiteral("n"), QStringLiteral("200")});
  parser.addOption({QStringLiteral("threads"), QStringLiteral("Threads for the dense scan (0: one per core)."),
                    QStringLiteral("n"), QStringLiteral("0")});
  parser.addOption({QStringLiteral("directory"),
                    QStringLiteral("Keep the indexes in this folder and reuse them when present "
                                   "(default: a temporary folder, removed at the end)."),
                    QStringLiteral("path")});
  parser.addOption({QStringLiteral("tokenizer"),
                    QStringLiteral("Also time cutting the hostile queries with this model's tokenizer."),
                    QStringLiteral("model")});
  parser.process(application);
  std::unique_ptr<xun::Tokenizer> tokenizer;
  if (parser.isSet(QStringLiteral("tokenizer")))
    tokenizer = check(xun::load_tokenizer(parser.value(QStringLiteral("tokenizer")).toStdString()));
  QTemporaryDir temporary;
  const QString directory = parser.isSet(QStringLiteral("directory"))
                                ? parser.value(QStringLiteral("directory"))
                                : temporary.path();

  const int dimension = parser.value(QStringLiteral("dimension")).toInt();
  const int queries = parser.value(QStringLiteral("queries")).toInt();
  const int threads = parser.value(QStringLiteral("threads")).toInt();
  QJsonArray runs;
  for (const QString& size : parser.value(QStringLiteral("sizes")).split(u',', Qt::SkipEmptyParts))
    runs.append(run_size(directory, size.toInt(), dimension, queries, threads, tokenizer.get()));
  const QJsonObject report{
      {"benchmark", "search"},
      {"kernel", f16_kernel_name()},
      {"threads", threads > 0 ? threads : QThread::idealThreadCount()},
      {"runs", runs}};
  std::printf("%s", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
  return 0;
}
