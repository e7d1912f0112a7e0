// The xun command line, run as a separate process on the fixture models: devices, tokenize,
// embed and rerank against the reference outputs, standard input, synthetic models and the
// benchmark on them, and bad input of every kind (each must give one line on stderr naming the
// file, a non-zero exit, no crash, no hang).
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "test_support.h"
#include "xun_process.h"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int kModelTimeoutMs = 600'000;  // a whole fixture set on lavapipe, validation on
constexpr int kErrorTimeoutMs = 120'000;  // bad input fails fast; longer than this is a hang

// Recommended tolerances of shared/fixtures/README.md, section 6.
constexpr double kEmbeddingMaxAbs = 1e-3;
constexpr double kEmbeddingMinCosine = 0.99999;
constexpr double kScoreMaxAbs = 5e-5;
constexpr double kLogitMaxAbs = 2e-4;

QString qpath(const fs::path& path) { return QString::fromStdString(path.string()); }

// xun as a process (tests/support/xun_process.h); the default timeout is kModelTimeoutMs.
using Run = xun::test::XunRun;
using xun::test::run_xun;

// Each line of standard output as JSON; nothing when one is not JSON (`problem` says which).
std::optional<std::vector<json>> output_lines(const QByteArray& out, QString& problem) {
  std::vector<json> lines;
  const QList<QByteArray> texts = out.split('\n');
  for (qsizetype i = 0; i < texts.size(); ++i) {
    if (i == texts.size() - 1 && texts[i].isEmpty()) break;  // after the final '\n'
    try {
      lines.push_back(json::parse(texts[i].toStdString()));
    } catch (const json::parse_error& error) {
      problem = QStringLiteral("output line %1 is not JSON (%2): %3")
                    .arg(i + 1)
                    .arg(QString::fromUtf8(error.what()), QString::fromUtf8(texts[i].left(200)));
      return std::nullopt;
    }
  }
  if (!out.isEmpty() && !out.endsWith('\n')) {
    problem = QStringLiteral("output does not end with a line break");
    return std::nullopt;
  }
  return lines;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << bytes;
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

std::string jsonl(const std::vector<json>& lines) {
  std::string text;
  for (const json& line : lines) text += line.dump() + "\n";
  return text;
}

// A fixture query "Instruct: {task}\nQuery:{query}" back as its parts.
std::optional<std::pair<std::string, std::string>> split_query(const std::string& text) {
  const std::string prefix = "Instruct: ";
  const std::string separator = "\nQuery:";
  const size_t at = text.find(separator);
  if (!text.starts_with(prefix) || at == std::string::npos) return std::nullopt;
  return std::pair{text.substr(prefix.size(), at - prefix.size()),
                   text.substr(at + separator.size())};
}

// The embed input for one fixture case: documents as {"text"}, queries split into
// {"text": query, "instruction": task} so that the engine's query format is exercised.
std::optional<json> embed_input(const json& fixture_case) {
  const std::string text = fixture_case.at("text").get<std::string>();
  if (fixture_case.at("kind") == "document") return json{{"text", text}};
  const auto parts = split_query(text);
  if (!parts || "Instruct: " + parts->first + "\nQuery:" + parts->second != text)
    return std::nullopt;
  return json{{"text", parts->second}, {"instruction", parts->first}};
}

struct Comparison {
  double max_abs = 0;
  double cosine = 0;
};

Comparison compare_vectors(const std::vector<double>& actual, const std::vector<double>& expected) {
  Comparison result;
  double dot = 0, actual_norm = 0, expected_norm = 0;
  for (size_t i = 0; i < actual.size() && i < expected.size(); ++i) {
    result.max_abs = std::max(result.max_abs, std::abs(actual[i] - expected[i]));
    dot += actual[i] * expected[i];
    actual_norm += actual[i] * actual[i];
    expected_norm += expected[i] * expected[i];
  }
  result.cosine = dot / std::sqrt(actual_norm * expected_norm);
  return result;
}

int count_lines(const QByteArray& text) { return int(text.count('\n')); }

fs::path fixture_tokenizer() { return xun::test::data_path("qwen3-tokenizer/tokenizer.json"); }

// The file that holds a synthetic model's weights: the .gguf, or the directory's safetensors.
fs::path weights_file(const fs::path& model) {
  return fs::is_directory(model) ? model / "model.safetensors" : model;
}

uint64_t bytes_on_disk(const fs::path& model) {
  if (!fs::is_directory(model)) return fs::file_size(model);
  uint64_t bytes = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(model))
    if (entry.is_regular_file()) bytes += entry.file_size();
  return bytes;
}

// One row per format synth-model writes, and where under the temporary directory.
void add_synthetic_format_rows() {
  QTest::addColumn<QString>("format");
  QTest::addColumn<QString>("name");
  QTest::newRow("gguf-f16") << "gguf-f16"
                            << "tiny-f16.gguf";
  QTest::newRow("gguf-q8_0") << "gguf-q8_0"
                             << "tiny-q8_0.gguf";
  QTest::newRow("safetensors-bf16 directory") << "safetensors-bf16"
                                              << "tiny-bf16";
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();

  void help_and_version();
  void devices_json();
  void devices_table();
  void tokenize_matches_reference_data();
  void tokenize_matches_reference();
  void tokenize_reads_standard_input();
  void embed_matches_reference_data();
  void embed_matches_reference();
  void embed_keeps_input_order_across_batches();
  void embed_on_chosen_device();
  void rerank_matches_reference_data();
  void rerank_matches_reference();
  void synth_model_embeds_data();
  void synth_model_embeds();
  void synth_model_is_deterministic_data();
  void synth_model_is_deterministic();
  void synth_model_tokenizer_from_environment();
  void bench_json();
  void bench_table();
  void bad_input_data();
  void bad_input();
  void search_arguments_that_are_valid();

 private:
  fs::path temp(const std::string& name) const {
    return fs::path(dir_.path().toStdString()) / name;
  }
  // A copy of a fixture model directory, which the bad-input cases then damage.
  fs::path copy_model_dir(const std::string& fixture, const std::string& name) const;
  // `xun synth-model --shape tiny` into temp(name), with the fixture tokenizer.
  Run synth_tiny(const QString& format, int seed, const std::string& name,
                 const QStringList& extra = {}) const;
  // The tiny gguf-f16 synthetic model the bench tests share, written on first use.
  fs::path bench_model();

  QTemporaryDir dir_;
  fs::path good_jsonl_;
  fs::path bench_model_;
};

