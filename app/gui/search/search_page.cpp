#include "search/search_page.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QProgressBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "common/passage_context.h"
#include "common/result_delegate.h"
#include "common/result_list_model.h"
#include "common/when_done.h"
#include "search/first_run_banner.h"
#include "search/search_filters.h"
#include "search/search_options_bar.h"
#include "search/search_preview.h"
#include "search/search_session.h"
#include "services/app_services.h"

namespace xun::gui {
namespace {

// What the filters offer and the banner needs to know, read from the index.
struct IndexFacts {
  QStringList folders;
  QStringList formats;
};

Result<IndexFacts> read_index_facts(SearchContext& context) {
  auto folders = context.store.folders();
  if (!folders) return std::unexpected(folders.error());
  auto formats = core::indexed_formats(context.store.database());
  if (!formats) return std::unexpected(formats.error());
  IndexFacts facts;
  for (const core::FolderRecord& folder : *folders) facts.folders << folder.path;
  facts.formats = *formats;
  return facts;
}

QString mode_name(core::SearchMode mode) {
  switch (mode) {
    case core::SearchMode::hybrid: return SearchPage::tr("hybrid");
    case core::SearchMode::dense: return SearchPage::tr("semantic");
    case core::SearchMode::keyword: return SearchPage::tr("keyword");
  }
  return {};
}

}  // namespace

SearchPage::SearchPage(AppServices& services, QWidget* parent)
    : QWidget(parent), services_(services) {
  choose_folder_ = [](QWidget* parent) {
    return QFileDialog::getExistingDirectory(parent, tr("Add a folder to index"));
  };
  session_ = new SearchSession(services_.search(), this);
  typing_pause_ = new QTimer(this);
  typing_pause_->setSingleShot(true);
  typing_pause_->setInterval(kTypingPauseMs);
  build();

  connect(typing_pause_, &QTimer::timeout, this, &SearchPage::searchNow);
  connect(session_, &SearchSession::finished, this, &SearchPage::on_results);
  connect(session_, &SearchSession::failed, this, &SearchPage::on_failure);
  connect(session_, &SearchSession::busyChanged, busy_, &QWidget::setVisible);
  connect(&services_, &AppServices::modelsLoadingStarted, this, &SearchPage::update_banner);
  connect(&services_, &AppServices::modelsChanged, this, &SearchPage::on_models_changed);
  connect(&services_.settings(), &AppSettings::instructionsChanged, this, [this] {
    if (!query_->text().trimmed().isEmpty()) searchNow();  // the same words, another task
  });
  IndexService& indexing = services_.indexing();
  connect(&indexing, &IndexService::foldersChanged, this, &SearchPage::reload_index_facts);
  connect(&indexing, &IndexService::finished, this, [this] {
    if (!query_->text().trimmed().isEmpty()) searchNow();  // new files may answer the query
  });
  options_->restoreState(services_.settings().searchOptions());
  on_models_changed();
  reload_index_facts();
  retranslate();
}

SearchPage::~SearchPage() = default;

void SearchPage::build() {
  query_ = new QLineEdit(this);
  query_->setObjectName(QStringLiteral("searchQuery"));
  query_->setClearButtonEnabled(true);
  query_->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
  query_->installEventFilter(this);
  options_ = new SearchOptionsBar(this);
  banner_ = new FirstRunBanner(this);
  banner_->setVisible(false);

  model_ = new ResultListModel(this);
  delegate_ = new ResultDelegate(this);
  list_ = new QListView(this);
  list_->setObjectName(QStringLiteral("searchResults"));
  list_->setModel(model_);
  list_->setItemDelegate(delegate_);
  list_->setUniformItemSizes(true);
  list_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // rows elide and wrap
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  list_->setContextMenuPolicy(Qt::CustomContextMenu);
  list_->installEventFilter(this);
  preview_ = new SearchPreview(actions_, this);
  splitter_ = new QSplitter(Qt::Horizontal, this);
  splitter_->setObjectName(QStringLiteral("searchSplitter"));
  splitter_->addWidget(list_);
  splitter_->addWidget(preview_);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 2);
  splitter_->setChildrenCollapsible(false);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("searchStatus"));
  status_->setTextFormat(Qt::PlainText);
  status_->setWordWrap(true);

  busy_ = new QProgressBar(this);
  busy_->setObjectName(QStringLiteral("searchBusy"));
  busy_->setRange(0, 0);  // no steps to count: it shows that work goes on
  busy_->setTextVisible(false);
  busy_->setMaximumWidth(120);
  busy_->setVisible(false);
  auto* status_row = new QHBoxLayout;
  status_row->addWidget(status_, 1);
  status_row->addWidget(busy_, 0, Qt::AlignTop);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(query_);
  layout->addWidget(options_);
  layout->addWidget(banner_);
  layout->addWidget(splitter_, 1);
  layout->addLayout(status_row);

  connect(query_, &QLineEdit::textEdited, this, &SearchPage::query_edited);
  connect(query_, &QLineEdit::returnPressed, this, [this] {
    if (dirty_ || typing_pause_->isActive())
      searchNow();
    else
      open_result(list_->currentIndex());
  });
  connect(options_, &SearchOptionsBar::changed, this, &SearchPage::options_changed);
  connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& current) { show_preview(current); });
  connect(list_, &QListView::activated, this, &SearchPage::open_result);
  connect(list_, &QListView::customContextMenuRequested, this, &SearchPage::show_context_menu);
  connect(banner_, &FirstRunBanner::addFolderClicked, this, &SearchPage::add_folder);
  connect(banner_, &FirstRunBanner::openSettingsClicked, this, &SearchPage::openSettingsRequested);
}

