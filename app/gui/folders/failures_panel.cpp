#include "folders/failures_panel.h"

#include <algorithm>

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "folders/failures_model.h"
#include "folders/index_text.h"

namespace xun::gui {

FailuresPanel::FailuresPanel(QWidget* parent) : QWidget(parent) {
  model_ = new FailuresModel(this);
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("failuresTitle"));
  view_ = new QTreeView(this);
  view_->setObjectName(QStringLiteral("failuresView"));
  view_->setModel(model_);
  view_->setRootIsDecorated(false);
  view_->setUniformRowHeights(true);
  view_->setAlternatingRowColors(true);
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->header()->setStretchLastSection(true);
  view_->setTextElideMode(Qt::ElideMiddle);
  view_->setContextMenuPolicy(Qt::CustomContextMenu);

  copy_ = new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), QString(), this);
  copy_->setObjectName(QStringLiteral("copyFailuresButton"));
  open_folder_ = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), QString(), this);
  open_folder_->setObjectName(QStringLiteral("openFailureFolderButton"));
  connect(copy_, &QPushButton::clicked, this, &FailuresPanel::copy);
  connect(open_folder_, &QPushButton::clicked, this, &FailuresPanel::show_in_folder);
  connect(view_, &QTreeView::doubleClicked, this, &FailuresPanel::show_in_folder);
  connect(view_, &QTreeView::customContextMenuRequested, this, &FailuresPanel::show_context_menu);
  connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          &FailuresPanel::update_actions);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(title_, 1);
  buttons->addWidget(copy_);
  buttons->addWidget(open_folder_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(buttons);
  layout->addWidget(view_);

  retranslate();
  setVisible(false);
}

void FailuresPanel::setFiles(std::vector<core::FileFailure> failures, std::vector<core::FileFailure> skipped) {
  model_->setFiles(std::move(failures), std::move(skipped));
  if (model_->rowCount() > 0) view_->resizeColumnToContents(FailuresModel::FileColumn);
  setVisible(model_->rowCount() > 0);
  retranslate();
}

void FailuresPanel::retranslate() {
  if (model_->skippedCount() == 0)
    title_->setText(tr("%Ln file(s) failed in the last runs", "", model_->failureCount()));
  else
    title_->setText(tr("%Ln file(s) not indexed in the last runs: %1 failed, %2 skipped", "", model_->rowCount())
                        .arg(IndexText::number(model_->failureCount()), IndexText::number(model_->skippedCount())));
  copy_->setText(tr("Copy"));
  copy_->setToolTip(tr("Copy the selected files (or all of them) with their reasons"));
  open_folder_->setText(tr("Show in folder"));
  open_folder_->setToolTip(tr("Show the selected file in the file manager"));
  model_->retranslate();
  update_actions();
}

std::vector<int> FailuresPanel::chosen_rows() const {
  std::vector<int> chosen;
  for (const QModelIndex& row : view_->selectionModel()->selectedRows()) chosen.push_back(row.row());
  if (chosen.empty())
    for (int row = 0; row < model_->rowCount(); ++row) chosen.push_back(row);
  std::ranges::sort(chosen);  // failures first, each part by path, as the list shows them
  return chosen;
}

void FailuresPanel::copy() {
  QStringList lines;
  for (const int row : chosen_rows())
    lines << model_->index(row, FailuresModel::FileColumn).data().toString() + QLatin1Char('\t') + model_->reason(row);
  QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void FailuresPanel::show_in_folder() {
  const QModelIndex current = view_->currentIndex();
  if (current.isValid()) file_actions_.showInFolder(current.data(FailuresModel::PathRole).toString());
}

void FailuresPanel::show_context_menu(const QPoint& position) {
  const QModelIndex index = view_->indexAt(position);
  if (!index.isValid()) return;
  QMenu menu(this);
  file_actions_.addTo(menu, index.data(FailuresModel::PathRole).toString());
  menu.exec(view_->viewport()->mapToGlobal(position));
}

void FailuresPanel::update_actions() {
  copy_->setEnabled(model_->rowCount() > 0);
  open_folder_->setEnabled(view_->currentIndex().isValid());
}

}  // namespace xun::gui