fs::path TestCli::copy_model_dir(const std::string& fixture, const std::string& name) const {
  const fs::path copy = temp(name);
  fs::copy(xun::test::data_path(fixture), copy, fs::copy_options::recursive);
  return copy;
}

Run TestCli::synth_tiny(const QString& format, int seed, const std::string& name,
                        const QStringList& extra) const {
  return run_xun(QStringList{"synth-model", "--shape", "tiny", "--format", format, "--seed",
                             QString::number(seed), "--out", qpath(temp(name)), "--tokenizer",
                             qpath(fixture_tokenizer())} +
                 extra);
}

fs::path TestCli::bench_model() {
  if (bench_model_.empty() && synth_tiny("gguf-f16", 5, "bench-tiny.gguf").succeeded())
    bench_model_ = temp("bench-tiny.gguf");
  return bench_model_;
}

void TestCli::initTestCase() {
  QVERIFY(dir_.isValid());
  QVERIFY2(QFileInfo::exists(qpath(xun::test::xun_binary())),
           qPrintable(qpath(xun::test::xun_binary())));
  QVERIFY(fs::is_directory(xun::test::data_path("tiny-embed")));
  QVERIFY(fs::is_regular_file(xun::test::data_path("tiny-embed/tokenizer.json")));

  // Damaged models for bad_input().
  fs::remove(copy_model_dir("tiny-embed", "no-config") / "config.json");

  const fs::path truncated = copy_model_dir("tiny-embed", "truncated-safetensors");
  fs::resize_file(truncated / "model.safetensors",
                  fs::file_size(truncated / "model.safetensors") / 2);

  const fs::path f16 = xun::test::data_path("tiny-embed-f16.gguf");
  fs::copy_file(f16, temp("truncated-f16.gguf"));
  fs::resize_file(temp("truncated-f16.gguf"), fs::file_size(f16) / 2);
  fs::copy_file(f16, temp("header-cut-f16.gguf"));
  fs::resize_file(temp("header-cut-f16.gguf"), 4096);  // inside the metadata (the vocabulary)
  write_file(temp("not-a-model.gguf"), "this is a text file, not GGUF\n");

  const fs::path mismatch = copy_model_dir("tiny-embed", "bad-hidden-size");
  json config = xun::test::read_json(mismatch / "config.json");
  QCOMPARE(config.at("hidden_size").get<int>(), 16);
  config["hidden_size"] = 32;
  write_file(mismatch / "config.json", config.dump(2));

  const fs::path huge_number = copy_model_dir("tiny-embed", "huge-number-config");
  std::string config_text = read_file(huge_number / "config.json");
  const size_t theta = config_text.find("1000000.0");
  QVERIFY(theta != std::string::npos);
  config_text.replace(theta, 9, "1e999999");  // rope_theta past any double
  write_file(huge_number / "config.json", config_text);

  const fs::path bad_tokenizer = copy_model_dir("tiny-embed", "bad-tokenizer");
  write_file(bad_tokenizer / "tokenizer.json",
             read_file(bad_tokenizer / "tokenizer.json").substr(0, 5000));  // cut mid-JSON
  const fs::path no_model = copy_model_dir("tiny-embed", "tokenizer-without-model");
  write_file(no_model / "tokenizer.json", R"({"version": "1.0", "added_tokens": []})");

  // Input files.
  good_jsonl_ = temp("good.jsonl");
  write_file(good_jsonl_, jsonl({{{"text", "a lighthouse on the cape"}}, {{"text", "灯塔"}}}));
  write_file(temp("not-json.jsonl"), "{\"text\": \"fine\"}\n\n{\"text\": \"unterminated\n");
  write_file(temp("wrong-type.jsonl"), "{\"text\": 42}\n");
  write_file(temp("not-object.jsonl"), "{\"text\": \"fine\"}\n[\"text\", \"in an array\"]\n");
  write_file(temp("invalid-utf8.jsonl"), "{\"text\": \"fine\"}\n{\"text\": \"caf\xC3\"}\n");
  write_file(temp("rerank-no-document.jsonl"), "{\"instruction\": \"i\", \"query\": \"q\"}\n");
  // A number no double holds: nlohmann throws out_of_range, not parse_error.
  write_file(temp("huge-number.jsonl"), "{\"text\": \"fine\"}\n{\"text\": \"x\", \"n\": 1e999999}\n");
  write_file(temp("rerank-huge-number.jsonl"),
             "{\"instruction\": \"i\", \"query\": \"q\", \"document\": \"d\", \"n\": -1e999999}\n");
  std::string many_tokens;
  for (int i = 0; i < 40'000; ++i) many_tokens += " a";  // one token each: over any context here
  write_file(temp("too-long.jsonl"), jsonl({{{"text", "short"}}, {{"text", many_tokens}}}));
}

void TestCli::help_and_version() {
  const Run help = run_xun({"--help"}, {}, kErrorTimeoutMs);
  QVERIFY2(help.succeeded(), help.describe());
  for (const char* command : {"devices", "tokenize", "embed", "rerank", "synth-model", "bench"})
    QVERIFY2(help.out.contains(command), command);

  const Run version = run_xun({"--version"}, {}, kErrorTimeoutMs);
  QVERIFY2(version.succeeded(), version.describe());
  QVERIFY2(version.out.startsWith("xun ") && count_lines(version.out) == 1, version.out);

  // No command opens the window; with no display to open it on, xun says so instead of
  // letting Qt abort.
  QProcessEnvironment headless = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) headless.remove(name);
  const Run window = run_xun({}, {}, kErrorTimeoutMs, headless);
  QVERIFY2(window.finished && window.status == QProcess::NormalExit && window.exit_code == 1, window.describe());
  QVERIFY2(window.err.contains("no display") && window.err.contains("xun --help") && count_lines(window.err) == 1,
           window.err);
}

