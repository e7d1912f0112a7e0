#include "library/library_page.h"

#include <set>

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "common/format_names.h"
#include "common/passage_context.h"
#include "common/passage_view.h"
#include "common/result_list_model.h"
#include "common/when_done.h"
#include "library/chunk_table_model.h"
#include "library/document_filter_model.h"
#include "library/document_tree_model.h"
#include "library/similar_passages_panel.h"
#include "services/app_services.h"

namespace xun::gui {
namespace {

Result<std::vector<LibraryFolder>> read_library(SearchContext& context) {
  auto folders = context.store.folders();
  if (!folders) return std::unexpected(folders.error());
  std::vector<LibraryFolder> library;
  for (core::FolderRecord& folder : *folders) {
    auto documents = context.store.documents(folder.id);
    if (!documents) return std::unexpected(documents.error());
    library.push_back({std::move(folder), std::move(*documents)});
  }
  return library;
}

// A whole chunk as a passage of its own, for the text view.
PassageContext chunk_passage(const core::StoredChunk& stored, const QString& path, int chunk_count) {
  PassageContext passage;
  passage.chunk_id = stored.id;
  passage.document_id = stored.document_id;
  passage.path = path;
  passage.page = stored.chunk.page;
  passage.ordinal = stored.ordinal;
  passage.chunk_count = chunk_count;
  passage.text = stored.chunk.text;
  passage.passage_length = stored.chunk.text.size();
  return passage;
}

QString passage_title(const PassageContext& passage) {
  QStringList parts{QFileInfo(passage.path).fileName(),
                    LibraryPage::tr("passage %1 of %2").arg(passage.ordinal + 1).arg(passage.chunk_count)};
  if (passage.page > 0) parts << LibraryPage::tr("page %1").arg(passage.page);
  return parts.join(QStringLiteral(" · "));
}

}  // namespace

LibraryPage::LibraryPage(AppServices& services, QWidget* parent)
    : QWidget(parent), services_(services) {
  documents_ = new DocumentTreeModel(this);
  filter_model_ = new DocumentFilterModel(this);
  filter_model_->setSourceModel(documents_);
  chunks_ = new ChunkTableModel(this);
  build();
  connect(&services_.indexing(), &IndexService::foldersChanged, this, &LibraryPage::reload);
  retranslate();
  reload();
}

LibraryPage::~LibraryPage() = default;

void LibraryPage::build() {
  filter_ = new QLineEdit(this);
  filter_->setObjectName(QStringLiteral("libraryFilter"));
  filter_->setClearButtonEnabled(true);
  type_ = new QComboBox(this);
  type_->setObjectName(QStringLiteral("libraryType"));
  type_->addItem(QString(), QString());
  tree_ = new QTreeView(this);
  tree_->setObjectName(QStringLiteral("libraryTree"));
  tree_->setModel(filter_model_);
  tree_->setSortingEnabled(true);
  tree_->sortByColumn(DocumentTreeModel::NameColumn, Qt::AscendingOrder);
  tree_->setUniformRowHeights(true);
  tree_->setTextElideMode(Qt::ElideRight);  // a name is read from its start
  tree_->setSelectionMode(QAbstractItemView::SingleSelection);
  tree_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  // The name takes what the type, size and date (short, known widths) leave.
  tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  tree_->header()->setSectionResizeMode(DocumentTreeModel::NameColumn, QHeaderView::Stretch);
  tree_->header()->setStretchLastSection(false);
  summary_ = new QLabel(this);
  summary_->setObjectName(QStringLiteral("libraryStatus"));

  document_title_ = new QLabel(this);
  document_title_->setObjectName(QStringLiteral("documentTitle"));
  document_title_->setTextFormat(Qt::PlainText);
  chunk_table_ = new QTableView(this);
  chunk_table_->setObjectName(QStringLiteral("chunkTable"));
  chunk_table_->setModel(chunks_);
  chunk_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  chunk_table_->setSelectionMode(QAbstractItemView::SingleSelection);
  chunk_table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  chunk_table_->verticalHeader()->setVisible(false);
  chunk_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  chunk_table_->horizontalHeader()->setStretchLastSection(true);
  chunk_table_->setWordWrap(false);
  text_title_ = new QLabel(this);
  text_title_->setObjectName(QStringLiteral("chunkTitle"));
  text_title_->setTextFormat(Qt::PlainText);
  text_ = new PassageView(this);
  text_->setObjectName(QStringLiteral("chunkText"));
  similar_ = new SimilarPassagesPanel(services_.search(), actions_, this);

  auto* left = new QWidget(this);
  auto* filters = new QHBoxLayout;
  filters->addWidget(filter_, 1);
  filters->addWidget(type_);
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(0, 0, 0, 0);
  left_layout->addLayout(filters);
  left_layout->addWidget(tree_, 1);
  left_layout->addWidget(summary_);

  auto section = [this](QWidget* title, QWidget* body) {
    auto* widget = new QWidget(this);
    auto* layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(body, 1);
    return widget;
  };
  auto* right = new QSplitter(Qt::Vertical, this);
  right->setObjectName(QStringLiteral("libraryDetailSplitter"));
  right->addWidget(section(document_title_, chunk_table_));
  right->addWidget(section(text_title_, text_));
  right->addWidget(similar_);
  right->setChildrenCollapsible(false);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("librarySplitter"));
  splitter->addWidget(left);
  splitter->addWidget(right);
  // The names need the width as much as the passages do (a 900 px window still shows them).
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({3000, 2000});  // proportions
  splitter->setChildrenCollapsible(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
    filter_model_->setText(text);
    tree_->expandAll();
    update_summary();
  });
  connect(type_, &QComboBox::currentIndexChanged, this, [this] {
    filter_model_->setFormat(type_->currentData().toString());
    tree_->expandAll();
    update_summary();
  });
  connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& current) { on_document_selected(current); });
  connect(chunk_table_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& current) { on_chunk_selected(current); });
  connect(similar_, &SimilarPassagesPanel::passageSelected, this, &LibraryPage::show_similar_passage);
  connect(similar_, &SimilarPassagesPanel::goToPassage, this,
          [this](const QString& path, qint64 chunk_id) { showDocument(path, chunk_id); });
  connect(similar_, &SimilarPassagesPanel::finished, this, &LibraryPage::similarFinished);
  connect(similar_, &SimilarPassagesPanel::failed, this, &LibraryPage::similarFailed);
}

