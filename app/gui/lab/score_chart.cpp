#include "lab/score_chart.h"

#include <algorithm>

#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QBarCategoryAxis>
#include <QVBoxLayout>

namespace xun::gui {
namespace {

// The value at fraction `q` of sorted `values` (linear interpolation between neighbours).
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double position = q * static_cast<double>(sorted.size() - 1);
  const size_t below = static_cast<size_t>(position);
  const size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

std::vector<double> scores_of(const LabRanking& ranking) {
  std::vector<double> scores;
  for (const LabScore& entry : ranking.ranked) scores.push_back(entry.score);
  return scores;  // best first
}

}  // namespace

ScoreChart::ScoreChart(LabResults& results, QWidget* parent) : QWidget(parent), results_(results) {
  kind_label_ = new QLabel(this);
  kind_ = new QComboBox(this);
  kind_->setObjectName(QStringLiteral("chartKind"));
  kind_->addItem(QString(), QVariant::fromValue(static_cast<int>(Kind::by_rank)));
  kind_->addItem(QString(), QVariant::fromValue(static_cast<int>(Kind::box_plot)));
  kind_label_->setBuddy(kind_);
  view_ = new QChartView(new QChart, this);
  view_->setObjectName(QStringLiteral("scoreChartView"));
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setMinimumHeight(120);  // the rankings above need the room more in a small window
  // Follows the system palette (dark mode) instead of the chart's fixed light theme.
  view_->chart()->setBackgroundVisible(false);
  // The combo says what the chart shows; the plot keeps the height a title would take.
  view_->chart()->legend()->setAlignment(Qt::AlignRight);
  view_->chart()->setMargins(QMargins(4, 4, 4, 4));

  auto* top = new QHBoxLayout;
  top->addWidget(kind_label_);
  top->addWidget(kind_);
  top->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addWidget(view_, 1);

  connect(kind_, &QComboBox::currentIndexChanged, this, &ScoreChart::rebuild);
  connect(&results_, &LabResults::comparisonChanged, this, &ScoreChart::rebuild);
  retranslate();
}

QChart* ScoreChart::chart() const { return view_->chart(); }

ScoreChart::Kind ScoreChart::kind() const { return static_cast<Kind>(kind_->currentData().toInt()); }

void ScoreChart::rebuild() {
  QChart* chart = view_->chart();
  chart->removeAllSeries();
  for (QAbstractAxis* axis : chart->axes()) {
    chart->removeAxis(axis);
    delete axis;
  }
  const QPalette palette = this->palette();
  chart->setTitleBrush(palette.windowText());
  chart->legend()->setLabelColor(palette.color(QPalette::WindowText));
  if (kind() == Kind::by_rank)
    add_lines();
  else
    add_box_plot();
  for (QAbstractAxis* axis : chart->axes()) {
    axis->setLabelsColor(palette.color(QPalette::WindowText));
    axis->setTitleBrush(palette.windowText());
  }
}

void ScoreChart::add_lines() {
  QChart* chart = view_->chart();
  const LabComparison& comparison = results_.comparison();
  auto* x = new QValueAxis(chart);
  x->setTitleText(tr("Rank"));
  x->setLabelFormat(QStringLiteral("%d"));
  auto* y = new QValueAxis(chart);
  y->setTitleText(tr("Score"));
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  double low = 0, high = 1;
  size_t longest = 1;
  bool first = true;
  for (size_t v = 0; v < comparison.rankings.size(); ++v) {
    const std::vector<double> scores = scores_of(comparison.rankings[v]);
    if (scores.empty()) continue;
    auto* series = new QLineSeries(chart);
    series->setName(tr("Variant %1").arg(lab_variant_name(v)));
    for (size_t r = 0; r < scores.size(); ++r) series->append(static_cast<double>(r + 1), scores[r]);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    const auto [min, max] = std::ranges::minmax(scores);
    low = first ? min : std::min(low, min);
    high = first ? max : std::max(high, max);
    first = false;
    longest = std::max(longest, scores.size());
  }
  x->setRange(1, static_cast<double>(std::max<size_t>(longest, 2)));
  // Ticks on whole ranks: 1, then every 1, 2, 5, 10, 20, ... ranks, ten at most.
  double step = 1;
  for (int i = 0; (static_cast<double>(longest) - 1) / step > 10; ++i) step *= i % 3 == 1 ? 2.5 : 2;
  x->setTickType(QValueAxis::TicksDynamic);
  x->setTickAnchor(1);
  x->setTickInterval(step);
  const double margin = std::max(1e-3, (high - low) * 0.05);
  y->setRange(low - margin, high + margin);
}

void ScoreChart::add_box_plot() {
  QChart* chart = view_->chart();
  const LabComparison& comparison = results_.comparison();
  // One series per variant, so that each box takes its variant's colour and legend entry.
  std::vector<QBoxPlotSeries*> series;
  double low = 0, high = 1;
  bool first = true;
  for (size_t v = 0; v < comparison.rankings.size(); ++v) {
    std::vector<double> scores = scores_of(comparison.rankings[v]);
    if (scores.empty()) continue;
    std::ranges::sort(scores);
    const QString name = tr("Variant %1").arg(lab_variant_name(v));
    auto* box = new QBoxPlotSeries(chart);
    box->setName(name);
    box->append(new QBoxSet(scores.front(), quantile(scores, 0.25), quantile(scores, 0.5),
                            quantile(scores, 0.75), scores.back(), name));
    chart->addSeries(box);
    series.push_back(box);
    low = first ? scores.front() : std::min(low, scores.front());
    high = first ? scores.back() : std::max(high, scores.back());
    first = false;
  }
  auto* x = new QBarCategoryAxis(chart);
  x->append(tr("Scores of the ranked passages"));
  auto* y = new QValueAxis(chart);
  y->setTitleText(tr("Score"));
  const double margin = std::max(1e-3, (high - low) * 0.05);
  y->setRange(low - margin, high + margin);
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  for (QBoxPlotSeries* box : series) {
    box->attachAxis(x);
    box->attachAxis(y);
  }
}

void ScoreChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::PaletteChange) rebuild();
  QWidget::changeEvent(event);
}

void ScoreChart::retranslate() {
  kind_label_->setText(tr("Chart:"));
  kind_->setItemText(0, tr("Scores by rank"));
  kind_->setItemText(1, tr("Score distribution (box plot)"));
  rebuild();
}

}  // namespace xun::gui
