#include "common/passage_view.h"

#include <QScrollBar>
#include <QTextBlock>

namespace xun::gui {
namespace {

const QString kMoreMark = QStringLiteral("…");

QColor with_alpha(QColor color, int alpha) {
  color.setAlpha(alpha);
  return color;
}

}  // namespace

PassageView::PassageView(QWidget* parent) : QTextEdit(parent) {
  setReadOnly(true);
  setUndoRedoEnabled(false);
  setAcceptRichText(false);
  setLineWrapMode(QTextEdit::WidgetWidth);
  setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  connect(verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] { follow_passage_ = false; });
}

void PassageView::showPassage(const PassageContext& passage) {
  passage_ = passage;
  QString text = passage.text;
  shift_ = 0;
  if (passage.more_before) {
    text.prepend(kMoreMark + QLatin1Char('\n'));
    shift_ = kMoreMark.size() + 1;
  }
  if (passage.more_after) text.append(QLatin1Char('\n') + kMoreMark);
  setPlainText(text);
  apply_marks();
  scroll_to_passage();
}

void PassageView::clearPassage() {
  passage_ = {};
  shift_ = 0;
  follow_passage_ = false;
  setExtraSelections({});
  clear();
}

QString PassageView::passageText() const {
  return passage_.text.mid(passage_.passage_start, passage_.passage_length);
}

QStringList PassageView::highlightedWords() const {
  QStringList words;
  for (const core::Highlight& highlight : passage_.highlights)
    words.append(passage_.text.mid(highlight.start, highlight.length));
  return words;
}

bool PassageView::passageStartVisible() const {
  if (passage_.text.isEmpty()) return false;
  QTextCursor cursor(document());
  cursor.setPosition(static_cast<int>(shift_ + passage_.passage_start));
  return viewport()->rect().contains(cursorRect(cursor).center());
}

void PassageView::apply_marks() {
  QList<ExtraSelection> marks;
  const int length = document()->characterCount() - 1;
  auto mark = [&](qsizetype start, qsizetype count, const QTextCharFormat& format) {
    const int from = static_cast<int>(shift_ + start);
    const int to = static_cast<int>(std::min<qsizetype>(shift_ + start + count, length));
    if (from < 0 || from >= to) return;
    ExtraSelection selection;
    selection.cursor = QTextCursor(document());
    selection.cursor.setPosition(from);
    selection.cursor.setPosition(to, QTextCursor::KeepAnchor);
    selection.format = format;
    marks.append(selection);
  };
  // The passage is shaded where there is context around it to set it apart from.
  if (passage_.passage_length < passage_.text.size()) {
    QTextCharFormat passage_format;
    passage_format.setBackground(with_alpha(palette().color(QPalette::Highlight), 45));
    mark(passage_.passage_start, passage_.passage_length, passage_format);
  }
  QTextCharFormat word_format;
  word_format.setBackground(with_alpha(palette().color(QPalette::Highlight), 130));
  word_format.setFontWeight(QFont::Bold);
  for (const core::Highlight& highlight : passage_.highlights)
    mark(highlight.start, highlight.length, word_format);
  setExtraSelections(marks);
}

void PassageView::scroll_to_passage() {
  if (passage_.text.isEmpty()) return;
  QTextCursor cursor(document());
  cursor.setPosition(static_cast<int>(shift_ + passage_.passage_start));
  setTextCursor(cursor);  // keyboard selection starts at the passage
  QScrollBar* bar = verticalScrollBar();
  // Two lines of what comes before stay in view, to show that there is more.
  const int target = bar->value() + cursorRect(cursor).top() - 2 * fontMetrics().lineSpacing();
  bar->setValue(std::clamp(target, bar->minimum(), bar->maximum()));
  follow_passage_ = true;
}

void PassageView::changeEvent(QEvent* event) {
  QTextEdit::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) apply_marks();
}

void PassageView::resizeEvent(QResizeEvent* event) {
  QTextEdit::resizeEvent(event);
  if (follow_passage_) scroll_to_passage();
}

void PassageView::showEvent(QShowEvent* event) {
  QTextEdit::showEvent(event);
  if (follow_passage_) scroll_to_passage();
}

void PassageView::wheelEvent(QWheelEvent* event) {
  follow_passage_ = false;
  QTextEdit::wheelEvent(event);
}

void PassageView::keyPressEvent(QKeyEvent* event) {
  follow_passage_ = false;
  QTextEdit::keyPressEvent(event);
}

}  // namespace xun::gui
