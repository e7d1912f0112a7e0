// inspect_model: what a model is, read from its files without a device. The expected numbers
// come from the fixtures' README (shapes, tensor types, heads), not from the engine; and on
// every fixture the description equals what Engine::load_model reports once loaded.
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "engine_fixture.h"
#include "test_support.h"
#include "xun/engine.h"

namespace fs = std::filesystem;

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

// Storage of one fixture file, as tests/data/fixtures-README.md ("Tiny models") describes it.
enum class Storage {
  bf16,       // safetensors: every tensor BF16
  f16,        // GGUF: 2-D tensors F16, 1-D norms F32
  q8_0,       // GGUF: as f16, but attn_output (ne[0] = 256) Q8_0
};
enum class Head { tied, lm_head, cls_output };

// Bytes of the weights: the README's tensor table for vocab 151669, hidden 16, intermediate 48,
// 2 layers, 2 heads and 1 KV head of head_dim 128.
uint64_t fixture_parameter_bytes(Storage storage, Head head) {
  constexpr uint64_t vocab = 151669, hidden = 16, intermediate = 48, layers = 2, head_dim = 128;
  constexpr uint64_t q_rows = 2 * head_dim, kv_rows = 1 * head_dim;
  constexpr uint64_t matrix = 2;                           // BF16 or F16 per value
  const uint64_t norm = storage == Storage::bf16 ? 2 : 4;  // BF16 or F32 per value
  const uint64_t o_proj_values = hidden * q_rows;
  const uint64_t o_proj = storage == Storage::q8_0 ? o_proj_values / 32 * 34 : o_proj_values * matrix;
  const uint64_t per_layer = (q_rows * hidden + 2 * kv_rows * hidden + 3 * intermediate * hidden) * matrix +
                             o_proj + (2 * head_dim + 2 * hidden) * norm;
  uint64_t total = vocab * hidden * matrix + layers * per_layer + hidden * norm;
  if (head == Head::lm_head) total += vocab * hidden * matrix;
  if (head == Head::cls_output) total += 2 * hidden * matrix;
  return total;
}

