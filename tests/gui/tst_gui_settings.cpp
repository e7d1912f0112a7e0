// The settings page, driven as a user would: pick a model by hand, change the device and the
// language, and download a model from a local server that speaks the Hugging Face / ModelScope
// API — a clean download, one interrupted and resumed, and a corrupt one that is rejected.
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include "../core/fake_model_repo.h"
#include "gui_fixture.h"
#include "local_http_server.h"
#include "models/model_catalog.h"
#include "settings/download_panel.h"
#include "settings/model_picker.h"
#include "settings/settings_page.h"
#include "test_support.h"

using namespace xun;
using namespace xun::gui;

namespace {

const QString kCatalogId = QStringLiteral("Qwen3-Embedding-0.6B-f16");

QString fixture_file(const char* name) { return QString::fromStdString(test::data_path(name).string()); }

// Selects `data` in `combo` the way a user does (an activated signal, not only a current index).
bool activate(QComboBox* combo, const QVariant& data) {
  const int index = combo->findData(data);
  if (index < 0) return false;
  combo->setCurrentIndex(index);
  emit combo->activated(index);
  return true;
}

}  // namespace

class TestGuiSettings : public QObject {
  Q_OBJECT

 private:
  // A repository like Qwen's GGUF one, whose one file is the tiny fixture model.
  static test::FakeModelRepo fixture_repo() {
    const core::CatalogEntry* entry = core::find_catalog_entry(kCatalogId);
    test::FakeModelRepo repo{QString(entry->repo)};
    repo.add(QString(entry->file), test::read_whole_file(fixture_file("tiny-embed-f16.gguf")));
    repo.add(QStringLiteral("README.md"), QByteArray("# Qwen3 Embedding GGUF\n"));
    return repo;
  }

