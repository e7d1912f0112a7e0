// Finding models on disk: fake Hugging Face and ModelScope caches laid out the way their tools
// write them (Hugging Face snapshots of relative symlinks into blobs/; ModelScope's two layouts
// and its "___" for "."), filled with the fixture models; a corrupt model listed with its error;
// which folder each environment variable selects; paths a user picks.
#include <QtTest>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "models/model_discovery.h"
#include "test_support.h"

using namespace xun::core;

namespace {

QString fixture(const QString& relative) {
  return QString::fromStdString(xun::test::data_path(relative.toStdString()).string());
}

void write_file(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
    qFatal("cannot write %s", qPrintable(path));
}

void copy_file(const QString& from, const QString& to) {
  QDir().mkpath(QFileInfo(to).absolutePath());
  if (!QFile::copy(from, to)) qFatal("cannot copy %s to %s", qPrintable(from), qPrintable(to));
}

// A repository as huggingface_hub stores it: each file's bytes once in blobs/ under its hash,
// the snapshot of a revision made of relative symlinks to them, refs/main naming the revision.
// `files` maps a path in the snapshot to the fixture file it holds.
QString add_hugging_face_repo(const QString& hub, const QString& kind_and_id, const QMap<QString, QString>& files) {
  const QString folder = hub + "/" + kind_and_id;  // e.g. models--Qwen--Tiny-Embedding
  const QString revision = QCryptographicHash::hash(kind_and_id.toUtf8(), QCryptographicHash::Sha1).toHex();
  const QString snapshot = folder + "/snapshots/" + revision;
  for (auto it = files.begin(); it != files.end(); ++it) {
    QFile source(it.value());
    if (!source.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(it.value()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&source);
    const QString blob = folder + "/blobs/" + hash.result().toHex();
    if (!QFileInfo::exists(blob)) copy_file(it.value(), blob);
    const QString link = snapshot + "/" + it.key();
    QDir().mkpath(QFileInfo(link).absolutePath());
    const QString relative = QFileInfo(link).dir().relativeFilePath(blob);  // ../../blobs/<hash>
    if (!QFile::link(relative, link)) qFatal("cannot link %s", qPrintable(link));
  }
  write_file(folder + "/refs/main", revision.toLatin1());
  return snapshot;
}

QMap<QString, QString> model_directory(const QString& fixture_dir) {
  QMap<QString, QString> files;
  for (const char* name : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"})
    files.insert(name, fixture(fixture_dir + "/" + name));
  return files;
}

// What a test expects of one discovered model.
struct Expected {
  ModelSource source;
  QString repo;
  QString kind;         // "embedding" or "reranker"; empty: an error is expected
  QString weight_type;  // or, for an error, a fragment of it
};

void expect_models(const QList<DiscoveredModel>& found, const QMap<QString, Expected>& expected) {
  QMap<QString, const DiscoveredModel*> by_path;
  for (const DiscoveredModel& model : found) {
    QVERIFY2(!by_path.contains(model.path), qPrintable(model.path + " listed twice"));
    by_path.insert(model.path, &model);
  }
  QCOMPARE(QStringList(by_path.keys()), QStringList(expected.keys()));
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    const DiscoveredModel& model = *by_path[it.key()];
    const Expected& want = it.value();
    QCOMPARE(model.source, want.source);
    QCOMPARE(model.repo, want.repo);
    if (want.kind.isEmpty()) {
      QVERIFY2(!model.usable(), qPrintable(model.path));
      QVERIFY2(model.error.contains(want.weight_type), qPrintable(model.error + "\n  lacks: " + want.weight_type));
      continue;
    }
    QVERIFY2(model.usable(), qPrintable(model.path + ": " + model.error));
    QVERIFY(model.error.isEmpty());
    QCOMPARE(QString::fromStdString(std::string(xun::to_string(model.info->kind))), want.kind);
    QCOMPARE(model.info->hidden_size, 16u);  // the fixtures' embedding dimension
    QCOMPARE(QString::fromStdString(model.info->weight_type), want.weight_type);
    QVERIFY(model.info->parameter_bytes > 4'000'000);
  }
}

const char* const cache_variables[] = {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME",
                                       "MODELSCOPE_CACHE", "HOME"};

}  // namespace

class ModelDiscoveryTest : public QObject {
  Q_OBJECT

