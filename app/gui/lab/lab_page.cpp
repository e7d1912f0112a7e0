#include "lab/lab_page.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "lab/lab_export.h"
#include "lab/lab_state.h"
#include "lab/preset_bar.h"
#include "lab/score_chart.h"
#include "lab/variant_editor.h"
#include "lab/variant_results_view.h"
#include "services/app_services.h"

namespace xun::gui {
namespace {

constexpr int kMinVariants = 2;
constexpr int kPoolDepth = 50;  // of each search whose union is the pool (LabRequest)
// Three variants side by side in a 900 px wide window; a fourth scrolls.
constexpr int kVariantMinWidth = 270;

}  // namespace

LabPage::LabPage(AppServices& services, QWidget* parent) : QWidget(parent), services_(services) {
  setObjectName(QStringLiteral("labPage"));
  query_label_ = new QLabel(this);
  query_ = new QLineEdit(this);
  query_->setObjectName(QStringLiteral("labQuery"));
  query_->setClearButtonEnabled(true);
  query_label_->setBuddy(query_);
  run_ = new QPushButton(this);
  run_->setObjectName(QStringLiteral("labRun"));
  run_->setIcon(QIcon(QStringLiteral(":/icons/lab.svg")));
  run_->setDefault(true);
  cancel_ = new QPushButton(this);
  cancel_->setObjectName(QStringLiteral("labCancel"));
  cancel_->setIcon(QIcon(QStringLiteral(":/icons/stop.svg")));
  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("labProgress"));
  progress_->setMaximumWidth(160);
  progress_->setTextVisible(false);