void SearchPage::saveState() {
  services_.settings().setSearchOptions(options_->state());
}

void SearchPage::focusQuery() {
  query_->setFocus(Qt::ShortcutFocusReason);
  query_->selectAll();
}

SearchSpec SearchPage::current_spec() const {
  SearchSpec spec;
  spec.query = query_->text().trimmed();
  spec.mode = options_->mode();
  spec.top_k = kResultCount;
  spec.instruction = services_.settings().queryInstruction();
  spec.rerank = options_->rerank();
  spec.rerank_instruction = services_.settings().rerankInstruction();
  spec.filters = options_->filters();
  return spec;
}

void SearchPage::query_edited() {
  dirty_ = true;
  typing_pause_->start();
}

void SearchPage::options_changed() {
  dirty_ = true;
  if (!query_->text().trimmed().isEmpty()) searchNow();
}

void SearchPage::searchNow() {
  typing_pause_->stop();
  dirty_ = false;
  const SearchSpec spec = current_spec();
  if (spec.query.isEmpty()) {
    session_->cancel();
    shown_query_.clear();
    model_->clear();
    preview_->showMessage(QString());
    set_status({});
    return;
  }
  session_->start(spec);
  if (model_->rowCount() == 0) set_status([] { return tr("Searching…"); });
}

void SearchPage::on_results(const core::SearchResults& results, const QString& note) {
  // The same query again (a filter changed, new files came in): the passage selected before
  // stays selected if it is still there. A new query starts at its best result.
  const SearchSpec spec = session_->spec();
  const QModelIndex current = list_->currentIndex();
  const qint64 selected = current.isValid() && spec.query == shown_query_
                              ? current.data(ResultListModel::ChunkIdRole).toLongLong()
                              : -1;
  shown_query_ = spec.query;
  model_->setResults(results.results);
  int row = 0;
  for (int i = 0; i < model_->rowCount(); ++i)
    if (model_->result(i)->chunk_id == selected) row = i;
  if (model_->rowCount() > 0)
    list_->setCurrentIndex(model_->index(row));
  else
    preview_->showMessage(QString());

  const int count = model_->rowCount();
  const double ms = results.stats.total_ms;
  const bool reranked = spec.rerank && !results.results.empty() && results.results.front().rerank_score;
  const core::SearchMode mode = note.isEmpty() ? spec.mode : core::SearchMode::keyword;
  const bool no_folders = index_facts_known_ && folders_.isEmpty();
  const std::optional<int> truncated = results.query_truncated_to_tokens;
  set_status([count, no_folders, spec, ms, mode, reranked, note, truncated] {
    if (count == 0 && no_folders) return tr("No folder is indexed yet: add one to search its files.");
    QString text = count == 0 ? tr("No results for “%1”.").arg(spec.query)
                              : tr("%n result(s) in %1 ms", "", count).arg(ms, 0, 'f', 0);
    text += QStringLiteral(" · ") + mode_name(mode);
    if (reranked) text += QStringLiteral(" · ") + tr("reranked");
    if (!note.isEmpty()) text += QStringLiteral("\n") + tr("Keyword results only: %1").arg(note);
    if (truncated)
      text += QStringLiteral("\n") +
              tr("The query is long: the models used its first %n token(s).", "", *truncated);
    return text;
  });
  emit searchFinished(spec.query, count);
}

