#include "gui_fixture.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "test_support.h"

namespace xun::test {
namespace {

// Small documents on distinct topics, so that keyword search has one clear answer per query.
struct SampleFile {
  const char* name;
  const char* text;
};
constexpr SampleFile kSampleFiles[] = {
    {"garden/tomatoes.md",
     "# Growing tomatoes\n\nTomatoes need full sun, deep watering and a stake or cage. Pinch the "
     "suckers that grow between the stem and a branch.\n"},
    {"garden/compost.txt",
     "A compost heap turns kitchen scraps and leaves into humus. Keep it as damp as a wrung-out "
     "sponge and turn it every two weeks.\n"},
    {"travel/kyoto.md",
     "# Kyoto in autumn\n\nThe maple leaves at Tofuku-ji turn red in late November. Take the Nara "
     "line from Kyoto station.\n"},
    {"travel/beijing.txt",
     "北京的秋天很美。故宫和颐和园在十月游客很多，最好早上去。地铁很方便。\n"},
    {"notes/vulkan.md",
     "# Vulkan compute\n\nA compute shader runs in workgroups; shared memory is visible to one "
     "workgroup. Barriers order memory accesses between dispatches.\n"},
    {"notes/sqlite.txt",
     "SQLite in WAL mode lets one writer and many readers work at the same time. FTS5 gives "
     "full-text search with BM25 ranking.\n"},
};

}  // namespace

GuiFixture::GuiFixture() {
  QStandardPaths::setTestModeEnabled(true);
  settings_ = std::make_unique<gui::AppSettings>(dir_.filePath(QStringLiteral("settings.ini")));
  settings_->setIndexPath(dir_.filePath(QStringLiteral("index.sqlite")));
  settings_->setDownloadFolder(dir_.filePath(QStringLiteral("models")));
  settings_->setLanguage(QStringLiteral("en"));
  for (const SampleFile& file : kSampleFiles) {
    const QString path = dir_.filePath(QStringLiteral("documents/") + QString::fromUtf8(file.name));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile out(path);
    if (out.open(QIODevice::WriteOnly)) out.write(file.text);
  }
}

GuiFixture::~GuiFixture() { stop(); }

QString GuiFixture::documentsFolder() const { return dir_.filePath(QStringLiteral("documents")); }

void GuiFixture::useFixtureModels(bool embedding, bool reranker) {
  settings_->setEmbeddingModelPath(
      embedding ? QString::fromStdString(data_path("tiny-embed-f16.gguf").string()) : QString());
  settings_->setRerankerModelPath(
      reranker ? QString::fromStdString(data_path("tiny-rerank-f16.gguf").string()) : QString());
}

void GuiFixture::start() {
  localization_.apply(settings_->language());
  services_ = std::make_unique<gui::AppServices>(*settings_);
  window_ = std::make_unique<gui::MainWindow>(*services_, localization_);
  window_->show();
}

bool GuiFixture::waitForModels(int timeout_ms) {
  return QTest::qWaitFor([this] { return services_ && !services_->modelsLoading(); }, timeout_ms);
}

bool GuiFixture::waitForIndexingIdle(int timeout_ms) {
  // Let queued jobs start first: a job posted a moment ago is not busy yet.
  QTest::qWait(50);
  if (!QTest::qWaitFor([this] { return services_ && services_->indexing().isIdle(); }, timeout_ms))
    return false;
  QCoreApplication::processEvents();  // what the last job posted before it ended
  return true;
}

QStringList GuiFixture::validationMessages() const {
  QStringList messages = validation_messages_;
  if (services_)
    for (const std::string& message : services_->search().host()->validation_messages())
      messages << QString::fromStdString(message);
  return messages;
}

void GuiFixture::stop() {
  window_.reset();
  if (services_) {
    for (const std::string& message : services_->search().host()->validation_messages())
      validation_messages_ << QString::fromStdString(message);
    services_.reset();
  }
}

}  // namespace xun::test
