// The search page, driven as a user drives it: the first-run banner without a model (keyword
// search already works once a folder is added through it), then with the tiny fixture models:
// typing a query, hybrid results with highlighted words and score badges, the keyboard,
// the preview of a passage in its document, Open / Show in folder / Copy path, the filters,
// the modes, reranking, and Ctrl+K from another page.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

#include "common/passage_context.h"
#include "common/passage_view.h"
#include "common/result_delegate.h"
#include "common/result_list_model.h"
#include "gui_fixture.h"
#include "search/first_run_banner.h"
#include "search/search_page.h"
#include "search/search_preview.h"
#include "search/search_session.h"
#include "gui_test_helpers.h"

using namespace xun;
using namespace xun::gui;
using xun::test::child;

namespace {

// Records the files the page would have opened or shown, instead of starting other programs.
struct FileCalls {
  QStringList opened;
  QStringList revealed;
  void watch(FileActions& actions) {
    actions.open = [this](const QString& path) { opened << path; return true; };
    actions.reveal = [this](const QString& path) { revealed << path; return true; };
  }
};

// The pixels of `index` drawn in the colour behind a marked word (on an unselected row).
int highlight_pixels(QListView* list, ResultDelegate* delegate, const QModelIndex& index) {
  QStyleOptionViewItem option;
  option.initFrom(list);
  option.widget = list;
  option.font = list->font();
  option.state &= ~QStyle::State_Selected;
  option.rect = QRect(0, 0, 640, delegate->sizeHint(option, index).height());
  const QColor base = option.palette.color(QPalette::Base);
  QImage image(option.rect.size(), QImage::Format_ARGB32_Premultiplied);
  image.fill(base);
  QPainter painter(&image);
  delegate->paint(&painter, option, index);
  painter.end();
  QImage probe(1, 1, QImage::Format_ARGB32_Premultiplied);
  probe.fill(base);
  QPainter probe_painter(&probe);
  probe_painter.fillRect(0, 0, 1, 1, ResultDelegate::highlightBrush(option.palette, false));
  probe_painter.end();
  const QRgb marked = probe.pixel(0, 0);
  int count = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) count += image.pixel(x, y) == marked;
  return count;
}

// Opens the context menu of `index` as a right click does and picks the action named `text`.
bool pick_from_context_menu(QListView* list, const QModelIndex& index, const QString& text) {
  bool picked = false;
  auto* timer = new QTimer(list);
  timer->setInterval(10);
  QObject::connect(timer, &QTimer::timeout, list, [&picked, timer, text] {
    auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
    if (menu == nullptr) return;  // not open yet
    timer->stop();
    for (QAction* action : menu->actions())
      if (action->text() == text) {
        action->trigger();
        picked = true;
      }
    menu->close();
  });
  timer->start();
  emit list->customContextMenuRequested(list->visualRect(index).center());
  delete timer;
  return picked;
}

QStringList column(const ResultListModel& model, int role) {
  QStringList values;
  for (int row = 0; row < model.rowCount(); ++row) values << model.index(row).data(role).toString();
  return values;
}

int row_of_file(const ResultListModel& model, const QString& name) {
  return static_cast<int>(column(model, ResultListModel::FileNameRole).indexOf(name));
}

}  // namespace

// Takes the URLs QDesktopServices would have given the desktop.
class UrlRecorder : public QObject {
  Q_OBJECT

 public:
  QList<QUrl> urls;

 public slots:
  void open(const QUrl& url) { urls << url; }
};

class TestGuiSearch : public QObject {
  Q_OBJECT

