// The index manager driven through its widgets, on the real services and a real index: adding a
// folder, the progress of a run (held by Pause so that it can be read), files that fail and why,
// watching, removing, cancelling, and folders dropped on the page.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDropEvent>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>

#include "folders/elided_label.h"
#include "folders/failures_model.h"
#include "folders/failures_panel.h"
#include "folders/folders_model.h"
#include "folders/folders_page.h"
#include "folders/index_progress_panel.h"
#include "folders/index_text.h"
#include "gui_fixture.h"
#include "store/index_store.h"
#include "gui_test_helpers.h"

using namespace xun;
using namespace xun::gui;
using xun::test::drop_paths;

namespace {

constexpr int kRunTimeoutMs = 120000;
// Files in a generated folder: enough that a run is surely still going when Pause is clicked.
constexpr int kManyFiles = 1500;

// The Folders tab, shown as the user would open it.
FoldersPage& open_page(test::GuiFixture& fixture) {
  fixture.window().showPage(MainWindow::Page::folders);
  return *fixture.window().foldersPage();
}

// Clicks the toolbar button of the page's action `name`; false if there is none or it is disabled.
bool click_action(FoldersPage& page, const char* name) {
  auto* toolbar = page.findChild<QToolBar*>(QStringLiteral("foldersToolBar"));
  auto* action = page.findChild<QAction*>(QString::fromLatin1(name));
  if (toolbar == nullptr || action == nullptr) return false;
  QWidget* button = toolbar->widgetForAction(action);
  if (button == nullptr || !button->isVisible() || !button->isEnabled()) return false;
  QTest::mouseClick(button, Qt::LeftButton);
  return true;
}

QTableView* folders_view(FoldersPage& page) { return page.findChild<QTableView*>(QStringLiteral("foldersView")); }

// What the table shows for `folder` in `column` ("" while the folder has no row).
QString cell(FoldersPage& page, const QString& folder, FoldersModel::Column column, int role = Qt::DisplayRole) {
  const int row = page.model()->rowOf(folder);
  if (row < 0) return {};
  return page.model()->index(row, column).data(role).toString();
}

bool wait_for_cell(FoldersPage& page, const QString& folder, FoldersModel::Column column,
                   const QString& expected, int timeout_ms = kRunTimeoutMs) {
  const bool seen = QTest::qWaitFor([&] { return cell(page, folder, column) == expected; }, timeout_ms);
  if (!seen) qWarning() << "column" << column << "of" << folder << "shows" << cell(page, folder, column) << "not" << expected;
  return seen;
}

// Clicks the folder's row (its path) and moves the current cell to `column` with the arrow keys.
bool focus_cell(FoldersPage& page, const QString& folder, FoldersModel::Column column) {
  QTableView* view = folders_view(page);
  const int row = page.model()->rowOf(folder);
  if (view == nullptr || row < 0) return false;
  const QModelIndex path = page.model()->index(row, FoldersModel::PathColumn);
  QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(path).center());
  for (int i = FoldersModel::PathColumn; i < column; ++i) QTest::keyClick(view, Qt::Key_Right);
  return view->currentIndex() == page.model()->index(row, column);
}

// `count` text files of a few hundred bytes in a new folder `name`.
QString write_notes(test::GuiFixture& fixture, const QString& name, int count) {
  const QString folder = fixture.path(name);
  QDir().mkpath(folder);
  for (int i = 0; i < count; ++i) {
    QFile file(QStringLiteral("%1/note-%2.txt").arg(folder).arg(i, 4, 10, QLatin1Char('0')));
    if (file.open(QIODevice::WriteOnly))
      file.write(QStringLiteral("Note %1 about topic %2.\n").arg(i).arg(i % 7).toUtf8().repeated(20));
  }
  return folder;
}

void write_file(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (file.open(QIODevice::WriteOnly)) file.write(bytes);
}

// Waits until `spy` has caught nothing new for a while (the run holds).
// Adds `folder` through the page's action and waits for its one indexing run; its report in `report`.
bool add_folder_and_wait(test::GuiFixture& fixture, FoldersPage& page, const QString& folder,
                         core::IndexReport& report) {
  QSignalSpy finished(&fixture.services().indexing(), &IndexService::finished);
  page.setFolderChooser([folder](QWidget*) { return folder; });
  if (!click_action(page, "addFolderAction") || !fixture.waitForIndexingIdle() || finished.size() != 1) return false;
  report = finished.first().at(0).value<core::IndexReport>();
  return true;
}