void write_text(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

class InspectModelTest : public QObject {
  Q_OBJECT

  QTemporaryDir temp_;

 private slots:
  void cleanup() {
    const auto messages = xun::test::take_validation_messages();
    for (const std::string& message : messages) qWarning("%s", message.c_str());
    QVERIFY2(messages.empty(), "the Vulkan validation layer reported problems");
  }

  void describes_fixture_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("reranker");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("weight_type");
    QTest::addColumn<quint64>("parameter_bytes");
    QTest::newRow("bf16 embedding directory")
        << "tiny-embed" << false << "safetensors" << "bf16" << quint64(fixture_parameter_bytes(Storage::bf16, Head::tied));
    QTest::newRow("bf16 reranker directory")
        << "tiny-rerank" << true << "safetensors" << "bf16" << quint64(fixture_parameter_bytes(Storage::bf16, Head::lm_head));
    QTest::newRow("f16 embedding gguf")
        << "tiny-embed-f16.gguf" << false << "gguf" << "f16" << quint64(fixture_parameter_bytes(Storage::f16, Head::tied));
    QTest::newRow("q8_0 embedding gguf (attn_output only)")
        << "tiny-embed-q8_0.gguf" << false << "gguf" << "q8_0+f16" << quint64(fixture_parameter_bytes(Storage::q8_0, Head::tied));
    QTest::newRow("f16 reranker gguf")
        << "tiny-rerank-f16.gguf" << true << "gguf" << "f16" << quint64(fixture_parameter_bytes(Storage::f16, Head::cls_output));
  }

  void describes_fixture() {
    QFETCH(QString, name);
    QFETCH(bool, reranker);
    QFETCH(QString, format);
    QFETCH(QString, weight_type);
    QFETCH(quint64, parameter_bytes);
    const fs::path path = xun::test::data_path(name.toStdString());
    const auto info = xun::inspect_model(path);
    QVERIFY2(info, info ? "" : info.error().message.c_str());
    QCOMPARE(info->path, path);
    QCOMPARE(info->kind, reranker ? xun::ModelKind::reranker : xun::ModelKind::embedding);
    QCOMPARE(qs(info->format), format);
    QCOMPARE(qs(info->weight_type), weight_type);
    QCOMPARE(info->vocab_size, 151669u);
    QCOMPARE(info->hidden_size, 16u);  // the embedding dimension
    QCOMPARE(info->intermediate_size, 48u);
    QCOMPARE(info->layers, 2u);
    QCOMPARE(info->heads, 2u);
    QCOMPARE(info->kv_heads, 1u);
    QCOMPARE(info->head_dim, 128u);
    QCOMPARE(info->max_context, 32768u);  // max_position_embeddings: no device to lower it
    QCOMPARE(quint64(info->parameter_bytes), parameter_bytes);
    QVERIFY(info->fingerprint.empty());  // not asked for: the weights were not read
  }

  // The description is load_model's, field for field; only the context may shrink on a device.
  void agrees_with_load_model_data() { describes_fixture_data(); }
  void agrees_with_load_model() {
    QFETCH(QString, name);
    const fs::path path = xun::test::data_path(name.toStdString());
    const auto inspected = xun::inspect_model(path, {.fingerprint = true});
    QVERIFY2(inspected, inspected ? "" : inspected.error().message.c_str());
    auto model = xun::test::shared_engine().load_model(path);
    QVERIFY2(model, model ? "" : model.error().message.c_str());
    const xun::ModelInfo& loaded = (*model)->info();
    QCOMPARE(inspected->path, loaded.path);
    QCOMPARE(inspected->kind, loaded.kind);
    QCOMPARE(qs(inspected->format), qs(loaded.format));
    QCOMPARE(qs(inspected->weight_type), qs(loaded.weight_type));
    QCOMPARE(inspected->vocab_size, loaded.vocab_size);
    QCOMPARE(inspected->hidden_size, loaded.hidden_size);
    QCOMPARE(inspected->intermediate_size, loaded.intermediate_size);
    QCOMPARE(inspected->layers, loaded.layers);
    QCOMPARE(inspected->heads, loaded.heads);
    QCOMPARE(inspected->kv_heads, loaded.kv_heads);
    QCOMPARE(inspected->head_dim, loaded.head_dim);
    QCOMPARE(inspected->parameter_bytes, loaded.parameter_bytes);
    QCOMPARE(qs(inspected->fingerprint), qs(loaded.fingerprint));
    QCOMPARE(inspected->fingerprint.size(), size_t{32});
    QVERIFY(loaded.max_context <= inspected->max_context);
  }

  // What load_model refuses, inspect refuses too, naming the file.
  void refuses_broken_models() {
    QVERIFY(temp_.isValid());
    const fs::path root = temp_.path().toStdString();

    const auto missing = xun::inspect_model(root / "nothing-here.gguf");
    QVERIFY(!missing);
    QVERIFY2(qs(missing.error().message).contains("nothing-here.gguf"), missing.error().message.c_str());

    const fs::path truncated = root / "truncated.gguf";
    fs::copy_file(xun::test::data_path("tiny-embed-f16.gguf"), truncated);
    fs::permissions(truncated, fs::perms::owner_write, fs::perm_options::add);
    fs::resize_file(truncated, 4096);
    const auto cut = xun::inspect_model(truncated);
    QVERIFY(!cut);
    QVERIFY2(qs(cut.error().message).contains("truncated.gguf"), cut.error().message.c_str());

    const fs::path no_tokenizer = root / "no-tokenizer";
    fs::create_directory(no_tokenizer);
    for (const char* file : {"config.json", "model.safetensors"})
      fs::copy_file(xun::test::data_path(std::string("tiny-embed/") + file), no_tokenizer / file);
    const auto without = xun::inspect_model(no_tokenizer);
    QVERIFY(!without);
    QVERIFY2(qs(without.error().message).contains("tokenizer.json"), without.error().message.c_str());

    const fs::path bad_config = root / "bad-config";
    fs::create_directory(bad_config);
    fs::copy_file(xun::test::data_path("tiny-embed/model.safetensors"), bad_config / "model.safetensors");
    write_text(bad_config / "config.json", "{\"hidden_size\": ");
    const auto unreadable = xun::inspect_model(bad_config);
    QVERIFY(!unreadable);
    QVERIFY2(qs(unreadable.error().message).contains("config.json"), unreadable.error().message.c_str());
  }
};

QTEST_GUILESS_MAIN(InspectModelTest)
#include "tst_inspect_model.moc"
