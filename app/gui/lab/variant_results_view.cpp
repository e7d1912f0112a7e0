#include "lab/variant_results_view.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include "lab/variant_ranking_model.h"

namespace xun::gui {
namespace {

QLabel* value_label(const char* object_name, QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setObjectName(QString::fromLatin1(object_name));
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont bold = label->font();
  bold.setBold(true);
  label->setFont(bold);
  // Room for "0.000" from the start, so that the line does not shift when values appear.
  label->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(QStringLiteral("0.000")));
  return label;
}

}  // namespace

VariantResultsView::VariantResultsView(LabResults& results, size_t variant, QWidget* parent)
    : QWidget(parent), results_(results), model_(new VariantRankingModel(results, variant, this)) {
  ndcg_caption_ = new QLabel(this);
  ndcg_ = value_label("ndcgValue", this);
  mrr_caption_ = new QLabel(this);
  mrr_ = value_label("mrrValue", this);
  recall_caption_ = new QLabel(this);
  recall_ = value_label("recallValue", this);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("variantStatus"));
  status_->setWordWrap(true);

  table_ = new QTableView(this);
  table_->setObjectName(QStringLiteral("ranking"));
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setWordWrap(false);
  table_->setTextElideMode(Qt::ElideRight);
  table_->verticalHeader()->setVisible(false);
  table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
  QHeaderView* header = table_->horizontalHeader();
  header->setStretchLastSection(true);
  for (int column : {VariantRankingModel::relevant, VariantRankingModel::rank, VariantRankingModel::move,
                     VariantRankingModel::score})
    header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
  header->resizeSection(VariantRankingModel::file, 140);
  table_->setColumnHidden(VariantRankingModel::move, variant == 0);  // the baseline does not move
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &VariantResultsView::on_current_changed);

  auto* metrics = new QHBoxLayout;
  for (QLabel* label : {ndcg_caption_, ndcg_, mrr_caption_, mrr_, recall_caption_, recall_}) metrics->addWidget(label);
  metrics->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(metrics);
  layout->addWidget(status_);
  layout->addWidget(table_, 1);

  connect(&results_, &LabResults::comparisonChanged, this, [this] {
    update_metrics();
    update_status();
  });
  connect(&results_, &LabResults::relevanceChanged, this, &VariantResultsView::update_metrics);
  retranslate();
}

void VariantResultsView::setVariant(size_t variant) {
  model_->setVariant(variant);
  table_->setColumnHidden(VariantRankingModel::move, variant == 0);  // the baseline does not move
  update_metrics();
  update_status();
}

void VariantResultsView::selectChunk(qint64 chunk_id) {
  const int row = model_->rowOf(chunk_id);
  selecting_ = true;
  if (row < 0) {
    table_->selectionModel()->clearSelection();
  } else {
    const QModelIndex index = model_->index(row, VariantRankingModel::file);
    table_->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
  }
  selecting_ = false;
}

void VariantResultsView::on_current_changed() {
  if (selecting_) return;
  const QModelIndex current = table_->selectionModel()->currentIndex();
  if (current.isValid()) emit chunkSelected(current.data(VariantRankingModel::ChunkIdRole).toLongLong());
}

void VariantResultsView::update_metrics() {
  const RankingMetrics metrics = results_.metrics(model_->variant());
  // "–" while nothing is marked (undefined), never a misleading 0.
  auto text = [](const std::optional<double>& value) {
    return value ? QString::number(*value, 'f', 3) : QStringLiteral("–");
  };
  ndcg_->setText(text(metrics.ndcg));
  mrr_->setText(text(metrics.mrr));
  recall_->setText(text(metrics.recall));
}

void VariantResultsView::update_status() {
  const auto& rankings = results_.comparison().rankings;
  const size_t variant = model_->variant();
  if (variant >= rankings.size() || (rankings[variant].ranked.empty() && rankings[variant].error.isEmpty())) {
    status_->setText(results_.comparison().pool.empty() && !results_.comparison().query.isEmpty()
                         ? tr("No passage matches this query.")
                         : tr("Run the comparison to rank the passages with this variant."));
    return;
  }
  const LabRanking& ranking = rankings[variant];
  if (!ranking.error.isEmpty()) {
    status_->setText(tr("Could not run: %1").arg(ranking.error));
    return;
  }
  QString text = tr("Passages ranked: %1").arg(ranking.ranked.size());
  if (ranking.passages_embedded > 0) text += tr("; vectors computed now: %1").arg(ranking.passages_embedded);
  if (ranking.rerank_computed > 0) text += tr("; rerank scores computed now: %1").arg(ranking.rerank_computed);
  status_->setText(text + u'.');
}

void VariantResultsView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void VariantResultsView::retranslate() {
  ndcg_caption_->setText(tr("NDCG@10:"));
  mrr_caption_->setText(tr("MRR:"));
  recall_caption_->setText(tr("Recall@10:"));
  const QString hint = tr("Mark results relevant (✓) to measure each variant against them");
  for (QLabel* label : {ndcg_, mrr_, recall_}) label->setToolTip(hint);
  model_->retranslate();
  update_status();
}

}  // namespace xun::gui
