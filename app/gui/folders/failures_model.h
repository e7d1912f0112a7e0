// The files that failed in the last indexing runs, then those the runs skipped (too large, binary,
// a FIFO ...), with why: a path and the reason the extractor or the scan gave.
#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "index/index_types.h"

namespace xun::gui {

class FailuresModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { FileColumn, ReasonColumn, ColumnCount };
  enum Role { PathRole = Qt::UserRole + 1 };  // the file's path (QString), on every column
  Q_ENUM(Column)

  explicit FailuresModel(QObject* parent = nullptr);

  void setFiles(std::vector<core::FileFailure> failures, std::vector<core::FileFailure> skipped);
  // Row `row`: a failure, or (after the failures) a skipped file.
  const core::FileFailure& file(int row) const;
  bool isSkipped(int row) const { return row >= static_cast<int>(failures_.size()); }
  int failureCount() const { return static_cast<int>(failures_.size()); }
  int skippedCount() const { return static_cast<int>(skipped_.size()); }
  // What the reason column shows for row `row`.
  QString reason(int row) const;
  void retranslate();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

 private:
  std::vector<core::FileFailure> failures_;
  std::vector<core::FileFailure> skipped_;
};

}  // namespace xun::gui
