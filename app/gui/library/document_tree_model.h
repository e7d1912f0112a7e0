// The indexed documents as a tree: each folder, and under it its documents (named by their path
// inside the folder), with type, size and modification time.
#pragma once

#include <cstdint>
#include <vector>

#include <QAbstractItemModel>

#include "store/store_types.h"

namespace xun::gui {

struct LibraryFolder {
  core::FolderRecord folder;
  std::vector<core::DocumentRecord> documents;  // by path
};

class DocumentTreeModel final : public QAbstractItemModel {
  Q_OBJECT

 public:
  enum Column { NameColumn, TypeColumn, SizeColumn, ModifiedColumn, ColumnCount };
  enum Role {
    PathRole = Qt::UserRole + 1,  // QString: the folder's or document's absolute path
    FormatRole,                   // QString: the document's format; "" for a folder
    DocumentIdRole,               // qint64; 0 for a folder
    SortRole,                     // what the column sorts by (sizes and times as numbers)
  };

  explicit DocumentTreeModel(QObject* parent = nullptr);

  void setFolders(std::vector<LibraryFolder> folders);
  const std::vector<LibraryFolder>& folders() const { return folders_; }
  // The document at `index`; null for a folder row or an invalid index.
  const core::DocumentRecord* document(const QModelIndex& index) const;
  // The row of the document with this path (column 0); invalid when there is none.
  QModelIndex indexOfPath(const QString& path) const;
  QModelIndex indexOfDocument(int64_t document_id) const;
  // The language changed: every text is told to be read again.
  void retranslate();

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QVariant folder_data(const LibraryFolder& folder, int column, int role) const;
  QVariant document_data(const LibraryFolder& folder, const core::DocumentRecord& document,
                         int column, int role) const;

  // A folder row's internal id is 0; a document row's is its folder's row + 1.
  std::vector<LibraryFolder> folders_;
};

}  // namespace xun::gui
