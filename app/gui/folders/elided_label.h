// A one-line label that shows as much of its text as fits, eliding in the middle, so that a long
// path keeps both its folder and its file name visible. The whole text is in the tool tip.
#pragma once

#include <QLabel>

namespace xun::gui {

class ElidedLabel final : public QLabel {
  Q_OBJECT

 public:
  explicit ElidedLabel(QWidget* parent = nullptr);

  void setFullText(const QString& text);
  const QString& fullText() const { return full_text_; }

  QSize minimumSizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void elide();

  QString full_text_;
};

}  // namespace xun::gui
