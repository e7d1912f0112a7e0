// The library page, driven as a user drives it: the documents under their folder, the filter by
// name and by type, a document's chunks in order with the selected chunk's text, similar passages
// for a chunk (with the fixture embedding model; a clear message without vectors), and a reload
// when the folders change.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include "common/passage_view.h"
#include "common/result_list_model.h"
#include "gui_fixture.h"
#include "library/chunk_table_model.h"
#include "library/document_filter_model.h"
#include "library/document_tree_model.h"
#include "library/library_page.h"
#include "gui_test_helpers.h"

using namespace xun;
using namespace xun::gui;
using xun::test::child;

namespace {

// The names the tree shows under each folder, in the order shown.
QStringList shown_documents(QTreeView* tree) {
  QStringList names;
  QAbstractItemModel* model = tree->model();
  for (int folder = 0; folder < model->rowCount(); ++folder) {
    const QModelIndex parent = model->index(folder, 0);
    for (int row = 0; row < model->rowCount(parent); ++row) names << model->index(row, 0, parent).data().toString();
  }
  return names;
}

// Clicks the document named `name` in the tree; false when it is not shown.
bool click_document(QTreeView* tree, const QString& name) {
  QAbstractItemModel* model = tree->model();
  for (int folder = 0; folder < model->rowCount(); ++folder) {
    const QModelIndex parent = model->index(folder, 0);
    for (int row = 0; row < model->rowCount(parent); ++row) {
      const QModelIndex index = model->index(row, 0, parent);
      if (index.data().toString() != name) continue;
      tree->scrollTo(index);
      QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
      return true;
    }
  }
  return false;
}

const QStringList kAllDocuments = {"garden/compost.txt", "garden/tomatoes.md", "notes/sqlite.txt",
                                   "notes/vulkan.md",    "travel/beijing.txt", "travel/kyoto.md"};

}  // namespace

class TestGuiLibrary : public QObject {
  Q_OBJECT

 private:
  static LibraryPage* open_library(test::GuiFixture& fixture) {
    fixture.window().showPage(MainWindow::Page::library);
    return fixture.window().libraryPage();
  }

