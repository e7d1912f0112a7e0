// The main window as a whole: its tabs, Ctrl+K, folders dropped on it, closing it in the middle
// of indexing, and its size and splitters kept across a restart.
#include <map>
#include <numeric>

#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUrl>

#include "folders/folders_model.h"
#include "folders/folders_page.h"
#include "folders/index_text.h"
#include "gui_fixture.h"
#include "search/search_page.h"
#include "store/index_store.h"
#include "gui_test_helpers.h"

using namespace xun;
using namespace xun::gui;
using xun::test::drop_paths;

namespace {

constexpr int kRunTimeoutMs = 120000;

QString files_shown(FoldersPage& page, const QString& folder) {
  const int row = page.model()->rowOf(folder);
  return row < 0 ? QString() : page.model()->index(row, FoldersModel::FilesColumn).data().toString();
}

// `count` text files in a new folder `name`.
QString write_notes(test::GuiFixture& fixture, const QString& name, int count) {
  const QString folder = fixture.path(name);
  QDir().mkpath(folder);
  for (int i = 0; i < count; ++i) {
    QFile file(QStringLiteral("%1/note-%2.txt").arg(folder).arg(i, 4, 10, QLatin1Char('0')));
    if (file.open(QIODevice::WriteOnly))
      file.write(QStringLiteral("Note %1 about topic %2.\n").arg(i).arg(i % 7).toUtf8().repeated(40));
  }
  return folder;
}

}  // namespace

class TestGuiWindow : public QObject {
  Q_OBJECT

 private slots:
  void has_a_tab_per_task_data() {
    QTest::addColumn<int>("tab");
    QTest::addColumn<QString>("name");
    QTest::newRow("search") << int(MainWindow::Page::search) << "Search";
    QTest::newRow("folders") << int(MainWindow::Page::folders) << "Folders";
    QTest::newRow("lab") << int(MainWindow::Page::lab) << "Instruction lab";
    QTest::newRow("library") << int(MainWindow::Page::library) << "Library";
    QTest::newRow("settings") << int(MainWindow::Page::settings) << "Settings";
  }

