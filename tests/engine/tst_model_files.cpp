// Opening and checking model files: the five fixture models (Hugging Face directories and
// GGUF), agreement of the weights across formats, a sharded copy, corrupt and truncated files
// (each must fail with one line naming the file, never crash), fingerprints, and the tokenizer
// a GGUF carries against Hugging Face's ids.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "model/gguf_reader.h"
#include "model/model_files.h"
#include "safetensors_files.h"
#include "test_support.h"
#include "xun/half.h"
#include "xun/engine.h"

namespace fs = std::filesystem;
using nlohmann::json;
using xun::model::DType;
using xun::model::ModelConfig;
using xun::model::ModelFiles;
using xun::model::TensorView;

// Edits applied to a copy of a fixture before opening it.
using BytesEdit = std::function<void(std::string& bytes)>;       // a GGUF file's bytes
using DirectoryEdit = std::function<void(const fs::path& dir)>;  // a model directory
Q_DECLARE_METATYPE(BytesEdit)
Q_DECLARE_METATYPE(DirectoryEdit)

namespace {

using xun::test::read_file;
using xun::test::write_file;

constexpr uint32_t yes_token_id = 9693;  // the rows of cls.output.weight: "yes", then "no"
constexpr uint32_t no_token_id = 2152;

QString qs(const std::string& text) { return QString::fromStdString(text); }

// ---- Reading tensors back, independently of the engine's own dequantisation -------------------

// Element `index` (row-major, Hugging Face order) as float.
float element(const TensorView& tensor, uint64_t index) {
  const std::byte* bytes = tensor.bytes.data();
  uint16_t bits16 = 0;
  switch (tensor.dtype) {
    case DType::f32: {
      float value;
      std::memcpy(&value, bytes + 4 * index, 4);
      return value;
    }
    case DType::f16:
      std::memcpy(&bits16, bytes + 2 * index, 2);
      return xun::util::half_to_float(bits16);
    case DType::bf16:
      std::memcpy(&bits16, bytes + 2 * index, 2);
      return xun::util::bf16_to_float(bits16);
    case DType::q8_0: {  // 34-byte blocks along the row: fp16 scale, then 32 int8
      const std::byte* block = bytes + index / 32 * 34;
      int8_t quant;
      std::memcpy(&bits16, block, 2);
      std::memcpy(&quant, block + 2 + index % 32, 1);
      return xun::util::half_to_float(bits16) * quant;
    }
  }
  return NAN;
}

enum class Precision {
  identical,    // same bytes
  bf16_vs_f16,  // both round the same float32: within bf16's half-ulp plus f16's
  q8_vs_f16,    // the first is Q8_0 of the float32 the second holds as F16
};

// Empty when `actual` agrees with `reference` to `precision`; else the first disagreement.
QString compare_tensors(const TensorView& actual, const TensorView& reference,
                        Precision precision) {
  if (actual.shape != reference.shape) return "shapes differ";
  if (precision == Precision::identical)
    return actual.bytes.size() == reference.bytes.size() &&
                   std::memcmp(actual.bytes.data(), reference.bytes.data(), actual.bytes.size()) ==
                       0
               ? QString()
               : QString("bytes differ");
  for (uint64_t i = 0; i < reference.elements(); ++i) {
    const float a = element(actual, i);
    const float b = element(reference, i);
    double tolerance = std::abs(b) / 128 + 1e-7;
    if (precision == Precision::q8_vs_f16) {
      float block_max = 0;
      const uint64_t block = i / 32 * 32;
      for (uint64_t k = block; k < block + 32; ++k)
        block_max = std::max(block_max, std::abs(element(reference, k)));
      // half a quantisation step, the fp16 rounding of the scale, and f16's own rounding
      tolerance = 0.6 * block_max / 127 + std::abs(b) / 1024 + 1e-7;
    }
    if (!(std::abs(a - b) <= tolerance))
      return QString("element %1: %2 vs %3")
          .arg(i)
          .arg(double(a), 0, 'g', 9)
          .arg(double(b), 0, 'g', 9);
  }
  return {};
}

// ---- Safetensors, rewritten by the tests ------------------------------------------------------

using xun::test::join_safetensors;
using xun::test::Safetensors;
using xun::test::split_safetensors;

void edit_safetensors(const fs::path& file, const std::function<void(Safetensors&)>& edit) {
  auto parts = split_safetensors(read_file(file));
  edit(parts);
  write_file(file, join_safetensors(parts.header.dump(), parts.data));
}

// Gives tensor `name` `size` bytes (its first bytes kept, zeros added) and moves the tensors
// after it, so that the data section stays tiled.
void resize_tensor_bytes(Safetensors& s, const std::string& name, size_t size) {
  auto& entry = s.header[name];
  const auto begin = entry["data_offsets"][0].get<size_t>();
  const auto end = entry["data_offsets"][1].get<size_t>();
  std::string bytes = s.data.substr(begin, std::min(size, end - begin));
  bytes.resize(size, '\0');
  s.data.replace(begin, end - begin, bytes);
  for (auto& [other, value] : s.header.items()) {
    if (other == "__metadata__" || other == name) continue;
    for (auto& offset : value["data_offsets"])
      if (offset.get<size_t>() >= end) offset = offset.get<size_t>() - (end - begin) + size;
  }
  entry["data_offsets"] = {begin, begin + size};
}

void edit_json(const fs::path& file, const std::function<void(json&)>& edit) {
  json object = json::parse(read_file(file));
  edit(object);
  write_file(file, object.dump(2));
}

// config.json and model.safetensors of a fixture directory, writable; tokenizer.json linked.
void copy_model_dir(const fs::path& source, const fs::path& target, bool with_tokenizer) {
  fs::create_directories(target);
  for (const char* file : {"config.json", "model.safetensors"}) {
    fs::copy_file(source / file, target / file);
    fs::permissions(target / file, fs::perms::owner_write, fs::perm_options::add);
  }
  if (with_tokenizer) fs::create_symlink(source / "tokenizer.json", target / "tokenizer.json");
}

const char* const* const shard_names = xun::test::safetensors_shard_names;

// The model of `source` as two shards plus model.safetensors.index.json, the way transformers
// writes big checkpoints; config.json copied, tokenizer.json linked.
void write_sharded_copy(const fs::path& source, const fs::path& target) {
  fs::create_directories(target);
  xun::test::write_safetensors_shards(split_safetensors(read_file(source / "model.safetensors")), target);
  fs::copy_file(source / "config.json", target / "config.json");
  fs::create_symlink(source / "tokenizer.json", target / "tokenizer.json");
}

// ---- GGUF, patched in place by the tests ------------------------------------------------------

template <class T>
void put(std::string& bytes, size_t offset, T value) {
  std::memcpy(bytes.data() + offset, &value, sizeof value);
}

template <class T>
T get(const std::string& bytes, size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

// Offset just past the GGUF string `text` (u64 length, then the characters): for a metadata key
// that is where its value type is, for a tensor name where its dimension count is.
size_t after_string(const std::string& bytes, std::string_view text) {
  std::string needle(8, '\0');
  const uint64_t size = text.size();
  std::memcpy(needle.data(), &size, 8);
  needle += text;
  const size_t at = bytes.find(needle);
  if (at == std::string::npos)
    throw std::runtime_error("fixture has no string " + needle.substr(8));
  return at + needle.size();
}

// Renames a key or tensor (same length, so that nothing moves).
void rename(std::string& bytes, std::string_view from, std::string_view to) {
  if (from.size() != to.size()) throw std::logic_error("rename needs names of equal length");
  const size_t end = after_string(bytes, from);
  bytes.replace(end - from.size(), from.size(), to);
}

// Where a tensor info's fields are: after the name, u32 n_dims, n_dims x u64 ne, u32 type,
// u64 offset.
size_t tensor_type_at(const std::string& bytes, std::string_view name) {
  const size_t dims_at = after_string(bytes, name);
  return dims_at + 4 + 8 * get<uint32_t>(bytes, dims_at);
}
size_t tensor_offset_at(const std::string& bytes, std::string_view name) {
  return tensor_type_at(bytes, name) + 4;
}

// Encodings for building GGUF metadata by hand.
template <class T>
std::string encode(T value) {
  std::string bytes(sizeof value, '\0');
  std::memcpy(bytes.data(), &value, sizeof value);
  return bytes;
}
std::string gguf_string(std::string_view text) {
  return encode<uint64_t>(text.size()) + std::string(text);
}
std::string gguf_kv(std::string_view key, uint32_t type, const std::string& value) {
  return gguf_string(key) + encode(type) + value;
}
std::string gguf_array(uint32_t element_type, uint64_t count, const std::string& items) {
  return encode(element_type) + encode(count) + items;
}

// `gguf` with extra metadata of every value type (nested arrays too) spliced in after the
// header. The extra bytes are a multiple of 32, so the data section and offsets stay valid.
std::string with_every_metadata_type(std::string gguf) {
  std::string extra =
      gguf_kv("test.u8", 0, encode<uint8_t>(200)) + gguf_kv("test.i8", 1, encode<int8_t>(-100)) +
      gguf_kv("test.u16", 2, encode<uint16_t>(60000)) +
      gguf_kv("test.i16", 3, encode<int16_t>(-30000)) +
      gguf_kv("test.u32", 4, encode<uint32_t>(4000000000u)) +
      gguf_kv("test.i32", 5, encode<int32_t>(-2000000000)) +
      gguf_kv("test.f32", 6, encode<float>(1.5f)) + gguf_kv("test.bool", 7, encode<uint8_t>(1)) +
      gguf_kv("test.string", 8, gguf_string("hello")) +
      gguf_kv("test.u64", 10, encode<uint64_t>(uint64_t{1} << 60)) +
      gguf_kv("test.i64", 11, encode<int64_t>(-(int64_t{1} << 60))) +
      gguf_kv("test.f64", 12, encode<double>(2.25)) +
      gguf_kv("test.u8_array", 9, gguf_array(0, 3, "\x01\x02\x03")) +
      gguf_kv("test.empty_f64_array", 9, gguf_array(12, 0, "")) +
      gguf_kv("test.nested_array", 9,
              gguf_array(9, 2,
                         gguf_array(5, 2, encode<int32_t>(-1) + encode<int32_t>(2)) +
                             gguf_array(8, 1, gguf_string("x"))));
  uint64_t keys = 15;
  const std::string padding_key = "test.padding";
  const size_t fixed = 8 + padding_key.size() + 4 + 8;  // key, type, string length
  extra += gguf_kv(padding_key, 8,
                   gguf_string(std::string((64 - (extra.size() + fixed) % 32) % 32 + 32, ' ')));
  ++keys;
  if (extra.size() % 32 != 0) throw std::logic_error("extra metadata not a multiple of 32 bytes");
  put<uint64_t>(gguf, 16, get<uint64_t>(gguf, 16) + keys);
  gguf.insert(24, extra);
  return gguf;
}

// ---- Expectations -------------------------------------------------------------------------------

ModelConfig fixture_config(bool tie_word_embeddings) {
  ModelConfig c;
  c.vocab_size = 151669;
  c.hidden_size = 16;
  c.intermediate_size = 48;
  c.num_layers = 2;
  c.num_heads = 2;
  c.num_kv_heads = 1;
  c.head_dim = 128;
  c.max_position_embeddings = 32768;
  c.rms_norm_eps = 1e-6f;
  c.rope_theta = 1e6f;
  c.tie_word_embeddings = tie_word_embeddings;
  return c;
}

struct ExpectedTensor {
  std::string name;
  std::vector<uint64_t> shape;
  DType dtype;
};

// The fixture tensors (fixtures README section 2) with the dtypes each file stores.
std::vector<ExpectedTensor> fixture_tensors(DType matrix, DType norm, DType o_proj,
                                            const std::string& head) {
  std::vector<ExpectedTensor> tensors = {{"embed_tokens.weight", {151669, 16}, matrix},
                                         {"norm.weight", {16}, norm}};
  for (int layer = 0; layer < 2; ++layer) {
    const std::string p = "layers." + std::to_string(layer) + ".";
    tensors.push_back({p + "input_layernorm.weight", {16}, norm});
    tensors.push_back({p + "post_attention_layernorm.weight", {16}, norm});
    tensors.push_back({p + "self_attn.q_proj.weight", {256, 16}, matrix});
    tensors.push_back({p + "self_attn.k_proj.weight", {128, 16}, matrix});
    tensors.push_back({p + "self_attn.v_proj.weight", {128, 16}, matrix});
    tensors.push_back({p + "self_attn.o_proj.weight", {16, 256}, o_proj});
    tensors.push_back({p + "self_attn.q_norm.weight", {128}, norm});
    tensors.push_back({p + "self_attn.k_norm.weight", {128}, norm});
    tensors.push_back({p + "mlp.gate_proj.weight", {48, 16}, matrix});
    tensors.push_back({p + "mlp.up_proj.weight", {48, 16}, matrix});
    tensors.push_back({p + "mlp.down_proj.weight", {16, 48}, matrix});
  }
  if (head == "lm_head.weight") tensors.push_back({head, {151669, 16}, matrix});
  if (head == "cls.output.weight") tensors.push_back({head, {2, 16}, matrix});
  return tensors;
}

// `path` must fail to open, with one line that contains every fragment (the file name first).
void expect_open_failure(const fs::path& path, const QStringList& fragments) {
  const auto model = xun::model::open_model(path);
  QVERIFY2(!model, "a corrupt model opened without an error");
  const QString message = qs(model.error().message);
  QVERIFY2(!message.contains('\n'), qPrintable("not one line: " + message));
  for (const QString& fragment : fragments)
    QVERIFY2(message.contains(fragment),
             qPrintable("'" + fragment + "' is not in the error: " + message));
}

}  // namespace

class TestModelFiles : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();

