// The settings of one lab variant: the instruction for the query embedding, reranking on or
// off with its instruction, and the models (the loaded ones unless a path is given, so that
// e.g. a 4B model can be put beside the loaded 0.6B one).
#pragma once

#include <QWidget>

#include "lab/lab_types.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace xun::gui {

class VariantEditor final : public QWidget {
  Q_OBJECT

 public:
  explicit VariantEditor(QWidget* parent = nullptr);

  LabVariant variant() const;
  void setVariant(const LabVariant& variant);
  void setName(const QString& name);  // "A", "B", ...
  void setRemovable(bool removable);

 signals:
  void removeRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  QToolButton* browse_button(QLineEdit* target, const char* object_name);
  void browse(QLineEdit* target, bool folder);

  QString name_;
  QLabel* title_;
  QToolButton* remove_;
  QLabel* query_label_;
  QPlainTextEdit* query_instruction_;
  QCheckBox* rerank_;
  QPlainTextEdit* rerank_instruction_;
  QLabel* embedding_label_;
  QLineEdit* embedding_model_;
  QToolButton* browse_embedding_;
  QLabel* reranker_label_;
  QLineEdit* reranker_model_;
  QToolButton* browse_reranker_;
};

}  // namespace xun::gui
