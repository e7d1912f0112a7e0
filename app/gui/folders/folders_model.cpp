#include "folders/folders_model.h"

#include <algorithm>

#include <QDateTime>
#include <QDir>
#include <QIcon>

#include "folders/index_text.h"

namespace xun::gui {

FoldersModel::FoldersModel(QObject* parent) : QAbstractTableModel(parent) {}

void FoldersModel::setRows(std::vector<FolderRow> rows) {
  const bool same_folders = std::ranges::equal(
      rows, rows_, [](const FolderRow& a, const FolderRow& b) { return a.path == b.path; });
  if (!same_folders) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
    return;
  }
  rows_ = std::move(rows);
  if (!rows_.empty())
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const FolderRow* FoldersModel::rowAt(int row) const {
  if (row < 0 || row >= rowCount()) return nullptr;
  return &rows_[static_cast<size_t>(row)];
}

int FoldersModel::rowOf(const QString& path) const {
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].path == path) return static_cast<int>(i);
  return -1;
}

void FoldersModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  if (!rows_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int FoldersModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int FoldersModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant FoldersModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return {};
  const FolderRow& row = rows_[static_cast<size_t>(index.row())];
  const int column = index.column();
  switch (role) {
    case Qt::DisplayRole: return display(row, column);
    case Qt::ToolTipRole: return tool_tip(row, column);
    case PathRole: return row.path;
    case StateRole: return static_cast<int>(row.state);
    case Qt::CheckStateRole:
      if (column == WatchingColumn) return row.watching ? Qt::Checked : Qt::Unchecked;
      return {};
    case Qt::DecorationRole:
      if (column == PathColumn) return QIcon(QStringLiteral(":/icons/folder.svg"));
      return {};
    case Qt::TextAlignmentRole:
      if (column == FilesColumn || column == ChunksColumn || column == FailuresColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      return {};
    default: return {};
  }
}

QVariant FoldersModel::display(const FolderRow& row, int column) const {
  const QString none = QStringLiteral("—");
  switch (column) {
    case PathColumn: return QDir::toNativeSeparators(row.path);
    case StateColumn: return IndexText::stateName(row.state);
    case FilesColumn: return row.documents ? IndexText::number(*row.documents) : none;
    case ChunksColumn: return row.chunks ? IndexText::number(*row.chunks) : none;
    case LastIndexedColumn:
      return row.last_indexed_ms
                 ? IndexText::relativeTime(*row.last_indexed_ms, QDateTime::currentMSecsSinceEpoch())
                 : tr("never");
    case FailuresColumn: return IndexText::number(row.failures);
    default: return {};
  }
}

QVariant FoldersModel::tool_tip(const FolderRow& row, int column) const {
  switch (column) {
    case PathColumn: return QDir::toNativeSeparators(row.path);
    case StateColumn: return row.state == FolderState::failed ? row.error : QVariant();
    case LastIndexedColumn:
      return row.last_indexed_ms ? IndexText::absoluteTime(*row.last_indexed_ms)
                                 : tr("No indexing run over this folder has finished yet");
    case WatchingColumn: return tr("Index changes to this folder's files as they happen");
    case FailuresColumn:
      return row.failures > 0 ? tr("Files that failed in the last run: see the list below") : QVariant();
    default: return {};
  }
}

QVariant FoldersModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case PathColumn: return tr("Folder");
    case StateColumn: return tr("State");
    case FilesColumn: return tr("Files");
    case ChunksColumn: return tr("Chunks");
    case LastIndexedColumn: return tr("Last indexed");
    case WatchingColumn: return tr("Watching");
    case FailuresColumn: return tr("Failures");
    default: return {};
  }
}

Qt::ItemFlags FoldersModel::flags(const QModelIndex& index) const {
  if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid)) return Qt::NoItemFlags;
  Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
  if (index.column() == WatchingColumn) flags |= Qt::ItemIsUserCheckable;
  return flags;
}

bool FoldersModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (role != Qt::CheckStateRole || !index.isValid() || index.column() != WatchingColumn ||
      !checkIndex(index, CheckIndexOption::ParentIsInvalid))
    return false;
  FolderRow& row = rows_[static_cast<size_t>(index.row())];
  const bool watching = static_cast<Qt::CheckState>(value.toInt()) == Qt::Checked;
  if (row.watching == watching) return true;
  row.watching = watching;
  emit dataChanged(index, index, {Qt::CheckStateRole});
  emit watchingToggled(row.path, watching);
  return true;
}

}  // namespace xun::gui