  void opens_fixture_data();
  void opens_fixture();
  void weights_agree_across_files_data();
  void weights_agree_across_files();
  void tokenizer_data_from_both_formats();
  void sharded_copy_loads_identically();
  void ignores_rotary_inv_freq();
  void accepts_gguf_version_2();
  void reads_every_metadata_type();
  void embedding_table_smaller_than_tokenizer_data();
  void embedding_table_smaller_than_tokenizer();
  void missing_path_is_an_error();

  void corrupt_directory_data();
  void corrupt_directory();
  void corrupt_shards_data();
  void corrupt_shards();
  void truncated_safetensors();
  void corrupt_gguf_data();
  void corrupt_gguf();
  void truncated_gguf_data();
  void truncated_gguf();

  void fingerprints();

  void gguf_tokenizer_matches_reference_data();
  void gguf_tokenizer_matches_reference();
  void load_tokenizer_reads_only_metadata();

 private:
  const ModelFiles& model(const std::string& name) const { return models_.at(name); }
  fs::path fresh_dir();

  std::map<std::string, ModelFiles> models_;  // the five fixtures, opened once
  std::string gguf_bytes_;                    // tiny-embed-f16.gguf, patched by corrupt_gguf
  QTemporaryDir temp_;
  int next_dir_ = 0;
};

void TestModelFiles::initTestCase() {
  QVERIFY(temp_.isValid());
  for (const char* name : {"tiny-embed", "tiny-rerank", "tiny-embed-f16.gguf",
                           "tiny-embed-q8_0.gguf", "tiny-rerank-f16.gguf"}) {
    auto opened = xun::model::open_model(xun::test::data_path(name));
    QVERIFY2(opened, qPrintable(qs(opened ? "" : opened.error().message)));
    models_.emplace(name, std::move(*opened));
  }
  gguf_bytes_ = read_file(xun::test::data_path("tiny-embed-f16.gguf"));
}

fs::path TestModelFiles::fresh_dir() {
  const fs::path dir = fs::path(temp_.path().toStdString()) / std::to_string(next_dir_++);
  fs::create_directories(dir);
  return dir;
}

// ---- The fixtures -------------------------------------------------------------------------------

