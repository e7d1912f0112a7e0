#include "folders/failures_model.h"

#include <QDir>

#include "folders/index_text.h"
#include "scan/fs_path.h"

namespace xun::gui {

FailuresModel::FailuresModel(QObject* parent) : QAbstractTableModel(parent) {}

void FailuresModel::setFiles(std::vector<core::FileFailure> failures, std::vector<core::FileFailure> skipped) {
  beginResetModel();
  failures_ = std::move(failures);
  skipped_ = std::move(skipped);
  endResetModel();
}

const core::FileFailure& FailuresModel::file(int row) const {
  return isSkipped(row) ? skipped_[static_cast<size_t>(row) - failures_.size()] : failures_[static_cast<size_t>(row)];
}

QString FailuresModel::reason(int row) const {
  const QString reason = IndexText::failureReason(file(row));
  return isSkipped(row) ? tr("Skipped: %1", "a file not read, then why: too large, binary, a FIFO ...").arg(reason)
                        : reason;
}

void FailuresModel::retranslate() { emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); }

int FailuresModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(failures_.size() + skipped_.size());
}

int FailuresModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailuresModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return {};
  const core::FileFailure& failure = file(index.row());
  // Names that are not UTF-8 show their odd bytes as U+FFFD (scan/fs_path.h); PathRole keeps them.
  const QString shown_path = QDir::toNativeSeparators(core::displayed_path(failure.path));
  switch (role) {
    case Qt::DisplayRole: return index.column() == FileColumn ? shown_path : reason(index.row());
    case Qt::ToolTipRole: return index.column() == FileColumn ? shown_path : failure.error;
    case PathRole: return failure.path;
    default: return {};
  }
}

QVariant FailuresModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case FileColumn: return tr("File");
    case ReasonColumn: return tr("Why it was not indexed");
    default: return {};
  }
}

Qt::ItemFlags FailuresModel::flags(const QModelIndex& index) const {
  if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return Qt::NoItemFlags;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

}  // namespace xun::gui
