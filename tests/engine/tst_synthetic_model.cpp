// Synthetic benchmark models: every format loads in the engine with the shape asked for,
// the same seed writes the same bytes, and the formats hold the same numbers.
#include <QtTest>

#include <QCryptographicHash>
#include <QFile>

#include "engine_fixture.h"
#include "test_support.h"
#include "xun/synthetic_model.h"

using namespace xun;

namespace {

QByteArray file_hash(const std::filesystem::path& path) {
  QFile file(QString::fromStdString(path.string()));
  if (!file.open(QIODevice::ReadOnly)) return {};
  QCryptographicHash hash(QCryptographicHash::Sha256);
  hash.addData(&file);
  return hash.result().toHex();
}

}  // namespace

class SyntheticModelTest : public QObject {
  Q_OBJECT

  QTemporaryDir directory_;

  std::filesystem::path write(const std::string& format, uint64_t seed, const std::string& name) {
    SyntheticModelOptions options;
    options.shape = "tiny";
    options.format = format;
    options.seed = seed;
    options.tokenizer_json = test::data_path("qwen3-tokenizer/tokenizer.json");
    options.output = std::filesystem::path(directory_.path().toStdString()) / name;
    auto written = write_synthetic_model(options);
    if (!written) qFatal("%s", written.error().message.c_str());
    return options.output;
  }

 private slots:
  void cleanup() {
    const auto messages = test::take_validation_messages();
    for (const std::string& message : messages) qWarning("%s", message.c_str());
    QVERIFY2(messages.empty(), "the Vulkan validation layer reported problems");
  }

  void every_format_loads_with_the_tiny_shape() {
    const std::vector<EmbedRequest> requests{{"The lighthouse on the northern cape", std::nullopt},
                                             {"灯塔", std::string("Given a web search query")}};
    std::vector<std::vector<std::vector<float>>> embeddings;
    for (const std::string format : {"gguf-f16", "gguf-q8_0", "safetensors-bf16"}) {
      const auto path = write(format, 7, format == "safetensors-bf16" ? "tiny-bf16" : "tiny-" + format + ".gguf");
      auto model = test::shared_engine().load_model(path);
      QVERIFY2(model.has_value(), model ? "" : model.error().message.c_str());
      const ModelInfo& info = (*model)->info();
      QCOMPARE(info.hidden_size, 16u);
      QCOMPARE(info.layers, 2u);
      QCOMPARE(info.heads, 2u);
      QCOMPARE(info.kv_heads, 1u);
      QCOMPARE(info.head_dim, 128u);
      QCOMPARE(info.vocab_size, 151669u);
      auto embedded = (*model)->embed(requests);
      QVERIFY2(embedded.has_value(), embedded ? "" : embedded.error().message.c_str());
      embeddings.push_back(*embedded);
      auto scores = (*model)->rerank(std::vector<RerankRequest>{{"i", "q", "d"}});
      QVERIFY2(scores.has_value(), scores ? "" : scores.error().message.c_str());
    }
    // The same float draws, rounded three ways, give nearly the same embeddings.
    for (size_t other = 1; other < embeddings.size(); ++other)
      for (size_t i = 0; i < requests.size(); ++i)
        for (size_t d = 0; d < 16; ++d) QVERIFY(std::abs(embeddings[0][i][d] - embeddings[other][i][d]) < 0.02);
  }

  void the_same_seed_writes_the_same_file() {
    const auto a = write("gguf-f16", 42, "a.gguf"), b = write("gguf-f16", 42, "b.gguf"),
               c = write("gguf-f16", 43, "c.gguf");
    QCOMPARE(file_hash(a), file_hash(b));
    QVERIFY(file_hash(a) != file_hash(c));
  }

  void unknown_shapes_and_formats_are_refused() {
    SyntheticModelOptions options;
    options.tokenizer_json = test::data_path("qwen3-tokenizer/tokenizer.json");
    options.output = std::filesystem::path(directory_.path().toStdString()) / "x.gguf";
    options.shape = "1b";
    auto bad_shape = write_synthetic_model(options);
    QVERIFY(!bad_shape.has_value());
    QVERIFY(bad_shape.error().message.find("unknown shape") != std::string::npos);
    options.shape = "tiny";
    options.format = "gguf-q4_k";
    auto bad_format = write_synthetic_model(options);
    QVERIFY(!bad_format.has_value());
    QVERIFY(bad_format.error().message.find("unknown format") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(SyntheticModelTest)
#include "tst_synthetic_model.moc"