void TestModelFiles::opens_fixture_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("format");
  QTest::addColumn<bool>("reranker");
  QTest::addColumn<QString>("head");
  QTest::addColumn<bool>("tied");
  QTest::addColumn<int>("matrix");  // DType of the 2-D tensors
  QTest::addColumn<int>("norm");
  QTest::addColumn<int>("o_proj");
  const int bf16 = int(DType::bf16), f16 = int(DType::f16), f32 = int(DType::f32);
  QTest::newRow("bf16 embedding directory")
      << "tiny-embed"
      << "safetensors" << false << "" << true << bf16 << bf16 << bf16;
  QTest::newRow("bf16 reranker directory, model. prefix, lm_head")
      << "tiny-rerank"
      << "safetensors" << true << "lm_head.weight" << false << bf16 << bf16 << bf16;
  QTest::newRow("f16 embedding gguf") << "tiny-embed-f16.gguf"
                                      << "gguf" << false << "" << true << f16 << f32 << f16;
  QTest::newRow("q8_0 embedding gguf")
      << "tiny-embed-q8_0.gguf"
      << "gguf" << false << "" << true << f16 << f32 << int(DType::q8_0);
  QTest::newRow("f16 reranker gguf, cls.output")
      << "tiny-rerank-f16.gguf"
      << "gguf" << true << "cls.output.weight" << true << f16 << f32 << f16;
}

void TestModelFiles::opens_fixture() {
  QFETCH(QString, name);
  QFETCH(QString, format);
  QFETCH(bool, reranker);
  QFETCH(QString, head);
  QFETCH(bool, tied);
  QFETCH(int, matrix);
  QFETCH(int, norm);
  QFETCH(int, o_proj);
  const ModelFiles& m = model(name.toStdString());
  QCOMPARE(qs(m.format), format);
  QCOMPARE(m.kind, reranker ? xun::ModelKind::reranker : xun::ModelKind::embedding);
  QCOMPARE(m.path, xun::test::data_path(name.toStdString()));

  const ModelConfig expected = fixture_config(tied);
  QCOMPARE(m.config.vocab_size, expected.vocab_size);
  QCOMPARE(m.config.hidden_size, expected.hidden_size);
  QCOMPARE(m.config.intermediate_size, expected.intermediate_size);
  QCOMPARE(m.config.num_layers, expected.num_layers);
  QCOMPARE(m.config.num_heads, expected.num_heads);
  QCOMPARE(m.config.num_kv_heads, expected.num_kv_heads);
  QCOMPARE(m.config.head_dim, expected.head_dim);
  QCOMPARE(m.config.max_position_embeddings, expected.max_position_embeddings);
  QCOMPARE(m.config.rms_norm_eps, expected.rms_norm_eps);
  QCOMPARE(m.config.rope_theta, expected.rope_theta);
  QCOMPARE(m.config.tie_word_embeddings, expected.tie_word_embeddings);

  const auto tensors =
      fixture_tensors(DType(matrix), DType(norm), DType(o_proj), head.toStdString());
  QCOMPARE(m.tensors.size(), tensors.size());
  for (const auto& want : tensors) {
    const TensorView* tensor = m.find(want.name);
    QVERIFY2(tensor, want.name.c_str());
    QCOMPARE(tensor->name, want.name);
    QCOMPARE(tensor->shape, want.shape);
    QCOMPARE(qs(std::string(to_string(tensor->dtype))), qs(std::string(to_string(want.dtype))));
    QCOMPARE(tensor->bytes.size(), *xun::model::tensor_byte_size(want.dtype, want.shape));
  }
  QCOMPARE(m.find("lm_head.weight") != nullptr, head == "lm_head.weight");
  QCOMPARE(m.find("cls.output.weight") != nullptr, head == "cls.output.weight");
  QVERIFY(!m.mapped_files.empty());
}

void TestModelFiles::weights_agree_across_files_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QString>("tensor");
  QTest::addColumn<QString>("reference_file");
  QTest::addColumn<QString>("reference_tensor");
  QTest::addColumn<int>("precision");  // a Precision, or -1: lm_head rows vs cls.output
  const int bf16 = int(Precision::bf16_vs_f16);
  const struct {
    const char* name;
    const char* file;
    const char* reference;
  } pairs[] = {{"bf16 directory vs f16 gguf", "tiny-embed", "tiny-embed-f16.gguf"},
               {"q8_0 gguf vs f16 gguf", "tiny-embed-q8_0.gguf", "tiny-embed-f16.gguf"},
               {"reranker directory vs reranker gguf", "tiny-rerank", "tiny-rerank-f16.gguf"}};
  for (const auto& pair : pairs) {
    const bool same_rounding = std::string_view(pair.file) == "tiny-embed-q8_0.gguf";
    for (const char* tensor :
         {"embed_tokens.weight", "layers.0.self_attn.q_proj.weight",
          "layers.1.mlp.down_proj.weight", "layers.1.self_attn.k_norm.weight", "norm.weight"}) {
      // norms are F32 in both GGUFs; matrices other than attn_output F16 in both
      const int precision = same_rounding ? int(Precision::identical) : bf16;
      QTest::addRow("%s: %s", pair.name, tensor)
          << pair.file << tensor << pair.reference << tensor << precision;
    }
    const int o_precision = same_rounding ? int(Precision::q8_vs_f16) : bf16;
    QTest::addRow("%s: layers.0.self_attn.o_proj.weight", pair.name)
        << pair.file << "layers.0.self_attn.o_proj.weight" << pair.reference
        << "layers.0.self_attn.o_proj.weight" << o_precision;
  }
  QTest::newRow("cls.output rows yes, no = lm_head rows 9693, 2152") << "tiny-rerank"
                                                                     << "lm_head.weight"
                                                                     << "tiny-rerank-f16.gguf"
                                                                     << "cls.output.weight" << -1;
}