ResultListModel* LibraryPage::similarModel() const { return similar_->model(); }

void LibraryPage::findSimilar() { similar_->findSimilar(); }

void LibraryPage::reload() {
  when_done<std::vector<LibraryFolder>>(
      this, services_.search().run<std::vector<LibraryFolder>>(read_library),
      [this](const Result<std::vector<LibraryFolder>>& library) {
        if (!library) {
          summary_->setText(tr("Cannot read the index: %1").arg(QString::fromStdString(library.error().message)));
          return;
        }
        on_documents(*library);
      });
}

void LibraryPage::on_documents(std::vector<LibraryFolder> folders) {
  const QString selected = document_path_;
  const int64_t selected_chunk = chunk_table_->currentIndex().data(ChunkTableModel::ChunkIdRole).toLongLong();
  documents_->setFolders(std::move(folders));
  update_formats();
  tree_->expandAll();
  update_summary();
  // The document shown before stays shown if it is still there.
  if (!selected.isEmpty() && !showDocument(selected, selected_chunk)) {
    document_path_.clear();
    chunks_->setChunks({});
    text_->clearPassage();
    text_title_->clear();
    similar_->clear();
    similar_->setSource(0, QString(), 0, 0);
    retranslate();
  }
  emit documentsLoaded();
}

bool LibraryPage::showDocument(const QString& path, int64_t chunk_id) {
  const QModelIndex source = documents_->indexOfPath(path);
  if (!source.isValid()) return false;
  QModelIndex proxy = filter_model_->mapFromSource(source);
  if (!proxy.isValid()) {  // hidden by the filter: show everything again
    filter_->clear();
    type_->setCurrentIndex(0);
    proxy = filter_model_->mapFromSource(source);
  }
  pending_chunk_ = chunk_id;
  tree_->expand(proxy.parent());
  if (tree_->currentIndex() == proxy)
    on_document_selected(proxy);  // no selection change to announce it: load again
  else
    tree_->setCurrentIndex(proxy);
  tree_->scrollTo(proxy);
  return true;
}