  QTemporaryDir temp_;
  QString hub_;         // the fake Hugging Face hub cache
  QString modelscope_;  // the fake MODELSCOPE_CACHE (with a hub/ subfolder)
  QMap<QString, Expected> hugging_face_models_;
  QMap<QString, Expected> modelscope_models_;
  QMap<QByteArray, std::optional<QByteArray>> saved_environment_;

  void set_environment(const QStringList& assignments) {
    for (const char* variable : cache_variables) qunsetenv(variable);
    for (const QString& assignment : assignments) {
      const QString value = assignment.section('=', 1).replace("<tmp>", temp_.path());
      qputenv(assignment.section('=', 0, 0).toLatin1().constData(), value.toUtf8());
    }
  }

 private slots:
  void initTestCase() {
    QVERIFY(temp_.isValid());
    for (const char* variable : cache_variables)
      saved_environment_[variable] =
          qEnvironmentVariableIsSet(variable) ? std::optional(qgetenv(variable)) : std::nullopt;

    hub_ = temp_.filePath("hf/hub");
    using S = ModelSource;
    QMap<QString, QString> embedding = model_directory("tiny-embed");
    embedding.insert("1_Pooling/config.json", fixture("tiny-embed/config.json"));  // a nested file, not a model
    hugging_face_models_.insert(add_hugging_face_repo(hub_, "models--Qwen--Tiny-Embedding", embedding),
                                {S::hugging_face, "Qwen/Tiny-Embedding", "embedding", "bf16"});
    hugging_face_models_.insert(add_hugging_face_repo(hub_, "models--Qwen--Tiny-Reranker", model_directory("tiny-rerank")),
                                {S::hugging_face, "Qwen/Tiny-Reranker", "reranker", "bf16"});
    const QString gguf = add_hugging_face_repo(
        hub_, "models--Qwen--Tiny-Embedding-GGUF",
        {{"Tiny-Embedding-Q8_0.gguf", fixture("tiny-embed-q8_0.gguf")}, {"README.md", fixture("tiny-embed/config.json")}});
    hugging_face_models_.insert(gguf + "/Tiny-Embedding-Q8_0.gguf",
                                {S::hugging_face, "Qwen/Tiny-Embedding-GGUF", "embedding", "q8_0+f16"});
    // A download that stopped before the weights: config.json alone is no model.
    add_hugging_face_repo(hub_, "models--Qwen--Half-Downloaded", {{"config.json", fixture("tiny-embed/config.json")}});
    // Not models: a dataset repository, and the hub's own lock folder.
    add_hugging_face_repo(hub_, "datasets--Qwen--Some-Data", model_directory("tiny-embed"));
    QDir().mkpath(hub_ + "/.locks/models--Qwen--Tiny-Embedding");
    // A corrupt GGUF is listed with its error, not dropped.
    const QString broken_source = temp_.filePath("broken-source.gguf");
    write_file(broken_source, "GGUF this is not a model file at all");
    const QString broken = add_hugging_face_repo(hub_, "models--Qwen--Broken-GGUF", {{"broken.gguf", broken_source}});
    hugging_face_models_.insert(broken + "/broken.gguf", {S::hugging_face, "Qwen/Broken-GGUF", "", "broken.gguf"});

    modelscope_ = temp_.filePath("modelscope");
    const QString ms_hub = modelscope_ + "/hub";
    const QString reranker = ms_hub + "/Qwen/Tiny-Reranker-0___6B";  // "." written as "___"
    for (const auto& [name, source] : model_directory("tiny-rerank").asKeyValueRange())
      copy_file(source, reranker + "/" + name);
    modelscope_models_.insert(reranker, {S::modelscope, "Qwen/Tiny-Reranker-0.6B", "reranker", "bf16"});
    const QString f16 = ms_hub + "/models/Qwen/Tiny-Embedding-GGUF/tiny-embed-f16.gguf";  // the newer layout
    copy_file(fixture("tiny-embed-f16.gguf"), f16);
    modelscope_models_.insert(f16, {S::modelscope, "Qwen/Tiny-Embedding-GGUF", "embedding", "f16"});
    const QString truncated = ms_hub + "/Qwen/Truncated";
    for (const auto& [name, source] : model_directory("tiny-embed").asKeyValueRange())
      copy_file(source, truncated + "/" + name);
    QFile weights(truncated + "/model.safetensors");
    QVERIFY(weights.setPermissions(weights.permissions() | QFile::WriteOwner));
    QVERIFY(weights.resize(1'000'000));
    modelscope_models_.insert(truncated, {S::modelscope, "Qwen/Truncated", "", "model.safetensors"});
    // ModelScope's temporary download folder is hidden and skipped.
    copy_file(fixture("tiny-embed-f16.gguf"), ms_hub + "/._____temp/Qwen/Partial/partial.gguf");
  }

