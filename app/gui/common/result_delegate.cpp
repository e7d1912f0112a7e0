#include "common/result_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QTextOption>

#include "common/result_list_model.h"
#include "search/search_types.h"

namespace xun::gui {
namespace {

constexpr int kPadding = 6;       // around the item, in device-independent pixels
constexpr int kLineGap = 2;       // between the name, the path and the snippet
constexpr int kBadgePadding = 5;  // inside a badge, left and right
constexpr int kBadgeGap = 4;      // between badges

QPalette::ColorGroup color_group(const QStyleOptionViewItem& option) {
  if (!(option.state & QStyle::State_Enabled)) return QPalette::Disabled;
  return (option.state & QStyle::State_Active) ? QPalette::Normal : QPalette::Inactive;
}

QColor with_alpha(QColor color, int alpha) {
  color.setAlpha(alpha);
  return color;
}

}  // namespace

ResultDelegate::ResultDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QBrush ResultDelegate::highlightBrush(const QPalette& palette, bool selected) {
  // On a selected row the background already is the highlight colour: mark with the text
  // colour drawn on it instead.
  return selected ? with_alpha(palette.color(QPalette::HighlightedText), 70)
                  : with_alpha(palette.color(QPalette::Highlight), 90);
}

QList<QTextLayout::FormatRange> ResultDelegate::snippetFormats(const QStyleOptionViewItem& option,
                                                               const QModelIndex& index) const {
  const QString snippet = index.data(ResultListModel::SnippetRole).toString();
  const auto highlights = index.data(ResultListModel::HighlightsRole).value<QList<core::Highlight>>();
  const bool selected = option.state & QStyle::State_Selected;
  QList<QTextLayout::FormatRange> formats;
  for (const core::Highlight& highlight : highlights) {
    if (highlight.start < 0 || highlight.length <= 0 || highlight.start + highlight.length > snippet.size())
      continue;
    QTextLayout::FormatRange range;
    range.start = static_cast<int>(highlight.start);
    range.length = static_cast<int>(highlight.length);
    range.format.setBackground(highlightBrush(option.palette, selected));
    range.format.setFontWeight(QFont::Bold);
    formats.append(range);
  }
  return formats;
}

void ResultDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const {
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  // The style draws the background, selection and focus; the parts are drawn here.
  opt.text.clear();
  opt.icon = {};
  QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

  painter->save();
  const bool selected = opt.state & QStyle::State_Selected;
  const QColor text = opt.palette.color(color_group(opt), selected ? QPalette::HighlightedText : QPalette::Text);
  const QRect area = opt.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
  QFont bold = opt.font;
  bold.setBold(true);
  const QFontMetrics metrics(opt.font);
  const QFontMetrics bold_metrics(bold);

  // The file name and the badges.
  QRect line(area.left(), area.top(), area.width(), bold_metrics.height());
  const int badges_width = paint_badges(painter, opt, line, index.data(ResultListModel::BadgesRole).toStringList(), text);
  line.setRight(line.right() - badges_width);
  painter->setFont(bold);
  painter->setPen(text);
  painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                    bold_metrics.elidedText(index.data(ResultListModel::FileNameRole).toString(), Qt::ElideRight, line.width()));

  // The path, and the page for documents that have pages.
  line = QRect(area.left(), line.bottom() + 1 + kLineGap, area.width(), metrics.height());
  QString location = index.data(ResultListModel::PathRole).toString();
  if (const int page = index.data(ResultListModel::PageRole).toInt(); page > 0)
    location = tr("%1 · page %2").arg(location).arg(page);
  painter->setFont(opt.font);
  painter->setPen(with_alpha(text, 160));
  painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(location, Qt::ElideMiddle, line.width()));

  // The snippet.
  const QRect snippet_area(area.left(), line.bottom() + 1 + kLineGap, area.width(),
                           area.bottom() - line.bottom() - kLineGap);
  paint_snippet(painter, opt, snippet_area, index, text);
  painter->restore();
}

int ResultDelegate::paint_badges(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QRect& line, const QStringList& badges,
                                 const QColor& text) const {
  QFont font = option.font;  // a little smaller than the text
  if (font.pointSizeF() > 0)
    font.setPointSizeF(font.pointSizeF() * 0.9);
  else if (font.pixelSize() > 0)
    font.setPixelSize(std::max(1, font.pixelSize() * 9 / 10));
  const QFontMetrics metrics(font);
  painter->setFont(font);
  const bool selected = option.state & QStyle::State_Selected;
  const QColor fill = selected ? with_alpha(option.palette.color(QPalette::HighlightedText), 45)
                               : with_alpha(option.palette.color(QPalette::Highlight), 45);
  int right = line.right();
  for (qsizetype i = badges.size() - 1; i >= 0; --i) {
    const int width = metrics.horizontalAdvance(badges[i]) + 2 * kBadgePadding;
    if (right - width < line.left() + line.width() / 3) break;  // leave room for the name
    const QRect badge(right - width + 1, line.top() + 1, width, line.height() - 2);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, 3, 3);
    painter->setPen(text);
    painter->drawText(badge, Qt::AlignCenter, badges[i]);
    right -= width + kBadgeGap;
  }
  return line.right() - right;
}

void ResultDelegate::paint_snippet(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QRect& area, const QModelIndex& index,
                                   const QColor& text) const {
  QString snippet = index.data(ResultListModel::SnippetRole).toString();
  // Line breaks inside the passage would waste the three lines: show them as spaces (same
  // length, so the highlights keep their positions).
  for (QChar& c : snippet)
    if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) c = QLatin1Char(' ');
  QTextLayout layout(snippet, option.font);
  QTextOption text_option;
  text_option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  text_option.setTextDirection(option.direction);
  layout.setTextOption(text_option);
  layout.setFormats(snippetFormats(option, index));
  layout.beginLayout();
  qreal y = 0;
  for (int i = 0; i < kSnippetLines; ++i) {
    QTextLine line = layout.createLine();
    if (!line.isValid()) break;
    line.setLineWidth(area.width());
    line.setPosition(QPointF(0, y));
    y += line.height();
  }
  layout.endLayout();
  painter->setPen(text);
  painter->setFont(option.font);
  painter->save();
  painter->setClipRect(area);
  layout.draw(painter, area.topLeft());
  painter->restore();
}

QSize ResultDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
  QFont bold = option.font;
  bold.setBold(true);
  const QFontMetrics metrics(option.font);
  const int height = 2 * kPadding + QFontMetrics(bold).height() + kLineGap + metrics.height() +
                     kLineGap + kSnippetLines * metrics.lineSpacing();
  // The width is a minimum: a list row spans the view, and the parts elide or wrap to fit it.
  return {200, height};
}

}  // namespace xun::gui
