#include "search/first_run_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace xun::gui {

FirstRunBanner::FirstRunBanner(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("firstRunBanner"));
  setFrameShape(QFrame::StyledPanel);
  setBackgroundRole(QPalette::AlternateBase);
  setAutoFillBackground(true);
  icon_ = new QLabel(this);
  const int size = style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this);
  icon_->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation, nullptr, this).pixmap(size, size));
  icon_->setAlignment(Qt::AlignTop);
  text_ = new QLabel(this);
  text_->setObjectName(QStringLiteral("bannerText"));
  text_->setWordWrap(true);
  text_->setTextFormat(Qt::PlainText);
  add_folder_ = new QPushButton(QIcon(QStringLiteral(":/icons/add.svg")), QString(), this);
  add_folder_->setObjectName(QStringLiteral("addFolderButton"));
  open_settings_ = new QPushButton(QIcon(QStringLiteral(":/icons/download.svg")), QString(), this);
  open_settings_->setObjectName(QStringLiteral("openSettingsButton"));

  auto* buttons = new QVBoxLayout;
  buttons->addWidget(add_folder_);
  buttons->addWidget(open_settings_);
  buttons->addStretch(1);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(icon_);
  layout->addWidget(text_, 1);
  layout->addLayout(buttons);
  connect(add_folder_, &QPushButton::clicked, this, &FirstRunBanner::addFolderClicked);
  connect(open_settings_, &QPushButton::clicked, this, &FirstRunBanner::openSettingsClicked);
  retranslate();
}

void FirstRunBanner::setState(bool has_model, bool models_loading, bool has_folders) {
  needs_folder_ = !has_folders;
  needs_model_ = !has_model && !models_loading;
  add_folder_->setVisible(needs_folder_);
  open_settings_->setVisible(needs_model_);
  setVisible(needs_folder_ || needs_model_);
  retranslate();
}

QString FirstRunBanner::text() const { return text_->text(); }

void FirstRunBanner::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QFrame::changeEvent(event);
}

void FirstRunBanner::retranslate() {
  QStringList lines;
  if (needs_folder_)
    lines << tr("Add a folder to search its files. Xun reads them on this computer; nothing leaves it.");
  if (needs_model_) {
    lines << tr("Keyword search already works. To search by meaning (semantic and hybrid search), "
                "download or locate a Qwen3-Embedding model in Settings; a Qwen3-Reranker model "
                "makes the best results more precise.");
  }
  text_->setText(lines.join(QLatin1Char('\n')));
  add_folder_->setText(tr("Add folder…"));
  add_folder_->setToolTip(tr("Choose a folder to index"));
  open_settings_->setText(tr("Download or locate a model…"));
  open_settings_->setToolTip(tr("Open the model settings"));
}

}  // namespace xun::gui