  void cleanupTestCase() {
    for (auto it = saved_environment_.begin(); it != saved_environment_.end(); ++it) {
      if (it.value()) qputenv(it.key().constData(), *it.value());
      else qunsetenv(it.key().constData());
    }
  }

  void finds_hugging_face_models() { expect_models(discover_in_hugging_face_cache(hub_), hugging_face_models_); }

  void finds_modelscope_models() { expect_models(discover_in_modelscope_cache(modelscope_ + "/hub"), modelscope_models_); }

  void missing_cache_contributes_nothing() {
    QVERIFY(discover_in_hugging_face_cache(temp_.filePath("no-such-hub")).isEmpty());
    QVERIFY(discover_in_modelscope_cache(temp_.filePath("no-such-cache")).isEmpty());
  }

  void finds_both_caches_through_the_environment() {
    set_environment({"HF_HUB_CACHE=" + hub_, "MODELSCOPE_CACHE=" + modelscope_, "HOME=<tmp>/nobody"});
    const QList<DiscoveredModel> found = discover_models();
    QMap<QString, Expected> all = hugging_face_models_;
    all.insert(modelscope_models_);
    expect_models(found, all);
    const qsizetype hugging_face_count = hugging_face_models_.size();
    for (qsizetype i = 0; i < found.size(); ++i)  // Hugging Face first
      QCOMPARE(found[i].source, i < hugging_face_count ? ModelSource::hugging_face : ModelSource::modelscope);
  }

  void hugging_face_cache_dir_follows_environment_data() {
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("expected");
    QTest::newRow("HF_HUB_CACHE first")
        << QStringList{"HF_HUB_CACHE=<tmp>/a", "HUGGINGFACE_HUB_CACHE=<tmp>/d", "HF_HOME=<tmp>/b", "XDG_CACHE_HOME=<tmp>/c"}
        << "<tmp>/a";
    QTest::newRow("then the older HUGGINGFACE_HUB_CACHE")
        << QStringList{"HUGGINGFACE_HUB_CACHE=<tmp>/d", "HF_HOME=<tmp>/b"} << "<tmp>/d";
    QTest::newRow("then HF_HOME/hub") << QStringList{"HF_HOME=<tmp>/b", "XDG_CACHE_HOME=<tmp>/c"} << "<tmp>/b/hub";
    QTest::newRow("an empty variable counts as unset") << QStringList{"HF_HUB_CACHE=", "HF_HOME=<tmp>/b"} << "<tmp>/b/hub";
    QTest::newRow("then XDG_CACHE_HOME") << QStringList{"XDG_CACHE_HOME=<tmp>/c", "HOME=<tmp>/h"}
                                         << "<tmp>/c/huggingface/hub";
    QTest::newRow("else the home folder") << QStringList{"HOME=<tmp>/h"} << "<tmp>/h/.cache/huggingface/hub";
  }