void SearchPage::on_failure(const QString& message) {
  shown_query_.clear();
  model_->clear();
  preview_->showMessage(QString());
  set_status([message] { return tr("Search failed: %1").arg(message); });
  emit searchFailed(session_->spec().query, message);
}

void SearchPage::on_models_changed() {
  const LoadedModels& models = services_.models();
  options_->setModels(models.embedding != nullptr, models.reranker != nullptr);
  update_banner();
  if (!services_.modelsLoading() && !query_->text().trimmed().isEmpty()) searchNow();
}

void SearchPage::reload_index_facts() {
  when_done<IndexFacts>(this, services_.search().run<IndexFacts>(read_index_facts),
                        [this](const Result<IndexFacts>& facts) {
                          if (!facts) {
                            set_status([message = QString::fromStdString(facts.error().message)] {
                              return tr("Cannot read the index: %1").arg(message);
                            });
                            return;
                          }
                          index_facts_known_ = true;
                          folders_ = facts->folders;
                          options_->setChoices(facts->folders, facts->formats);
                          update_banner();
                        });
}

void SearchPage::update_banner() {
  banner_->setState(services_.models().embedding != nullptr, services_.modelsLoading(),
                    !index_facts_known_ || !folders_.isEmpty());
}

void SearchPage::show_preview(const QModelIndex& index) {
  const core::SearchResult* result = model_->result(index.row());
  if (!index.isValid() || result == nullptr) {
    // New results reset the list: the passage shown stays until the next one is there.
    if (model_->rowCount() == 0) {
      ++preview_ticket_;
      preview_->showMessage(QString());
    }
    return;
  }
  const quint64 ticket = ++preview_ticket_;
  const core::SearchResult wanted = *result;
  const QString query = session_->spec().query;
  when_done<PassageContext>(
      this,
      services_.search().run<PassageContext>([wanted, query](SearchContext& context) {
        return load_passage_context(context.store, wanted, query);
      }),
      [this, ticket](const Result<PassageContext>& passage) {
        if (ticket != preview_ticket_) return;  // another result was selected meanwhile
        if (!passage) {
          preview_->showMessage(QString::fromStdString(passage.error().message));
          return;
        }
        preview_->showPassage(*passage);
        emit previewShown(passage->chunk_id);
      });
}

void SearchPage::open_result(const QModelIndex& index) {
  if (const core::SearchResult* result = model_->result(index.row()); index.isValid() && result)
    actions_.openFile(result->path);
}

void SearchPage::show_context_menu(const QPoint& position) {
  const QModelIndex index = list_->indexAt(position);
  const core::SearchResult* result = model_->result(index.row());
  if (!index.isValid() || result == nullptr) return;
  QMenu menu(this);
  menu.setObjectName(QStringLiteral("resultMenu"));
  actions_.addTo(menu, result->path);
  menu.exec(list_->viewport()->mapToGlobal(position));
}

void SearchPage::add_folder() {
  const QString chosen = choose_folder_(this);
  if (chosen.isEmpty()) return;
  const QString folder = QDir::cleanPath(QFileInfo(chosen).absoluteFilePath());
  services_.indexing().indexFolders({folder});
  set_status([folder] {
    return tr("Indexing %1… Keyword search finds its files as they come in.").arg(QDir::toNativeSeparators(folder));
  });
}

void SearchPage::set_status(std::function<QString()> text) {
  status_text_ = std::move(text);
  status_->setText(status_text_ ? status_text_() : QString());
}

bool SearchPage::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() != QEvent::KeyPress) return QWidget::eventFilter(watched, event);
  auto* key = static_cast<QKeyEvent*>(event);
  if (watched == query_) {
    // The arrows move through the results while the field keeps the focus.
    switch (key->key()) {
      case Qt::Key_Up:
      case Qt::Key_Down:
      case Qt::Key_PageUp:
      case Qt::Key_PageDown:
        if (model_->rowCount() == 0) return false;
        QCoreApplication::sendEvent(list_, event);
        return true;
      default: return false;
    }
  }
  if (watched == list_ && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
    open_result(list_->currentIndex());
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void SearchPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void SearchPage::retranslate() {
  query_->setPlaceholderText(tr("Search your files (Ctrl+K)"));
  query_->setToolTip(tr("Type to search; ↑ and ↓ choose a result, Enter opens it"));
  if (status_text_) status_->setText(status_text_());
  list_->viewport()->update();  // the score badges are words too
}

}  // namespace xun::gui
