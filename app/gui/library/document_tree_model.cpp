#include "library/document_tree_model.h"

#include <QDateTime>
#include <QDir>
#include <QIcon>
#include <QLocale>

#include "common/format_names.h"

namespace xun::gui {

DocumentTreeModel::DocumentTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void DocumentTreeModel::setFolders(std::vector<LibraryFolder> folders) {
  beginResetModel();
  folders_ = std::move(folders);
  endResetModel();
}

const core::DocumentRecord* DocumentTreeModel::document(const QModelIndex& index) const {
  if (!index.isValid() || index.model() != this || index.internalId() == 0) return nullptr;
  const auto& documents = folders_[index.internalId() - 1].documents;
  return static_cast<size_t>(index.row()) < documents.size() ? &documents[static_cast<size_t>(index.row())] : nullptr;
}

QModelIndex DocumentTreeModel::indexOfPath(const QString& path) const {
  for (size_t f = 0; f < folders_.size(); ++f)
    for (size_t d = 0; d < folders_[f].documents.size(); ++d)
      if (folders_[f].documents[d].info.path == path) return createIndex(static_cast<int>(d), 0, f + 1);
  return {};
}

QModelIndex DocumentTreeModel::indexOfDocument(int64_t document_id) const {
  for (size_t f = 0; f < folders_.size(); ++f)
    for (size_t d = 0; d < folders_[f].documents.size(); ++d)
      if (folders_[f].documents[d].id == document_id) return createIndex(static_cast<int>(d), 0, f + 1);
  return {};
}

QModelIndex DocumentTreeModel::index(int row, int column, const QModelIndex& parent) const {
  if (!hasIndex(row, column, parent)) return {};
  if (!parent.isValid()) return createIndex(row, column, quintptr{0});
  return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex DocumentTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || child.internalId() == 0) return {};
  return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr{0});
}

int DocumentTreeModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return static_cast<int>(folders_.size());
  if (parent.internalId() != 0 || parent.column() != 0) return 0;  // documents have no children
  return static_cast<int>(folders_[static_cast<size_t>(parent.row())].documents.size());
}

int DocumentTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant DocumentTreeModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  if (index.internalId() == 0) return folder_data(folders_[static_cast<size_t>(index.row())], index.column(), role);
  const LibraryFolder& folder = folders_[index.internalId() - 1];
  return document_data(folder, folder.documents[static_cast<size_t>(index.row())], index.column(), role);
}

QVariant DocumentTreeModel::folder_data(const LibraryFolder& folder, int column, int role) const {
  switch (role) {
    case Qt::DisplayRole:
      if (column == NameColumn) return QDir::toNativeSeparators(folder.folder.path);
      if (column == TypeColumn) return tr("%n document(s)", "", static_cast<int>(folder.documents.size()));
      return {};
    case Qt::DecorationRole:
      return column == NameColumn ? QIcon(QStringLiteral(":/icons/folder.svg")) : QVariant();
    case Qt::ToolTipRole: return QDir::toNativeSeparators(folder.folder.path);
    case PathRole: return folder.folder.path;
    case FormatRole: return QString();
    case DocumentIdRole: return qint64{0};
    case SortRole:
      return column == NameColumn ? QVariant(folder.folder.path) : QVariant(static_cast<qlonglong>(folder.documents.size()));
    default: return {};
  }
}

QVariant DocumentTreeModel::document_data(const LibraryFolder& folder, const core::DocumentRecord& document,
                                          int column, int role) const {
  const core::DocumentInfo& info = document.info;
  switch (role) {
    case Qt::DisplayRole:
      switch (column) {
        case NameColumn: return QDir::toNativeSeparators(QDir(folder.folder.path).relativeFilePath(info.path));
        case TypeColumn: return FormatNames::display(info.format);
        case SizeColumn: return QLocale().formattedDataSize(info.size);
        case ModifiedColumn:
          return QLocale().toString(QDateTime::fromMSecsSinceEpoch(info.mtime_ms), QLocale::ShortFormat);
        default: return {};
      }
    case Qt::ToolTipRole: return QDir::toNativeSeparators(info.path);
    case PathRole: return info.path;
    case FormatRole: return info.format;
    case DocumentIdRole: return static_cast<qint64>(document.id);
    case SortRole:
      switch (column) {
        case NameColumn: return QDir(folder.folder.path).relativeFilePath(info.path).toLower();
        case TypeColumn: return info.format;
        case SizeColumn: return static_cast<qlonglong>(info.size);
        case ModifiedColumn: return static_cast<qlonglong>(info.mtime_ms);
        default: return {};
      }
    default: return {};
  }
}

void DocumentTreeModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  if (folders_.empty()) return;
  emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
  for (int row = 0; row < rowCount(); ++row) {
    const QModelIndex folder = index(row, 0);
    if (rowCount(folder) > 0) emit dataChanged(index(0, 0, folder), index(rowCount(folder) - 1, ColumnCount - 1, folder));
  }
}

QVariant DocumentTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case SizeColumn: return tr("Size");
    case ModifiedColumn: return tr("Modified");
    default: return {};
  }
}

}  // namespace xun::gui
