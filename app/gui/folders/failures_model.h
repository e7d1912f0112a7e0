// The files that failed in the last indexing runs, with why: a path and the reason the extractor
// or the scan gave.
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

  void setFailures(std::vector<core::FileFailure> failures);
  const std::vector<core::FileFailure>& failures() const { return failures_; }
  void retranslate();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

 private:
  std::vector<core::FileFailure> failures_;
};

}  // namespace xun::gui
