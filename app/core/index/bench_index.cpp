// bench_index: indexing throughput of the whole pipeline (scan, extract, chunk, embed, write)
// on a generated folder of Markdown files.
//
//   bench_index [--files 200] [--model PATH] [--device N] [--chunk-tokens 512] [--directory PATH]
//
// Writes the files (deterministic prose, about 1,500 tokens each) into a temporary folder
// (or --directory), indexes them into a new SQLite file, then indexes again (nothing changed)
// and prints JSON: files, chunks, vectors computed, seconds, chunks per second and files per
// second for both runs. Without --model the run is keyword-only (extraction, chunking with the
// estimated token counts, SQLite and FTS5); with one, the engine's embedding time is included.
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "index/indexer.h"
#include "store/index_store.h"

using namespace xun;
using namespace xun::core;

namespace {

// Prose of numbered sentences over a few hundred words: distinct per file, so that every
// chunk is new text for the engine.
void write_corpus(const QString& folder, int files) {
  static const char* words[] = {"harbour", "signal", "keeper", "winter", "stone", "bridge", "river", "market",
                                "engine", "paper", "north", "garden", "morning", "island", "village", "forest"};
  for (int f = 0; f < files; ++f) {
    QString text = QString("# Report %1\n\n").arg(f);
    for (int s = 0; s < 80; ++s) {
      text += QString("Sentence %1 of report %2 mentions the %3 near the %4 and the %5.")
                  .arg(s).arg(f).arg(words[(f + s) % 16]).arg(words[(f * 7 + s * 3) % 16]).arg(words[(s * 5 + 1) % 16]);
      text += (s % 6 == 5) ? "\n\n" : " ";
    }
    QDir().mkpath(QString("%1/%2").arg(folder).arg(f % 10));
    QFile file(QString("%1/%2/report-%3.md").arg(folder).arg(f % 10).arg(f));
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write into %s", qPrintable(folder));
    file.write(text.toUtf8());
  }
}

QJsonObject run_json(const IndexReport& report) {
  return {{"files_indexed", qint64(report.files_indexed)},
          {"files_unchanged", qint64(report.files_unchanged)},
          {"chunks", qint64(report.chunks)},
          {"chunks_embedded", qint64(report.chunks_embedded)},
          {"seconds", report.seconds},
          {"chunks_per_second", report.seconds > 0 ? report.chunks / report.seconds : 0.0},
          {"files_per_second", report.seconds > 0 ? (report.files_indexed + report.files_unchanged) / report.seconds : 0.0}};
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication application(argc, argv);
  QCommandLineParser parser;
  parser.addHelpOption();
  parser.addOption({"files", "Files to generate.", "N", "200"});
  parser.addOption({"model", "Embedding model (directory or .gguf); none: keyword-only.", "PATH"});
  parser.addOption({"device", "Vulkan device index.", "N"});
  parser.addOption({"chunk-tokens", "Tokens per chunk.", "N", "512"});
  parser.addOption({"directory", "Where to write the files and the index (default: a temporary folder).", "PATH"});
  parser.process(application);

  QTemporaryDir temporary;
  const QString root = parser.isSet("directory") ? parser.value("directory") : temporary.path();
  const QString folder = root + "/corpus";
  QDir(folder).removeRecursively();
  QFile::remove(root + "/index.sqlite");
  write_corpus(folder, parser.value("files").toInt());

  std::unique_ptr<Engine> engine;
  std::unique_ptr<Model> model;
  if (parser.isSet("model")) {
    EngineOptions options;
    if (parser.isSet("device")) options.device_index = parser.value("device").toUInt();
    auto created = Engine::create(options);
    if (!created) return std::fprintf(stderr, "bench_index: %s\n", created.error().message.c_str()), 1;
    engine = std::move(*created);
    auto loaded = engine->load_model(parser.value("model").toStdString());
    if (!loaded) return std::fprintf(stderr, "bench_index: %s\n", loaded.error().message.c_str()), 1;
    model = std::move(*loaded);
  }
  auto store = IndexStore::open(root + "/index.sqlite");
  if (!store) return std::fprintf(stderr, "bench_index: %s\n", store.error().message.c_str()), 1;
  IndexOptions options;
  options.chunking.target_tokens = parser.value("chunk-tokens").toInt();
  // This program is not installed beside xun: the build's worker, unless XUN_EXTRACT_WORKER names one.
  if (qEnvironmentVariableIsEmpty("XUN_EXTRACT_WORKER")) options.extract_worker.program = XUN_BUILD_EXTRACT_WORKER;
  Indexer indexer(**store, model.get(), options);
  auto first = indexer.index_folders({folder});
  if (!first) return std::fprintf(stderr, "bench_index: %s\n", first.error().message.c_str()), 1;
  auto second = indexer.index_folders({folder});
  if (!second) return std::fprintf(stderr, "bench_index: %s\n", second.error().message.c_str()), 1;

  const QJsonObject out{{"files", parser.value("files").toInt()},
                        {"model", model ? QString::fromStdString(model->info().path.string()) : QString()},
                        {"device", engine ? QString::fromStdString(engine->device().name) : QString()},
                        {"chunk_tokens", options.chunking.target_tokens},
                        {"first_run", run_json(*first)},
                        {"unchanged_run", run_json(*second)}};
  std::puts(QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
  return 0;
}