void TestCli::devices_json() {
  const Run run = run_xun({"devices", "--json"});
  QVERIFY2(run.succeeded(), run.describe());
  QString problem;
  const auto devices = output_lines(run.out, problem);
  QVERIFY2(devices, qPrintable(problem));
  QVERIFY2(devices->size() >= 2, "expected lavapipe and the CPU backend at least");
  QCOMPARE(devices->back().value("backend", ""), std::string("cpu"));

  int defaults = 0;
  std::vector<unsigned> indices;
  for (const json& device : *devices) {
    const QByteArray text = QByteArray::fromStdString(device.dump());
    QVERIFY2(device.is_object(), text);
    QVERIFY2(device.contains("index") && device["index"].is_number_unsigned(), text);
    QVERIFY2(device.contains("name") && device["name"].is_string() &&
                 !device["name"].get<std::string>().empty(),
             text);
    QVERIFY2(device.contains("type") && device["type"].is_string() &&
                 !device["type"].get<std::string>().empty(),
             text);
    QVERIFY2(device.contains("memory_bytes") && device["memory_bytes"].is_number_unsigned() &&
                 device["memory_bytes"].get<uint64_t>() > 0,
             text);
    // Vulkan devices describe their features, the CPU backend its cores and vector units.
    if (device.value("backend", "") == "vulkan") {
      QVERIFY2(device.contains("features") && device["features"].is_object(), text);
    } else {
      QVERIFY2(device.value("backend", "") == "cpu" && device.contains("cpu") &&
                   device["cpu"].value("physical_cores", 0u) >= 1 && device["cpu"]["simd"].is_array(),
               text);
    }
    QVERIFY2(device.contains("default") && device["default"].is_boolean(), text);
    if (device["default"].get<bool>()) ++defaults;
    indices.push_back(device["index"].get<unsigned>());
  }
  QCOMPARE(defaults, 1);
  std::sort(indices.begin(), indices.end());
  QVERIFY2(std::adjacent_find(indices.begin(), indices.end()) == indices.end(),
           "two devices share an index");
}

void TestCli::devices_table() {
  const Run json_run = run_xun({"devices", "--json"});
  QVERIFY2(json_run.succeeded(), json_run.describe());
  QString problem;
  const auto devices = output_lines(json_run.out, problem);
  QVERIFY2(devices && !devices->empty(), qPrintable(problem));

  const Run run = run_xun({"devices"});
  QVERIFY2(run.succeeded(), run.describe());
  // The table (a header, then one line per device), then each Vulkan device's kernels.
  const QByteArray table = run.out.left(run.out.indexOf("\n\n") < 0 ? run.out.size() : run.out.indexOf("\n\n") + 1);
  QCOMPARE(count_lines(table), int(devices->size()) + 1);
  for (const json& device : *devices) {
    const QByteArray name = QByteArray::fromStdString(device["name"].get<std::string>());
    QVERIFY2(table.contains(name), name);
    if (device.value("backend", "") != "vulkan") continue;
    QVERIFY2(device.contains("kernels") && device["kernels"].is_array() && !device["kernels"].empty(), name);
    for (const json& line : device["kernels"])
      QVERIFY2(run.out.contains("  " + QByteArray::fromStdString(line.get<std::string>()) + "\n"), name);
  }
  int marked = 0;
  for (const QByteArray& line : run.out.split('\n'))
    if (line.startsWith('*')) ++marked;
  QCOMPARE(marked, 1);
}

void TestCli::tokenize_matches_reference_data() {
  QTest::addColumn<QString>("model");
  QTest::newRow("tiny-embed directory") << qpath(xun::test::data_path("tiny-embed"));
  QTest::newRow("f16 gguf") << qpath(xun::test::data_path("tiny-embed-f16.gguf"));
}

void TestCli::tokenize_matches_reference() {
  QFETCH(QString, model);
  const std::vector<json> cases =
      xun::test::read_jsonl(xun::test::source_data_path("tokenizer-cases.jsonl"));
  QVERIFY(cases.size() > 2 * 64);  // several batches: order across batches is checked too
  std::vector<json> inputs;
  for (const json& fixture_case : cases) inputs.push_back({{"text", fixture_case.at("text")}});
  const fs::path input = temp("tokenizer-cases-input.jsonl");
  write_file(input, jsonl(inputs));

  const Run run = run_xun({"tokenize", "--model", model, "--jsonl", qpath(input)});
  QVERIFY2(run.succeeded(), run.describe());
  QVERIFY2(run.err.isEmpty(), run.err);
  QString problem;
  const auto outputs = output_lines(run.out, problem);
  QVERIFY2(outputs, qPrintable(problem));
  QCOMPARE(outputs->size(), cases.size());
  int mismatches = 0;
  QString first_mismatch;
  for (size_t i = 0; i < cases.size(); ++i) {
    if ((*outputs)[i].value("ids", json()) == cases[i].at("ids")) continue;
    if (mismatches++ == 0)
      first_mismatch =
          QStringList{QString::number(i + 1), QString::fromStdString(cases[i]["text"].dump()),
                      QString::fromStdString((*outputs)[i].dump()),
                      QString::fromStdString(cases[i]["ids"].dump())}
              .join(" | ");
  }
  QVERIFY2(mismatches == 0, qPrintable(QStringLiteral("%1 of %2 cases differ; first (line | text | "
                                                      "got | expected): %3")
                                           .arg(mismatches)
                                           .arg(cases.size())
                                           .arg(first_mismatch.left(1000))));
}

void TestCli::tokenize_reads_standard_input() {
  const std::vector<json> cases =
      xun::test::read_jsonl(xun::test::source_data_path("tokenizer-cases.jsonl"));
  QVERIFY(cases.size() >= 12);
  // Blank lines, whitespace-only lines and CRLF line ends are part of the input.
  std::string input;
  for (size_t i = 0; i < 12; ++i) {
    input += json{{"text", cases[i].at("text")}}.dump();
    input += (i % 3 == 0) ? "\r\n" : "\n";
    if (i % 4 == 1) input += "\n  \t\n";
  }
  const Run run =
      run_xun({"tokenize", "--model", qpath(xun::test::data_path("tiny-embed")), "--jsonl", "-"},
              QByteArray::fromStdString(input));
  QVERIFY2(run.succeeded(), run.describe());
  QString problem;
  const auto outputs = output_lines(run.out, problem);
  QVERIFY2(outputs, qPrintable(problem));
  QCOMPARE(outputs->size(), size_t(12));
  for (size_t i = 0; i < 12; ++i)
    QVERIFY2((*outputs)[i].value("ids", json()) == cases[i].at("ids"),
             qPrintable(QString::fromStdString(cases[i].at("text").dump())));
}

void TestCli::embed_matches_reference_data() {
  QTest::addColumn<QString>("model");
  QTest::addColumn<QString>("variant");
  QTest::newRow("bf16 safetensors directory")
      << qpath(xun::test::data_path("tiny-embed")) << "bf16_safetensors";
  QTest::newRow("f16 gguf") << qpath(xun::test::data_path("tiny-embed-f16.gguf")) << "f16_gguf";
  QTest::newRow("q8_0 gguf") << qpath(xun::test::data_path("tiny-embed-q8_0.gguf")) << "q8_0_gguf";
}