  void has_a_tab_per_task() {
    QFETCH(int, tab);
    QFETCH(QString, name);
    test::GuiFixture fixture;
    fixture.start();
    auto* tabs = fixture.window().findChild<QTabWidget*>();
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 5);
    QCOMPARE(tabs->tabText(tab), name);
    QVERIFY(!tabs->tabIcon(tab).isNull());
    fixture.window().showPage(static_cast<MainWindow::Page>(tab));
    QCOMPARE(int(fixture.window().currentPage()), tab);
    QVERIFY(tabs->currentWidget()->isVisible());
  }

  void ctrl_k_goes_to_search() {
    test::GuiFixture fixture;
    fixture.start();
    MainWindow& window = fixture.window();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.showPage(MainWindow::Page::folders);
    QCOMPARE(window.currentPage(), MainWindow::Page::folders);
    QTableView* folders_view = window.foldersPage()->findChild<QTableView*>(QStringLiteral("foldersView"));
    folders_view->setFocus();
    QVERIFY(QTest::qWaitFor([&] { return folders_view->hasFocus(); }));
    QTest::keyClick(folders_view, Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::search);
    QVERIFY(window.searchPage()->isVisible());
    QWidget* focused = QApplication::focusWidget();
    QVERIFY(focused);
    QCOMPARE(focused->objectName(), QStringLiteral("searchQuery"));
    QVERIFY(window.searchPage()->isAncestorOf(focused));
  }

  void a_folder_dropped_on_the_window_is_indexed() {
    test::GuiFixture fixture;
    fixture.start();
    MainWindow& window = fixture.window();
    window.showPage(MainWindow::Page::search);
    QSignalSpy started(&fixture.services().indexing(), &IndexService::started);
    drop_paths(window, {fixture.documentsFolder()});
    QVERIFY(QTest::qWaitFor([&] { return !started.isEmpty(); }, kRunTimeoutMs));
    QCOMPARE(started.first().at(0).toStringList(), QStringList{fixture.documentsFolder()});
    QCOMPARE(window.currentPage(), MainWindow::Page::folders);  // where the progress is
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(QTest::qWaitFor([&] { return files_shown(*window.foldersPage(), fixture.documentsFolder()) == IndexText::number(6); },
                            kRunTimeoutMs));
  }

  void size_and_splitters_survive_a_restart() {
    test::GuiFixture fixture;
    fixture.start();
    fixture.window().resize(1000, 650);
    QTRY_COMPARE(fixture.window().size(), QSize(1000, 650));
    // Every page's splitters, moved away from their defaults.
    std::map<QString, QList<int>> moved;
    for (QSplitter* splitter : fixture.window().findChildren<QSplitter*>()) {
      if (splitter->objectName().isEmpty()) continue;
      QList<int> sizes = splitter->sizes();
      const int total = std::accumulate(sizes.begin(), sizes.end(), 0);
      if (total <= 0) {
        sizes = QList<int>(sizes.size(), 100);  // a page never shown has no sizes yet
      } else {
        sizes.first() = total / 4;
        sizes.last() += total - std::accumulate(sizes.begin(), sizes.end(), 0);
      }
      splitter->setSizes(sizes);
      moved[splitter->objectName()] = splitter->sizes();
    }
    QCOMPARE(moved.size(), size_t{4});  // search, lab, library and its detail
    QVERIFY(fixture.window().close());
    fixture.stop();

    fixture.start();
    MainWindow& window = fixture.window();
    QTRY_COMPARE(window.size(), QSize(1000, 650));
    for (const auto& [name, sizes] : moved) {
      auto* splitter = window.findChild<QSplitter*>(name);
      QVERIFY2(splitter, qPrintable(name));
      QCOMPARE(splitter->sizes(), sizes);
    }
  }

  void closing_while_indexing_loses_nothing_data() {
    QTest::addColumn<bool>("paused");  // held, so that the close surely comes mid-run
    QTest::newRow("running") << false;
    QTest::newRow("paused") << true;
  }

  void closing_while_indexing_loses_nothing() {
    QFETCH(bool, paused);
    constexpr int kFiles = 1500;  // a run that is still going when the window closes
    test::GuiFixture fixture;
    const QString folder = write_notes(fixture, QStringLiteral("many"), kFiles);
    fixture.start();
    IndexService& indexing = fixture.services().indexing();
    QSignalSpy progress(&indexing, &IndexService::progress);
    drop_paths(fixture.window(), {folder});
    QVERIFY(QTest::qWaitFor([&] {
      return !progress.isEmpty() && progress.last().at(0).value<core::IndexProgress>().files_done > 0;
    }, kRunTimeoutMs));
    if (paused) indexing.setPaused(true);
    QVERIFY(fixture.window().close());
    fixture.stop();

    {
      auto store = core::IndexStore::open(fixture.settings().indexPath());
      QVERIFY2(store, store ? "" : store.error().message.c_str());
      core::sql::Database& database = (*store)->database();
      QCOMPARE(database.query_text("PRAGMA integrity_check").value_or(QString()), QStringLiteral("ok"));
      const int64_t documents = (*store)->status()->documents;
      if (paused) QVERIFY2(documents < kFiles, "the close should have come mid-run");
      // Every document written has its chunks, and every chunk its full-text row.
      QCOMPARE(database.query_int("SELECT count(*) FROM documents WHERE NOT EXISTS "
                                  "(SELECT 1 FROM chunks WHERE chunks.document_id = documents.id)").value_or(-1), 0);
      QCOMPARE(database.query_int("SELECT count(*) FROM chunks_fts").value_or(-1),
               database.query_int("SELECT count(*) FROM chunks").value_or(-2));
    }

    // The next session completes the folder.
    fixture.start();
    fixture.services().indexing().indexAll();
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(QTest::qWaitFor([&] { return files_shown(*fixture.window().foldersPage(), folder) == IndexText::number(kFiles); },
                            kRunTimeoutMs));
    fixture.stop();
    auto store = core::IndexStore::open(fixture.settings().indexPath());
    QVERIFY(store);
    QCOMPARE((*store)->status()->documents, kFiles);
    QCOMPARE((*store)->database().query_text("PRAGMA integrity_check").value_or(QString()), QStringLiteral("ok"));
  }
};

QTEST_MAIN(TestGuiWindow)
#include "tst_gui_window.moc"
