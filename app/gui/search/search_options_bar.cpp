#include "search/search_options_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QStandardItemModel>

#include "common/format_names.h"
#include "search/date_filter.h"

namespace xun::gui {
namespace {

// The mode combo's rows, in this order.
constexpr core::SearchMode kModes[] = {core::SearchMode::hybrid, core::SearchMode::dense,
                                       core::SearchMode::keyword};

int mode_row(core::SearchMode mode) {
  for (int row = 0; row < 3; ++row)
    if (kModes[row] == mode) return row;
  return 0;
}

}  // namespace

SearchOptionsBar::SearchOptionsBar(QWidget* parent) : QWidget(parent) {
  mode_ = new QComboBox(this);
  mode_->setObjectName(QStringLiteral("searchMode"));
  for (core::SearchMode mode : kModes) mode_->addItem(QString(), static_cast<int>(mode));
  rerank_ = new QCheckBox(this);
  rerank_->setObjectName(QStringLiteral("rerankCheck"));
  filter_label_ = new QLabel(this);
  folder_ = new QComboBox(this);
  folder_->setObjectName(QStringLiteral("folderFilter"));
  folder_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  type_ = new QComboBox(this);
  type_->setObjectName(QStringLiteral("typeFilter"));
  date_ = new DateFilter(this);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(mode_);
  layout->addWidget(rerank_);
  layout->addSpacing(12);
  layout->addWidget(filter_label_);
  layout->addWidget(folder_);
  layout->addWidget(type_);
  layout->addWidget(date_);
  layout->addStretch(1);

  connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
    if (!applying_) preferred_mode_ = mode();
    emit changed();
  });
  connect(rerank_, &QCheckBox::toggled, this, &SearchOptionsBar::changed);
  connect(folder_, &QComboBox::currentIndexChanged, this, &SearchOptionsBar::changed);
  connect(type_, &QComboBox::currentIndexChanged, this, &SearchOptionsBar::changed);
  connect(date_, &DateFilter::changed, this, &SearchOptionsBar::changed);
  fill_combo(folder_, QString(), {});
  fill_combo(type_, QString(), {});
  retranslate();
  apply_mode_availability();
}

core::SearchMode SearchOptionsBar::mode() const {
  return static_cast<core::SearchMode>(mode_->currentData().toInt());
}

void SearchOptionsBar::setMode(core::SearchMode mode) {
  preferred_mode_ = mode;
  apply_mode_availability();
}

bool SearchOptionsBar::rerank() const { return rerank_->isEnabled() && rerank_->isChecked(); }

core::SearchFilters SearchOptionsBar::filters() const {
  core::SearchFilters filters;
  if (const QString folder = folder_->currentData().toString(); !folder.isEmpty()) filters.folders << folder;
  if (const QString format = type_->currentData().toString(); !format.isEmpty()) filters.formats << format;
  filters.modified_from_ms = date_->fromMs();
  filters.modified_to_ms = date_->toMs();
  return filters;
}

void SearchOptionsBar::setModels(bool embedding, bool reranker) {
  embedding_ = embedding;
  reranker_ = reranker;
  apply_mode_availability();
  retranslate();  // the tooltips say why something is disabled
}

void SearchOptionsBar::apply_mode_availability() {
  auto* items = qobject_cast<QStandardItemModel*>(mode_->model());
  for (int row = 0; row < 3; ++row)
    if (kModes[row] != core::SearchMode::keyword) items->item(row)->setEnabled(embedding_);
  const core::SearchMode effective = embedding_ ? preferred_mode_ : core::SearchMode::keyword;
  applying_ = true;
  mode_->setCurrentIndex(mode_row(effective));
  applying_ = false;
  rerank_->setEnabled(reranker_);
}