void TestCli::embed_matches_reference() {
  QFETCH(QString, model);
  QFETCH(QString, variant);
  const json expected =
      xun::test::read_json(xun::test::source_data_path("tiny-embed-expected.json"));
  const json& cases = expected.at("cases");
  QCOMPARE(cases.size(), size_t(20));
  std::vector<json> inputs;
  int queries = 0;
  for (const json& fixture_case : cases) {
    const auto input = embed_input(fixture_case);
    QVERIFY2(input, qPrintable(QString::fromStdString(fixture_case.at("name").get<std::string>())));
    queries += input->contains("instruction") ? 1 : 0;
    inputs.push_back(*input);
  }
  QVERIFY(queries > 0);
  const fs::path input = temp("embed-" + variant.toStdString() + ".jsonl");
  write_file(input, jsonl(inputs));

  const Run run = run_xun({"embed", "--model", model, "--jsonl", qpath(input)});
  QVERIFY2(run.succeeded(), run.describe());
  QVERIFY2(run.err.isEmpty(), run.err);
  QString problem;
  const auto outputs = output_lines(run.out, problem);
  QVERIFY2(outputs, qPrintable(problem));
  QCOMPARE(outputs->size(), cases.size());

  double max_abs = 0, min_cosine = 1;
  for (size_t i = 0; i < cases.size(); ++i) {
    const QByteArray name = QByteArray::fromStdString(cases[i].at("name").get<std::string>());
    const json& output = (*outputs)[i];
    QVERIFY2(output.contains("embedding") && output["embedding"].is_array(), name);
    const auto actual = output["embedding"].get<std::vector<double>>();
    const auto reference =
        cases[i].at("expected").at(variant.toStdString()).get<std::vector<double>>();
    QCOMPARE(actual.size(), reference.size());
    const Comparison comparison = compare_vectors(actual, reference);
    max_abs = std::max(max_abs, comparison.max_abs);
    min_cosine = std::min(min_cosine, comparison.cosine);
    QVERIFY2(comparison.max_abs <= kEmbeddingMaxAbs,
             name + " max abs error " + QByteArray::number(comparison.max_abs));
    QVERIFY2(comparison.cosine >= kEmbeddingMinCosine,
             name + " cosine " + QByteArray::number(comparison.cosine, 'g', 10));
  }
  qInfo("embed %s: max abs error %.3g, min cosine %.9f over %zu cases", qPrintable(variant),
        max_abs, min_cosine, cases.size());
}

void TestCli::embed_keeps_input_order_across_batches() {
  // The 19 short cases four times over, each round in a different order: more lines than one
  // batch holds, and every output must match the case that was on its line.
  const json expected =
      xun::test::read_json(xun::test::source_data_path("tiny-embed-expected.json"));
  std::vector<size_t> short_cases;
  for (size_t i = 0; i < expected.at("cases").size(); ++i)
    if (expected["cases"][i].at("n_tokens").get<int>() < 200) short_cases.push_back(i);
  QVERIFY(short_cases.size() >= 16);
  std::vector<size_t> order;
  for (size_t round = 0; round < 4; ++round)
    for (size_t k = 0; k < short_cases.size(); ++k)
      order.push_back(short_cases[(k * (round * 2 + 1) + round) % short_cases.size()]);
  QVERIFY(order.size() > 64);
  std::vector<json> inputs;
  for (size_t index : order) inputs.push_back(*embed_input(expected["cases"][index]));
  const fs::path input = temp("embed-order.jsonl");
  write_file(input, jsonl(inputs));

  const Run run = run_xun(
      {"embed", "--model", qpath(xun::test::data_path("tiny-embed")), "--jsonl", qpath(input)});
  QVERIFY2(run.succeeded(), run.describe());
  QString problem;
  const auto outputs = output_lines(run.out, problem);
  QVERIFY2(outputs, qPrintable(problem));
  QCOMPARE(outputs->size(), order.size());
  for (size_t line = 0; line < order.size(); ++line) {
    const json& fixture_case = expected["cases"][order[line]];
    const Comparison comparison = compare_vectors(
        (*outputs)[line].at("embedding").get<std::vector<double>>(),
        fixture_case.at("expected").at("bf16_safetensors").get<std::vector<double>>());
    QVERIFY2(comparison.max_abs <= kEmbeddingMaxAbs,
             qPrintable(QStringLiteral("line %1 (%2): max abs error %3")
                            .arg(line + 1)
                            .arg(QString::fromStdString(fixture_case.at("name").get<std::string>()))
                            .arg(comparison.max_abs)));
  }
}

void TestCli::embed_on_chosen_device() {
  const Run devices = run_xun({"devices", "--json"});
  QVERIFY2(devices.succeeded(), devices.describe());
  QString problem;
  const auto listed = output_lines(devices.out, problem);
  QVERIFY2(listed && !listed->empty(), qPrintable(problem));
  const auto chosen = std::find_if(listed->begin(), listed->end(), [](const json& device) {
    return device.value("default", false);
  });
  QVERIFY(chosen != listed->end());
  const QString index = QString::number(chosen->at("index").get<unsigned>());

  const QString model = qpath(xun::test::data_path("tiny-embed"));
  const Run plain = run_xun({"embed", "--model", model, "--jsonl", qpath(good_jsonl_)});
  const Run explicit_device =
      run_xun({"embed", "--model", model, "--jsonl", qpath(good_jsonl_), "--device", index});
  QVERIFY2(plain.succeeded(), plain.describe());
  QVERIFY2(explicit_device.succeeded(), explicit_device.describe());
  QCOMPARE(count_lines(plain.out), 2);
  QCOMPARE(explicit_device.out, plain.out);  // same device, same bits

  const Run missing =
      run_xun({"embed", "--model", model, "--jsonl", qpath(good_jsonl_), "--device", "999"}, {},
              kErrorTimeoutMs);
  QVERIFY2(missing.finished && missing.status == QProcess::NormalExit && missing.exit_code == 1,
           missing.describe());
  QCOMPARE(count_lines(missing.err), 1);
  QVERIFY2(missing.err.contains("999"), missing.err);
}

void TestCli::rerank_matches_reference_data() {
  QTest::addColumn<QString>("model");
  QTest::addColumn<QString>("variant");
  QTest::newRow("bf16 safetensors directory")
      << qpath(xun::test::data_path("tiny-rerank")) << "bf16_safetensors";
  QTest::newRow("f16 gguf") << qpath(xun::test::data_path("tiny-rerank-f16.gguf")) << "f16_gguf";
}

