#include "lab/variant_editor.h"

#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QToolButton>

namespace xun::gui {
namespace {

QPlainTextEdit* instruction_edit(const char* object_name, QWidget* parent) {
  auto* edit = new QPlainTextEdit(parent);
  edit->setObjectName(QString::fromLatin1(object_name));
  edit->setTabChangesFocus(true);
  // Instructions are a sentence or two: two lines show them without crowding the results.
  edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 2 + 2 * edit->frameWidth() + 8);
  return edit;
}

}  // namespace

VariantEditor::VariantEditor(QWidget* parent) : QWidget(parent) {
  title_ = new QLabel(this);
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  remove_ = new QToolButton(this);
  remove_->setObjectName(QStringLiteral("removeVariant"));
  remove_->setIcon(QIcon(QStringLiteral(":/icons/remove.svg")));
  remove_->setAutoRaise(true);
  connect(remove_, &QToolButton::clicked, this, &VariantEditor::removeRequested);

  query_label_ = new QLabel(this);
  query_instruction_ = instruction_edit("queryInstruction", this);
  query_label_->setBuddy(query_instruction_);
  rerank_ = new QCheckBox(this);
  rerank_->setObjectName(QStringLiteral("rerank"));
  rerank_instruction_ = instruction_edit("rerankInstruction", this);
  rerank_instruction_->setEnabled(false);
  connect(rerank_, &QCheckBox::toggled, rerank_instruction_, &QWidget::setEnabled);

  embedding_label_ = new QLabel(this);
  embedding_model_ = new QLineEdit(this);
  embedding_model_->setObjectName(QStringLiteral("embeddingModel"));
  embedding_model_->setClearButtonEnabled(true);
  embedding_label_->setBuddy(embedding_model_);
  browse_embedding_ = browse_button(embedding_model_, "browseEmbeddingModel");
  reranker_label_ = new QLabel(this);
  reranker_model_ = new QLineEdit(this);
  reranker_model_->setObjectName(QStringLiteral("rerankerModel"));
  reranker_model_->setClearButtonEnabled(true);
  reranker_label_->setBuddy(reranker_model_);
  browse_reranker_ = browse_button(reranker_model_, "browseRerankerModel");

  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* header = new QHBoxLayout;
  header->addWidget(title_, 1);
  header->addWidget(remove_);
  layout->addLayout(header, 0, 0, 1, 3);
  layout->addWidget(query_label_, 1, 0, 1, 3);
  layout->addWidget(query_instruction_, 2, 0, 1, 3);
  layout->addWidget(rerank_, 3, 0, 1, 3, Qt::AlignLeft);
  layout->addWidget(rerank_instruction_, 4, 0, 1, 3);
  layout->addWidget(embedding_label_, 5, 0);
  layout->addWidget(embedding_model_, 5, 1);
  layout->addWidget(browse_embedding_, 5, 2);
  layout->addWidget(reranker_label_, 6, 0);
  layout->addWidget(reranker_model_, 6, 1);
  layout->addWidget(browse_reranker_, 6, 2);
  layout->setColumnStretch(1, 1);
  retranslate();
}

QToolButton* VariantEditor::browse_button(QLineEdit* target, const char* object_name) {
  auto* button = new QToolButton(this);
  button->setObjectName(QString::fromLatin1(object_name));
  button->setIcon(QIcon(QStringLiteral(":/icons/open.svg")));
  button->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(button);
  // The texts are set in retranslate(); the actions keep their order: file, then folder.
  connect(menu->addAction(QString()), &QAction::triggered, this, [this, target] { browse(target, false); });
  connect(menu->addAction(QString()), &QAction::triggered, this, [this, target] { browse(target, true); });
  button->setMenu(menu);
  return button;
}

void VariantEditor::browse(QLineEdit* target, bool folder) {
  const QString start = target->text().isEmpty() ? QString() : QFileInfo(target->text()).absolutePath();
  const QString path =
      folder ? QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), start)
             : QFileDialog::getOpenFileName(this, tr("Choose a model file"), start,
                                            tr("GGUF models (*.gguf);;All files (*)"));
  if (!path.isEmpty()) target->setText(QDir::toNativeSeparators(path));
}

LabVariant VariantEditor::variant() const {
  return {.query_instruction = query_instruction_->toPlainText().trimmed(),
          .rerank_instruction = rerank_instruction_->toPlainText().trimmed(),
          .rerank = rerank_->isChecked(),
          .embedding_model = QDir::fromNativeSeparators(embedding_model_->text().trimmed()),
          .reranker_model = QDir::fromNativeSeparators(reranker_model_->text().trimmed())};
}

void VariantEditor::setVariant(const LabVariant& variant) {
  query_instruction_->setPlainText(variant.query_instruction);
  rerank_instruction_->setPlainText(variant.rerank_instruction);
  rerank_->setChecked(variant.rerank);
  embedding_model_->setText(QDir::toNativeSeparators(variant.embedding_model));
  reranker_model_->setText(QDir::toNativeSeparators(variant.reranker_model));
}

void VariantEditor::setName(const QString& name) {
  name_ = name;
  retranslate();
}

void VariantEditor::setRemovable(bool removable) { remove_->setEnabled(removable); }

void VariantEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void VariantEditor::retranslate() {
  title_->setText(tr("Variant %1").arg(name_));
  remove_->setToolTip(tr("Remove variant %1").arg(name_));
  query_label_->setText(tr("Query instruction:"));
  query_instruction_->setPlaceholderText(tr("None: the query is embedded as plain text"));
  rerank_->setText(tr("Rerank, with the instruction:"));
  rerank_instruction_->setPlaceholderText(tr("The reranker's task"));
  embedding_label_->setText(tr("Embedding:"));
  embedding_model_->setPlaceholderText(tr("The loaded model"));
  embedding_model_->setToolTip(tr("A model folder or .gguf file to compare with the loaded one"));
  reranker_label_->setText(tr("Reranker:"));
  reranker_model_->setPlaceholderText(tr("The loaded reranker"));
  reranker_model_->setToolTip(tr("A reranker folder or .gguf file to compare with the loaded one"));
  for (QToolButton* button : {browse_embedding_, browse_reranker_}) {
    button->setToolTip(tr("Choose a model"));
    const QList<QAction*> actions = button->menu()->actions();
    actions[0]->setText(tr("Model file (.gguf)…"));
    actions[1]->setText(tr("Model folder…"));
  }
}

}  // namespace xun::gui