void TestModelFiles::weights_agree_across_files() {
  QFETCH(QString, file);
  QFETCH(QString, tensor);
  QFETCH(QString, reference_file);
  QFETCH(QString, reference_tensor);
  QFETCH(int, precision);
  const TensorView* actual = model(file.toStdString()).find(tensor.toStdString());
  const TensorView* reference =
      model(reference_file.toStdString()).find(reference_tensor.toStdString());
  QVERIFY(actual && reference);
  if (precision < 0) {  // lm_head rows vs the two cls.output rows
    for (const auto& [row, token] : {std::pair{0u, yes_token_id}, std::pair{1u, no_token_id}})
      for (uint32_t i = 0; i < 16; ++i) {
        const float a = element(*actual, token * 16 + i);
        const float b = element(*reference, row * 16 + i);
        QVERIFY2(std::abs(a - b) <= std::abs(b) / 128 + 1e-7,
                 qPrintable(QString("row %1 element %2: %3 vs %4").arg(row).arg(i).arg(a).arg(b)));
      }
    return;
  }
  const QString problem = compare_tensors(*actual, *reference, Precision(precision));
  QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestModelFiles::tokenizer_data_from_both_formats() {
  const auto& from_json = model("tiny-rerank").tokenizer;
  const auto& from_gguf = model("tiny-rerank-f16.gguf").tokenizer;
  QCOMPARE(from_gguf.tokens.size(), size_t{151669});
  QCOMPARE(from_gguf.merges.size(), size_t{151387});
  QCOMPARE(from_json.merges.size(), from_gguf.merges.size());
  QCOMPARE(from_gguf.merges.front(), (std::pair<std::string, std::string>{"Ġ", "Ġ"}));
  QVERIFY(from_gguf.normalize_nfc);
  const auto added = [](const xun::tok::TokenizerData& data) {
    std::set<std::pair<int32_t, std::string>> set;
    for (const auto& token : data.added_tokens) set.emplace(token.id, token.content);
    return set;
  };
  QCOMPARE(added(from_gguf).size(), size_t{26});
  QVERIFY(added(from_gguf) == added(from_json));
  QVERIFY(added(from_gguf).contains({151643, "<|endoftext|>"}));
  QVERIFY(added(from_gguf).contains({151667, "<think>"}));
}

void TestModelFiles::sharded_copy_loads_identically() {
  const fs::path dir = fresh_dir() / "sharded";
  write_sharded_copy(xun::test::data_path("tiny-rerank"), dir);
  const auto sharded = xun::model::open_model(dir);
  QVERIFY2(sharded, qPrintable(qs(sharded ? "" : sharded.error().message)));
  const ModelFiles& single = model("tiny-rerank");
  QCOMPARE(sharded->mapped_files.size(), size_t{2});
  QCOMPARE(sharded->kind, single.kind);
  QCOMPARE(sharded->tensors.size(), single.tensors.size());
  for (const auto& [name, tensor] : single.tensors) {
    const TensorView* copy = sharded->find(name);
    QVERIFY2(copy, name.c_str());
    QCOMPARE(copy->dtype, tensor.dtype);
    QCOMPARE(copy->shape, tensor.shape);
    QVERIFY2(compare_tensors(*copy, tensor, Precision::identical).isEmpty(), name.c_str());
  }
  QCOMPARE(qs(sharded->fingerprint), qs(single.fingerprint));
}

void TestModelFiles::ignores_rotary_inv_freq() {
  const fs::path dir = fresh_dir();
  copy_model_dir(xun::test::data_path("tiny-rerank"), dir, true);
  edit_safetensors(dir / "model.safetensors", [](Safetensors& s) {
    const size_t at = s.data.size();
    s.data += std::string(256, '\0');
    s.header["model.layers.0.self_attn.rotary_emb.inv_freq"] = {
        {"dtype", "F32"}, {"shape", {64}}, {"data_offsets", {at, at + 256}}};
  });
  const auto opened = xun::model::open_model(dir);
  QVERIFY2(opened, qPrintable(qs(opened ? "" : opened.error().message)));
  QCOMPARE(opened->tensors.size(), model("tiny-rerank").tensors.size());
  QCOMPARE(qs(opened->fingerprint), qs(model("tiny-rerank").fingerprint));
}

void TestModelFiles::accepts_gguf_version_2() {
  std::string bytes = gguf_bytes_;
  put<uint32_t>(bytes, 4, 2);  // v2 differs from v3 only in allowing big-endian files
  const fs::path file = fresh_dir() / "v2.gguf";
  write_file(file, bytes);
  const auto opened = xun::model::open_model(file);
  QVERIFY2(opened, qPrintable(qs(opened ? "" : opened.error().message)));
  QCOMPARE(qs(opened->fingerprint), qs(model("tiny-embed-f16.gguf").fingerprint));
}

void TestModelFiles::reads_every_metadata_type() {
  const fs::path file = fresh_dir() / "every-type.gguf";
  write_file(file, with_every_metadata_type(gguf_bytes_));
  const auto opened = xun::model::open_model(file);
  QVERIFY2(opened, qPrintable(qs(opened ? "" : opened.error().message)));
  QCOMPARE(qs(opened->fingerprint), qs(model("tiny-embed-f16.gguf").fingerprint));

  using xun::model::GgufType;
  const auto gguf = xun::model::read_gguf(file);
  QVERIFY(gguf);
  const auto value = [&](const char* key) { return gguf->find(key); };
  QVERIFY(value("test.u8") && value("test.nested_array") && value("test.padding"));
  QCOMPARE(value("test.u8")->as_unsigned(), std::optional<uint64_t>(200));
  QCOMPARE(std::get<int64_t>(value("test.i8")->data), int64_t{-100});
  QCOMPARE(value("test.i8")->as_unsigned(), std::optional<uint64_t>());
  QCOMPARE(value("test.u16")->as_unsigned(), std::optional<uint64_t>(60000));
  QCOMPARE(std::get<int64_t>(value("test.i16")->data), int64_t{-30000});
  QCOMPARE(value("test.u32")->as_unsigned(), std::optional<uint64_t>(4000000000u));
  QCOMPARE(std::get<int64_t>(value("test.i32")->data), int64_t{-2000000000});
  QCOMPARE(value("test.f32")->as_float(), std::optional<double>(1.5));
  QCOMPARE(std::get<bool>(value("test.bool")->data), true);
  QCOMPARE(value("test.string")->as_string(), std::optional<std::string_view>("hello"));
  QCOMPARE(value("test.u64")->as_unsigned(), std::optional<uint64_t>(uint64_t{1} << 60));
  QCOMPARE(std::get<int64_t>(value("test.i64")->data), -(int64_t{1} << 60));
  QCOMPARE(value("test.f64")->as_float(), std::optional<double>(2.25));
  QCOMPARE(value("test.u8_array")->as_array()->integers(),
           (std::optional<std::vector<int64_t>>({1, 2, 3})));
  QCOMPARE(value("test.empty_f64_array")->as_array()->size, uint64_t{0});
  const auto* nested = value("test.nested_array")->as_array();
  QVERIFY(nested);
  QCOMPARE(nested->element_type, GgufType::array);
  QCOMPARE(nested->size, uint64_t{2});
  QCOMPARE(value("qwen3.block_count")->as_unsigned(), std::optional<uint64_t>(2));
}

void TestModelFiles::embedding_table_smaller_than_tokenizer_data() {
  QTest::addColumn<int>("rows");
  QTest::addColumn<QString>("error");  // empty: opens
  // Qwen3-Embedding-4B/8B: 151665 rows, added tokens up to 151668, "Qwen3ForCausalLM" in
  // config.json, untied, no lm_head, shipped as a sentence-transformers model.
  QTest::newRow("added tokens past the table, like Qwen3-Embedding-8B") << 151665 << "";
  QTest::newRow("base vocabulary past the table") << 151000 << "151642";
}

void TestModelFiles::embedding_table_smaller_than_tokenizer() {
  QFETCH(int, rows);
  QFETCH(QString, error);
  const fs::path dir = fresh_dir();
  copy_model_dir(xun::test::data_path("tiny-embed"), dir, true);
  edit_json(dir / "config.json", [&](json& c) {
    c["vocab_size"] = rows;
    c["architectures"] = {"Qwen3ForCausalLM"};
    c["tie_word_embeddings"] = false;
  });
  edit_safetensors(dir / "model.safetensors", [&](Safetensors& s) {
    auto& embed = s.header["embed_tokens.weight"];
    embed["shape"] = {rows, 16};
    resize_tensor_bytes(s, "embed_tokens.weight", size_t(rows) * 32);
  });
  write_file(dir / "modules.json", "[]");
  const auto opened = xun::model::open_model(dir);
  if (!error.isEmpty()) {
    QVERIFY(!opened);
    QVERIFY2(qs(opened.error().message).contains("tokenizer.json"), opened.error().message.c_str());
    QVERIFY2(qs(opened.error().message).contains(error), opened.error().message.c_str());
    return;
  }
  QVERIFY2(opened, qPrintable(qs(opened ? "" : opened.error().message)));
  QCOMPARE(opened->kind, xun::ModelKind::embedding);
  QCOMPARE(opened->config.vocab_size, uint32_t(rows));
  QCOMPARE(opened->find("embed_tokens.weight")->shape, (std::vector<uint64_t>{uint64_t(rows), 16}));
}

void TestModelFiles::missing_path_is_an_error() {
  expect_open_failure(fresh_dir() / "nothing-here.gguf", {"nothing-here.gguf"});
  expect_open_failure(xun::test::data_path("tiny-embed") / "model.safetensors",
                      {"model.safetensors", "directory"});
}

// ---- Corrupt Hugging Face directories -----------------------------------------------------------

void TestModelFiles::corrupt_directory_data() {
  QTest::addColumn<DirectoryEdit>("edit");
  QTest::addColumn<QStringList>("fragments");  // all must appear in the error
  const auto weights = [](std::function<void(Safetensors&)> edit) {
    return DirectoryEdit(
        [edit](const fs::path& dir) { edit_safetensors(dir / "model.safetensors", edit); });
  };
  const auto config = [](std::function<void(json&)> edit) {
    return DirectoryEdit([edit](const fs::path& dir) { edit_json(dir / "config.json", edit); });
  };
  const auto raw = [](std::function<void(std::string&)> edit) {
    return DirectoryEdit([edit](const fs::path& dir) {
      std::string bytes = read_file(dir / "model.safetensors");
      edit(bytes);
      write_file(dir / "model.safetensors", bytes);
    });
  };
  const auto entry = [](Safetensors& s, const char* name) -> nlohmann::ordered_json& { return s.header[name]; };

  QTest::newRow("tokenizer.json missing (nothing else wrong)")
      << DirectoryEdit([](const fs::path&) {}) << QStringList{"tokenizer.json"};
  QTest::newRow("empty weights file") << raw([](std::string& b) { b.clear(); })
                                      << QStringList{"model.safetensors", "header length"};
  QTest::newRow("header length past the end of the file")
      << raw([](std::string& b) { put<uint64_t>(b, 0, b.size()); })
      << QStringList{"model.safetensors", "runs past the end"};
  QTest::newRow("header length 2^62")
      << raw([](std::string& b) { put<uint64_t>(b, 0, uint64_t{1} << 62); })
      << QStringList{"model.safetensors", "runs past the end"};
  // The header is padded with spaces, so one byte more or less still parses: only the data
  // section's size, which must end exactly at the last tensor, shows the shift.
  QTest::newRow("header length one short") << raw([](std::string& b) {
    put<uint64_t>(b, 0, get<uint64_t>(b, 0) - 1);
  }) << QStringList{"model.safetensors", "header length or the offsets are wrong"};
  QTest::newRow("header length one long") << raw([](std::string& b) {
    const uint64_t length = get<uint64_t>(b, 0);
    b[8 + length] = ' ';  // the first data byte as whitespace, so that the JSON still parses
    put<uint64_t>(b, 0, length + 1);
  }) << QStringList{"model.safetensors", "outside the data section"};
  QTest::newRow("one byte appended") << raw([](std::string& b) { b += '\0'; })
                                     << QStringList{"model.safetensors", "ends at byte"};
  QTest::newRow("F32 tensor retyped BF16, offsets kept whole") << weights([=](Safetensors& s) {
    // norm.weight stored as F32 at the end of the data, then the header says BF16 over the
    // first half of those bytes: every size agrees with its shape, a gap of 32 bytes remains.
    auto& norm = entry(s, "norm.weight");
    const auto begin = norm["data_offsets"][0].get<size_t>();
    const auto end = norm["data_offsets"][1].get<size_t>();
    std::string as_f32;
    for (size_t i = begin; i < end; i += 2) as_f32 += std::string(2, '\0') + s.data.substr(i, 2);
    s.data.erase(begin, end - begin);
    for (auto& [name, other] : s.header.items()) {
      if (name == "__metadata__" || name == "norm.weight") continue;
      for (auto& offset : other["data_offsets"])
        if (offset.get<size_t>() > begin) offset = offset.get<size_t>() - (end - begin);
    }
    norm["data_offsets"] = {s.data.size(), s.data.size() + 32};
    s.data += as_f32;
  }) << QStringList{"model.safetensors", "norm.weight", "data section holds"};
  QTest::newRow("a gap between tensors") << weights([=](Safetensors& s) {
    // Two bytes more for the tensor before norm.weight, which keeps its size in the header.
    std::string before;
    for (auto& [name, other] : s.header.items())
      if (name != "__metadata__" && other["data_offsets"][1] == entry(s, "norm.weight")["data_offsets"][0])
        before = name;
    const auto offsets = entry(s, before.c_str())["data_offsets"];
    resize_tensor_bytes(s, before, offsets[1].get<size_t>() - offsets[0].get<size_t>() + 2);
    entry(s, before.c_str())["data_offsets"][1] = offsets[1];
  }) << QStringList{"model.safetensors", "norm.weight", "unused"};
  QTest::newRow("header is not JSON")
      << raw([](std::string& b) { b[8] = 'x'; }) << QStringList{"model.safetensors", "malformed"};
  QTest::newRow("header is a JSON array") << raw([](std::string& b) {
    b = join_safetensors(json::array({1, 2}).dump(), split_safetensors(b).data);
  }) << QStringList{"model.safetensors", "not an object"};
  QTest::newRow("data_offsets past the data section") << weights([=](Safetensors& s) {
    entry(s, "norm.weight")["data_offsets"][1] = s.data.size() + 2;
  }) << QStringList{"model.safetensors", "norm.weight", "outside the data section"};
  QTest::newRow("data_offsets reversed") << weights([=](Safetensors& s) {
    auto& offsets = entry(s, "norm.weight")["data_offsets"];
    offsets = {offsets[1], offsets[0]};
  }) << QStringList{"model.safetensors", "norm.weight", "outside"};
  QTest::newRow("data_offsets not numbers") << weights([=](Safetensors& s) {
    entry(s, "norm.weight")["data_offsets"] = {"a", 2};
  }) << QStringList{"model.safetensors", "norm.weight", "data_offsets"};
  QTest::newRow("unsupported dtype I64")
      << weights([=](Safetensors& s) { entry(s, "norm.weight")["dtype"] = "I64"; })
      << QStringList{"model.safetensors", "norm.weight", "I64"};
  QTest::newRow("dtype missing") << weights([=](Safetensors& s) {
    entry(s, "norm.weight").erase("dtype");
  }) << QStringList{"model.safetensors", "norm.weight", "dtype"};
  QTest::newRow("byte range disagrees with shape")
      << weights([=](Safetensors& s) { entry(s, "norm.weight")["shape"] = {17}; })
      << QStringList{"model.safetensors", "norm.weight", "needs 34"};
  QTest::newRow("shape overflows 64 bits") << weights([=](Safetensors& s) {
    entry(s, "embed_tokens.weight")["shape"] = {uint64_t{1} << 62, uint64_t{1} << 62};
  }) << QStringList{"model.safetensors", "embed_tokens.weight", "64 bits"};
  QTest::newRow("negative dimension")
      << weights([=](Safetensors& s) { entry(s, "norm.weight")["shape"] = {-16}; })
      << QStringList{"model.safetensors", "norm.weight", "not a size"};
  QTest::newRow("two tensors share bytes") << weights([=](Safetensors& s) {
    entry(s, "norm.weight")["data_offsets"] =
        entry(s, "layers.0.input_layernorm.weight")["data_offsets"];
  }) << QStringList{"model.safetensors", "overlap"};
  QTest::newRow("a tensor missing")
      << weights([](Safetensors& s) { s.header.erase("layers.1.mlp.down_proj.weight"); })
      << QStringList{"model.safetensors", "layers.1.mlp.down_proj.weight", "missing"};
  QTest::newRow("an unexpected tensor") << weights([](Safetensors& s) {
    s.header["layers.0.self_attn.q_proj.bias"] = {
        {"dtype", "BF16"}, {"shape", {0}}, {"data_offsets", {0, 0}}};
  }) << QStringList{"model.safetensors", "layers.0.self_attn.q_proj.bias", "unexpected"};
  QTest::newRow("one tensor with and without model. prefix") << weights([=](Safetensors& s) {
    const size_t at = s.data.size();
    s.data += std::string(32, '\0');
    s.header["model.norm.weight"] = {
        {"dtype", "BF16"}, {"shape", {16}}, {"data_offsets", {at, at + 32}}};
  }) << QStringList{"model.safetensors", "norm.weight", "twice"};
  QTest::newRow("hidden_size edited to 32")
      << config([](json& c) { c["hidden_size"] = 32; })
      << QStringList{"config.json", "hidden_size", "embed_tokens.weight", "[151669, 32]"};
  QTest::newRow("intermediate_size edited to 64")
      << config([](json& c) { c["intermediate_size"] = 64; })
      << QStringList{"config.json", "intermediate_size", "gate_proj"};
  QTest::newRow("vocab_size edited")
      << config([](json& c) { c["vocab_size"] = 151936; })
      << QStringList{"config.json", "vocab_size", "embed_tokens.weight"};
  QTest::newRow("three layers claimed, two stored")
      << config([](json& c) { c["num_hidden_layers"] = 3; })
      << QStringList{"model.safetensors", "layers.2.", "missing"};
  QTest::newRow("one layer claimed, two stored")
      << config([](json& c) { c["num_hidden_layers"] = 1; })
      << QStringList{"model.safetensors", "layers.1.", "unexpected"};
  QTest::newRow("config.json missing")
      << DirectoryEdit([](const fs::path& dir) { fs::remove(dir / "config.json"); })
      << QStringList{"config.json"};
  QTest::newRow("config.json malformed") << DirectoryEdit([](const fs::path& dir) {
    write_file(dir / "config.json", "{\"hidden_size\": ");
  }) << QStringList{"config.json", "malformed"};
  QTest::newRow("config.json empty")
      << DirectoryEdit([](const fs::path& dir) { write_file(dir / "config.json", ""); })
      << QStringList{"config.json", "malformed"};
  QTest::newRow("config.json not an object")
      << DirectoryEdit([](const fs::path& dir) { write_file(dir / "config.json", "[16]"); })
      << QStringList{"config.json", "not a JSON object"};
  QTest::newRow("hidden_size is a string")
      << config([](json& c) { c["hidden_size"] = "16"; })
      << QStringList{"config.json", "hidden_size", "whole number"};
  QTest::newRow("hidden_size negative") << config([](json& c) { c["hidden_size"] = -16; })
                                        << QStringList{"config.json", "hidden_size"};
  QTest::newRow("hidden_size missing") << config([](json& c) { c.erase("hidden_size"); })
                                       << QStringList{"config.json", "hidden_size", "missing"};
  QTest::newRow("num_layers zero") << config([](json& c) { c["num_hidden_layers"] = 0; })
                                   << QStringList{"config.json", "num_hidden_layers"};
  QTest::newRow("heads not a multiple of kv heads")
      << config([](json& c) { c["num_key_value_heads"] = 3; })
      << QStringList{"config.json", "num_key_value_heads", "multiple"};
  QTest::newRow("odd head_dim") << config([](json& c) { c["head_dim"] = 127; })
                                << QStringList{"config.json", "head_dim", "even"};
  QTest::newRow("rms_norm_eps not a number") << config([](json& c) { c["rms_norm_eps"] = "small"; })
                                             << QStringList{"config.json", "rms_norm_eps"};
  QTest::newRow("rope_theta zero")
      << config([](json& c) { c["rope_theta"] = 0; }) << QStringList{"config.json", "rope_theta"};
  QTest::newRow("tie_word_embeddings not a bool")
      << config([](json& c) { c["tie_word_embeddings"] = 1; })
      << QStringList{"config.json", "tie_word_embeddings"};
  QTest::newRow("rope_scaling set") << config([](json& c) {
    c["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 4.0}};
  }) << QStringList{"config.json", "rope_scaling"};
  QTest::newRow("another activation") << config([](json& c) { c["hidden_act"] = "gelu"; })
                                      << QStringList{"config.json", "hidden_act", "gelu"};
  QTest::newRow("attention bias") << config([](json& c) { c["attention_bias"] = true; })
                                  << QStringList{"config.json", "attention_bias"};
  QTest::newRow("sliding window") << config([](json& c) { c["use_sliding_window"] = 1; })
                                  << QStringList{"config.json", "use_sliding_window"};
  QTest::newRow("another architecture") << config([](json& c) { c["model_type"] = "llama"; })
                                        << QStringList{"config.json", "model_type", "llama"};
  QTest::newRow("reranker without lm_head, untied") << config([](json& c) {
    c["architectures"] = {"Qwen3ForCausalLM"};
    c["tie_word_embeddings"] = false;
  }) << QStringList{"model.safetensors", "lm_head.weight"};
  QTest::newRow("no weights at all")
      << DirectoryEdit([](const fs::path& dir) { fs::remove(dir / "model.safetensors"); })
      << QStringList{"model.safetensors", "model.safetensors.index.json"};
}

void TestModelFiles::corrupt_directory() {
  QFETCH(DirectoryEdit, edit);
  QFETCH(QStringList, fragments);
  const fs::path dir = fresh_dir();
  // No tokenizer.json: every weight and config problem must be found before it is read.
  copy_model_dir(xun::test::data_path("tiny-embed"), dir, false);
  edit(dir);
  expect_open_failure(dir, fragments);
}

void TestModelFiles::corrupt_shards_data() {
  QTest::addColumn<DirectoryEdit>("edit");
  QTest::addColumn<QStringList>("fragments");
  const auto index = [](std::function<void(json&)> edit) {
    return DirectoryEdit(
        [edit](const fs::path& dir) { edit_json(dir / "model.safetensors.index.json", edit); });
  };
  QTest::newRow("a shard missing")
      << DirectoryEdit([](const fs::path& dir) { fs::remove(dir / shard_names[1]); })
      << QStringList{"model.safetensors.index.json", shard_names[1], "does not exist"};
  QTest::newRow("shard outside the directory")
      << index([](json& i) { i["weight_map"]["lm_head.weight"] = "../model.safetensors"; })
      << QStringList{"model.safetensors.index.json", "lm_head.weight", "outside"};
  QTest::newRow("absolute shard path")
      << index([](json& i) { i["weight_map"]["lm_head.weight"] = "/etc/passwd"; })
      << QStringList{"model.safetensors.index.json", "outside"};
  QTest::newRow("tensor listed in the wrong shard")
      << index([](json& i) { i["weight_map"]["lm_head.weight"] = shard_names[1]; })
      << QStringList{"lm_head.weight", "model.safetensors.index.json"};
  QTest::newRow("tensor listed that no shard has") << index([](json& i) {
    i["weight_map"]["model.layers.9.mlp.up_proj.weight"] = shard_names[0];
  }) << QStringList{"model.safetensors.index.json", "model.layers.9.mlp.up_proj.weight"};
  QTest::newRow("index malformed") << DirectoryEdit([](const fs::path& dir) {
    write_file(dir / "model.safetensors.index.json", "{");
  }) << QStringList{"model.safetensors.index.json", "malformed"};
  QTest::newRow("weight_map missing") << index([](json& i) { i.erase("weight_map"); })
                                      << QStringList{"model.safetensors.index.json", "weight_map"};
  QTest::newRow("shard name not a string")
      << index([](json& i) { i["weight_map"]["lm_head.weight"] = 7; })
      << QStringList{"model.safetensors.index.json", "lm_head.weight"};
  QTest::newRow("a shard's header length one short") << DirectoryEdit([](const fs::path& dir) {
    // Eight more spaces of padding first, so that the JSON still parses one byte short.
    std::string bytes = read_file(dir / shard_names[1]);
    const auto length = get<uint64_t>(bytes, 0);
    bytes.insert(8 + length, 8, ' ');
    put<uint64_t>(bytes, 0, length + 8 - 1);
    write_file(dir / shard_names[1], bytes);
  }) << QStringList{shard_names[1], "header length or the offsets are wrong"};
  QTest::newRow("corrupt shard") << DirectoryEdit([](const fs::path& dir) {
    write_file(dir / shard_names[1], "0123");
  }) << QStringList{shard_names[1]};
}

void TestModelFiles::corrupt_shards() {
  QFETCH(DirectoryEdit, edit);
  QFETCH(QStringList, fragments);
  const fs::path dir = fresh_dir() / "sharded";
  write_sharded_copy(xun::test::data_path("tiny-rerank"), dir);
  edit(dir);
  expect_open_failure(dir, fragments);
}

void TestModelFiles::truncated_safetensors() {
  const fs::path dir = fresh_dir();
  copy_model_dir(xun::test::data_path("tiny-embed"), dir, false);
  const fs::path file = dir / "model.safetensors";
  const uint64_t size = fs::file_size(file);
  // Every 1/200th of the file, and every 7th byte of the 2.4 KB header; cut from the longest
  // down, so that each cut is one truncate call.
  std::set<uint64_t, std::greater<>> cuts;
  for (uint64_t cut = 0; cut < size; cut += size / 200) cuts.insert(cut);
  for (uint64_t cut = 0; cut < 2600; cut += 7) cuts.insert(cut);
  cuts.insert(size - 1);
  for (const uint64_t cut : cuts) {
    fs::resize_file(file, cut);
    const auto model = xun::model::open_model(dir);
    QVERIFY2(!model, qPrintable(QString("cut at %1 opened").arg(cut)));
    QVERIFY2(qs(model.error().message).contains("model.safetensors"),
             qPrintable(QString("cut at %1: %2").arg(cut).arg(qs(model.error().message))));
  }
}

// ---- Corrupt GGUF -------------------------------------------------------------------------------

void TestModelFiles::corrupt_gguf_data() {
  QTest::addColumn<BytesEdit>("edit");
  QTest::addColumn<QStringList>("fragments");  // besides the file name
  // Value of metadata key `key`: its type (u32) is at after_string(key), the value follows.
  const auto value_at = [](const std::string& b, std::string_view key) {
    return after_string(b, key) + 4;
  };
  const std::string attn_q = "blk.0.attn_q.weight";

  QTest::newRow("empty file") << BytesEdit([](std::string& b) { b.clear(); })
                              << QStringList{"magic"};
  QTest::newRow("bad magic") << BytesEdit([](std::string& b) { b[3] = 'X'; })
                             << QStringList{"not a GGUF file"};
  QTest::newRow("version 1") << BytesEdit([](std::string& b) { put<uint32_t>(b, 4, 1); })
                             << QStringList{"version 1"};
  QTest::newRow("version 4") << BytesEdit([](std::string& b) { put<uint32_t>(b, 4, 4); })
                             << QStringList{"version 4"};
  QTest::newRow("big-endian") << BytesEdit([](std::string& b) { put<uint32_t>(b, 4, 0x03000000); })
                              << QStringList{"big-endian"};
  QTest::newRow("tensor count 2^62")
      << BytesEdit([](std::string& b) { put<uint64_t>(b, 8, uint64_t{1} << 62); })
      << QStringList{"tensor count"};
  QTest::newRow("tensor count past the file")
      << BytesEdit([](std::string& b) { put<uint64_t>(b, 8, 500000); })
      << QStringList{"tensor count", "cannot fit"};
  QTest::newRow("metadata count 2^62")
      << BytesEdit([](std::string& b) { put<uint64_t>(b, 16, uint64_t{1} << 62); })
      << QStringList{"metadata count"};
  QTest::newRow("metadata count one too many")
      << BytesEdit([](std::string& b) { put<uint64_t>(b, 16, get<uint64_t>(b, 16) + 1); })
      << QStringList{"at byte"};
  QTest::newRow("key length past the end")
      << BytesEdit([](std::string& b) { put<uint64_t>(b, 24, uint64_t{1} << 40); })
      << QStringList{"at byte 32", "metadata key", "needs"};
  QTest::newRow("string value length past the end") << BytesEdit([=](std::string& b) {
    put<uint64_t>(b, value_at(b, "general.architecture"), ~uint64_t{0});
  }) << QStringList{"general.architecture", "needs"};
  QTest::newRow("unknown value type") << BytesEdit([](std::string& b) {
    put<uint32_t>(b, after_string(b, "general.architecture"), 99);
  }) << QStringList{"unknown metadata value type 99", "general.architecture"};
  QTest::newRow("array length 2^61") << BytesEdit([=](std::string& b) {
    put<uint64_t>(b, value_at(b, "tokenizer.ggml.tokens") + 4, uint64_t{1} << 61);
  }) << QStringList{"tokenizer.ggml.tokens", "cannot fit"};
  QTest::newRow("array element type unknown") << BytesEdit([=](std::string& b) {
    put<uint32_t>(b, value_at(b, "tokenizer.ggml.tokens"), 77);
  }) << QStringList{"tokenizer.ggml.tokens", "unknown metadata value type 77"};
  QTest::newRow("string in an array runs past the end") << BytesEdit([=](std::string& b) {
    put<uint64_t>(b, value_at(b, "tokenizer.ggml.tokens") + 12, uint64_t{1} << 50);
  }) << QStringList{"tokenizer.ggml.tokens", "needs"};
  QTest::newRow("bool that is neither 0 nor 1")
      << BytesEdit([=](std::string& b) { b[value_at(b, "tokenizer.ggml.add_bos_token")] = 7; })
      << QStringList{"tokenizer.ggml.add_bos_token", "bool"};
  QTest::newRow("duplicate key") << BytesEdit([](std::string& b) {
    rename(b, "general.name", "general.type");
  }) << QStringList{"general.type", "repeats"};
  QTest::newRow("alignment not a power of two") << BytesEdit([=](std::string& b) {
    put<uint32_t>(b, value_at(b, "general.file_type"), 3);
    rename(b, "general.file_type", "general.alignment");
  }) << QStringList{"general.alignment", "power of two"};
  QTest::newRow("another architecture") << BytesEdit([=](std::string& b) {
    b.replace(value_at(b, "general.architecture") + 8, 5, "gemma");
  }) << QStringList{"general.architecture", "gemma"};
  QTest::newRow("block_count missing")
      << BytesEdit([](std::string& b) { rename(b, "qwen3.block_count", "qwen3.block_coun_"); })
      << QStringList{"qwen3.block_count", "missing"};
  QTest::newRow("block_count a float") << BytesEdit([](std::string& b) {
    put<uint32_t>(b, after_string(b, "qwen3.block_count"), 6);
  }) << QStringList{"qwen3.block_count", "float32"};
  QTest::newRow("rms epsilon missing") << BytesEdit([](std::string& b) {
    rename(b, "qwen3.attention.layer_norm_rms_epsilon", "qwen3.attention.layer_norm_rms_epsilox");
  }) << QStringList{"qwen3.attention.layer_norm_rms_epsilon", "missing"};
  QTest::newRow("embedding_length edited to 32") << BytesEdit([=](std::string& b) {
    put<uint32_t>(b, value_at(b, "qwen3.embedding_length"), 32);
  }) << QStringList{"qwen3.embedding_length", "token_embd.weight", "[151669, 32]"};
  QTest::newRow("head_count_kv not dividing head_count") << BytesEdit([=](std::string& b) {
    put<uint32_t>(b, value_at(b, "qwen3.attention.head_count_kv"), 3);
  }) << QStringList{"qwen3.attention.head_count_kv", "multiple"};
  QTest::newRow("value_length differs from key_length") << BytesEdit([=](std::string& b) {
    put<uint32_t>(b, value_at(b, "qwen3.attention.value_length"), 64);
  }) << QStringList{"qwen3.attention.value_length"};
  QTest::newRow("tokenizer not byte-level BPE") << BytesEdit([=](std::string& b) {
    b.replace(value_at(b, "tokenizer.ggml.model") + 8, 4, "gpt3");
  }) << QStringList{"tokenizer.ggml.model", "gpt3"};
  QTest::newRow("pre-tokenizer not qwen2") << BytesEdit([=](std::string& b) {
    b.replace(value_at(b, "tokenizer.ggml.pre") + 8, 5, "qwen9");
  }) << QStringList{"tokenizer.ggml.pre", "qwen9"};
  QTest::newRow("merge without a space") << BytesEdit([=](std::string& b) {
    const size_t first = value_at(b, "tokenizer.ggml.merges") + 4 + 8;  // "Ġ Ġ"
    b[first + 8 + 2] = 'x';
  }) << QStringList{"tokenizer.ggml.merges[0]"};
  QTest::newRow("zero dimensions")
      << BytesEdit([=](std::string& b) { put<uint32_t>(b, after_string(b, attn_q), 0); })
      << QStringList{attn_q.c_str(), "0 dimensions"};
  QTest::newRow("five dimensions")
      << BytesEdit([=](std::string& b) { put<uint32_t>(b, after_string(b, attn_q), 5); })
      << QStringList{attn_q.c_str(), "5 dimensions"};
  QTest::newRow("unsupported tensor type Q4_K")
      << BytesEdit([=](std::string& b) { put<uint32_t>(b, tensor_type_at(b, attn_q), 12); })
      << QStringList{attn_q.c_str(), "Q4_K (12)"};
  QTest::newRow("unknown tensor type 200")
      << BytesEdit([=](std::string& b) { put<uint32_t>(b, tensor_type_at(b, attn_q), 200); })
      << QStringList{attn_q.c_str(), "type 200"};
  QTest::newRow("Q8_0 rows not whole blocks")
      << BytesEdit([=](std::string& b) { put<uint32_t>(b, tensor_type_at(b, attn_q), 8); })
      << QStringList{attn_q.c_str(), "multiple of 32"};
  QTest::newRow("tensor offset past the end") << BytesEdit([=](std::string& b) {
    put<uint64_t>(b, tensor_offset_at(b, attn_q), uint64_t{1} << 40);
  }) << QStringList{attn_q.c_str(), "past the end"};
  QTest::newRow("tensor offset near 2^64") << BytesEdit([=](std::string& b) {
    put<uint64_t>(b, tensor_offset_at(b, attn_q), ~uint64_t{31});
  }) << QStringList{attn_q.c_str(), "past the end"};
  QTest::newRow("tensor offset not aligned") << BytesEdit([=](std::string& b) {
    const size_t at = tensor_offset_at(b, attn_q);
    put<uint64_t>(b, at, get<uint64_t>(b, at) + 1);
  }) << QStringList{attn_q.c_str(), "alignment"};
  QTest::newRow("overlapping tensors") << BytesEdit([=](std::string& b) {
    put<uint64_t>(b, tensor_offset_at(b, "blk.0.attn_k.weight"),
                  get<uint64_t>(b, tensor_offset_at(b, attn_q)));
  }) << QStringList{"overlap"};
  QTest::newRow("F32 tensor retyped F16") << BytesEdit([=](std::string& b) {
    put<uint32_t>(b, tensor_type_at(b, "output_norm.weight"), 1);
  }) << QStringList{"output_norm.weight", "data section holds"};
  QTest::newRow("tensor offset one alignment early") << BytesEdit([=](std::string& b) {
    const size_t at = tensor_offset_at(b, "output_norm.weight");
    put<uint64_t>(b, at, get<uint64_t>(b, at) - 32);
  }) << QStringList{"output_norm.weight", "overlap"};
  QTest::newRow("a byte past the padding") << BytesEdit([](std::string& b) {
    b += std::string(33, '\0');
  }) << QStringList{"data section holds"};
  QTest::newRow("dimensions overflow 64 bits") << BytesEdit([=](std::string& b) {
    const size_t ne = after_string(b, attn_q) + 4;
    put<uint64_t>(b, ne, uint64_t{1} << 40);
    put<uint64_t>(b, ne + 8, uint64_t{1} << 40);
  }) << QStringList{attn_q.c_str(), "64 bits"};
  QTest::newRow("shape disagrees with the config")
      << BytesEdit([=](std::string& b) { put<uint64_t>(b, after_string(b, attn_q) + 4 + 8, 128); })
      << QStringList{attn_q.c_str(), "qwen3.attention.head_count", "[128, 16]"};
  QTest::newRow("tensor name unknown") << BytesEdit([](std::string& b) {
    rename(b, "blk.1.ffn_down.weight", "blk.1.ffn_dowx.weight");
  }) << QStringList{"blk.1.ffn_dowx.weight", "unexpected"};
  QTest::newRow("tensor name with a newline, escaped in the error")
      << BytesEdit(
             [](std::string& b) { rename(b, "blk.1.ffn_down.weight", "blk.1.ffn\ndown.weight"); })
      << QStringList{"'blk.1.ffn\\x0Adown.weight'", "unexpected"};
  QTest::newRow("tensor missing") << BytesEdit([](std::string& b) {
    rename(b, "blk.1.ffn_down.weight", "blk.9.ffn_down.weight");
  }) << QStringList{"layers.1.mlp.down_proj.weight", "missing"};
  QTest::newRow("tensor name twice") << BytesEdit([](std::string& b) {
    rename(b, "blk.1.ffn_gate.weight", "blk.1.ffn_down.weight");
  }) << QStringList{"blk.1.ffn_down.weight", "twice"};
}

void TestModelFiles::corrupt_gguf() {
  QFETCH(BytesEdit, edit);
  QFETCH(QStringList, fragments);
  std::string bytes = gguf_bytes_;
  edit(bytes);
  const fs::path file = fresh_dir() / "corrupt.gguf";
  write_file(file, bytes);
  expect_open_failure(file, QStringList{"corrupt.gguf"} + fragments);
}

void TestModelFiles::truncated_gguf_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<bool>("every_metadata_type");
  for (const char* name : {"tiny-embed-f16.gguf", "tiny-embed-q8_0.gguf", "tiny-rerank-f16.gguf"})
    QTest::newRow(name) << name << false;
  QTest::newRow("tiny-embed-f16.gguf with every metadata type") << "tiny-embed-f16.gguf" << true;
}

void TestModelFiles::truncated_gguf() {
  QFETCH(QString, name);
  QFETCH(bool, every_metadata_type);
  const fs::path file = fresh_dir() / "cut.gguf";
  std::string bytes = read_file(xun::test::data_path(name.toStdString()));
  write_file(file, every_metadata_type ? with_every_metadata_type(std::move(bytes)) : bytes);
  const uint64_t size = fs::file_size(file);
  // Every 1/200th of the file and each of the first 2 KB; longest first, one truncate each.
  std::set<uint64_t, std::greater<>> cuts;
  for (uint64_t cut = 0; cut < size; cut += size / 200) cuts.insert(cut);
  for (uint64_t cut = 0; cut < 2048; ++cut) cuts.insert(cut);
  cuts.insert(size - 1);
  for (const uint64_t cut : cuts) {
    fs::resize_file(file, cut);
    const auto model = xun::model::open_model(file);
    QVERIFY2(!model, qPrintable(QString("cut at %1 opened").arg(cut)));
    QVERIFY2(qs(model.error().message).contains("cut.gguf"),
             qPrintable(QString("cut at %1: %2").arg(cut).arg(qs(model.error().message))));
  }
}

// ---- Fingerprints -------------------------------------------------------------------------------

void TestModelFiles::fingerprints() {
  std::set<std::string> distinct;
  for (const auto& [name, m] : models_) {
    QCOMPARE(m.fingerprint.size(), size_t{32});
    QVERIFY2(m.fingerprint.find_first_not_of("0123456789abcdef") == std::string::npos,
             m.fingerprint.c_str());
    distinct.insert(m.fingerprint);
  }
  QCOMPARE(distinct.size(), models_.size());  // the three embedding files among them

  const auto again = xun::model::open_model(xun::test::data_path("tiny-embed-f16.gguf"));
  QVERIFY(again);
  QCOMPARE(qs(again->fingerprint), qs(model("tiny-embed-f16.gguf").fingerprint));

  std::string bytes = gguf_bytes_;
  bytes[bytes.size() - 3] ^= 0x01;  // one bit of output_norm.weight, the last tensor
  const fs::path file = fresh_dir() / "changed.gguf";
  write_file(file, bytes);
  const auto changed = xun::model::open_model(file);
  QVERIFY(changed);
  QVERIFY(changed->fingerprint != model("tiny-embed-f16.gguf").fingerprint);
}

// ---- Tokenizer ----------------------------------------------------------------------------------

void TestModelFiles::gguf_tokenizer_matches_reference_data() {
  QTest::addColumn<QString>("name");
  QTest::newRow("embedding gguf") << "tiny-embed-f16.gguf";
  QTest::newRow("reranker gguf") << "tiny-rerank-f16.gguf";
  QTest::newRow("tokenizer.json of a directory") << "tiny-embed";
}

void TestModelFiles::gguf_tokenizer_matches_reference() {
  QFETCH(QString, name);
  const auto tokenizer = xun::load_tokenizer(xun::test::data_path(name.toStdString()));
  QVERIFY2(tokenizer, qPrintable(qs(tokenizer ? "" : tokenizer.error().message)));
  QCOMPARE((*tokenizer)->vocab_size(), 151669u);
  const auto cases = xun::test::read_jsonl(xun::test::source_data_path("tokenizer-cases.jsonl"));
  QCOMPARE(cases.size(), size_t{314});
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto text = cases[i]["text"].get<std::string>();
    const auto expected = cases[i]["ids"].get<std::vector<int32_t>>();
    const auto ids = (*tokenizer)->encode(text);
    QVERIFY2(ids,
             qPrintable(QString("case %1: %2").arg(i).arg(qs(ids ? "" : ids.error().message))));
    QVERIFY2(
        *ids == expected,
        qPrintable(QString("case %1 (%2) gives other ids").arg(i).arg(qs(text.substr(0, 40)))));
  }
}