void wait_until_quiet(const QSignalSpy& spy) {
  qsizetype seen = -1;
  while (seen != spy.size()) {
    seen = spy.size();
    QTest::qWait(700);
  }
}

// Adds `folder` through the page's Add action and clicks Pause as soon as the run has done a
// file. True once paused.
bool add_folder_and_pause(FoldersPage& page, IndexService& indexing, const QString& folder) {
  bool pause_clicked = false;
  bool clicked_ok = true;
  const auto pause_once = QObject::connect(&indexing, &IndexService::progress, &page,
                                           [&](const core::IndexProgress& p) {
    if (pause_clicked || p.files_done == 0) return;
    pause_clicked = true;
    clicked_ok = click_action(page, "pauseAction");
  });
  page.setFolderChooser([folder](QWidget*) { return folder; });
  const bool started = click_action(page, "addFolderAction");
  const bool paused = started && QTest::qWaitFor([&] { return pause_clicked; }, kRunTimeoutMs);
  QObject::disconnect(pause_once);
  return paused && clicked_ok;
}

}  // namespace

class TestGuiFolders : public QObject {
  Q_OBJECT

 private slots:
  void adding_a_folder_indexes_it_and_shows_its_counts_data() {
    QTest::addColumn<bool>("models");
    QTest::newRow("without a model") << false;  // keyword search only: nothing waits for a model
    QTest::newRow("with the fixture models") << true;
  }