  static void check_models(LibraryPage* page, std::vector<std::unique_ptr<QAbstractItemModelTester>>& testers) {
    for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
             page->documentModel(), page->filterModel(), page->chunkModel(), page->similarModel()})
      testers.push_back(std::make_unique<QAbstractItemModelTester>(
          model, QAbstractItemModelTester::FailureReportingMode::QtTest));
  }

 private slots:
  void the_tree_lists_the_documents_and_the_filters_narrow_it() {
    test::GuiFixture fixture;
    fixture.start();
    LibraryPage* page = open_library(fixture);
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    check_models(page, testers);
    QTreeView* tree = child<QTreeView>(page, "libraryTree");
    QTRY_VERIFY(child<QLabel>(page, "libraryStatus")->text().contains(QStringLiteral("Nothing is indexed")));

    // Indexing changes the folders: the page reloads by itself.
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    QTRY_COMPARE(shown_documents(tree), kAllDocuments);
    QCOMPARE(tree->model()->rowCount(), 1);
    QCOMPARE(tree->model()->index(0, 0).data(DocumentTreeModel::PathRole).toString(), fixture.documentsFolder());
    QVERIFY(tree->isExpanded(tree->model()->index(0, 0)));
    QVERIFY(child<QLabel>(page, "libraryStatus")->text().contains(QStringLiteral("6 document")));

    QLineEdit* filter = child<QLineEdit>(page, "libraryFilter");
    QComboBox* type = child<QComboBox>(page, "libraryType");
    QTest::keyClicks(filter, QStringLiteral("GARDEN"));  // any case
    QCOMPARE(shown_documents(tree), (QStringList{"garden/compost.txt", "garden/tomatoes.md"}));
    QVERIFY(child<QLabel>(page, "libraryStatus")->text().contains(QStringLiteral("2 shown")));
    type->setCurrentIndex(type->findData(QStringLiteral("markdown")));
    QCOMPARE(type->currentText(), QStringLiteral("Markdown"));
    QCOMPARE(shown_documents(tree), QStringList{"garden/tomatoes.md"});
    filter->clear();
    QCOMPARE(shown_documents(tree), (QStringList{"garden/tomatoes.md", "notes/vulkan.md", "travel/kyoto.md"}));
    QTest::keyClicks(filter, QStringLiteral("no such file"));
    QCOMPARE(tree->model()->rowCount(), 0);  // a folder with nothing to show is hidden
    filter->clear();
    type->setCurrentIndex(0);
    QCOMPARE(shown_documents(tree), kAllDocuments);

    // Without vectors, similar passages say why there are none.
    QVERIFY(click_document(tree, QStringLiteral("garden/compost.txt")));
    QPushButton* similar = child<QPushButton>(page, "similarButton");
    QTRY_VERIFY(similar->isEnabled());
    QSignalSpy failed(page, &LibraryPage::similarFailed);
    QTest::mouseClick(similar, Qt::LeftButton);
    QTRY_COMPARE(failed.size(), 1);
    const QString status = child<QLabel>(page, "similarStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("no vectors yet")), qPrintable(status));
    QCOMPARE(page->similarModel()->rowCount(), 0);

    // Removing the folder empties the library.
    fixture.services().indexing().removeFolder(fixture.documentsFolder());
    QTRY_COMPARE(tree->model()->rowCount(), 0);
    QTRY_COMPARE(page->chunkModel()->rowCount(), 0);
  }

  void names_get_the_width_and_elide_at_the_end_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("default") << QSize(1180, 760);
    QTest::newRow("900x600") << QSize(900, 600);
  }

  void names_get_the_width_and_elide_at_the_end() {
    QFETCH(QSize, size);
    test::GuiFixture fixture;
    fixture.start();
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    fixture.window().resize(size);
    LibraryPage* page = open_library(fixture);
    QTreeView* tree = child<QTreeView>(page, "libraryTree");
    QTRY_COMPARE(shown_documents(tree), kAllDocuments);
    QTRY_COMPARE(fixture.window().size(), size);
    QCOMPARE(tree->textElideMode(), Qt::ElideRight);  // a long name keeps its start
    // The name is the widest column by far; the others show their values whole.
    const int name = tree->header()->sectionSize(DocumentTreeModel::NameColumn);
    const QModelIndex folder = tree->model()->index(0, 0);
    for (int column : {DocumentTreeModel::TypeColumn, DocumentTreeModel::SizeColumn, DocumentTreeModel::ModifiedColumn}) {
      const int width = tree->header()->sectionSize(column);
      QVERIFY2(name >= 200 && name >= 2 * width,
               qPrintable(QStringLiteral("Name column %1 px, column %2 %3 px").arg(name).arg(column).arg(width)));
      for (int row = 0; row < tree->model()->rowCount(folder); ++row) {
        const QString text = tree->model()->index(row, column, folder).data().toString();
        QVERIFY2(tree->fontMetrics().horizontalAdvance(text) < width, qPrintable(text));
      }
    }
  }

  void a_document_shows_its_chunks_in_order() {
    test::GuiFixture fixture;
    fixture.settings().setChunking(12, 2);  // several chunks per document
    fixture.start();
    LibraryPage* page = open_library(fixture);
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    check_models(page, testers);
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    QTreeView* tree = child<QTreeView>(page, "libraryTree");
    QTRY_COMPARE(shown_documents(tree), kAllDocuments);

    QSignalSpy loaded(page, &LibraryPage::chunksLoaded);
    QVERIFY(click_document(tree, QStringLiteral("garden/compost.txt")));
    QTRY_COMPARE(loaded.size(), 1);
    QFile file(fixture.documentsFolder() + QStringLiteral("/garden/compost.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QTableView* table = child<QTableView>(page, "chunkTable");
    const QAbstractItemModel* chunks = table->model();
    QVERIFY2(chunks->rowCount() >= 3, qPrintable(QString::number(chunks->rowCount())));
    qsizetype previous_start = -1;
    for (int row = 0; row < chunks->rowCount(); ++row) {
      QCOMPARE(chunks->index(row, ChunkTableModel::OrdinalColumn).data().toInt(), row + 1);
      QVERIFY(chunks->index(row, ChunkTableModel::TokensColumn).data().toInt() > 0);
      const QString chunk = chunks->index(row, 0).data(ChunkTableModel::TextRole).toString();
      const qsizetype start = text.indexOf(chunk, std::max<qsizetype>(0, previous_start));
      QVERIFY2(start > previous_start, qPrintable(chunk));  // in the file, after the one before
      previous_start = start;
      QVERIFY(chunk.startsWith(chunks->index(row, ChunkTableModel::TextColumn).data().toString().left(10)));
    }
    QVERIFY(child<QLabel>(page, "documentTitle")->text().startsWith(QStringLiteral("compost.txt")));

    // The first chunk is selected and its whole text shown; another click shows another.
    PassageView* view = child<PassageView>(page, "chunkText");
    QCOMPARE(table->currentIndex().row(), 0);
    QCOMPARE(view->passageText(), chunks->index(0, 0).data(ChunkTableModel::TextRole).toString());
    const QModelIndex second = chunks->index(1, ChunkTableModel::TextColumn);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(second).center());
    QCOMPARE(table->currentIndex().row(), 1);
    QCOMPARE(view->toPlainText(), chunks->index(1, 0).data(ChunkTableModel::TextRole).toString());
    QVERIFY(child<QLabel>(page, "chunkTitle")->text().contains(QStringLiteral("passage 2 of")));
  }

  void similar_passages_are_other_chunks_by_vector() {
    test::GuiFixture fixture;
    fixture.useFixtureModels(true, false);
    fixture.start();
    QVERIFY(fixture.waitForModels());
    LibraryPage* page = open_library(fixture);
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    check_models(page, testers);
    QStringList opened;
    page->fileActions().open = [&opened](const QString& path) { opened << path; return true; };
    fixture.services().indexing().indexFolders({fixture.documentsFolder()});
    QVERIFY(fixture.waitForIndexingIdle());
    QTreeView* tree = child<QTreeView>(page, "libraryTree");
    QTRY_COMPARE(shown_documents(tree), kAllDocuments);

    QVERIFY(click_document(tree, QStringLiteral("notes/sqlite.txt")));
    QTableView* table = child<QTableView>(page, "chunkTable");
    QTRY_VERIFY(table->currentIndex().isValid());
    const qint64 chunk = table->currentIndex().data(ChunkTableModel::ChunkIdRole).toLongLong();
    QSignalSpy finished(page, &LibraryPage::similarFinished);
    QTest::mouseClick(child<QPushButton>(page, "similarButton"), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toLongLong(), chunk);

    const ResultListModel& similar = *page->similarModel();
    QCOMPARE(similar.rowCount(), 5);  // the five other one-chunk documents
    QStringList paths;
    double previous = 2;
    for (int row = 0; row < similar.rowCount(); ++row) {
      const QModelIndex index = similar.index(row);
      QVERIFY(index.data(ResultListModel::ChunkIdRole).toLongLong() != chunk);
      const QStringList badges = index.data(ResultListModel::BadgesRole).toStringList();
      QCOMPARE(badges.size(), 1);
      QVERIFY(badges.first().startsWith(QStringLiteral("cosine")));
      const double score = index.data(ResultListModel::ScoreRole).toDouble();
      QVERIFY(score <= previous);
      previous = score;
      paths << index.data(ResultListModel::PathRole).toString();
    }
    QVERIFY(!paths.contains(fixture.documentsFolder() + QStringLiteral("/notes/sqlite.txt")));
    QVERIFY(child<QLabel>(page, "similarStatus")->text().contains(QStringLiteral("5 passage")));

    // Selecting one shows its text; activating it opens its file.
    QListView* list = child<QListView>(page, "similarResults");
    const QModelIndex first = similar.index(0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(first).center());
    PassageView* view = child<PassageView>(page, "chunkText");
    QTRY_COMPARE(view->passage().chunk_id, first.data(ResultListModel::ChunkIdRole).toLongLong());
    QVERIFY(child<QLabel>(page, "chunkTitle")->text().startsWith(QStringLiteral("Similar: ")));
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(first).center());
    QCOMPARE(opened, QStringList{first.data(ResultListModel::PathRole).toString()});

    // "Go to passage" brings its document and chunk up in the library; the list stays.
    const QString first_path = first.data(ResultListModel::PathRole).toString();
    const qint64 first_chunk = first.data(ResultListModel::ChunkIdRole).toLongLong();
    QSignalSpy loaded(page, &LibraryPage::chunksLoaded);
    QVERIFY(page->showDocument(first_path, first_chunk));
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(table->currentIndex().data(ChunkTableModel::ChunkIdRole).toLongLong(), first_chunk);
    QCOMPARE(tree->currentIndex().data(DocumentTreeModel::PathRole).toString(), first_path);
    QCOMPARE(similar.rowCount(), 5);
    QVERIFY(child<QLabel>(page, "similarStatus")->text().contains(QStringLiteral("similar to sqlite.txt")));
    QVERIFY2(fixture.validationMessages().isEmpty(), qPrintable(fixture.validationMessages().join('\n')));
  }
};

QTEST_MAIN(TestGuiLibrary)
#include "tst_gui_library.moc"
