// The index manager's table: one row per folder with its state, counts, last run and whether it
// is watched. The page builds the rows (from the store's status and the indexing service) and
// hands them over; the model only presents them, and turns a click on the watching checkbox into
// watchingToggled().
#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "folders/folder_row.h"

namespace xun::gui {

class FoldersModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { PathColumn, StateColumn, FilesColumn, ChunksColumn, LastIndexedColumn,
                WatchingColumn, FailuresColumn, ColumnCount };
  enum Role {
    PathRole = Qt::UserRole + 1,  // the folder's path (QString), on every column
    StateRole,                    // FolderState as int, on every column
  };
  Q_ENUM(Column)

  explicit FoldersModel(QObject* parent = nullptr);

  // Replaces the rows. Rows for the same folders in the same order are updated in place (the
  // table keeps its selection and scroll position); otherwise the model is reset.
  void setRows(std::vector<FolderRow> rows);
  const std::vector<FolderRow>& rows() const { return rows_; }
  // The row at `row`, or null.
  const FolderRow* rowAt(int row) const;
  // The row of `path`, or -1.
  int rowOf(const QString& path) const;
  // Texts changed language: headers and cells are asked again.
  void retranslate();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

 signals:
  // The user ticked or cleared the watching box of `path` (the row already shows it).
  void watchingToggled(const QString& path, bool watching);

 private:
  QVariant display(const FolderRow& row, int column) const;
  QVariant tool_tip(const FolderRow& row, int column) const;

  std::vector<FolderRow> rows_;
};

}  // namespace xun::gui