  void hugging_face_cache_dir_follows_environment() {
    QFETCH(QStringList, environment);
    QFETCH(QString, expected);
    set_environment(environment);
    QCOMPARE(hugging_face_cache_dir(), expected.replace("<tmp>", temp_.path()));
  }

  void modelscope_cache_dir_follows_environment_data() {
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("expected");
    QTest::newRow("MODELSCOPE_CACHE with a hub folder")
        << QStringList{"MODELSCOPE_CACHE=<tmp>/modelscope", "HOME=<tmp>/h"} << "<tmp>/modelscope/hub";
    QTest::newRow("MODELSCOPE_CACHE naming the hub itself")
        << QStringList{"MODELSCOPE_CACHE=<tmp>/modelscope/hub", "HOME=<tmp>/h"} << "<tmp>/modelscope/hub";
    QTest::newRow("else the home folder") << QStringList{"HOME=<tmp>/h"} << "<tmp>/h/.cache/modelscope/hub";
  }

  void modelscope_cache_dir_follows_environment() {
    QFETCH(QStringList, environment);
    QFETCH(QString, expected);
    set_environment(environment);
    QCOMPARE(modelscope_cache_dir(), expected.replace("<tmp>", temp_.path()));
  }

  void inspects_a_picked_path_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("kind");     // empty: an error is expected
    QTest::addColumn<QString>("detail");   // weight type, or a fragment of the error
    QTest::newRow("model directory") << fixture("tiny-rerank") << "reranker" << "bf16";
    QTest::newRow("gguf file") << fixture("tiny-embed-f16.gguf") << "embedding" << "f16";
    QTest::newRow("missing path") << "<tmp>/nowhere/model.gguf" << "" << "nowhere/model.gguf";
    QTest::newRow("folder that is no model") << "<tmp>/hf" << "" << "config.json";
    QTest::newRow("a part of a model") << fixture("tiny-embed/model.safetensors") << "" << "open its directory";
  }

  void inspects_a_picked_path() {
    QFETCH(QString, path);
    QFETCH(QString, kind);
    QFETCH(QString, detail);
    path.replace("<tmp>", temp_.path());
    const DiscoveredModel model = inspect(path);
    QCOMPARE(model.path, path);
    QCOMPARE(model.source, ModelSource::user_picked);
    if (kind.isEmpty()) {
      QVERIFY(!model.usable());
      QVERIFY2(model.error.contains(detail), qPrintable(model.error + "\n  lacks: " + detail));
      return;
    }
    QVERIFY2(model.usable(), qPrintable(model.error));
    QCOMPARE(QString::fromStdString(std::string(xun::to_string(model.info->kind))), kind);
    QCOMPARE(QString::fromStdString(model.info->weight_type), detail);
    QCOMPARE(model.info->hidden_size, 16u);
  }

  void finds_models_in_a_picked_folder() {
    const QString folder = temp_.filePath("my-models");
    for (const auto& [name, source] : model_directory("tiny-embed").asKeyValueRange())
      copy_file(source, folder + "/Tiny-Embedding/" + name);
    copy_file(fixture("tiny-rerank-f16.gguf"), folder + "/gguf/tiny-rerank-f16.gguf");
    write_file(folder + "/notes.txt", "not a model");
    using S = ModelSource;
    expect_models(discover_in_folder(folder),
                  {{folder + "/Tiny-Embedding", {S::user_picked, "", "embedding", "bf16"}},
                   {folder + "/gguf/tiny-rerank-f16.gguf", {S::user_picked, "", "reranker", "f16"}}});
  }
};

QTEST_GUILESS_MAIN(ModelDiscoveryTest)
#include "tst_model_discovery.moc"