void TestCli::rerank_matches_reference() {
  QFETCH(QString, model);
  QFETCH(QString, variant);
  const json expected =
      xun::test::read_json(xun::test::source_data_path("tiny-rerank-expected.json"));
  const json& cases = expected.at("cases");
  QCOMPARE(cases.size(), size_t(20));
  std::vector<json> inputs;
  for (const json& triple : cases)
    inputs.push_back({{"instruction", triple.at("instruction")},
                      {"query", triple.at("query")},
                      {"document", triple.at("document")}});
  const fs::path input = temp("rerank-" + variant.toStdString() + ".jsonl");
  write_file(input, jsonl(inputs));

  const Run run = run_xun({"rerank", "--model", model, "--jsonl", qpath(input)});
  QVERIFY2(run.succeeded(), run.describe());
  QVERIFY2(run.err.isEmpty(), run.err);
  QString problem;
  const auto outputs = output_lines(run.out, problem);
  QVERIFY2(outputs, qPrintable(problem));
  QCOMPARE(outputs->size(), cases.size());

  double max_score_error = 0, max_logit_error = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const QByteArray name = QByteArray::fromStdString(cases[i].at("name").get<std::string>());
    const json& output = (*outputs)[i];
    const json& reference = cases[i].at("expected").at(variant.toStdString());
    for (const char* field : {"score", "logit_yes", "logit_no"})
      QVERIFY2(output.contains(field) && output[field].is_number(), name + " lacks " + field);
    const double score_error =
        std::abs(output["score"].get<double>() - reference.at("score").get<double>());
    const double logit_error = std::max(
        std::abs(output["logit_yes"].get<double>() - reference.at("logit_yes").get<double>()),
        std::abs(output["logit_no"].get<double>() - reference.at("logit_no").get<double>()));
    max_score_error = std::max(max_score_error, score_error);
    max_logit_error = std::max(max_logit_error, logit_error);
    QVERIFY2(score_error <= kScoreMaxAbs, name + " score error " + QByteArray::number(score_error));
    QVERIFY2(logit_error <= kLogitMaxAbs, name + " logit error " + QByteArray::number(logit_error));
  }
  qInfo("rerank %s: max score error %.3g, max logit error %.3g over %zu triples",
        qPrintable(variant), max_score_error, max_logit_error, cases.size());
}

void TestCli::synth_model_embeds_data() { add_synthetic_format_rows(); }

void TestCli::synth_model_embeds() {
  QFETCH(QString, format);
  QFETCH(QString, name);
  const fs::path model = temp("embeds-" + name.toStdString());
  const Run written = synth_tiny(format, 1, model.filename().string(), {"--json"});
  QVERIFY2(written.succeeded(), written.describe());
  QString problem;
  const auto summary = output_lines(written.out, problem);
  QVERIFY2(summary, qPrintable(problem));
  QCOMPARE(summary->size(), size_t(1));
  const json& line = summary->front();
  const QByteArray text = QByteArray::fromStdString(line.dump());
  QVERIFY2(line.value("path", "") == model.string(), text);
  QVERIFY2(line.value("shape", "") == "tiny", text);
  QVERIFY2(line.value("format", "") == format.toStdString(), text);
  QVERIFY2(line.contains("bytes") && line["bytes"].is_number_unsigned(), text);
  QCOMPARE(line["bytes"].get<uint64_t>(), bytes_on_disk(model));
  QVERIFY2(
      line.contains("seconds") && line["seconds"].is_number() && line["seconds"].get<double>() >= 0,
      text);

  const Run run = run_xun({"embed", "--model", qpath(model), "--jsonl", qpath(good_jsonl_)});
  QVERIFY2(run.succeeded(), run.describe());
  QVERIFY2(run.err.isEmpty(), run.err);
  const auto outputs = output_lines(run.out, problem);
  QVERIFY2(outputs, qPrintable(problem));
  QCOMPARE(outputs->size(), size_t(2));
  for (const json& output : *outputs) {
    const QByteArray embedding = QByteArray::fromStdString(output.dump()).left(300);
    QVERIFY2(output.contains("embedding") && output["embedding"].is_array() &&
                 output["embedding"].size() == 16,  // the tiny shape's hidden size
             embedding);
    double norm = 0;
    for (const json& value : output["embedding"]) {
      QVERIFY2(value.is_number(), embedding);  // NaN and infinity print as null
      norm += value.get<double>() * value.get<double>();
    }
    QVERIFY2(std::abs(std::sqrt(norm) - 1) < 1e-3, embedding);
  }
}

void TestCli::synth_model_is_deterministic_data() { add_synthetic_format_rows(); }

void TestCli::synth_model_is_deterministic() {
  QFETCH(QString, format);
  QFETCH(QString, name);
  const std::string first = "seed7-" + name.toStdString(),
                    again = "seed7-again-" + name.toStdString(),
                    other = "seed8-" + name.toStdString();
  for (const auto& [seed, output] :
       {std::pair{7, first}, std::pair{7, again}, std::pair{8, other}}) {
    const Run run = synth_tiny(format, seed, output);
    QVERIFY2(run.succeeded(), run.describe());
    QVERIFY2(run.out.startsWith("wrote ") && count_lines(run.out) == 1, run.out);
    QVERIFY2(run.out.contains(qpath(temp(output)).toUtf8()), run.out);
  }
  const std::string bytes = read_file(weights_file(temp(first)));
  QVERIFY(!bytes.empty());
  QVERIFY2(read_file(weights_file(temp(again))) == bytes, "the same seed wrote different bytes");
  QVERIFY2(read_file(weights_file(temp(other))) != bytes, "seeds 7 and 8 wrote the same bytes");
}

