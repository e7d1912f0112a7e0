#include "library/document_filter_model.h"

#include "library/document_tree_model.h"

namespace xun::gui {

DocumentFilterModel::DocumentFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
  // A folder is shown when one of its documents passes (filterAcceptsRow decides for those).
  setRecursiveFilteringEnabled(true);
  setSortRole(DocumentTreeModel::SortRole);
  setSortCaseSensitivity(Qt::CaseInsensitive);
}

void DocumentFilterModel::setText(const QString& text) {
  const QString trimmed = text.trimmed();
  if (trimmed == text_) return;
  text_ = trimmed;
  invalidateFilter();
}

void DocumentFilterModel::setFormat(const QString& format) {
  if (format == format_) return;
  format_ = format;
  invalidateFilter();
}

bool DocumentFilterModel::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
  const QModelIndex row = sourceModel()->index(source_row, DocumentTreeModel::NameColumn, source_parent);
  if (!source_parent.isValid()) return !active();  // a folder: on its own only without a filter
  if (!format_.isEmpty() && row.data(DocumentTreeModel::FormatRole).toString() != format_) return false;
  if (text_.isEmpty()) return true;
  return row.data(Qt::DisplayRole).toString().contains(text_, Qt::CaseInsensitive) ||
         row.data(DocumentTreeModel::PathRole).toString().contains(text_, Qt::CaseInsensitive);
}

}  // namespace xun::gui
