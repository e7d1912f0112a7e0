#include "library/similar_passages_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/file_actions.h"
#include "common/result_delegate.h"
#include "common/result_list_model.h"
#include "common/when_done.h"
#include "search/searcher.h"
#include "services/search_service.h"

namespace xun::gui {

SimilarPassagesPanel::SimilarPassagesPanel(SearchService& search, const FileActions& actions, QWidget* parent)
    : QWidget(parent), search_(search), actions_(actions) {
  model_ = new ResultListModel(this);
  delegate_ = new ResultDelegate(this);
  button_ = new QPushButton(QIcon(QStringLiteral(":/icons/search.svg")), QString(), this);
  button_->setObjectName(QStringLiteral("similarButton"));
  button_->setEnabled(false);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("similarStatus"));
  status_->setWordWrap(true);
  status_->setTextFormat(Qt::PlainText);
  list_ = new QListView(this);
  list_->setObjectName(QStringLiteral("similarResults"));
  list_->setModel(model_);
  list_->setItemDelegate(delegate_);
  list_->setUniformItemSizes(true);
  list_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // rows elide and wrap
  list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  list_->setContextMenuPolicy(Qt::CustomContextMenu);

  auto* header = new QHBoxLayout;
  header->addWidget(button_);
  header->addWidget(status_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(header);
  layout->addWidget(list_, 1);

  connect(button_, &QPushButton::clicked, this, &SimilarPassagesPanel::findSimilar);
  connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
    if (const core::SearchResult* result = model_->result(current.row())) emit passageSelected(*result);
  });
  connect(list_, &QListView::activated, this, [this](const QModelIndex& index) {
    if (const core::SearchResult* result = model_->result(index.row())) actions_.openFile(result->path);
  });
  connect(list_, &QListView::customContextMenuRequested, this, &SimilarPassagesPanel::show_menu);
  retranslate();
}

void SimilarPassagesPanel::setSource(int64_t chunk_id, const QString& file_name, int ordinal, int chunk_count) {
  source_ = {chunk_id, file_name, ordinal, chunk_count};
  button_->setEnabled(chunk_id != 0);
}

QString SimilarPassagesPanel::describe(const Source& source) {
  return tr("%1 · passage %2 of %3").arg(source.file_name).arg(source.ordinal + 1).arg(source.chunk_count);
}

void SimilarPassagesPanel::clear() {
  ++ticket_;
  model_->clear();
  set_status({});
}

void SimilarPassagesPanel::findSimilar() {
  if (source_.chunk_id == 0) return;
  const int64_t chunk_id = source_.chunk_id;
  const Source source = source_;
  const quint64 ticket = ++ticket_;
  set_status([] { return tr("Looking for similar passages…"); });
  when_done<core::SearchResults>(
      this,
      search_.run<core::SearchResults>([chunk_id](SearchContext& context) {
        // The loaded model names the vector space searches use; without one, the index's own.
        return context.searcher.similar_chunks(chunk_id, kSimilarCount, context.models.embedding.get());
      }),
      [this, ticket, chunk_id, source](const Result<core::SearchResults>& results) {
        if (ticket != ticket_) return;
        if (!results) {
          model_->clear();
          const QString message = QString::fromStdString(results.error().message);
          set_status([message] { return tr("No similar passages: %1").arg(message); });
          emit failed(chunk_id, message);
          return;
        }
        model_->setResults(results->results);
        const int count = model_->rowCount();
        // The list stays when another chunk is selected, so it says what it is similar to.
        set_status([count, source] {
          return tr("%n passage(s) similar to %1, nearest first", "", count).arg(describe(source));
        });
        emit finished(chunk_id, count);
      });
}

void SimilarPassagesPanel::show_menu(const QPoint& position) {
  const QModelIndex index = list_->indexAt(position);
  const core::SearchResult* result = model_->result(index.row());
  if (!index.isValid() || result == nullptr) return;
  const QString path = result->path;
  const qint64 chunk_id = result->chunk_id;
  QMenu menu(this);
  menu.setObjectName(QStringLiteral("similarMenu"));
  menu.addAction(QIcon(QStringLiteral(":/icons/library.svg")), tr("Go to passage"), this,
                 [this, path, chunk_id] { emit goToPassage(path, chunk_id); });
  menu.addSeparator();
  actions_.addTo(menu, path);
  menu.exec(list_->viewport()->mapToGlobal(position));
}

void SimilarPassagesPanel::set_status(std::function<QString()> text) {
  status_text_ = std::move(text);
  status_->setText(status_text_ ? status_text_() : QString());
}

void SimilarPassagesPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void SimilarPassagesPanel::retranslate() {
  button_->setText(tr("Similar passages"));
  button_->setToolTip(tr("The passages of the library nearest to the selected one by meaning"));
  if (status_text_) status_->setText(status_text_());
  list_->viewport()->update();  // the score badges are words too
}

}  // namespace xun::gui