void SearchOptionsBar::fill_combo(QComboBox* combo, const QString& all_text, const QStringList& values) {
  const QString current = combo->currentData().toString();
  const QSignalBlocker blocker(combo);
  combo->clear();
  combo->addItem(all_text, QString());
  for (const QString& value : values) {
    const bool is_folder = combo == folder_;
    combo->addItem(is_folder ? QDir::toNativeSeparators(value) : FormatNames::display(value), value);
    if (is_folder) combo->setItemData(combo->count() - 1, QDir::toNativeSeparators(value), Qt::ToolTipRole);
  }
  const int index = combo->findData(current);
  combo->setCurrentIndex(index >= 0 ? index : 0);
  if (index < 0 && !current.isEmpty()) emit changed();  // the filter chosen is gone
}

void SearchOptionsBar::setChoices(const QStringList& folders, const QStringList& formats) {
  fill_combo(folder_, tr("All folders"), folders);
  fill_combo(type_, tr("All types"), formats);
}

QVariantMap SearchOptionsBar::state() const {
  QVariantMap state;
  state[QStringLiteral("mode")] = static_cast<int>(preferred_mode_);
  state[QStringLiteral("rerank")] = rerank_->isChecked();
  state[QStringLiteral("folder")] = folder_->currentData().toString();
  state[QStringLiteral("type")] = type_->currentData().toString();
  if (date_->range() != DateFilter::Range::custom) state[QStringLiteral("date")] = static_cast<int>(date_->range());
  return state;
}

void SearchOptionsBar::restoreState(const QVariantMap& state) {
  const QSignalBlocker blocker(this);
  bool ok = false;
  const int mode = state.value(QStringLiteral("mode")).toInt(&ok);
  if (ok && mode_->findData(mode) >= 0) setMode(static_cast<core::SearchMode>(mode));
  rerank_->setChecked(state.value(QStringLiteral("rerank")).toBool());
  // Until the index says which folders and types there are, the one chosen is the only choice.
  for (auto [combo, key] : {std::pair{folder_, "folder"}, std::pair{type_, "type"}}) {
    const QString value = state.value(QLatin1String(key)).toString();
    if (value.isEmpty() || combo->findData(value) >= 0) continue;
    const QSignalBlocker combo_blocker(combo);
    combo->addItem(combo == folder_ ? QDir::toNativeSeparators(value) : FormatNames::display(value), value);
    combo->setCurrentIndex(combo->count() - 1);
  }
  const int date = state.value(QStringLiteral("date")).toInt(&ok);
  if (ok && date >= 0 && date < static_cast<int>(DateFilter::Range::custom)) date_->setRange(static_cast<DateFilter::Range>(date));
}

void SearchOptionsBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void SearchOptionsBar::retranslate() {
  auto* items = qobject_cast<QStandardItemModel*>(mode_->model());
  const QString needs_model = tr("Needs an embedding model: download or locate one in Settings");
  const QString texts[] = {tr("Hybrid"), tr("Semantic"), tr("Keyword")};
  const QString tips[] = {tr("Meaning and keywords together (reciprocal rank fusion)"),
                          tr("By meaning: the passages whose embeddings are nearest the query's"),
                          tr("By words: full-text search ranked by BM25; needs no model")};
  for (int row = 0; row < 3; ++row) {
    items->item(row)->setText(texts[row]);
    const bool disabled = kModes[row] != core::SearchMode::keyword && !embedding_;
    items->item(row)->setToolTip(disabled ? needs_model : tips[row]);
  }
  mode_->setToolTip(embedding_ ? tr("How to search") : tr("Keyword search only: %1").arg(needs_model));
  rerank_->setText(tr("Rerank"));
  rerank_->setToolTip(reranker_ ? tr("Score the best results again with the reranker model (slower, more precise)")
                                : tr("Needs a reranker model: download or locate one in Settings"));
  filter_label_->setText(tr("Filter:"));
  folder_->setItemText(0, tr("All folders"));
  folder_->setToolTip(tr("Only files in this folder"));
  type_->setItemText(0, tr("All types"));
  type_->setToolTip(tr("Only files of this type"));
  for (int row = 1; row < type_->count(); ++row) type_->setItemText(row, FormatNames::display(type_->itemData(row).toString()));
}

}  // namespace xun::gui
