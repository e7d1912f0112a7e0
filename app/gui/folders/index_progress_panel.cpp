#include "folders/index_progress_panel.h"

#include <algorithm>
#include <climits>

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>

#include "folders/elided_label.h"
#include "folders/index_text.h"

namespace xun::gui {

IndexProgressPanel::IndexProgressPanel(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("indexProgressPanel"));
  setFrameShape(QFrame::StyledPanel);
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("progressTitle"));
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  bar_ = new QProgressBar(this);
  bar_->setObjectName(QStringLiteral("indexProgressBar"));
  counts_ = new QLabel(this);
  counts_->setObjectName(QStringLiteral("progressCounts"));
  rate_ = new QLabel(this);
  rate_->setObjectName(QStringLiteral("progressRate"));
  time_left_ = new QLabel(this);
  time_left_->setObjectName(QStringLiteral("progressTimeLeft"));
  current_file_ = new ElidedLabel(this);
  current_file_->setObjectName(QStringLiteral("progressCurrentFile"));
  report_ = new QLabel(this);
  report_->setObjectName(QStringLiteral("lastRunReport"));
  report_->setWordWrap(true);
  report_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* layout = new QGridLayout(this);
  layout->addWidget(title_, 0, 0, 1, 3);
  layout->addWidget(bar_, 1, 0, 1, 3);
  layout->addWidget(counts_, 2, 0);
  layout->addWidget(rate_, 2, 1, Qt::AlignHCenter);
  layout->addWidget(time_left_, 2, 2, Qt::AlignRight);
  layout->addWidget(current_file_, 3, 0, 1, 3);
  layout->addWidget(report_, 4, 0, 1, 3);
  layout->setColumnStretch(0, 1);
  layout->setColumnStretch(1, 1);
  layout->setColumnStretch(2, 1);

  show_running(false);
  setVisible(false);  // until the first run of the session
}

void IndexProgressPanel::showStarted(const QStringList& folders) {
  folders_ = folders;
  progress_.reset();
  failure_.clear();
  running_ = true;
  show_running(true);
  setVisible(true);
  retranslate();
}

void IndexProgressPanel::showProgress(const core::IndexProgress& progress) {
  progress_ = progress;
  retranslate();
}

void IndexProgressPanel::showPaused(bool paused) {
  paused_ = paused;
  retranslate();
}

void IndexProgressPanel::showFinished(const core::IndexReport& report) {
  report_data_ = report;
  running_ = false;
  show_running(false);
  setVisible(true);
  retranslate();
}

void IndexProgressPanel::showFailed(const QString& message) {
  failure_ = message;
  report_data_.reset();
  running_ = false;
  show_running(false);
  setVisible(true);
  retranslate();
}

void IndexProgressPanel::show_running(bool running) {
  for (QWidget* widget : {static_cast<QWidget*>(bar_), static_cast<QWidget*>(counts_),
                          static_cast<QWidget*>(rate_), static_cast<QWidget*>(time_left_),
                          static_cast<QWidget*>(current_file_)})
    widget->setVisible(running);
  report_->setVisible(!running);
}

void IndexProgressPanel::retranslate() {
  QStringList names;
  for (const QString& folder : folders_) names << QFileInfo(folder).fileName();
  const QString folders = names.join(tr(", ", "separates folder names"));
  if (running_) {
    title_->setText(paused_ ? tr("Paused: %1").arg(folders) : tr("Indexing %1").arg(folders));
    title_->setToolTip(QDir::toNativeSeparators(folders_.join(QLatin1Char('\n'))));
    if (progress_ && progress_->files_total > 0) {
      bar_->setRange(0, static_cast<int>(std::min<int64_t>(progress_->files_total, INT32_MAX)));
      bar_->setValue(static_cast<int>(std::min(progress_->files_done, progress_->files_total)));
    } else {
      bar_->setRange(0, 0);  // still scanning: no total yet
    }
    const core::IndexProgress shown = progress_.value_or(core::IndexProgress{});
    counts_->setText(progress_ ? IndexText::progressCounts(shown) : tr("Looking for files…"));
    rate_->setText(progress_ ? IndexText::rate(shown) : QString());
    time_left_->setText(paused_ ? tr("paused") : IndexText::timeLeft(shown.seconds_left));
    current_file_->setFullText(QDir::toNativeSeparators(shown.current_path));
    return;
  }
  if (!failure_.isEmpty()) {
    title_->setText(tr("Indexing failed"));
    report_->setText(failure_);
  } else if (report_data_) {
    title_->setText(report_data_->cancelled ? tr("Indexing cancelled") : tr("Indexing finished"));
    report_->setText(IndexText::report(*report_data_));
  }
}

}  // namespace xun::gui