  void adding_a_folder_indexes_it_and_shows_its_counts() {
    QFETCH(bool, models);
    test::GuiFixture fixture;
    if (models) fixture.useFixtureModels();
    fixture.start();
    FoldersPage& page = open_page(fixture);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* hint = page.findChild<QLabel*>(QStringLiteral("foldersHint"));
    QVERIFY(QTest::qWaitFor([&] { return hint->isVisible(); }));  // says how to start

    const QString folder = fixture.documentsFolder();
    int asked = 0;
    page.setFolderChooser([&](QWidget*) {
      ++asked;
      return folder;
    });
    QVERIFY(click_action(page, "addFolderAction"));
    QCOMPARE(asked, 1);
    QVERIFY(fixture.waitForIndexingIdle());

    QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(6)));
    QVERIFY(wait_for_cell(page, folder, FoldersModel::ChunksColumn, IndexText::number(6)));  // one chunk each
    QCOMPARE(cell(page, folder, FoldersModel::PathColumn), QDir::toNativeSeparators(folder));
    // With the models, a second run adds the vectors once they have loaded (at once on the CPU
    // backend), so the folder may be indexing again for a moment before it settles.
    QVERIFY(wait_for_cell(page, folder, FoldersModel::StateColumn, IndexText::stateName(FolderState::idle)));
    QCOMPARE(cell(page, folder, FoldersModel::FailuresColumn), IndexText::number(0));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(cell(page, folder, FoldersModel::LastIndexedColumn), IndexText::relativeTime(now, now));
    QVERIFY(!cell(page, folder, FoldersModel::LastIndexedColumn, Qt::ToolTipRole).isEmpty());
    QCOMPARE(cell(page, folder, FoldersModel::WatchingColumn, Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(page.model()->rowCount(), 1);

    auto* report = page.findChild<QLabel*>(QStringLiteral("lastRunReport"));
    QVERIFY(report->isVisible());
    QVERIFY2(report->text().startsWith(IndexText::number(6)), qPrintable(report->text()));
    // Without an embedding model the page says what that means; with one it says nothing.
    QVERIFY(fixture.waitForModels());
    QVERIFY(QTest::qWaitFor([&] { return hint->isVisible() == !models; }));
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
    // Loading the model queues a run that gives earlier chunks their vectors: let it end.
    QVERIFY(fixture.waitForIndexingIdle());
    // Cancelling the dialog adds nothing.
    page.setFolderChooser([](QWidget*) { return QString(); });
    QVERIFY(click_action(page, "addFolderAction"));
    QVERIFY(fixture.services().indexing().isIdle());
  }

  // The last run's report is said again in the new language, with the time the run took (the
  // same figure, not 0.0 s), and back.
  void the_last_report_keeps_its_time_across_a_language_switch() {
    test::GuiFixture fixture;
    const QString folder = write_notes(fixture, QStringLiteral("notes"), 300);
    fixture.useFixtureModels();
    fixture.start();
    FoldersPage& page = open_page(fixture);
    fixture.services().indexing().indexFolders({folder});
    QVERIFY(fixture.waitForModels());
    QVERIFY(fixture.waitForIndexingIdle());
    auto* report = page.findChild<QLabel*>(QStringLiteral("lastRunReport"));
    QTRY_VERIFY(!report->text().isEmpty());
    const QString english = report->text();
    const QRegularExpressionMatch took = QRegularExpression(QStringLiteral(" in (\\d+\\.\\d) s$")).match(english);
    QVERIFY2(took.hasMatch(), qPrintable(english));
    fixture.localization().apply(QStringLiteral("zh_CN"));
    QTRY_VERIFY(report->text() != english);
    QVERIFY2(report->text().contains(QStringLiteral("用时 %1 秒").arg(took.captured(1))), qPrintable(report->text()));
    fixture.localization().apply(QStringLiteral("en"));
    QTRY_COMPARE(report->text(), english);
  }

  void progress_panel_shows_the_run_while_paused() {
    test::GuiFixture fixture;
    const QString folder = write_notes(fixture, QStringLiteral("many"), kManyFiles);
    fixture.start();
    FoldersPage& page = open_page(fixture);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    IndexService& indexing = fixture.services().indexing();
    QSignalSpy progress(&indexing, &IndexService::progress);
    QSignalSpy finished(&indexing, &IndexService::finished);
    // Paused with the page's button as soon as files are done, so that the panel can be read.
    QVERIFY(add_folder_and_pause(page, indexing, folder));
    QVERIFY(indexing.isPaused());
    wait_until_quiet(progress);
    const auto last = progress.last().at(0).value<core::IndexProgress>();
    QVERIFY2(last.files_done > 0 && last.files_done < kManyFiles, "the run should hold in the middle");
    QCOMPARE(last.files_total, kManyFiles);

    auto* counts = page.findChild<QLabel*>(QStringLiteral("progressCounts"));
    auto* bar = page.findChild<QProgressBar*>(QStringLiteral("indexProgressBar"));
    auto* rate = page.findChild<QLabel*>(QStringLiteral("progressRate"));
    auto* time_left = page.findChild<QLabel*>(QStringLiteral("progressTimeLeft"));
    auto* current = page.findChild<ElidedLabel*>(QStringLiteral("progressCurrentFile"));
    auto* title = page.findChild<QLabel*>(QStringLiteral("progressTitle"));
    QVERIFY(counts->isVisible() && bar->isVisible() && current->isVisible());
    QCOMPARE(counts->text(), IndexText::progressCounts(last));
    QVERIFY2(counts->text().startsWith(IndexText::number(last.files_done) + QLatin1Char(' ')), qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(IndexText::number(kManyFiles)), qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(IndexText::number(last.chunks_done)), qPrintable(counts->text()));
    QCOMPARE(bar->maximum(), kManyFiles);
    QCOMPARE(bar->value(), int(last.files_done));
    QCOMPARE(rate->text(), IndexText::rate(last));
    QCOMPARE(time_left->text(), IndexProgressPanel::tr("paused"));
    QCOMPARE(current->fullText(), QDir::toNativeSeparators(last.current_path));
    QVERIFY(last.current_path.startsWith(folder + QLatin1Char('/')));
    QVERIFY2(title->text().contains(QStringLiteral("Paused")), qPrintable(title->text()));
    // The table agrees: the folder is paused, and holds exactly the files done so far.
    QVERIFY(wait_for_cell(page, folder, FoldersModel::StateColumn, IndexText::stateName(FolderState::paused)));
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(last.files_done)));

    QVERIFY(click_action(page, "pauseAction"));  // Resume
    QVERIFY(!indexing.isPaused());
    QVERIFY(fixture.waitForIndexingIdle());
    QCOMPARE(finished.size(), 1);
    const auto report = finished.first().at(0).value<core::IndexReport>();
    QCOMPARE(report.files_indexed, kManyFiles);
    auto* summary = page.findChild<QLabel*>(QStringLiteral("lastRunReport"));
    QVERIFY(summary->isVisible());
    QVERIFY(!counts->isVisible());
    QCOMPARE(summary->text(), IndexText::report(report));
    QVERIFY2(summary->text().startsWith(IndexText::number(kManyFiles)), qPrintable(summary->text()));
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(kManyFiles)));
    QVERIFY(wait_for_cell(page, folder, FoldersModel::StateColumn, IndexText::stateName(FolderState::idle)));
  }

  void a_file_that_fails_is_listed_with_why_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("unreadable");  // chmod 000 (not a failure for root, who reads anyway)
    QTest::addColumn<QString>("reason");   // a part of the reason shown
    QTest::newRow("corrupt PDF") << "broken.pdf" << QByteArray("this is not a PDF at all") << false << "not a PDF";
    QTest::newRow("corrupt DOCX") << "broken.docx" << QByteArray("not a zip container") << false << "ZIP";
    QTest::newRow("unreadable text file") << "secret.txt" << QByteArray("private words") << true << "cannot read";
  }

  void a_file_that_fails_is_listed_with_why() {
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(bool, unreadable);
    QFETCH(QString, reason);
    test::GuiFixture fixture;
    const QString folder = fixture.path(QStringLiteral("mixed"));
    const QString bad = folder + QStringLiteral("/sub/") + name;
    write_file(folder + QStringLiteral("/fine.txt"), "A readable note about bicycles.\n");
    write_file(bad, bytes);
    if (unreadable) {
      QFile(bad).setPermissions({});
      if (QFile file(bad); file.open(QIODevice::ReadOnly)) QSKIP("running as a user who reads any file (root)");
    }
    fixture.start();
    FoldersPage& page = open_page(fixture);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* panel = page.findChild<QWidget*>(QStringLiteral("failuresPanel"));
    auto* view = page.findChild<QTreeView*>(QStringLiteral("failuresView"));
    QAbstractItemModelTester failures_tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!panel->isVisible());

    core::IndexReport report;
    QVERIFY(add_folder_and_wait(fixture, page, folder, report));
    QCOMPARE(report.files_failed, 1);
    QCOMPARE(report.failures.size(), size_t{1});

    QVERIFY(panel->isVisible());
    QCOMPARE(view->model()->rowCount(), 1);
    const QString shown_file = view->model()->index(0, FailuresModel::FileColumn).data().toString();
    const QString shown_reason = view->model()->index(0, FailuresModel::ReasonColumn).data().toString();
    QCOMPARE(shown_file, QDir::toNativeSeparators(bad));
    QVERIFY2(shown_reason.contains(reason), qPrintable(shown_reason));
    QVERIFY2(report.failures.front().error.endsWith(shown_reason), qPrintable(report.failures.front().error));
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FailuresColumn, IndexText::number(1)));
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(1)));  // fine.txt

    // Copy puts the file and why on the clipboard; Show in folder shows that file.
    QApplication::clipboard()->clear();
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("copyFailuresButton")), Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QDir::toNativeSeparators(bad)) && copied.contains(shown_reason), qPrintable(copied));
    QString revealed;
    FileActions recording;
    recording.reveal = [&](const QString& path) { revealed = path; return true; };
    page.findChild<FailuresPanel*>()->setFileActions(recording);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(0, 0)).center());
    auto* open = page.findChild<QPushButton*>(QStringLiteral("openFailureFolderButton"));
    QVERIFY(open->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(revealed, bad);

    // A run over another folder keeps the list; the next run over this one, with the file
    // gone, clears it.
    drop_paths(page, {fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(wait_for_cell(page, fixture.documentsFolder(), FoldersModel::FilesColumn, IndexText::number(6)));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(cell(page, folder, FoldersModel::FailuresColumn), IndexText::number(1));
    QFile::setPermissions(bad, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(QFile::remove(bad));
    QVERIFY(focus_cell(page, folder, FoldersModel::PathColumn));
    QVERIFY(click_action(page, "reindexFolderAction"));
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FailuresColumn, IndexText::number(0)));
    QCOMPARE(view->model()->rowCount(), 0);
    QVERIFY(!panel->isVisible());
  }

  // A file the scan does not read (binary under a text name, a FIFO) is listed with why, after
  // the failures, and counted apart from them.
  void a_skipped_file_is_listed_with_why() {
    test::GuiFixture fixture;
    const QString folder = fixture.path(QStringLiteral("skipping"));
    write_file(folder + QStringLiteral("/fine.txt"), "A readable note about kites.\n");
    write_file(folder + QStringLiteral("/sub/program.txt"), QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0", 10));
    write_file(folder + QStringLiteral("/sub/broken.pdf"), "this is not a PDF at all");
    fixture.start();
    FoldersPage& page = open_page(fixture);
    auto* panel = page.findChild<QWidget*>(QStringLiteral("failuresPanel"));
    auto* view = page.findChild<QTreeView*>(QStringLiteral("failuresView"));
    QAbstractItemModelTester failures_tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    core::IndexReport report;
    QVERIFY(add_folder_and_wait(fixture, page, folder, report));
    QCOMPARE(report.files_skipped, 1);
    QCOMPARE(report.skipped.size(), size_t{1});

    QVERIFY(panel->isVisible());
    QCOMPARE(view->model()->rowCount(), 2);
    const auto shown = [&](int row, int column) { return view->model()->index(row, column).data().toString(); };
    QCOMPARE(shown(0, FailuresModel::FileColumn), QDir::toNativeSeparators(folder + QStringLiteral("/sub/broken.pdf")));
    QCOMPARE(shown(1, FailuresModel::FileColumn), QDir::toNativeSeparators(folder + QStringLiteral("/sub/program.txt")));
    const QString why = shown(1, FailuresModel::ReasonColumn);
    QVERIFY2(why.contains(report.skipped.front().error) && why.contains(QStringLiteral("binary content")), qPrintable(why));
    QCOMPARE(why, FailuresModel::tr("Skipped: %1", "a file not read, then why: too large, binary, a FIFO ...").arg(report.skipped.front().error));
    QVERIFY(!shown(0, FailuresModel::ReasonColumn).contains(FailuresModel::tr("Skipped: %1", "a file not read, then why: too large, binary, a FIFO ...").arg(QString())));
    const QString title = page.findChild<QLabel*>(QStringLiteral("failuresTitle"))->text();
    QCOMPARE(title, FailuresPanel::tr("%Ln file(s) not indexed in the last runs: %1 failed, %2 skipped", "", 2)
                        .arg(IndexText::number(1), IndexText::number(1)));
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FailuresColumn, IndexText::number(1)));  // failures alone

    // Copy names the skipped file with why, like a failure.
    QApplication::clipboard()->clear();
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("copyFailuresButton")), Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QDir::toNativeSeparators(folder + QStringLiteral("/sub/program.txt")) + QLatin1Char('\t') + why),
             qPrintable(copied));

    // Fixed files leave the list.
    QVERIFY(QFile::remove(folder + QStringLiteral("/sub/program.txt")));
    QVERIFY(QFile::remove(folder + QStringLiteral("/sub/broken.pdf")));
    QVERIFY(focus_cell(page, folder, FoldersModel::PathColumn));
    QVERIFY(click_action(page, "reindexFolderAction"));
    QVERIFY(fixture.waitForIndexingIdle());
    QTRY_COMPARE(view->model()->rowCount(), 0);
    QVERIFY(!panel->isVisible());
  }

  void watching_persists_and_indexes_new_files() {
    test::GuiFixture fixture;
    const QString folder = fixture.documentsFolder();
    fixture.start();
    fixture.services().indexing().setWatchSettleMs(100);
    {
      FoldersPage& page = open_page(fixture);
      QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
      page.setFolderChooser([&](QWidget*) { return folder; });
      QVERIFY(click_action(page, "addFolderAction"));
      QVERIFY(fixture.waitForIndexingIdle());
      QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(6)));

      // Written while nobody watches: turning the watch on catches up with it.
      write_file(folder + QStringLiteral("/garden/peas.txt"), "Sow peas early; they like cool weather.\n");
      QVERIFY(focus_cell(page, folder, FoldersModel::WatchingColumn));
      QTest::keyClick(folders_view(page), Qt::Key_Space);  // ticks the checkbox
      QCOMPARE(cell(page, folder, FoldersModel::WatchingColumn, Qt::CheckStateRole).toInt(), int(Qt::Checked));
      QVERIFY(fixture.waitForIndexingIdle());
      QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(7)));
      QVERIFY(wait_for_cell(page, folder, FoldersModel::StateColumn, IndexText::stateName(FolderState::watching)));

      // With the watch on, a new file is indexed without anyone asking.
      write_file(folder + QStringLiteral("/garden/beans.txt"), "Runner beans climb poles and like rich soil.\n");
      QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(8)));
      QVERIFY(fixture.waitForIndexingIdle());
    }
    fixture.stop();
    {
      auto store = core::IndexStore::open(fixture.settings().indexPath());
      QVERIFY(store);
      auto record = (*store)->find_folder(folder);
      QVERIFY(record && *record);
      QVERIFY((*record)->watching);
    }

    // The next session shows it watched, and turning it off sticks too.
    fixture.start();
    {
      FoldersPage& page = open_page(fixture);
      QVERIFY(wait_for_cell(page, folder, FoldersModel::StateColumn, IndexText::stateName(FolderState::watching)));
      QCOMPARE(cell(page, folder, FoldersModel::WatchingColumn, Qt::CheckStateRole).toInt(), int(Qt::Checked));
      QVERIFY(focus_cell(page, folder, FoldersModel::WatchingColumn));
      QTest::keyClick(folders_view(page), Qt::Key_Space);
      QVERIFY(wait_for_cell(page, folder, FoldersModel::StateColumn, IndexText::stateName(FolderState::idle)));
      QVERIFY(fixture.waitForIndexingIdle());
    }
    fixture.stop();
    auto store = core::IndexStore::open(fixture.settings().indexPath());
    QVERIFY(store);
    auto record = (*store)->find_folder(folder);
    QVERIFY(record && *record);
    QVERIFY(!(*record)->watching);
  }

  void remove_asks_first_data() {
    QTest::addColumn<bool>("confirm");
    QTest::newRow("declined") << false;
    QTest::newRow("confirmed") << true;
  }

  void remove_asks_first() {
    QFETCH(bool, confirm);
    test::GuiFixture fixture;
    const QString folder = fixture.documentsFolder();
    fixture.start();
    FoldersPage& page = open_page(fixture);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fixture.services().indexing().indexFolders({folder});
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(6)));

    QStringList asked;
    page.setRemoveConfirmation([&](QWidget*, const QStringList& folders) {
      asked = folders;
      return confirm;
    });
    QVERIFY(!click_action(page, "removeFolderAction"));  // nothing selected yet
    QVERIFY(focus_cell(page, folder, FoldersModel::PathColumn));
    QVERIFY(click_action(page, "removeFolderAction"));
    QCOMPARE(asked, QStringList{folder});
    QVERIFY(fixture.waitForIndexingIdle());
    if (confirm) {
      QVERIFY(QTest::qWaitFor([&] { return page.model()->rowOf(folder) < 0; }, kRunTimeoutMs));
    } else {  // a fresh read of the index still lists it
      QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
      QSignalSpy changed(page.model(), &QAbstractItemModel::dataChanged);
      page.reload();
      QVERIFY(QTest::qWaitFor([&] { return !reset.isEmpty() || !changed.isEmpty(); }, kRunTimeoutMs));
      QVERIFY(page.model()->rowOf(folder) >= 0);
    }
    fixture.stop();

    auto store = core::IndexStore::open(fixture.settings().indexPath());
    QVERIFY(store);
    auto record = (*store)->find_folder(folder);
    QVERIFY(record);
    QCOMPARE(record->has_value(), !confirm);
    QCOMPARE((*store)->status()->documents, confirm ? 0 : 6);
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/garden/tomatoes.md")));  // disk untouched
  }

  void the_default_remove_dialog_says_files_stay() {
    test::GuiFixture fixture;
    const QString folder = fixture.documentsFolder();
    fixture.start();
    FoldersPage& page = open_page(fixture);
    fixture.services().indexing().indexFolders({folder});
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(6)));
    QVERIFY(focus_cell(page, folder, FoldersModel::PathColumn));

    QString text, details;
    QTimer answer;  // answers the dialog once it is up: Cancel
    connect(&answer, &QTimer::timeout, [&] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (box == nullptr) return;
      text = box->text();
      details = box->informativeText();
      box->button(QMessageBox::Cancel)->click();
    });
    answer.start(50);
    QVERIFY(click_action(page, "removeFolderAction"));
    answer.stop();
    QVERIFY2(text.contains(QDir::toNativeSeparators(folder)), qPrintable(text));
    QVERIFY2(details.contains(QStringLiteral("not touched")), qPrintable(details));
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(6)));
  }

  void cancel_keeps_a_consistent_index_and_reindex_completes_it() {
    test::GuiFixture fixture;
    const QString folder = write_notes(fixture, QStringLiteral("many"), kManyFiles);
    fixture.start();
    {
      FoldersPage& page = open_page(fixture);
      IndexService& indexing = fixture.services().indexing();
      QSignalSpy finished(&indexing, &IndexService::finished);
      // Held mid-run by Pause, so that Cancel surely comes before the end.
      QVERIFY(add_folder_and_pause(page, indexing, folder));
      QVERIFY(click_action(page, "cancelAction"));
      QVERIFY(fixture.waitForIndexingIdle());
      QCOMPARE(finished.size(), 1);
      const auto report = finished.first().at(0).value<core::IndexReport>();
      QVERIFY(report.cancelled);
      QVERIFY(report.files_indexed < kManyFiles);
      auto* summary = page.findChild<QLabel*>(QStringLiteral("lastRunReport"));
      QCOMPARE(summary->text(), IndexText::report(report));
      QVERIFY(QTest::qWaitFor([&] { return !page.findChild<QAction*>(QStringLiteral("cancelAction"))->isEnabled(); }));
      QVERIFY(click_action(page, "pauseAction"));  // Resume, for the next run
    }
    fixture.stop();
    int64_t after_cancel = 0;
    {
      auto store = core::IndexStore::open(fixture.settings().indexPath());
      QVERIFY(store);
      QCOMPARE((*store)->database().query_text("PRAGMA integrity_check").value_or(QString()), QStringLiteral("ok"));
      after_cancel = (*store)->status()->documents;
      QVERIFY(after_cancel < kManyFiles);
      // Every document has its chunks, every chunk its full-text row.
      QCOMPARE((*store)->database().query_int("SELECT count(*) FROM documents WHERE NOT EXISTS "
                                              "(SELECT 1 FROM chunks WHERE chunks.document_id = documents.id)").value_or(-1), 0);
      QCOMPARE((*store)->database().query_int("SELECT count(*) FROM chunks_fts").value_or(-1),
               (*store)->database().query_int("SELECT count(*) FROM chunks").value_or(-2));
    }

    fixture.start();
    {
      FoldersPage& page = open_page(fixture);
      QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(after_cancel)));
      QVERIFY(focus_cell(page, folder, FoldersModel::PathColumn));
      QVERIFY(click_action(page, "reindexFolderAction"));
      QVERIFY(fixture.waitForIndexingIdle());
      QVERIFY(wait_for_cell(page, folder, FoldersModel::FilesColumn, IndexText::number(kManyFiles)));
    }
    fixture.stop();
    auto store = core::IndexStore::open(fixture.settings().indexPath());
    QVERIFY(store);
    QCOMPARE((*store)->status()->documents, kManyFiles);
    QCOMPARE((*store)->database().query_text("PRAGMA integrity_check").value_or(QString()), QStringLiteral("ok"));
  }

  void a_drop_on_the_page_indexes_folders_only_data() {
    QTest::addColumn<QString>("dropped");  // relative to the fixture's folder
    QTest::addColumn<bool>("indexed");
    QTest::newRow("folder") << "documents" << true;
    QTest::newRow("file") << "documents/garden/tomatoes.md" << false;
  }

  void a_drop_on_the_page_indexes_folders_only() {
    QFETCH(QString, dropped);
    QFETCH(bool, indexed);
    test::GuiFixture fixture;
    fixture.start();
    FoldersPage& page = open_page(fixture);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy started(&fixture.services().indexing(), &IndexService::started);
    drop_paths(page, {fixture.path(dropped)});
    QVERIFY(fixture.waitForIndexingIdle());
    QCOMPARE(started.size(), indexed ? 1 : 0);
    if (indexed)
      QVERIFY(wait_for_cell(page, fixture.path(dropped), FoldersModel::FilesColumn, IndexText::number(6)));
    else
      QCOMPARE(page.model()->rowCount(), 0);
  }
};

QTEST_MAIN(TestGuiFolders)
#include "tst_gui_folders.moc"
