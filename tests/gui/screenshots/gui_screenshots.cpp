// Takes the README's screenshots from the running application: the main window with results
// and a preview, the instruction lab comparing two instructions, and the settings. Not a test;
// scripts/screenshots.sh runs it under Xvfb so that the real X11 platform draws the widgets.
//
//   gui_screenshots OUTPUT_FOLDER
//
// It indexes the fixture documents (tests/data/documents and GuiFixture's notes) with the tiny
// random-weight fixture models, so scores are real engine output but carry no meaning.
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QPixmap>
#include <QSignalSpy>
#include <QTest>

#include "gui_fixture.h"
#include "lab/lab_page.h"
#include "search/search_page.h"
#include "settings/settings_page.h"

using namespace xun;
using namespace xun::gui;

namespace {

bool save(QWidget& window, const QString& folder, const QString& name) {
  QTest::qWait(300);  // let layouts, charts and elided texts settle
  const QString path = QDir(folder).filePath(name);
  const bool ok = window.grab().save(path);
  qInfo().noquote() << (ok ? "wrote" : "could not write") << path;
  return ok;
}

void copy_documents(const QString& from, const QString& to) {
  QDir().mkpath(to);
  for (const QString& name : QDir(from).entryList({QStringLiteral("sample.*")}, QDir::Files))
    QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name));
}

}  // namespace

int main(int argc, char** argv) {
  QApplication application(argc, argv);
  if (argc != 2) {
    qCritical("usage: gui_screenshots OUTPUT_FOLDER");
    return 2;
  }
  const QString output = QDir(QString::fromLocal8Bit(argv[1])).absolutePath();
  QDir().mkpath(output);

  test::GuiFixture fixture;
  fixture.useFixtureModels();
  copy_documents(QString::fromLocal8Bit(qgetenv("XUN_TEST_SOURCE_DATA")) + QStringLiteral("/documents"),
                 fixture.documentsFolder() + QStringLiteral("/office"));
  fixture.start();
  MainWindow& window = fixture.window();
  window.resize(1280, 800);
  if (!fixture.waitForModels()) return 1;
  fixture.services().indexing().indexFolders({fixture.documentsFolder()});
  QTest::qWait(200);
  if (!fixture.waitForIndexingIdle()) return 1;

  // The search window: results for a query, the first one previewed.
  window.showPage(MainWindow::Page::search);
  SearchPage* search = window.searchPage();
  auto* query = search->findChild<QLineEdit*>(QStringLiteral("searchQuery"));
  QSignalSpy searched(search, &SearchPage::searchFinished);
  query->setText(QStringLiteral("compost and tomatoes in the garden"));
  search->searchNow();
  if (!QTest::qWaitFor([&] { return !searched.isEmpty(); }, 120000)) return 1;
  auto* list = search->findChild<QListView*>(QStringLiteral("searchResults"));
  QSignalSpy previewed(search, &SearchPage::previewShown);
  list->setCurrentIndex(list->model()->index(0, 0));
  if (!QTest::qWaitFor([&] { return !previewed.isEmpty(); }, 30000)) qWarning("no preview shown");
  bool ok = save(window, output, QStringLiteral("search.png"));

  // The instruction lab: the same query under two instructions.
  window.showPage(MainWindow::Page::lab);
  LabPage* lab = window.labPage();
  LabVariant plain{.query_instruction = core::kDefaultInstruction, .rerank_instruction = core::kDefaultInstruction, .rerank = true};
  LabVariant gardening{.query_instruction = QStringLiteral("Given a gardening question, retrieve notes that answer it"),
                       .rerank_instruction = QStringLiteral("Judge whether the note answers the gardening question"),
                       .rerank = true};
  lab->setVariants({plain, gardening});
  lab->findChild<QLineEdit*>(QStringLiteral("labQuery"))->setText(QStringLiteral("how do I grow tomatoes"));
  QSignalSpy ran(lab, &LabPage::runFinished);
  lab->run();
  if (!QTest::qWaitFor([&] { return !ran.isEmpty(); }, 300000)) return 1;
  ok = save(window, output, QStringLiteral("lab.png")) && ok;

  window.showPage(MainWindow::Page::settings);
  ok = save(window, output, QStringLiteral("settings.png")) && ok;
  window.showPage(MainWindow::Page::folders);
  ok = save(window, output, QStringLiteral("folders.png")) && ok;
  return ok ? 0 : 1;
}
