// Narrows the document tree: documents whose name or path contains the filter text (any case)
// and whose format is the one chosen; a folder stays while it holds a document that passes.
#pragma once

#include <QSortFilterProxyModel>

namespace xun::gui {

class DocumentFilterModel final : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit DocumentFilterModel(QObject* parent = nullptr);

  void setText(const QString& text);
  void setFormat(const QString& format);  // "": every format
  bool active() const { return !text_.isEmpty() || !format_.isEmpty(); }

 protected:
  bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;

 private:
  QString text_;
  QString format_;
};

}  // namespace xun::gui