  presets_ = new PresetBar(services_.settings(), [this] { return variants(); }, this);
  shown_label_ = new QLabel(this);
  shown_ = new QSpinBox(this);
  shown_->setObjectName(QStringLiteral("labShown"));
  shown_->setRange(5, 500);
  shown_->setValue(results_.shown());
  shown_label_->setBuddy(shown_);
  add_ = new QToolButton(this);
  add_->setObjectName(QStringLiteral("labAddVariant"));
  add_->setIcon(QIcon(QStringLiteral(":/icons/add.svg")));
  add_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  export_ = new QToolButton(this);
  export_->setObjectName(QStringLiteral("labExport"));
  export_->setIcon(QIcon(QStringLiteral(":/icons/download.svg")));
  export_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("labStatus"));
  status_->setWordWrap(true);

  auto* columns = new QWidget;
  columns_layout_ = new QHBoxLayout(columns);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(columns);
  chart_ = new ScoreChart(results_, this);
  chart_->setObjectName(QStringLiteral("labScoreChart"));
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->setObjectName(QStringLiteral("labSplitter"));
  splitter->addWidget(scroll);
  splitter->addWidget(chart_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({3000, 1000});  // proportions: the rankings first
  splitter->setCollapsible(0, false);

  auto* query_row = new QHBoxLayout;
  query_row->addWidget(query_label_);
  query_row->addWidget(query_, 1);
  query_row->addWidget(run_);
  query_row->addWidget(cancel_);
  query_row->addWidget(progress_);
  auto* tools_row = new QHBoxLayout;
  tools_row->addWidget(presets_);
  tools_row->addStretch(1);
  tools_row->addWidget(shown_label_);
  tools_row->addWidget(shown_);
  tools_row->addWidget(add_);
  tools_row->addWidget(export_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(query_row);
  layout->addLayout(tools_row);
  layout->addWidget(status_);
  layout->addWidget(splitter, 1);

  progress_timer_ = new QTimer(this);
  progress_timer_->setInterval(100);
  connect(progress_timer_, &QTimer::timeout, this, &LabPage::show_progress);
  connect(&watcher_, &QFutureWatcher<Result<LabComparison>>::finished, this, &LabPage::on_finished);
  connect(query_, &QLineEdit::returnPressed, this, &LabPage::run);
  connect(query_, &QLineEdit::textChanged, this, &LabPage::update_actions);
  connect(run_, &QPushButton::clicked, this, &LabPage::run);
  connect(cancel_, &QPushButton::clicked, this, &LabPage::cancel);
  connect(add_, &QToolButton::clicked, this, [this] { add_variant(default_variant()); });
  connect(export_, &QToolButton::clicked, this, &LabPage::ask_path_and_export);
  connect(shown_, &QSpinBox::valueChanged, &results_, &LabResults::setShown);
  connect(presets_, &PresetBar::presetChosen, this,
          [this](const LabPreset& preset) { setVariants(preset.variants); });
  connect(&results_, &LabResults::comparisonChanged, this, &LabPage::update_actions);

  for (int i = 0; i < kMinVariants; ++i) add_variant(default_variant());
  restore_state();
  set_running(false);
  retranslate();
}

LabPage::~LabPage() {
  if (control_) control_->cancel();  // the search thread stops at its next batch
}

void LabPage::saveState() {
  const LabState state{.query = query_->text(),
                       .variants = variants(),
                       .shown = results_.shown(),
                       .judged_query = results_.judgedQuery(),
                       .relevant = results_.relevant()};
  services_.settings().setLabState(lab_state_to_json(state));
}

void LabPage::restore_state() {
  const LabState state = lab_state_from_json(services_.settings().labState());
  query_->setText(state.query);
  if (!state.variants.empty()) setVariants(state.variants);
  shown_->setValue(state.shown);
  results_.restoreRelevance(state.judged_query, state.relevant);
}

LabVariant LabPage::default_variant() const {
  AppSettings& settings = services_.settings();
  return {.query_instruction = settings.queryInstruction(),
          .rerank_instruction = settings.rerankInstruction(),
          .rerank = false,
          .embedding_model = {},
          .reranker_model = {}};
}

std::vector<LabVariant> LabPage::variants() const {
  std::vector<LabVariant> variants;
  for (const Column& column : columns_) variants.push_back(column.editor->variant());
  return variants;
}

void LabPage::setVariants(const std::vector<LabVariant>& variants) {
  if (control_) return;
  while (columns_.size() > std::max<size_t>(variants.size(), kMinVariants)) remove_variant(columns_.size() - 1);
  while (columns_.size() < variants.size()) add_variant(default_variant());
  for (size_t i = 0; i < columns_.size(); ++i)
    columns_[i].editor->setVariant(i < variants.size() ? variants[i] : default_variant());
}

void LabPage::add_variant(const LabVariant& variant) {
  const size_t index = columns_.size();
  auto* widget = new QWidget;
  widget->setMinimumWidth(kVariantMinWidth);
  auto* editor = new VariantEditor(widget);
  editor->setVariant(variant);
  auto* view = new VariantResultsView(results_, index, widget);
  auto* layout = new QVBoxLayout(widget);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(editor);
  layout->addWidget(view, 1);
  columns_layout_->addWidget(widget, 1);
  columns_.push_back({widget, editor, view});
  connect(editor, &VariantEditor::removeRequested, this, [this, widget] {
    for (size_t i = 0; i < columns_.size(); ++i)
      if (columns_[i].widget == widget) return remove_variant(i);
  });
  connect(view, &VariantResultsView::chunkSelected, this, &LabPage::select_everywhere);
  // Keeps columns and rankings in step once a comparison ran; the new one ranks at the next run.
  if (results_.comparison().rankings.size() == index) results_.appendVariant(variant);
  renumber();
}

void LabPage::remove_variant(size_t index) {
  if (index >= columns_.size() || columns_.size() <= kMinVariants || control_) return;
  // Deleted later: the click on its own remove button is still being delivered.
  QWidget* widget = columns_[index].widget;
  widget->hide();
  widget->setObjectName(QString());
  columns_layout_->removeWidget(widget);
  widget->deleteLater();
  columns_.erase(columns_.begin() + static_cast<std::ptrdiff_t>(index));
  results_.removeVariant(index);
  renumber();
}

void LabPage::renumber() {
  for (size_t i = 0; i < columns_.size(); ++i) {
    columns_[i].widget->setObjectName(QStringLiteral("labVariant%1").arg(i));
    columns_[i].editor->setName(lab_variant_name(i));
    columns_[i].results->setVariant(i);
  }
  update_actions();
}

void LabPage::run() {
  if (control_) return;
  const QString query = query_->text().trimmed();
  if (query.isEmpty()) {
    status_->setText(tr("Type a query to compare the variants on."));
    return;
  }
  LabRequest request{.query = query,
                     .variants = variants(),
                     .pool_instruction = services_.settings().queryInstruction(),
                     .pool_depth = kPoolDepth};
  auto control = std::make_shared<LabRunControl>();
  std::shared_ptr<ModelHost> host = services_.search().host();
  control_ = control;
  watcher_.setFuture(services_.search().run<LabComparison>(
      [request = std::move(request), control, host](SearchContext& context) {
        return run_lab(context, *host, request, *control);
      }));
  set_running(true);
  show_progress();
}

void LabPage::cancel() {
  if (!control_) return;
  control_->cancel();
  status_->setText(tr("Cancelling…"));
}

void LabPage::on_finished() {
  const std::shared_ptr<LabRunControl> control = std::move(control_);
  control_.reset();
  set_running(false);
  const QFuture<Result<LabComparison>> future = watcher_.future();
  if (future.resultCount() == 0) {
    status_->setText(tr("The comparison was stopped."));
  } else if (Result<LabComparison> result = future.result(); !result) {
    status_->setText(control && control->cancelled()
                         ? tr("Cancelled.")
                         : tr("Could not compare: %1").arg(QString::fromStdString(result.error().message)));
  } else {
    const size_t pool = result->pool.size();
    const QString note = result->pool_note;
    results_.setComparison(std::move(*result));
    QString text = pool == 0 ? tr("No passage matches this query. Index a folder, or try other words.")
                             : tr("Every variant ranked the same candidate passages: %1.").arg(pool);
    if (!note.isEmpty()) text += u' ' + note;
    status_->setText(text);
  }
  emit runFinished();
}

void LabPage::show_progress() {
  if (!control_) return;
  const LabRunControl::Progress progress = control_->progress();
  progress_->setRange(0, std::max(progress.total, 1));
  progress_->setValue(progress.done);
  if (!control_->cancelled()) status_->setText(progress.stage.isEmpty() ? tr("Comparing…") : progress.stage);
}

void LabPage::set_running(bool running) {
  progress_->setVisible(running);
  cancel_->setVisible(running);
  if (running)
    progress_timer_->start();
  else
    progress_timer_->stop();
  update_actions();
}

void LabPage::update_actions() {
  const bool running = control_ != nullptr;
  run_->setEnabled(!running && !query_->text().trimmed().isEmpty());
  add_->setEnabled(!running);
  presets_->setEnabled(!running);
  for (const Column& column : columns_) column.editor->setRemovable(!running && columns_.size() > kMinVariants);
  bool any_ranking = false;
  for (const LabRanking& ranking : results_.comparison().rankings) any_ranking |= ranking.ran();
  export_->setEnabled(!running && any_ranking);
}

void LabPage::select_everywhere(qint64 chunk_id) {
  for (const Column& column : columns_) column.results->selectChunk(chunk_id);
}

void LabPage::ask_path_and_export() {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QString csv = tr("CSV (*.csv)");
  const QString json = tr("JSON (*.json)");
  QString filter = csv;
  QString path = QFileDialog::getSaveFileName(this, tr("Export comparison"),
                                              QDir(folder).filePath(QStringLiteral("lab-comparison.csv")),
                                              csv + QStringLiteral(";;") + json, &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += filter == json ? QStringLiteral(".json") : QStringLiteral(".csv");
  exportComparison(path);
}

bool LabPage::exportComparison(const QString& path) {
  if (auto ok = export_comparison(results_, path); !ok) {
    status_->setText(tr("Could not export: %1").arg(QString::fromStdString(ok.error().message)));
    return false;
  }
  status_->setText(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
  return true;
}

void LabPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void LabPage::retranslate() {
  query_label_->setText(tr("Query:"));
  query_->setPlaceholderText(tr("A query to compare the variants on"));
  run_->setText(tr("Compare"));
  run_->setToolTip(tr("Rank the same candidate passages with every variant"));
  cancel_->setText(tr("Cancel"));
  shown_label_->setText(tr("Show top:"));
  shown_->setToolTip(tr("How many results each variant lists; the metrics use whole rankings"));
  add_->setText(tr("Add variant"));
  export_->setText(tr("Export…"));
  export_->setToolTip(tr("Save the comparison as CSV or JSON"));
  // Later messages describe a run, in the language it ran in; the opening hint follows along.
  if (!control_ && results_.comparison().query.isEmpty())
    status_->setText(tr("Type a query, set up the variants, and compare."));
}

}  // namespace xun::gui