void LibraryPage::on_document_selected(const QModelIndex& proxy_index) {
  const core::DocumentRecord* document = documents_->document(filter_model_->mapToSource(proxy_index));
  if (document == nullptr) return;  // a folder row
  // The similar passages stay listed (their status names the passage they are similar to), so
  // that going to one of them keeps the others at hand.
  document_path_ = document->info.path;
  const int64_t id = document->id;
  const quint64 ticket = ++chunks_ticket_;
  when_done<std::vector<core::StoredChunk>>(
      this,
      services_.search().run<std::vector<core::StoredChunk>>(
          [id](SearchContext& context) { return context.store.chunks(id); }),
      [this, ticket, id](const Result<std::vector<core::StoredChunk>>& chunks) {
        if (ticket != chunks_ticket_) return;
        if (!chunks) {
          document_title_->setText(QString::fromStdString(chunks.error().message));
          return;
        }
        chunks_->setChunks(*chunks);
        retranslate();
        const int row = pending_chunk_ != 0 ? std::max(0, chunks_->rowOfChunk(pending_chunk_)) : 0;
        pending_chunk_ = 0;
        if (chunks_->rowCount() > 0) chunk_table_->setCurrentIndex(chunks_->index(row, ChunkTableModel::TextColumn));
        emit chunksLoaded(id);
      });
}

void LibraryPage::on_chunk_selected(const QModelIndex& index) {
  const core::StoredChunk* chunk = chunks_->chunk(index.row());
  if (chunk == nullptr) {
    similar_->setSource(0, QString(), 0, 0);
    text_->clearPassage();
    text_title_->clear();
    return;
  }
  similar_->setSource(chunk->id, QFileInfo(document_path_).fileName(), chunk->ordinal, chunks_->rowCount());
  ++passage_ticket_;  // a similar passage still loading must not replace this one
  const PassageContext passage = chunk_passage(*chunk, document_path_, chunks_->rowCount());
  text_->showPassage(passage);
  text_shows_similar_ = false;
  text_title_->setText(passage_title(passage));
}

void LibraryPage::show_similar_passage(const core::SearchResult& result) {
  const core::SearchResult wanted = result;
  const quint64 ticket = ++passage_ticket_;
  when_done<PassageContext>(
      this,
      services_.search().run<PassageContext>([wanted](SearchContext& context) {
        return load_passage_context(context.store, wanted, QString(), 1);
      }),
      [this, ticket](const Result<PassageContext>& passage) {
        if (ticket != passage_ticket_) return;
        if (!passage) {
          text_title_->setText(QString::fromStdString(passage.error().message));
          return;
        }
        text_->showPassage(*passage);
        text_shows_similar_ = true;
        text_title_->setText(tr("Similar: %1").arg(passage_title(*passage)));
      });
}

void LibraryPage::update_formats() {
  std::set<QString> formats;
  for (const LibraryFolder& folder : documents_->folders())
    for (const core::DocumentRecord& document : folder.documents) formats.insert(document.info.format);
  const QString current = type_->currentData().toString();
  const QSignalBlocker blocker(type_);
  while (type_->count() > 1) type_->removeItem(1);
  for (const QString& format : formats) type_->addItem(FormatNames::display(format), format);
  const int index = type_->findData(current);
  type_->setCurrentIndex(std::max(0, index));
  filter_model_->setFormat(type_->currentData().toString());
}

void LibraryPage::update_summary() {
  int documents = 0;
  for (const LibraryFolder& folder : documents_->folders()) documents += static_cast<int>(folder.documents.size());
  const int folders = static_cast<int>(documents_->folders().size());
  if (folders == 0) {
    summary_->setText(tr("Nothing is indexed yet: add a folder on the Folders page."));
    return;
  }
  QString text = tr("%n document(s)", "", documents) + QStringLiteral(" · ") + tr("%n folder(s)", "", folders);
  if (filter_model_->active()) {
    int shown = 0;
    for (int row = 0; row < filter_model_->rowCount(); ++row) shown += filter_model_->rowCount(filter_model_->index(row, 0));
    text += QStringLiteral(" · ") + tr("%n shown", "", shown);
  }
  summary_->setText(text);
}

void LibraryPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void LibraryPage::retranslate() {
  filter_->setPlaceholderText(tr("Filter by name or path"));
  type_->setItemText(0, tr("All types"));
  for (int row = 1; row < type_->count(); ++row) type_->setItemText(row, FormatNames::display(type_->itemData(row).toString()));
  type_->setToolTip(tr("Only documents of this type"));
  documents_->retranslate();
  chunks_->retranslate();
  if (document_path_.isEmpty())
    document_title_->setText(tr("Select a document to see its passages."));
  else
    document_title_->setText(tr("%1 · %n passage(s)", "", chunks_->rowCount()).arg(QFileInfo(document_path_).fileName()));
  if (const PassageContext& shown = text_->passage(); !shown.path.isEmpty())
    text_title_->setText(text_shows_similar_ ? tr("Similar: %1").arg(passage_title(shown)) : passage_title(shown));
  update_summary();
}

}  // namespace xun::gui