void TestCli::synth_model_tokenizer_from_environment() {
  const fs::path model = temp("tokenizer-from-environment.gguf");
  const QStringList arguments{"synth-model", "--shape", "tiny",  "--format",  "gguf-f16",
                              "--seed",      "3",       "--out", qpath(model)};
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.remove("XUN_TOKENIZER");
  const Run missing = run_xun(arguments, {}, kErrorTimeoutMs, environment);
  QVERIFY2(missing.finished && missing.status == QProcess::NormalExit && missing.exit_code == 2,
           missing.describe());
  QVERIFY2(missing.out.isEmpty(), missing.out.left(500));
  QVERIFY2(count_lines(missing.err) == 1 && missing.err.startsWith("xun: "), missing.err);
  for (const char* name : {"tokenizer.json", "--tokenizer", "XUN_TOKENIZER"})
    QVERIFY2(missing.err.contains(name), missing.err);
  QVERIFY(!fs::exists(model));

  environment.insert("XUN_TOKENIZER", qpath(fixture_tokenizer()));
  const Run from_environment = run_xun(arguments, {}, kModelTimeoutMs, environment);
  QVERIFY2(from_environment.succeeded(), from_environment.describe());

  // --tokenizer wins over the environment, here a file that does not exist.
  environment.insert("XUN_TOKENIZER", qpath(temp("no-such-tokenizer.json")));
  const fs::path from_option = temp("tokenizer-from-option.gguf");
  const Run option_run =
      run_xun(QStringList(arguments).replaceInStrings(qpath(model), qpath(from_option))
                  << "--tokenizer" << qpath(fixture_tokenizer()),
              {}, kModelTimeoutMs, environment);
  QVERIFY2(option_run.succeeded(), option_run.describe());
  QVERIFY2(read_file(model) == read_file(from_option), "the tokenizer's source changed the bytes");
}

void TestCli::bench_json() {
  const fs::path model = bench_model();
  QVERIFY2(!model.empty(), "synth-model did not write the tiny model");
  const Run run = run_xun({"bench", "--model", qpath(model), "--json", "--repeats", "1", "--warmup",
                           "0", "--scale", "0.05"});
  QVERIFY2(run.succeeded(), run.describe());
  QVERIFY2(run.err.isEmpty(), run.err);
  QString problem;
  const auto lines = output_lines(run.out, problem);
  QVERIFY2(lines, qPrintable(problem));
  QCOMPARE(lines->size(), size_t(1));
  const json& report = lines->front();
  const QByteArray text = QByteArray::fromStdString(report.dump()).left(3000);
  QVERIFY2(report.value("repeats", 0) == 1 && report.value("warmup", 1) == 0, text);
  QVERIFY2(report.contains("device") && report["device"].value("name", "") != "", text);

  std::map<std::string, json> workloads;
  QVERIFY2(report.contains("workloads") && report["workloads"].is_array(), text);
  for (const json& workload : report["workloads"]) workloads[workload.value("name", "")] = workload;
  for (const std::string name :
       {"embed_512", "embed_mixed", "rerank_300", "rerank_300_no_prefix_sharing"}) {
    QVERIFY2(workloads.contains(name),
             qPrintable(QString::fromStdString(name) + " missing: " + text));
    const json& workload = workloads[name];
    const QByteArray described = QByteArray::fromStdString(workload.dump());
    QVERIFY2(workload.value("items", 0) > 0 && workload.value("tokens", 0) > 0, described);
    QVERIFY2(workload.value("unit", "") == (name.starts_with("embed") ? "tokens/s" : "pairs/s"),
             described);
    const json& throughput = workload.at("throughput");
    const double median = throughput.value("median", 0.0), min = throughput.value("min", 0.0),
                 max = throughput.value("max", 0.0);
    QVERIFY2(min > 0 && min <= median && median <= max, described);
  }
  for (const char* field : {"items", "tokens"})  // the same pairs either way
    QVERIFY2(workloads["rerank_300"][field] == workloads["rerank_300_no_prefix_sharing"][field],
             field);
  QVERIFY2(report.value("prefix_sharing_speedup", 0.0) > 0, text);
  QVERIFY2(report.contains("max_score_difference") && report["max_score_difference"].is_number() &&
               report["max_score_difference"].get<double>() < 1e-5,
           text);

  // lavapipe supports timestamp queries, so every forward pass is split by kernel.
  QVERIFY2(report.contains("kernels_per_forward") && report["kernels_per_forward"].is_array() &&
               !report["kernels_per_forward"].empty(),
           text);
  for (const json& kernel : report["kernels_per_forward"])
    QVERIFY2(kernel.value("kernel", "") != "" && kernel.value("ms", -1.0) >= 0 &&
                 kernel.value("dispatches", 0) > 0,
             qPrintable(QString::fromStdString(kernel.dump())));
  QVERIFY2(report.value("peak_device_bytes", uint64_t{0}) > 0, text);
  QVERIFY2(report.value("peak_process_bytes", uint64_t{0}) > report.value("peak_device_bytes", uint64_t{0}), text);
  QVERIFY2(report.contains("paths") && report["paths"].is_array() && !report["paths"].empty(),
           text);
  qInfo("bench tiny at scale 0.05: prefix sharing %.2fx, max score difference %.3g",
        report["prefix_sharing_speedup"].get<double>(),
        report["max_score_difference"].get<double>());
}

void TestCli::bench_table() {
  const fs::path model = bench_model();
  QVERIFY2(!model.empty(), "synth-model did not write the tiny model");
  const Run run = run_xun(
      {"bench", "--model", qpath(model), "--repeats", "1", "--warmup", "0", "--scale", "0.02"});
  QVERIFY2(run.succeeded(), run.describe());
  QVERIFY2(run.err.isEmpty(), run.err);
  for (const char* expected :
       {"embed_512", "embed_mixed", "rerank_300 ", "rerank_300_no_prefix_sharing", "tokens/s",
        "pairs/s", "prefix sharing", "kernels per forward", "peak activation memory", "peak process memory",
        "MiB", "paths:", "backend: native CPU"})
    QVERIFY2(run.out.contains(expected), expected + QByteArray(" not in:\n") + run.out);
}