  static DownloadPanel* start_download(test::GuiFixture& fixture, const QUrl& mirror, const QString& site) {
    fixture.window().showPage(MainWindow::Page::settings);
    DownloadPanel* panel = fixture.window().settingsPage()->downloadPanel();
    activate(panel->findChild<QComboBox*>(QStringLiteral("downloadSite")), site);
    activate(panel->findChild<QComboBox*>(QStringLiteral("downloadModel")), kCatalogId);
    auto* edit = panel->findChild<QLineEdit*>(QStringLiteral("downloadMirror"));
    edit->setText(mirror.toString());
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("downloadButton")), Qt::LeftButton);
    return panel;
  }

  static QString status_text(DownloadPanel* panel) {
    return panel->findChild<QLabel*>(QStringLiteral("downloadStatus"))->text();
  }

 private slots:
  void a_model_picked_by_hand_is_loaded_and_described() {
    test::GuiFixture fixture;
    fixture.start();
    QVERIFY(fixture.waitForModels());
    ModelPicker* picker = fixture.window().settingsPage()->embeddingPicker();
    const QString folder = fixture_file("tiny-embed");
    picker->choosePath = [&](QWidget*, bool want_folder) { return want_folder ? folder : QString(); };
    QTest::mouseClick(picker->findChildren<QPushButton*>().first(), Qt::LeftButton);  // "Folder…"
    QVERIFY(QTest::qWaitFor([&] { return fixture.settings().embeddingModelPath() == folder; }, 60000));
    QVERIFY(fixture.waitForModels());
    QVERIFY(fixture.services().models().embedding);
    // What the page says about it comes from the model's own config.json.
    const nlohmann::json config = test::read_json(test::data_path("tiny-embed/config.json"));
    const QString details = picker->findChild<QLabel*>(QStringLiteral("modelDetails"))->text();
    QVERIFY2(details.contains(QStringLiteral("dimension %1").arg(config["hidden_size"].get<int>())), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("%1 layers").arg(config["num_hidden_layers"].get<int>())), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("BF16")), qPrintable(details));
  }

  void a_reranker_is_refused_as_embedding_model() {
    test::GuiFixture fixture;
    fixture.start();
    ModelPicker* picker = fixture.window().settingsPage()->embeddingPicker();
    picker->choosePath = [](QWidget*, bool) { return fixture_file("tiny-rerank-f16.gguf"); };
    QTest::mouseClick(picker->findChildren<QPushButton*>().at(1), Qt::LeftButton);  // "GGUF file…"
    auto* details = picker->findChild<QLabel*>(QStringLiteral("modelDetails"));
    QVERIFY(QTest::qWaitFor([&] { return details->text().contains(QStringLiteral("reranker")); }, 60000));
    QVERIFY(fixture.settings().embeddingModelPath().isEmpty());
  }

  void changing_the_device_reloads_the_models_on_it() {
    test::GuiFixture fixture;
    fixture.useFixtureModels();
    fixture.start();
    QVERIFY(fixture.waitForModels());
    fixture.window().showPage(MainWindow::Page::settings);
    auto* combo = fixture.window().settingsPage()->findChild<QComboBox*>(QStringLiteral("deviceCombo"));
    QVERIFY(QTest::qWaitFor([&] { return combo->count() > 1; }, 60000));  // "Automatic" + devices
    auto devices = Engine::list_devices();
    QVERIFY(devices && devices->size() >= 2);
    // The CPU backend is offered like any device; switch away from the default (here: the CPU
    // backend to lavapipe, the other backend).
    QVERIFY(combo->findText(QStringLiteral("(CPU backend)"), Qt::MatchContains) > 0);
    const uint32_t default_index = *default_device(*devices);
    const xun::DeviceInfo& chosen = (*devices)[default_index == 0 ? 1 : 0];
    QSignalSpy loaded(&fixture.services(), &AppServices::modelsChanged);
    QVERIFY(activate(combo, chosen.index));
    QCOMPARE(fixture.settings().deviceIndex(), std::optional<uint32_t>(chosen.index));
    QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 120000));
    const LoadedModels& models = fixture.services().models();
    QVERIFY(models.device);
    QCOMPARE(models.device->index, chosen.index);
    QVERIFY(models.embedding && models.reranker);
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }

  void changing_the_language_translates_the_window_at_once() {
    test::GuiFixture fixture;
    fixture.start();
    auto* tabs = fixture.window().findChild<QTabWidget*>();
    QCOMPARE(tabs->tabText(0), QStringLiteral("Search"));
    auto* combo = fixture.window().settingsPage()->findChild<QComboBox*>(QStringLiteral("languageCombo"));
    QVERIFY(activate(combo, QStringLiteral("zh_CN")));
    QCOMPARE(fixture.settings().language(), QStringLiteral("zh_CN"));
    // QApplication posts the change to each window: it arrives on the next event-loop turn.
    QTRY_COMPARE(tabs->tabText(0), QStringLiteral("搜索"));
    QCOMPARE(tabs->tabText(4), QStringLiteral("设置"));
    auto* group = fixture.window().settingsPage()->findChild<QGroupBox*>();
    QVERIFY(group && !group->title().isEmpty());
    QVERIFY2(group->title() != QStringLiteral("Models"), qPrintable(group->title()));
    QVERIFY(activate(combo, QStringLiteral("en")));
    QTRY_COMPARE(tabs->tabText(0), QStringLiteral("Search"));
    QCOMPARE(group->title(), QStringLiteral("Models"));
  }

  void plurals_read_as_words_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("one");    // "%n result(s) in %1 ms" for 1
    QTest::addColumn<QString>("many");   // and for 30
    QTest::addColumn<QString>("applied");
    QTest::newRow("English") << "en" << "1 result in %1 ms" << "30 results in %1 ms" << "en_US";
    QTest::newRow("Chinese") << "zh_CN" << "1 个结果，用时 %1 毫秒" << "30 个结果，用时 %1 毫秒" << "zh_CN";
    // A system language without a catalogue reads English, with its plural forms.
    QTest::newRow("no catalogue") << "de_DE" << "1 result in %1 ms" << "30 results in %1 ms" << "en";
    QTest::newRow("C locale") << "C" << "1 result in %1 ms" << "30 results in %1 ms" << "en";
  }

  void plurals_read_as_words() {
    QFETCH(QString, language);
    QFETCH(QString, one);
    QFETCH(QString, many);
    QFETCH(QString, applied);
    test::GuiFixture fixture;
    QCOMPARE(fixture.localization().apply(language), applied);
    QCOMPARE(QCoreApplication::translate("xun::gui::SearchPage", "%n result(s) in %1 ms", "", 1), one);
    QCOMPARE(QCoreApplication::translate("xun::gui::SearchPage", "%n result(s) in %1 ms", "", 30), many);
    fixture.localization().apply(QStringLiteral("en"));
  }

  void download_data() {
    QTest::addColumn<QString>("site");
    QTest::newRow("Hugging Face") << QStringLiteral("huggingface");
    QTest::newRow("ModelScope") << QStringLiteral("modelscope");
  }

  // Downloaded, verified, chosen as the embedding model and loaded.
  void download() {
    QFETCH(QString, site);
    const core::ModelSite model_site = site == QStringLiteral("modelscope") ? core::ModelSite::modelscope
                                                                            : core::ModelSite::hugging_face;
    test::LocalHttpServer server;
    QVERIFY(server.listen());
    const test::FakeModelRepo repo = fixture_repo();
    repo.publish(server, model_site);
    test::GuiFixture fixture;
    fixture.start();
    DownloadPanel* panel = start_download(fixture, server.base_url(), site);
    QVERIFY(QTest::qWaitFor([&] { return status_text(panel).contains(QStringLiteral("verified")); }, 60000));
    const core::CatalogEntry* entry = core::find_catalog_entry(kCatalogId);
    const QString expected = fixture.path(QStringLiteral("models/%1/%2").arg(kCatalogId, QString(entry->file)));
    QCOMPARE(fixture.settings().embeddingModelPath(), expected);
    QCOMPARE(test::read_whole_file(expected), repo.file(QString(entry->file)).bytes);
    QVERIFY(fixture.waitForModels());
    QVERIFY(QTest::qWaitFor([&] { return fixture.services().models().embedding != nullptr; }, 60000));
  }

  void an_interrupted_download_resumes_where_it_stopped() {
    test::LocalHttpServer server;
    QVERIFY(server.listen());
    const test::FakeModelRepo repo = fixture_repo();
    repo.publish(server, core::ModelSite::hugging_face);
    const core::CatalogEntry* entry = core::find_catalog_entry(kCatalogId);
    const QByteArray target = repo.file_target(core::ModelSite::hugging_face, QString(entry->file));
    // First the connection stalls after 100,000 bytes and the user pauses; then it is fine.
    test::LocalHttpServer::Behaviour stall;
    stall.stall_after = 100000;
    server.set_behaviour(target, stall);
    test::GuiFixture fixture;
    fixture.start();
    DownloadPanel* panel = start_download(fixture, server.base_url(), QStringLiteral("huggingface"));
    const QString part = fixture.path(QStringLiteral("models/%1/%2.part").arg(kCatalogId, QString(entry->file)));
    QVERIFY(QTest::qWaitFor([&] { return QFileInfo(part).size() >= 100000; }, 60000));
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("downloadCancel")), Qt::LeftButton);
    QVERIFY(status_text(panel).contains(QStringLiteral("Paused")));
    server.set_behaviour(target, {});
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("downloadButton")), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return status_text(panel).contains(QStringLiteral("verified")); }, 60000));
    const QList<QByteArray> ranges = server.ranges(target);
    QCOMPARE(ranges.size(), 2);
    QCOMPARE(ranges.at(0), QByteArray());
    QCOMPARE(ranges.at(1), QByteArray("bytes=100000-"));
    QCOMPARE(test::read_whole_file(fixture.settings().embeddingModelPath()), repo.file(QString(entry->file)).bytes);
    QVERIFY(!QFileInfo::exists(part));
  }

  void a_corrupt_download_is_rejected() {
    test::LocalHttpServer server;
    QVERIFY(server.listen());
    const test::FakeModelRepo repo = fixture_repo();
    repo.publish(server, core::ModelSite::hugging_face);
    const core::CatalogEntry* entry = core::find_catalog_entry(kCatalogId);
    test::LocalHttpServer::Behaviour corrupt;
    corrupt.corrupt = true;
    server.set_behaviour(repo.file_target(core::ModelSite::hugging_face, QString(entry->file)), corrupt);
    test::GuiFixture fixture;
    fixture.start();
    DownloadPanel* panel = start_download(fixture, server.base_url(), QStringLiteral("huggingface"));
    QVERIFY(QTest::qWaitFor([&] { return status_text(panel).contains(QStringLiteral("failed")); }, 60000));
    QVERIFY2(status_text(panel).contains(QString(entry->file)), qPrintable(status_text(panel)));
    QVERIFY(!QFileInfo::exists(fixture.path(QStringLiteral("models/%1/%2").arg(kCatalogId, QString(entry->file)))));
    QVERIFY(fixture.settings().embeddingModelPath().isEmpty());
  }
};

QTEST_MAIN(TestGuiSettings)
#include "tst_gui_settings.moc"