 private:
  // Types `text` into the query field, as a user would, and waits for its results on screen.
  static bool type_query(SearchPage* page, const QString& text) {
    QSignalSpy finished(page, &SearchPage::searchFinished);
    QLineEdit* field = child<QLineEdit>(page, "searchQuery");
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, text);
    return wait_for_query(finished, text);
  }

  static bool wait_for_query(QSignalSpy& finished, const QString& text) {
    return QTest::qWaitFor([&] { return !finished.isEmpty() && finished.last().at(0).toString() == text; }, 120000);
  }

  // Makes a change that starts a search (a filter, the mode) and waits for that search's results.
  template <typename Change>
  static bool research(SearchPage* page, Change change) {
    QSignalSpy finished(page, &SearchPage::searchFinished);
    change();
    return QTest::qWaitFor([&] { return !finished.isEmpty(); }, 120000);
  }

  static void select_row(QListView* list, int row) {
    const QModelIndex index = list->model()->index(row, 0);
    list->scrollTo(index);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
  }

 private slots:
  void first_run_banner_guides_and_keyword_search_works_without_a_model() {
    test::GuiFixture fixture;
    fixture.start();
    QVERIFY(fixture.waitForModels());
    SearchPage* page = fixture.window().searchPage();
    FirstRunBanner* banner = child<FirstRunBanner>(page, "firstRunBanner");
    QPushButton* add_folder = child<QPushButton>(page, "addFolderButton");
    QPushButton* open_settings = child<QPushButton>(page, "openSettingsButton");
    QTRY_VERIFY(add_folder->isVisible());
    QVERIFY(banner->isVisible());
    QVERIFY(open_settings->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("Keyword search already works")), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(QStringLiteral("Add a folder")), qPrintable(banner->text()));

    // Without an embedding model only keyword search can be chosen, and the others say why.
    QComboBox* mode = child<QComboBox>(page, "searchMode");
    QCOMPARE(mode->currentText(), QStringLiteral("Keyword"));
    auto* modes = qobject_cast<QStandardItemModel*>(mode->model());
    QVERIFY(modes);
    for (int row = 0; row < mode->count(); ++row) {
      const bool keyword = mode->itemText(row) == QStringLiteral("Keyword");
      QCOMPARE(modes->item(row)->isEnabled(), keyword);
      if (!keyword) QVERIFY(modes->item(row)->toolTip().contains(QStringLiteral("embedding model")));
    }
    QVERIFY(!child<QCheckBox>(page, "rerankCheck")->isEnabled());

    // "Download or locate a model" goes to the settings.
    QTest::mouseClick(open_settings, Qt::LeftButton);
    QCOMPARE(fixture.window().currentPage(), MainWindow::Page::settings);
    fixture.window().showPage(MainWindow::Page::search);

    // "Add folder" indexes the folder the dialog gives.
    const QString documents = fixture.documentsFolder();
    page->setFolderChooser([documents](QWidget*) { return documents; });
    QTest::mouseClick(add_folder, Qt::LeftButton);
    QVERIFY(fixture.waitForIndexingIdle());
    QTRY_VERIFY(!add_folder->isVisible());
    QVERIFY(banner->isVisible());  // still no model
    QVERIFY(open_settings->isVisible());

    QVERIFY(type_query(page, QStringLiteral("compost")));
    const ResultListModel& results = *page->resultModel();
    QCOMPARE(column(results, ResultListModel::FileNameRole), QStringList{QStringLiteral("compost.txt")});
    const QModelIndex first = results.index(0);
    QVERIFY(first.data(ResultListModel::PathRole).toString().endsWith(QStringLiteral("garden/compost.txt")));
    QCOMPARE(first.data(ResultListModel::HighlightedWordsRole).toStringList(), QStringList{QStringLiteral("compost")});
    const QStringList badges = first.data(ResultListModel::BadgesRole).toStringList();
    QCOMPARE(badges.size(), 1);
    QVERIFY(badges.first().startsWith(QStringLiteral("BM25")));
    const QString status = child<QLabel>(page, "searchStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("1 result")) && status.contains(QStringLiteral("keyword")), qPrintable(status));
  }

  void hybrid_results_preview_and_file_actions() {
    test::GuiFixture fixture;
    fixture.useFixtureModels();
    fixture.start();
    QVERIFY(fixture.waitForModels());
    SearchPage* page = fixture.window().searchPage();
    QAbstractItemModelTester tester(page->resultModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    FileCalls calls;
    calls.watch(page->fileActions());
    QCOMPARE(child<QComboBox>(page, "searchMode")->currentText(), QStringLiteral("Hybrid"));
    QVERIFY(child<QCheckBox>(page, "rerankCheck")->isEnabled());

    fixture.window().addFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    fixture.window().showPage(MainWindow::Page::search);
    QTRY_VERIFY(!child<FirstRunBanner>(page, "firstRunBanner")->isVisible());

    QSignalSpy previews(page, &SearchPage::previewShown);
    QVERIFY(type_query(page, QStringLiteral("compost heap")));
    const ResultListModel& results = *page->resultModel();
    QCOMPARE(results.rowCount(), 6);  // hybrid: every chunk is somewhere in the dense list
    const int compost = row_of_file(results, QStringLiteral("compost.txt"));
    QVERIFY(compost >= 0);
    const QModelIndex compost_index = results.index(compost);
    QCOMPARE(compost_index.data(ResultListModel::HighlightedWordsRole).toStringList(),
             (QStringList{QStringLiteral("compost"), QStringLiteral("heap")}));
    const QString compost_badges = compost_index.data(ResultListModel::BadgesRole).toStringList().join(u'|');
    QVERIFY2(compost_badges.contains(QStringLiteral("cosine")) && compost_badges.contains(QStringLiteral("BM25")) &&
                 compost_badges.contains(QStringLiteral("fused")) && !compost_badges.contains(QStringLiteral("rerank")),
             qPrintable(compost_badges));
    const int other = compost == 0 ? 1 : 0;
    QVERIFY(results.index(other).data(ResultListModel::HighlightedWordsRole).toStringList().isEmpty());
    QVERIFY(!results.index(other).data(ResultListModel::BadgesRole).toStringList().join(u'|').contains(QStringLiteral("BM25")));

    // The delegate marks exactly the highlighted words, and paints them.
    QListView* list = child<QListView>(page, "searchResults");
    QStyleOptionViewItem option;
    option.initFrom(list);
    QStringList marked;
    const QString snippet = compost_index.data(ResultListModel::SnippetRole).toString();
    for (const QTextLayout::FormatRange& range : page->resultDelegate()->snippetFormats(option, compost_index))
      marked << snippet.mid(range.start, range.length);
    QCOMPARE(marked, (QStringList{QStringLiteral("compost"), QStringLiteral("heap")}));
    QVERIFY(highlight_pixels(list, page->resultDelegate(), compost_index) > 0);
    QCOMPARE(highlight_pixels(list, page->resultDelegate(), results.index(other)), 0);

    // The arrows move through the results while the field has the focus; Enter opens.
    QLineEdit* field = child<QLineEdit>(page, "searchQuery");
    QCOMPARE(list->currentIndex().row(), 0);
    QTest::keyClick(field, Qt::Key_Down);
    QTest::keyClick(field, Qt::Key_Down);
    QCOMPARE(list->currentIndex().row(), 2);
    QTest::keyClick(field, Qt::Key_Up);
    QCOMPARE(list->currentIndex().row(), 1);
    QVERIFY(field->hasFocus());
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(calls.opened, QStringList{results.index(1).data(ResultListModel::PathRole).toString()});

    // The preview shows the selected passage in its document, marked, with its actions.
    const qint64 compost_chunk = compost_index.data(ResultListModel::ChunkIdRole).toLongLong();
    select_row(list, compost);
    QTRY_VERIFY(!previews.isEmpty() && previews.last().at(0).toLongLong() == compost_chunk);
    SearchPreview* preview = page->preview();
    PassageView* view = preview->view();
    QVERIFY2(view->passageText().startsWith(QStringLiteral("A compost heap turns kitchen scraps")), qPrintable(view->passageText()));
    QCOMPARE(view->highlightedWords(), (QStringList{QStringLiteral("compost"), QStringLiteral("heap")}));
    QCOMPARE(view->extraSelections().size(), 2);  // the two words (the passage is the whole file)
    QCOMPARE(view->extraSelections().at(0).cursor.selectedText(), QStringLiteral("compost"));
    QVERIFY(view->passageStartVisible());
    QCOMPARE(child<QLabel>(preview, "previewTitle")->text(), QStringLiteral("compost.txt"));
    const QString path = compost_index.data(ResultListModel::PathRole).toString();
    QVERIFY(child<QLabel>(preview, "previewLocation")->text().contains(QDir::toNativeSeparators(path)));

    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(child<QPushButton>(preview, "copyPathButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QDir::toNativeSeparators(path));
    QTest::mouseClick(child<QPushButton>(preview, "openButton"), Qt::LeftButton);
    QCOMPARE(calls.opened.last(), path);
    QTest::mouseClick(child<QPushButton>(preview, "showInFolderButton"), Qt::LeftButton);
    QCOMPARE(calls.revealed, QStringList{path});

    // The context menu of a result has the same actions.
    QVERIFY(pick_from_context_menu(list, results.index(other), QStringLiteral("Show in folder")));
    QCOMPARE(calls.revealed.last(), results.index(other).data(ResultListModel::PathRole).toString());
    QVERIFY(pick_from_context_menu(list, results.index(other), QStringLiteral("Copy path")));
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QDir::toNativeSeparators(results.index(other).data(ResultListModel::PathRole).toString()));
    QVERIFY(pick_from_context_menu(list, results.index(other), QStringLiteral("Open")));
    QCOMPARE(calls.opened.last(), results.index(other).data(ResultListModel::PathRole).toString());

    // Enter on the list opens the current result too.
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(calls.opened.last(), path);

    // A pasted page reaches the models cut, and the status under the results says so; a short
    // query says nothing of the kind.
    QLabel* status = child<QLabel>(page, "searchStatus");
    QVERIFY2(!status->text().contains(QStringLiteral("The query is long")), qPrintable(status->text()));
    const QString pasted = QStringLiteral("compost heap turning ").repeated(200).trimmed();
    QSignalSpy finished(page, &SearchPage::searchFinished);
    child<QLineEdit>(page, "searchQuery")->setText(pasted);
    page->searchNow();
    QVERIFY(wait_for_query(finished, pasted));
    QVERIFY2(status->text().contains(QStringLiteral("The query is long: the models used its first 128 tokens.")),
             qPrintable(status->text()));
    QVERIFY(results.rowCount() > 0);
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }

  // Small chunks, so that a passage has neighbours: the preview shows them around it.
  void the_preview_shows_the_passage_among_its_neighbours() {
    test::GuiFixture fixture;
    fixture.settings().setChunking(12, 2);
    fixture.start();
    SearchPage* page = fixture.window().searchPage();
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    QSignalSpy previews(page, &SearchPage::previewShown);
    QVERIFY(type_query(page, QStringLiteral("humus")));
    const core::SearchResult* result = page->resultModel()->result(0);
    QVERIFY(result && result->path.endsWith(QStringLiteral("compost.txt")));
    QTRY_VERIFY(!previews.isEmpty() && previews.last().at(0).toLongLong() == result->chunk_id);

    QFile file(result->path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    PassageView* view = page->preview()->view();
    QCOMPARE(view->passageText(), text.mid(result->start, result->end - result->start));
    QVERIFY2(view->toPlainText().size() > view->passageText().size() + 10, qPrintable(view->toPlainText()));
    QVERIFY(text.contains(view->passage().text));  // the neighbours, stitched as in the file
    const QList<QTextEdit::ExtraSelection> marks = view->extraSelections();
    QCOMPARE(marks.size(), 2);  // the passage, then the word
    QCOMPARE(marks.at(0).cursor.selectedText(), view->passageText());
    QCOMPARE(marks.at(1).cursor.selectedText(), QStringLiteral("humus"));
    QVERIFY(view->passageStartVisible());
    QVERIFY(child<QLabel>(page->preview(), "previewLocation")->text().contains(QStringLiteral(" of ")));
  }

  void stitching_chunks_restores_the_document_text_data() {
    QTest::addColumn<QStringList>("texts");
    QTest::addColumn<QList<int>>("starts");
    QTest::addColumn<QString>("expected");
    QTest::newRow("overlapping") << QStringList{"one two three", "three four"} << QList<int>{0, 8} << "one two three four";
    QTest::newRow("a space between") << QStringList{"one two.", "Three"} << QList<int>{0, 9} << "one two. Three";
    QTest::newRow("a paragraph between") << QStringList{"one.", "Two"} << QList<int>{0, 6} << "one.\n\nTwo";
    QTest::newRow("from a later chunk") << QStringList{"zero", "one", "two"} << QList<int>{0, 5, 9} << "zero one two";
  }

  void stitching_chunks_restores_the_document_text() {
    QFETCH(QStringList, texts);
    QFETCH(QList<int>, starts);
    QFETCH(QString, expected);
    std::vector<core::StoredChunk> chunks;
    for (qsizetype i = 0; i < texts.size(); ++i)
      chunks.push_back({.ordinal = int(i), .chunk = {starts[i], starts[i] + texts[i].size(), 0, 1, texts[i]}});
    QCOMPARE(stitch_chunks(chunks, 0, chunks.size() - 1), expected);
    // From the second chunk on, the offsets are the document's less that chunk's start.
    const QString tail = stitch_chunks(chunks, 1, chunks.size() - 1);
    QCOMPARE(tail, expected.mid(starts[1]));
  }

  void filters_modes_and_reranking_change_the_results() {
    test::GuiFixture fixture;
    fixture.useFixtureModels();
    // A second folder with one more file about compost, for the folder filter.
    const QString more = fixture.path(QStringLiteral("more"));
    QVERIFY(QDir().mkpath(more));
    QFile extra(more + QStringLiteral("/worms.md"));
    QVERIFY(extra.open(QIODevice::WriteOnly));
    extra.write("Worms speed up compost: a worm bin turns scraps into castings.\n");
    extra.close();
    fixture.start();
    QVERIFY(fixture.waitForModels());
    SearchPage* page = fixture.window().searchPage();
    fixture.services().indexing().indexFolders({fixture.documentsFolder(), more});
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(type_query(page, QStringLiteral("compost")));
    const ResultListModel& results = *page->resultModel();
    QCOMPARE(results.rowCount(), 7);

    QComboBox* type = child<QComboBox>(page, "typeFilter");
    QTRY_VERIFY(type->findData(QStringLiteral("markdown")) > 0);
    QVERIFY(research(page, [&] { type->setCurrentIndex(type->findData(QStringLiteral("markdown"))); }));
    QStringList names = column(results, ResultListModel::FileNameRole);
    names.sort();
    QCOMPARE(names, (QStringList{"kyoto.md", "tomatoes.md", "vulkan.md", "worms.md"}));
    QVERIFY(research(page, [&] { type->setCurrentIndex(0); }));
    QCOMPARE(results.rowCount(), 7);

    QComboBox* folder = child<QComboBox>(page, "folderFilter");
    QCOMPARE(folder->count(), 3);  // all, and the two folders
    QVERIFY(research(page, [&] { folder->setCurrentIndex(folder->findData(QDir::cleanPath(more))); }));
    QCOMPARE(column(results, ResultListModel::FileNameRole), QStringList{"worms.md"});
    QVERIFY(research(page, [&] { folder->setCurrentIndex(folder->findData(QDir::cleanPath(fixture.documentsFolder()))); }));
    QCOMPARE(results.rowCount(), 6);
    QVERIFY(!column(results, ResultListModel::FileNameRole).contains("worms.md"));
    QVERIFY(research(page, [&] { folder->setCurrentIndex(0); }));

    // Dates: every file was written just now.
    QComboBox* date = child<QComboBox>(page, "dateFilter");
    QDateEdit* from = child<QDateEdit>(page, "dateFrom");
    QDateEdit* to = child<QDateEdit>(page, "dateTo");
    QVERIFY(!from->isVisible());
    QVERIFY(research(page, [&] { date->setCurrentIndex(date->findText(QStringLiteral("Past week"))); }));
    QCOMPARE(results.rowCount(), 7);
    QVERIFY(research(page, [&] { date->setCurrentIndex(date->findText(QStringLiteral("Custom range…"))); }));
    QVERIFY(from->isVisible() && to->isVisible());
    QCOMPARE(results.rowCount(), 7);  // from a month ago to today
    QVERIFY(research(page, [&] { to->setDate(QDate::currentDate().addYears(-2)); }));
    QCOMPARE(results.rowCount(), 0);
    QVERIFY(child<QLabel>(page, "searchStatus")->text().contains(QStringLiteral("No results")));
    QVERIFY(research(page, [&] { date->setCurrentIndex(date->findText(QStringLiteral("Any time"))); }));
    QCOMPARE(results.rowCount(), 7);

    // Keyword mode: only the files with the word, with BM25 scores alone.
    QComboBox* mode = child<QComboBox>(page, "searchMode");
    QVERIFY(research(page, [&] { mode->setCurrentIndex(mode->findText(QStringLiteral("Keyword"))); }));
    names = column(results, ResultListModel::FileNameRole);
    names.sort();
    QCOMPARE(names, (QStringList{"compost.txt", "worms.md"}));
    for (int row = 0; row < results.rowCount(); ++row) {
      const QStringList badges = results.index(row).data(ResultListModel::BadgesRole).toStringList();
      QCOMPARE(badges.size(), 1);
      QVERIFY(badges.first().startsWith(QStringLiteral("BM25")));
    }
    QVERIFY(child<QLabel>(page, "searchStatus")->text().contains(QStringLiteral("keyword")));

    // Semantic mode: cosine only.
    QVERIFY(research(page, [&] { mode->setCurrentIndex(mode->findText(QStringLiteral("Semantic"))); }));
    QCOMPARE(results.rowCount(), 7);
    QVERIFY(results.index(0).data(ResultListModel::BadgesRole).toStringList().first().startsWith(QStringLiteral("cosine")));

    // Reranking on: every result has its P(yes), and they come in its order.
    QVERIFY(research(page, [&] { mode->setCurrentIndex(mode->findText(QStringLiteral("Hybrid"))); }));
    // While the reranker works, the page shows that it does; the passage selected stays selected
    // and in view when the new order comes.
    QCheckBox* rerank = child<QCheckBox>(page, "rerankCheck");
    QProgressBar* busy = child<QProgressBar>(page, "searchBusy");
    QListView* list = child<QListView>(page, "searchResults");
    QVERIFY(!busy->isVisible());
    fixture.window().resize(900, 600);  // not every row in view: the last one needs scrolling
    QTRY_COMPARE(fixture.window().size(), QSize(900, 600));
    select_row(list, 6);
    const qint64 selected = list->currentIndex().data(ResultListModel::ChunkIdRole).toLongLong();
    QSignalSpy reranked(page, &SearchPage::searchFinished);
    rerank->setChecked(true);
    QVERIFY(busy->isVisible());  // the answer comes through the event loop, not before
    QVERIFY(QTest::qWaitFor([&] { return !reranked.isEmpty(); }, 120000));
    QVERIFY(!busy->isVisible());
    QCOMPARE(list->currentIndex().data(ResultListModel::ChunkIdRole).toLongLong(), selected);
    QVERIFY(list->viewport()->rect().contains(list->visualRect(list->currentIndex())));
    QCOMPARE(results.rowCount(), 7);
    double previous = 2;
    for (int row = 0; row < results.rowCount(); ++row) {
      const core::SearchResult* result = results.result(row);
      QVERIFY(result->rerank_score.has_value());
      QVERIFY(*result->rerank_score <= previous);
      previous = *result->rerank_score;
      QVERIFY(results.index(row).data(ResultListModel::BadgesRole).toStringList().last().startsWith(QStringLiteral("rerank")));
    }
    QVERIFY(child<QLabel>(page, "searchStatus")->text().contains(QStringLiteral("reranked")));
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }

  // Mode, reranking, the folder and type filters and a date preset come back after a restart,
  // and the first search after it uses them.
  void search_options_survive_a_restart() {
    test::GuiFixture fixture;
    fixture.useFixtureModels();
    fixture.start();
    QVERIFY(fixture.waitForModels());
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    SearchPage* page = fixture.window().searchPage();
    const QString folder = QDir::cleanPath(fixture.documentsFolder());
    QComboBox* folders = child<QComboBox>(page, "folderFilter");
    QComboBox* types = child<QComboBox>(page, "typeFilter");
    QTRY_VERIFY(folders->findData(folder) > 0 && types->findData(QStringLiteral("markdown")) > 0);
    child<QComboBox>(page, "searchMode")->setCurrentIndex(child<QComboBox>(page, "searchMode")->findText(QStringLiteral("Semantic")));
    child<QCheckBox>(page, "rerankCheck")->setChecked(true);
    folders->setCurrentIndex(folders->findData(folder));
    types->setCurrentIndex(types->findData(QStringLiteral("markdown")));
    child<QComboBox>(page, "dateFilter")->setCurrentIndex(child<QComboBox>(page, "dateFilter")->findText(QStringLiteral("Past year")));
    QVERIFY(fixture.window().close());
    fixture.stop();

    fixture.start();
    page = fixture.window().searchPage();
    // Chosen already while the models load and before the index lists its folders.
    QCOMPARE(child<QCheckBox>(page, "rerankCheck")->isChecked(), true);
    QCOMPARE(child<QComboBox>(page, "folderFilter")->currentData().toString(), folder);
    QCOMPARE(child<QComboBox>(page, "typeFilter")->currentData().toString(), QStringLiteral("markdown"));
    QCOMPARE(child<QComboBox>(page, "dateFilter")->currentText(), QStringLiteral("Past year"));
    QVERIFY(fixture.waitForModels());
    QTRY_COMPARE(child<QComboBox>(page, "folderFilter")->count(), 2);  // all, and the folder
    QCOMPARE(child<QComboBox>(page, "searchMode")->currentText(), QStringLiteral("Semantic"));
    QCOMPARE(child<QComboBox>(page, "folderFilter")->currentData().toString(), folder);
    QCOMPARE(child<QComboBox>(page, "typeFilter")->currentData().toString(), QStringLiteral("markdown"));
    QVERIFY(type_query(page, QStringLiteral("compost")));
    QStringList names = column(*page->resultModel(), ResultListModel::FileNameRole);
    names.sort();
    QCOMPARE(names, (QStringList{"kyoto.md", "tomatoes.md", "vulkan.md"}));
    for (int row = 0; row < page->resultModel()->rowCount(); ++row)
      QVERIFY(page->resultModel()->result(row)->rerank_score.has_value());
    QVERIFY(child<QLabel>(page, "searchStatus")->text().contains(QStringLiteral("semantic")));
  }

  // With no program to take a file (the offscreen platform opens nothing), Open and Show in
  // folder say why in the window's status bar; with a handler for file URLs, Open says nothing.
  void a_failed_open_says_why_in_the_window() {
    test::GuiFixture fixture;
    fixture.start();
    SearchPage* page = fixture.window().searchPage();
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    QVERIFY(type_query(page, QStringLiteral("compost")));
    QCOMPARE(page->resultModel()->rowCount(), 1);
    const QString path = page->resultModel()->result(0)->path;
    QStatusBar* status = fixture.window().statusBar();
    QListView* list = child<QListView>(page, "searchResults");
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QVERIFY2(status->currentMessage().contains(QDir::toNativeSeparators(path)) &&
                 status->currentMessage().contains(QStringLiteral("no application")),
             qPrintable(status->currentMessage()));

    status->clearMessage();
    page->fileActions().reveal = [](const QString&) { return false; };  // no file manager either
    QPushButton* reveal = child<QPushButton>(page->preview(), "showInFolderButton");
    QTRY_VERIFY(reveal->isEnabled());
    QTest::mouseClick(reveal, Qt::LeftButton);
    QVERIFY2(status->currentMessage().contains(QStringLiteral("no file manager")), qPrintable(status->currentMessage()));

    // A desktop that takes the file: nothing to say.
    status->clearMessage();
    UrlRecorder recorder;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &recorder, "open");
    QTest::keyClick(list, Qt::Key_Return);
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(recorder.urls, QList<QUrl>{QUrl::fromLocalFile(path)});
    QCOMPARE(status->currentMessage(), QString());
  }

  // Only the answer to the session's newest search is delivered.
  void a_newer_search_supersedes_an_older_one() {
    test::GuiFixture fixture;
    fixture.start();
    QVERIFY(fixture.waitForModels());
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    SearchSession session(fixture.services().search());
    QSignalSpy finished(&session, &SearchSession::finished);
    SearchSpec older;
    older.query = QStringLiteral("tomatoes");
    older.mode = core::SearchMode::keyword;
    SearchSpec newer = older;
    newer.query = QStringLiteral("maple");
    // A search someone else started (another page) is not this session's.
    QSignalSpy service_finished(&fixture.services().search(), &SearchService::searchFinished);
    fixture.services().search().search(older);
    QVERIFY(QTest::qWaitFor([&] { return !service_finished.isEmpty(); }, 60000));
    QVERIFY(finished.isEmpty());

    session.start(older);
    session.start(newer);
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 60000));
    QCOMPARE(finished.size(), 1);
    const auto results = finished.first().at(0).value<core::SearchResults>().results;
    QCOMPARE(results.size(), size_t{1});
    QVERIFY(results.front().path.endsWith(QStringLiteral("kyoto.md")));
  }

  // Hybrid search in an index without vectors (no model has indexed it yet): keyword results,
  // with the reason.
  void a_failed_hybrid_search_falls_back_to_keyword() {
    test::GuiFixture fixture;
    fixture.start();
    QVERIFY(fixture.waitForModels());
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    SearchSession session(fixture.services().search());
    QSignalSpy finished(&session, &SearchSession::finished);
    QSignalSpy failed(&session, &SearchSession::failed);
    SearchSpec spec;
    spec.query = QStringLiteral("maple November");
    spec.mode = core::SearchMode::hybrid;
    session.start(spec);
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000));
    QCOMPARE(failed.size(), 0);
    const auto results = finished.first().at(0).value<core::SearchResults>().results;
    QCOMPARE(results.size(), size_t{1});
    QVERIFY(results.front().path.endsWith(QStringLiteral("kyoto.md")));
    QVERIFY(results.front().keyword_score && !results.front().dense_score);
    const QString note = finished.first().at(1).toString();
    QVERIFY2(note.contains(QStringLiteral("no vectors yet")), qPrintable(note));

    // Semantic search has nothing to fall back to: it fails, in words.
    spec.mode = core::SearchMode::dense;
    session.start(spec);
    QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 60000));
    QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("no vectors yet")));
  }

  void the_query_is_focused_at_start_and_by_ctrl_k() {
    test::GuiFixture fixture;
    fixture.start();
    MainWindow& window = fixture.window();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QLineEdit* field = child<QLineEdit>(window.searchPage(), "searchQuery");
    QTRY_VERIFY(field->hasFocus());

    window.showPage(MainWindow::Page::library);
    QTRY_VERIFY(!field->hasFocus());
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::search);
    QTRY_VERIFY(field->hasFocus());
  }
};

QTEST_MAIN(TestGuiSearch)
#include "tst_gui_search.moc"