void TestCli::bad_input_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<int>("exit_code");
  QTest::addColumn<QStringList>("names");   // each must appear in the error line
  QTest::addColumn<QStringList>("any_of");  // one of these must appear too (empty: no check)

  const QString embed_model = qpath(xun::test::data_path("tiny-embed"));
  const QString rerank_model = qpath(xun::test::data_path("tiny-rerank"));
  const QString good = qpath(good_jsonl_);
  auto at = [this](const std::string& name) { return qpath(temp(name)); };
  auto embed = [&](const QString& model, const QString& input) {
    return QStringList{"embed", "--model", model, "--jsonl", input};
  };

  QTest::newRow("missing model path")
      << embed(at("no-such-model"), good) << 1 << QStringList{"no-such-model"} << QStringList{};
  QTest::newRow("directory without config.json")
      << embed(at("no-config"), good) << 1 << QStringList{"config.json"} << QStringList{};
  QTest::newRow("truncated model.safetensors") << embed(at("truncated-safetensors"), good) << 1
                                               << QStringList{"model.safetensors"} << QStringList{};
  QTest::newRow("truncated gguf (tensor data)")
      << embed(at("truncated-f16.gguf"), good) << 1 << QStringList{"truncated-f16.gguf"}
      << QStringList{};
  QTest::newRow("truncated gguf (metadata)") << embed(at("header-cut-f16.gguf"), good) << 1
                                             << QStringList{"header-cut-f16.gguf"} << QStringList{};
  QTest::newRow("text file named .gguf") << embed(at("not-a-model.gguf"), good) << 1
                                         << QStringList{"not-a-model.gguf"} << QStringList{};
  QTest::newRow("config hidden_size does not match the tensors")
      << embed(at("bad-hidden-size"), good) << 1 << QStringList{"bad-hidden-size"}
      << QStringList{"config.json", "model.safetensors"};
  QTest::newRow("malformed tokenizer.json (tokenize)")
      << QStringList{"tokenize", "--model", at("bad-tokenizer"), "--jsonl", good} << 1
      << QStringList{"tokenizer.json"} << QStringList{};
  QTest::newRow("malformed tokenizer.json (embed)")
      << embed(at("bad-tokenizer"), good) << 1 << QStringList{"tokenizer.json"} << QStringList{};
  QTest::newRow("tokenizer.json without a model")
      << QStringList{"tokenize", "--model", at("tokenizer-without-model"), "--jsonl", good} << 1
      << QStringList{"tokenizer.json"} << QStringList{};
  QTest::newRow("jsonl line not JSON (tokenize)")
      << QStringList{"tokenize", "--model", embed_model, "--jsonl", at("not-json.jsonl")} << 1
      << QStringList{"not-json.jsonl:3"} << QStringList{};
  QTest::newRow("jsonl line not JSON (embed)") << embed(embed_model, at("not-json.jsonl")) << 1
                                               << QStringList{"not-json.jsonl:3"} << QStringList{};
  QTest::newRow("jsonl field of the wrong type")
      << embed(embed_model, at("wrong-type.jsonl")) << 1
      << QStringList{"wrong-type.jsonl:1", "\"text\""} << QStringList{};
  QTest::newRow("jsonl number out of range (embed)")
      << embed(embed_model, at("huge-number.jsonl")) << 1
      << QStringList{"huge-number.jsonl:2", "out of range"} << QStringList{};
  QTest::newRow("jsonl number out of range (rerank)")
      << QStringList{"rerank", "--model", rerank_model, "--jsonl", at("rerank-huge-number.jsonl")}
      << 1 << QStringList{"rerank-huge-number.jsonl:1", "out of range"} << QStringList{};
  QTest::newRow("config.json number out of range")
      << embed(at("huge-number-config"), good) << 1
      << QStringList{"huge-number-config", "config.json", "out of range"} << QStringList{};
  QTest::newRow("jsonl line not an object") << embed(embed_model, at("not-object.jsonl")) << 1
                                            << QStringList{"not-object.jsonl:2"} << QStringList{};
  QTest::newRow("jsonl line not UTF-8")
      << QStringList{"tokenize", "--model", embed_model, "--jsonl", at("invalid-utf8.jsonl")} << 1
      << QStringList{"invalid-utf8.jsonl:2", "UTF-8"} << QStringList{};
  QTest::newRow("rerank line without a document")
      << QStringList{"rerank", "--model", rerank_model, "--jsonl", at("rerank-no-document.jsonl")}
      << 1 << QStringList{"rerank-no-document.jsonl:1", "document"} << QStringList{};
  QTest::newRow("jsonl text longer than the context")
      << embed(embed_model, at("too-long.jsonl")) << 1 << QStringList{"too-long.jsonl:2"}
      << QStringList{};
  QTest::newRow("missing jsonl file") << embed(embed_model, at("no-such-input.jsonl")) << 1
                                      << QStringList{"no-such-input.jsonl"} << QStringList{};
  QTest::newRow("reranker given to embed")
      << embed(rerank_model, good) << 2 << QStringList{"tiny-rerank", "rerank"} << QStringList{};
  QTest::newRow("embedding model given to rerank")
      << QStringList{"rerank", "--model", embed_model, "--jsonl", good} << 2
      << QStringList{"tiny-embed", "embedding"} << QStringList{};
  QTest::newRow("--dim above the hidden size") << (embed(embed_model, good) << "--dim"
                                                                            << "32")
                                               << 2 << QStringList{"--dim 32"} << QStringList{};
  QTest::newRow("--dim below the MRL minimum") << (embed(embed_model, good) << "--dim"
                                                                            << "8")
                                               << 2 << QStringList{"--dim 8"} << QStringList{};
  QTest::newRow("--dim not a number") << (embed(embed_model, good) << "--dim"
                                                                   << "many")
                                      << 2 << QStringList{"--dim", "many"} << QStringList{};
  QTest::newRow("unknown option") << (embed(embed_model, good) << "--bogus") << 2
                                  << QStringList{"--bogus"} << QStringList{};
  QTest::newRow("missing --model")
      << QStringList{"embed", "--jsonl", good} << 2 << QStringList{"--model"} << QStringList{};
  QTest::newRow("option without its value") << QStringList{"embed", "--jsonl", good, "--model"} << 2
                                            << QStringList{"--model"} << QStringList{};
  QTest::newRow("unknown command") << QStringList{"frobnicate", "--model", embed_model} << 2
                                   << QStringList{"frobnicate"} << QStringList{};

  const QString tokenizer = qpath(fixture_tokenizer());
  auto synth = [&](const QString& shape, const QString& format, const QString& seed) {
    return QStringList{"synth-model", "--shape", shape,
                       "--format",    format,    "--seed",
                       seed,          "--out",   at("never-written.gguf"),
                       "--tokenizer", tokenizer};
  };
  QTest::newRow("synth-model: unknown shape")
      << synth("1.7b", "gguf-f16", "1") << 2 << QStringList{"--shape", "1.7b", "0.6b"}
      << QStringList{};
  QTest::newRow("synth-model: unknown format")
      << synth("tiny", "gguf-q4_0", "1") << 2 << QStringList{"--format", "gguf-q4_0", "gguf-q8_0"}
      << QStringList{};
  QTest::newRow("synth-model: seed not a number")
      << synth("tiny", "gguf-f16", "-1") << 2 << QStringList{"--seed", "-1"} << QStringList{};
  QTest::newRow("synth-model: missing --out")
      << QStringList{"synth-model", "--shape", "tiny", "--format", "gguf-f16", "--seed", "1"} << 2
      << QStringList{"--out"} << QStringList{};
  QTest::newRow("synth-model: tokenizer file missing")
      << (synth("tiny", "gguf-f16", "1").replaceInStrings(tokenizer, at("no-such-tokenizer.json")))
      << 1 << QStringList{"no-such-tokenizer.json"} << QStringList{};
  QTest::newRow("synth-model: --model does not apply")
      << (synth("tiny", "gguf-f16", "1") << "--model" << embed_model) << 2
      << QStringList{"--model", "synth-model"} << QStringList{};

  auto bench = [&](const QStringList& options) {
    return QStringList{"bench", "--model", embed_model} + options;
  };
  QTest::newRow("bench: missing --model")
      << QStringList{"bench", "--json"} << 2 << QStringList{"--model"} << QStringList{};
  QTest::newRow("bench: model missing") << QStringList{"bench", "--model", at("no-such-model.gguf")}
                                        << 1 << QStringList{"no-such-model.gguf"} << QStringList{};
  QTest::newRow("bench: --scale 0")
      << bench({"--scale", "0"}) << 2 << QStringList{"--scale", "'0'"} << QStringList{};
  QTest::newRow("bench: --scale above 1")
      << bench({"--scale", "1.5"}) << 2 << QStringList{"--scale", "1.5"} << QStringList{};
  QTest::newRow("bench: --scale not a number")
      << bench({"--scale", "fast"}) << 2 << QStringList{"--scale", "fast"} << QStringList{};
  QTest::newRow("bench: --repeats 0")
      << bench({"--repeats", "0"}) << 2 << QStringList{"--repeats"} << QStringList{};
  QTest::newRow("bench: --jsonl does not apply")
      << bench({"--jsonl", good}) << 2 << QStringList{"--jsonl", "bench"} << QStringList{};

  // Search filters: a value that would silently match nothing is an error that says what is valid.
  auto search = [&](const QStringList& options) {
    return QStringList{"search", "--db", at("never-made.sqlite")} + options + QStringList{"query"};
  };
  QTest::newRow("search: --after a day February lacks")
      << search({"--after", "2099-02-31"}) << 2 << QStringList{"--after", "'2099-02-31'", "YYYY-MM-DD"}
      << QStringList{};
  QTest::newRow("search: --after month 13")
      << search({"--after", "2023-13-01"}) << 2 << QStringList{"--after", "2023-13-01", "YYYY-MM-DD"}
      << QStringList{};
  QTest::newRow("search: --before 2023-02-29 (not a leap year)")
      << search({"--before", "2023-02-29"}) << 2 << QStringList{"--before", "2023-02-29"} << QStringList{};
  QTest::newRow("search: --before junk")
      << search({"--before", "junk"}) << 2 << QStringList{"--before", "'junk'", "YYYY-MM-DD"} << QStringList{};
  QTest::newRow("search: --type bogus")
      << search({"--type", "bogus"}) << 2
      << QStringList{"--type", "'bogus'", "text, markdown, code, html, pdf, docx, odt, epub"} << QStringList{};
  QTest::newRow("search: --type with one bogus of two")
      << search({"--type", "pdf,bogus"}) << 2 << QStringList{"'bogus'", "markdown"} << QStringList{};
  QTest::newRow("search: --type of commas only")
      << search({"--type", ","}) << 2 << QStringList{"--type", "markdown"} << QStringList{};
  QTest::newRow("search: an option-like query without --")
      << QStringList{"search", "--db", at("never-made.sqlite"), "-harbour"} << 2
      << QStringList{"-harbour"} << QStringList{};
  QTest::newRow("index: a folder that does not exist")
      << QStringList{"index", "--db", at("never-made.sqlite"), at("no-such-folder")} << 1
      << QStringList{"no-such-folder", "no such folder"} << QStringList{};
}

