// Shows a PassageContext: the passage among its neighbours, the passage itself shaded (when
// there is text around it), the query's words marked more strongly, and the passage scrolled
// near the top of the view. Read-only;
// the colours come from the palette (and follow it when it changes, e.g. to dark mode).
#pragma once

#include <QStringList>
#include <QTextEdit>

#include "common/passage_context.h"

namespace xun::gui {

class PassageView final : public QTextEdit {
  Q_OBJECT

 public:
  explicit PassageView(QWidget* parent = nullptr);

  void showPassage(const PassageContext& passage);
  void clearPassage();
  const PassageContext& passage() const { return passage_; }

  // What is shown marked, for tests and accessibility: the passage and the query's words.
  QString passageText() const;
  QStringList highlightedWords() const;
  // True when the start of the passage is inside the visible part of the view.
  bool passageStartVisible() const;

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void apply_marks();
  void scroll_to_passage();

  PassageContext passage_;
  qsizetype shift_ = 0;       // characters shown before passage_.text ("…" when it goes on)
  // Until the user scrolls, a resize (lines wrap anew) scrolls the passage back into place.
  bool follow_passage_ = false;
};

}  // namespace xun::gui
