// The score distributions of the lab's variants (Qt Charts): either each variant's scores in
// rank order, one line per variant, or a box plot per variant. Scores are what each ranking
// orders by (rerank scores where a variant reranks, cosine otherwise).
#pragma once

#include <QWidget>

#include "lab/lab_results.h"

class QComboBox;
class QLabel;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace xun::gui {

class ScoreChart final : public QWidget {
  Q_OBJECT

 public:
  enum class Kind { by_rank, box_plot };

  explicit ScoreChart(LabResults& results, QWidget* parent = nullptr);

  QChart* chart() const;
  Kind kind() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void rebuild();
  void add_lines();
  void add_box_plot();

  LabResults& results_;
  QLabel* kind_label_;
  QComboBox* kind_;
  QChartView* view_;
};

}  // namespace xun::gui