// The forms the help allows: an empty --instruction, "--" before a query that starts with "-",
// a leap day.
void TestCli::search_arguments_that_are_valid() {
  const fs::path folder = temp("search-arguments");
  fs::create_directories(folder);
  write_file(folder / "harbour.txt", "The harbour lighthouse was repainted in spring.\n");
  const QString database = qpath(temp("search-arguments.sqlite"));
  const Run index = run_xun({"index", "--db", database, qpath(folder)}, {}, kErrorTimeoutMs);
  QVERIFY2(index.succeeded(), index.describe());
  const auto first_path = [](const Run& run) {
    const json results = json::parse(run.out.toStdString())["results"];
    return results.empty() ? std::string() : results[0]["path"].get<std::string>();
  };
  const std::string expected = (folder / "harbour.txt").string();
  const QList<QStringList> valid{
      {"--mode", "keyword", "--instruction", "", "lighthouse"},
      {"--mode", "keyword", "--instruction=", "lighthouse"},
      {"--mode", "keyword", "--", "-lighthouse"},
      {"--mode", "keyword", "--after", "2024-02-29", "--type", "text,markdown", "lighthouse"},
      {"--mode", "keyword", "--", "--mode"},  // after "--" even an option's name is the query
  };
  for (const QStringList& options : valid) {
    const Run run = run_xun(QStringList{"search", "--db", database, "--json"} + options, {}, kErrorTimeoutMs);
    QVERIFY2(run.succeeded(), qPrintable(options.join(' ') + ": " + run.describe()));
    if (options.last() != "--mode") QCOMPARE(first_path(run), expected);
  }
}

void TestCli::bad_input() {
  QFETCH(QStringList, arguments);
  QFETCH(int, exit_code);
  QFETCH(QStringList, names);
  QFETCH(QStringList, any_of);

  const Run run = run_xun(arguments, {}, kErrorTimeoutMs);
  QVERIFY2(run.started, run.describe());
  QVERIFY2(run.finished, "xun did not finish in time (a hang?)");
  QVERIFY2(run.status == QProcess::NormalExit, "xun crashed: " + run.describe());
  QVERIFY2(run.exit_code == exit_code, run.describe());
  QVERIFY2(run.out.isEmpty(), "output before the error: " + run.out.left(500));
  QVERIFY2(count_lines(run.err) == 1 && run.err.endsWith('\n'),
           "stderr is not exactly one line: " + run.err.left(2000));
  QVERIFY2(run.err.startsWith("xun: "), run.err);
  const QString error = QString::fromUtf8(run.err);
  for (const QString& name : names)
    QVERIFY2(error.contains(name), qPrintable(QStringLiteral("'%1' not in: %2").arg(name, error)));
  if (!any_of.isEmpty())
    QVERIFY2(std::any_of(any_of.begin(), any_of.end(),
                         [&](const QString& name) { return error.contains(name); }),
             qPrintable(QStringLiteral("none of %1 in: %2").arg(any_of.join(", "), error)));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
