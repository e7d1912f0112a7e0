#include "search/search_preview.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/file_actions.h"
#include "common/passage_view.h"

namespace xun::gui {

SearchPreview::SearchPreview(const FileActions& actions, QWidget* parent)
    : QWidget(parent), actions_(actions) {
  setObjectName(QStringLiteral("searchPreview"));
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("previewTitle"));
  QFont bold = title_->font();
  bold.setBold(true);
  bold.setPointSizeF(bold.pointSizeF() > 0 ? bold.pointSizeF() * 1.15 : bold.pointSizeF());
  title_->setFont(bold);
  title_->setTextFormat(Qt::PlainText);
  location_ = new QLabel(this);
  location_->setObjectName(QStringLiteral("previewLocation"));
  location_->setTextFormat(Qt::PlainText);
  location_->setWordWrap(true);
  location_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  view_ = new PassageView(this);
  view_->setObjectName(QStringLiteral("previewView"));
  open_ = new QPushButton(QIcon(QStringLiteral(":/icons/open.svg")), QString(), this);
  open_->setObjectName(QStringLiteral("openButton"));
  reveal_ = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), QString(), this);
  reveal_->setObjectName(QStringLiteral("showInFolderButton"));
  copy_ = new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), QString(), this);
  copy_->setObjectName(QStringLiteral("copyPathButton"));

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(open_);
  buttons->addWidget(reveal_);
  buttons->addWidget(copy_);
  buttons->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(title_);
  layout->addWidget(location_);
  layout->addWidget(view_, 1);
  layout->addLayout(buttons);

  connect(open_, &QPushButton::clicked, this, [this] { actions_.openFile(path_); });
  connect(reveal_, &QPushButton::clicked, this, [this] { actions_.showInFolder(path_); });
  connect(copy_, &QPushButton::clicked, this, [this] { FileActions::copyPath(path_); });
  showMessage(QString());
  retranslate();
}

void SearchPreview::showPassage(const PassageContext& passage) {
  path_ = passage.path;
  view_->showPassage(passage);
  update_labels();
}

void SearchPreview::showMessage(const QString& message) {
  path_.clear();
  message_ = message;
  view_->clearPassage();
  update_labels();
}

void SearchPreview::update_labels() {
  const bool shown = !path_.isEmpty();
  for (QPushButton* button : {open_, reveal_, copy_}) button->setEnabled(shown);
  view_->setPlaceholderText(message_.isEmpty() ? tr("Select a result to read it in its document.") : message_);
  if (!shown) {
    title_->clear();
    location_->clear();
    return;
  }
  const PassageContext& passage = view_->passage();
  title_->setText(QFileInfo(path_).fileName());
  QStringList parts{QDir::toNativeSeparators(path_)};
  if (passage.page > 0) parts << tr("page %1").arg(passage.page);
  parts << tr("passage %1 of %2").arg(passage.ordinal + 1).arg(passage.chunk_count);
  location_->setText(parts.join(QStringLiteral(" · ")));
}

void SearchPreview::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void SearchPreview::retranslate() {
  open_->setText(tr("Open"));
  open_->setToolTip(tr("Open the file with its application"));
  reveal_->setText(tr("Show in folder"));
  reveal_->setToolTip(tr("Show the file in the file manager"));
  copy_->setText(tr("Copy path"));
  copy_->setToolTip(tr("Copy the file's path to the clipboard"));
  update_labels();
}

}  // namespace xun::gui
