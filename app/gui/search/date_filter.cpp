#include "search/date_filter.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>

namespace xun::gui {

DateFilter::DateFilter(QWidget* parent) : QWidget(parent) {
  range_ = new QComboBox(this);
  range_->setObjectName(QStringLiteral("dateFilter"));
  for (int i = 0; i <= static_cast<int>(Range::custom); ++i) range_->addItem(QString(), i);
  from_ = new QDateEdit(QDate::currentDate().addMonths(-1), this);
  from_->setObjectName(QStringLiteral("dateFrom"));
  to_ = new QDateEdit(QDate::currentDate(), this);
  to_->setObjectName(QStringLiteral("dateTo"));
  for (QDateEdit* edit : {from_, to_}) {
    edit->setCalendarPopup(true);
    edit->setVisible(false);
    connect(edit, &QDateEdit::dateChanged, this, &DateFilter::changed);
  }
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(range_);
  layout->addWidget(from_);
  layout->addWidget(to_);
  connect(range_, &QComboBox::currentIndexChanged, this, [this] {
    const bool custom = range() == Range::custom;
    from_->setVisible(custom);
    to_->setVisible(custom);
    emit changed();
  });
  retranslate();
}

DateFilter::Range DateFilter::range() const { return static_cast<Range>(range_->currentData().toInt()); }

void DateFilter::setRange(Range range) { range_->setCurrentIndex(range_->findData(static_cast<int>(range))); }

std::optional<int64_t> DateFilter::fromMs() const {
  const QDateTime now = QDateTime::currentDateTime();
  switch (range()) {
    case Range::any: return std::nullopt;
    case Range::week: return now.addDays(-7).toMSecsSinceEpoch();
    case Range::month: return now.addMonths(-1).toMSecsSinceEpoch();
    case Range::year: return now.addYears(-1).toMSecsSinceEpoch();
    case Range::custom: return from_->date().startOfDay().toMSecsSinceEpoch();
  }
  return std::nullopt;
}

std::optional<int64_t> DateFilter::toMs() const {
  if (range() != Range::custom) return std::nullopt;
  return to_->date().endOfDay().toMSecsSinceEpoch();  // the whole last day counts
}

void DateFilter::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void DateFilter::retranslate() {
  range_->setItemText(static_cast<int>(Range::any), tr("Any time"));
  range_->setItemText(static_cast<int>(Range::week), tr("Past week"));
  range_->setItemText(static_cast<int>(Range::month), tr("Past month"));
  range_->setItemText(static_cast<int>(Range::year), tr("Past year"));
  range_->setItemText(static_cast<int>(Range::custom), tr("Custom range…"));
  range_->setToolTip(tr("Only files modified in this period"));
  from_->setToolTip(tr("Modified on or after this day"));
  to_->setToolTip(tr("Modified on or before this day"));
}

}  // namespace xun::gui
