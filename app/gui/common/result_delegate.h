// Draws one search result (ResultListModel) in three parts: the file name with its score
// badges, the path (elided in the middle, with the PDF page), and up to three lines of the
// snippet with the query words marked. Colours come from the palette, so dark themes work.
#pragma once

#include <QList>
#include <QStyledItemDelegate>
#include <QTextLayout>

namespace xun::gui {

class ResultDelegate final : public QStyledItemDelegate {
  Q_OBJECT

 public:
  static constexpr int kSnippetLines = 3;

  explicit ResultDelegate(QObject* parent = nullptr);

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  // The formats that mark the query words in the snippet of `index`: what paint() draws.
  QList<QTextLayout::FormatRange> snippetFormats(const QStyleOptionViewItem& option,
                                                 const QModelIndex& index) const;
  // What is drawn behind a marked word: the palette's highlight, light enough to read through.
  static QBrush highlightBrush(const QPalette& palette, bool selected);

 private:
  // Draws the badges right-aligned in `line`; returns the width they took.
  int paint_badges(QPainter* painter, const QStyleOptionViewItem& option, const QRect& line,
                   const QStringList& badges, const QColor& text) const;
  void paint_snippet(QPainter* painter, const QStyleOptionViewItem& option, const QRect& area,
                     const QModelIndex& index, const QColor& text) const;
};

}  // namespace xun::gui
