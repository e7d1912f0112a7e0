// The GUI's services without windows: models load off the GUI thread, indexing and search run on
// their own threads with their own connections, cancel and pause keep what was finished, and a
// shutdown in the middle of indexing loses nothing.
#include <QSignalSpy>
#include <QTest>

#include "gui_fixture.h"
#include "index/index_lock.h"
#include "search/searcher.h"
#include "store/index_store.h"

using namespace xun;
using namespace xun::gui;

class TestGuiServices : public QObject {
  Q_OBJECT

 private:
  // Runs a search through the service and returns its results (empty on failure or timeout).
  static std::vector<core::SearchResult> search(SearchService& service, const SearchSpec& spec) {
    QSignalSpy finished(&service, &SearchService::searchFinished);
    QSignalSpy failed(&service, &SearchService::searchFailed);
    const quint64 ticket = service.search(spec);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 120000)) return {};
    if (!failed.isEmpty()) {
      qWarning() << "search failed:" << failed.first().at(1).toString();
      return {};
    }
    if (finished.first().at(0).toULongLong() != ticket) return {};
    return finished.first().at(1).value<core::SearchResults>().results;
  }

 private slots:
  void keyword_search_works_without_a_model() {
    test::GuiFixture fixture;
    fixture.start();
    QVERIFY(fixture.waitForModels());
    QVERIFY(!fixture.services().models().embedding);
    QSignalSpy finished(&fixture.services().indexing(), &IndexService::finished);
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    QCOMPARE(finished.size(), 1);
    const auto report = finished.first().at(0).value<core::IndexReport>();
    QCOMPARE(report.files_indexed, 6);
    QCOMPARE(report.files_failed, 0);

    SearchSpec spec;
    spec.query = QStringLiteral("compost heap");
    spec.mode = core::SearchMode::keyword;
    const auto results = search(fixture.services().search(), spec);
    QVERIFY(!results.empty());
    QVERIFY(results.front().path.endsWith(QStringLiteral("garden/compost.txt")));
  }

  void models_load_and_dense_search_uses_them() {
    test::GuiFixture fixture;
    fixture.useFixtureModels();
    fixture.start();
    QVERIFY(fixture.waitForModels());
    const LoadedModels& models = fixture.services().models();
    QVERIFY2(models.errors.isEmpty(), qPrintable(models.errors.join('\n')));
    QVERIFY(models.embedding);
    QVERIFY(models.reranker);
    QCOMPARE(models.embedding->info().kind, ModelKind::embedding);
    QCOMPARE(models.reranker->info().kind, ModelKind::reranker);

    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    SearchSpec spec;
    spec.query = QStringLiteral("tomatoes");
    spec.mode = core::SearchMode::hybrid;
    spec.rerank = true;
    const auto results = search(fixture.services().search(), spec);
    QCOMPARE(results.size(), size_t{6});  // every chunk: six one-chunk files
    for (const core::SearchResult& result : results) {
      QVERIFY(result.dense_score.has_value());
      QVERIFY(result.rerank_score.has_value());
      QVERIFY(*result.rerank_score >= 0.0f && *result.rerank_score <= 1.0f);
    }
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }

  // Another run holding the index (here this process, as `xun index` would from another) is
  // named, and nothing is indexed; once it lets go, indexing works.
  void indexing_names_the_run_that_holds_the_index() {
    test::GuiFixture fixture;
    fixture.start();
    QVERIFY(fixture.waitForModels());
    auto holder = std::make_unique<core::IndexLock>(fixture.settings().indexPath());
    QVERIFY(holder->try_lock().value_or(false));
    IndexService& indexing = fixture.services().indexing();
    QSignalSpy failed(&indexing, &IndexService::failed);
    QSignalSpy finished(&indexing, &IndexService::finished);
    indexing.indexFolders({fixture.documentsFolder()});
    QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 60000));
    const QString message = failed.first().at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("is being indexed by")), qPrintable(message));
    QVERIFY2(message.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(message));
    QVERIFY2(message.contains(fixture.settings().indexPath()), qPrintable(message));
    QVERIFY(finished.isEmpty());

    holder.reset();
    indexing.indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).value<core::IndexReport>().files_indexed, 6);
  }

  void a_missing_model_is_reported_with_its_path() {
    test::GuiFixture fixture;
    fixture.settings().setEmbeddingModelPath(fixture.path(QStringLiteral("no-such-model.gguf")));
    fixture.start();
    QVERIFY(fixture.waitForModels());
    const LoadedModels& models = fixture.services().models();
    QVERIFY(!models.embedding);
    QCOMPARE(models.errors.size(), 1);
    QVERIFY2(models.errors.first().contains(QStringLiteral("no-such-model.gguf")), qPrintable(models.errors.first()));
  }

  void closing_during_indexing_loses_nothing() {
    test::GuiFixture fixture;
    // Enough files that the run is still going when the application closes.
    const QString folder = fixture.path(QStringLiteral("many"));
    QDir().mkpath(folder);
    for (int i = 0; i < 400; ++i) {
      QFile file(QStringLiteral("%1/note-%2.txt").arg(folder).arg(i, 4, 10, QLatin1Char('0')));
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(QStringLiteral("Note %1 about topic %2.\n").arg(i).arg(i % 7).toUtf8().repeated(40));
    }
    fixture.start();
    QSignalSpy progress(&fixture.services().indexing(), &IndexService::progress);
    fixture.services().indexing().indexFolders({folder});
    QVERIFY(QTest::qWaitFor([&] { return !progress.isEmpty(); }, 60000));
    // Held between two files, so that the close surely comes mid-run (closing must also end a
    // paused run).
    fixture.services().indexing().setPaused(true);
    fixture.stop();  // the window closes and the services stop mid-run

    auto store = core::IndexStore::open(fixture.settings().indexPath());
    QVERIFY2(store, store ? "" : store.error().message.c_str());
    auto status = (*store)->status();
    QVERIFY(status);
    const int64_t after_close = status->documents;
    QVERIFY2(after_close < 400, "the run should have been stopped before the end");
    store->reset();

    // The next run completes the folder.
    fixture.start();
    fixture.services().indexing().indexFolders({folder});
    QVERIFY(fixture.waitForIndexingIdle());
    fixture.stop();
    auto reopened = core::IndexStore::open(fixture.settings().indexPath());
    QVERIFY(reopened);
    QCOMPARE((*reopened)->status()->documents, 400);
  }

  void pause_holds_the_run_and_cancel_keeps_what_was_finished() {
    test::GuiFixture fixture;
    const QString folder = fixture.path(QStringLiteral("many"));
    QDir().mkpath(folder);
    for (int i = 0; i < 300; ++i) {
      QFile file(QStringLiteral("%1/n%2.txt").arg(folder).arg(i));
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(QByteArray("Some text to index. ").repeated(50));
    }
    fixture.start();
    IndexService& indexing = fixture.services().indexing();
    QSignalSpy progress(&indexing, &IndexService::progress);
    QSignalSpy finished(&indexing, &IndexService::finished);
    indexing.indexFolders({folder});
    QVERIFY(QTest::qWaitFor([&] { return !progress.isEmpty(); }, 60000));
    indexing.setPaused(true);
    QTest::qWait(300);
    const qsizetype seen = progress.size();
    QTest::qWait(500);
    QCOMPARE(progress.size(), seen);  // nothing moves while paused
    QVERIFY(indexing.isBusy());
    indexing.cancel();
    QVERIFY(fixture.waitForIndexingIdle());
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().at(0).value<core::IndexReport>().cancelled);
    indexing.setPaused(false);
  }
};

QTEST_MAIN(TestGuiServices)
#include "tst_gui_services.moc"