void TestModelFiles::load_tokenizer_reads_only_metadata() {
  // The GGUF cut where its tensor infos begin: the metadata is whole, the weights are gone.
  std::string bytes = gguf_bytes_;
  bytes.resize(after_string(bytes, "token_embd.weight") - 8 - std::strlen("token_embd.weight"));
  const fs::path file = fresh_dir() / "metadata-only.gguf";
  write_file(file, bytes);
  expect_open_failure(file, {"metadata-only.gguf"});
  const auto tokenizer = xun::load_tokenizer(file);
  QVERIFY2(tokenizer, qPrintable(qs(tokenizer ? "" : tokenizer.error().message)));
  const auto ids = (*tokenizer)->encode("Hello world<|endoftext|>");
  QVERIFY(ids);
  QCOMPARE(ids->back(), 151643);

  const auto missing = xun::load_tokenizer(fresh_dir());
  QVERIFY(!missing);
  QVERIFY2(qs(missing.error().message).contains("tokenizer.json"), missing.error().message.c_str());
  bytes[0] = 'X';
  write_file(file, bytes);
  const auto corrupt = xun::load_tokenizer(file);
  QVERIFY(!corrupt);
  QVERIFY2(qs(corrupt.error().message).contains("metadata-only.gguf"),
           corrupt.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestModelFiles)
#include "tst_model_files.moc"
