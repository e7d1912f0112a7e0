#include "folders/failures_model.h"

#include <QDir>

#include "folders/index_text.h"

namespace xun::gui {

FailuresModel::FailuresModel(QObject* parent) : QAbstractTableModel(parent) {}

void FailuresModel::setFailures(std::vector<core::FileFailure> failures) {
  beginResetModel();
  failures_ = std::move(failures);
  endResetModel();
}

void FailuresModel::retranslate() { emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); }

int FailuresModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(failures_.size());
}

int FailuresModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailuresModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return {};
  const core::FileFailure& failure = failures_[static_cast<size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      return index.column() == FileColumn ? QDir::toNativeSeparators(failure.path)
                                          : IndexText::failureReason(failure);
    case Qt::ToolTipRole:
      return index.column() == FileColumn ? QDir::toNativeSeparators(failure.path) : failure.error;
    case PathRole: return failure.path;
    default: return {};
  }
}

QVariant FailuresModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case FileColumn: return tr("File");
    case ReasonColumn: return tr("Why it failed");
    default: return {};
  }
}

Qt::ItemFlags FailuresModel::flags(const QModelIndex& index) const {
  if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return Qt::NoItemFlags;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

}  // namespace xun::gui
