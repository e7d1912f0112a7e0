// The settings page's sections, one function each (settings_page.cpp wires them together).
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "search/search_types.h"
#include "services/app_services.h"
#include "services/localization.h"
#include "settings/model_picker.h"
#include "settings/settings_page.h"

namespace xun::gui {

QWidget* SettingsPage::make_models_group() {
  models_group_ = new QGroupBox(this);
  embedding_ = new ModelPicker(xun::ModelKind::embedding, models_group_);
  reranker_ = new ModelPicker(xun::ModelKind::reranker, models_group_);
  rescan_ = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), QString(), models_group_);
  rescan_->setObjectName(QStringLiteral("rescanModels"));
  loaded_ = new QLabel(models_group_);
  loaded_->setObjectName(QStringLiteral("loadedModels"));
  loaded_->setWordWrap(true);
  loaded_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  models_form_ = new QFormLayout(models_group_);
  models_form_->addRow(new QLabel(models_group_), embedding_);
  models_form_->addRow(new QLabel(models_group_), reranker_);
  auto* row = new QHBoxLayout;
  row->addWidget(loaded_, 1);
  row->addWidget(rescan_, 0, Qt::AlignTop);
  models_form_->addRow(row);

  AppSettings& settings = services_.settings();
  connect(embedding_, &ModelPicker::pathChosen, &settings, &AppSettings::setEmbeddingModelPath);
  connect(reranker_, &ModelPicker::pathChosen, &settings, &AppSettings::setRerankerModelPath);
  connect(rescan_, &QPushButton::clicked, this, &SettingsPage::rescanModels);
  return models_group_;
}

QWidget* SettingsPage::make_device_group() {
  device_group_ = new QGroupBox(this);
  device_ = new QComboBox(device_group_);
  device_->setObjectName(QStringLiteral("deviceCombo"));
  device_details_ = new QLabel(device_group_);
  device_details_->setObjectName(QStringLiteral("deviceDetails"));
  device_details_->setWordWrap(true);
  auto* layout = new QVBoxLayout(device_group_);
  layout->addWidget(device_);
  layout->addWidget(device_details_);
  connect(device_, &QComboBox::activated, this, [this](int index) {
    const QVariant data = device_->itemData(index);
    services_.settings().setDeviceIndex(data.isValid() ? std::optional<uint32_t>(data.toUInt()) : std::nullopt);
  });
  return device_group_;
}

QWidget* SettingsPage::make_indexing_group() {
  indexing_group_ = new QGroupBox(this);
  AppSettings& settings = services_.settings();
  chunk_tokens_ = new QSpinBox(indexing_group_);
  chunk_tokens_->setObjectName(QStringLiteral("chunkTokens"));
  chunk_tokens_->setRange(64, 8192);
  chunk_tokens_->setSingleStep(64);
  chunk_tokens_->setValue(settings.chunkTokens());
  chunk_overlap_ = new QSpinBox(indexing_group_);
  chunk_overlap_->setObjectName(QStringLiteral("chunkOverlap"));
  chunk_overlap_->setRange(0, 4096);
  chunk_overlap_->setSingleStep(16);
  chunk_overlap_->setValue(settings.chunkOverlap());
  chunk_note_ = new QLabel(indexing_group_);
  chunk_note_->setWordWrap(true);
  indexing_form_ = new QFormLayout(indexing_group_);
  indexing_form_->addRow(new QLabel(indexing_group_), chunk_tokens_);
  indexing_form_->addRow(new QLabel(indexing_group_), chunk_overlap_);
  indexing_form_->addRow(chunk_note_);
  auto apply = [this] {
    // The overlap can be at most half a chunk (the chunker clamps it the same way).
    chunk_overlap_->setMaximum(chunk_tokens_->value() / 2);
    services_.settings().setChunking(chunk_tokens_->value(), chunk_overlap_->value());
  };
  connect(chunk_tokens_, &QSpinBox::editingFinished, this, apply);
  connect(chunk_overlap_, &QSpinBox::editingFinished, this, apply);
  chunk_overlap_->setMaximum(chunk_tokens_->value() / 2);
  return indexing_group_;
}

QWidget* SettingsPage::make_instructions_group() {
  instructions_group_ = new QGroupBox(this);
  AppSettings& settings = services_.settings();
  query_instruction_ = new QLineEdit(settings.queryInstruction(), instructions_group_);
  query_instruction_->setObjectName(QStringLiteral("queryInstruction"));
  rerank_instruction_ = new QLineEdit(settings.rerankInstruction(), instructions_group_);
  rerank_instruction_->setObjectName(QStringLiteral("rerankInstruction"));
  reset_instructions_ = new QPushButton(instructions_group_);
  instructions_form_ = new QFormLayout(instructions_group_);
  instructions_form_->addRow(new QLabel(instructions_group_), query_instruction_);
  instructions_form_->addRow(new QLabel(instructions_group_), rerank_instruction_);
  instructions_form_->addRow(QString(), reset_instructions_);  // no label
  connect(query_instruction_, &QLineEdit::editingFinished, this,
          [this] { services_.settings().setQueryInstruction(query_instruction_->text()); });
  connect(rerank_instruction_, &QLineEdit::editingFinished, this,
          [this] { services_.settings().setRerankInstruction(rerank_instruction_->text()); });
  connect(reset_instructions_, &QPushButton::clicked, this, [this] {
    query_instruction_->setText(core::kDefaultInstruction);
    rerank_instruction_->setText(core::kDefaultInstruction);
    services_.settings().setQueryInstruction(core::kDefaultInstruction);
    services_.settings().setRerankInstruction(core::kDefaultInstruction);
  });
  return instructions_group_;
}

QWidget* SettingsPage::make_language_group() {
  language_group_ = new QGroupBox(this);
  language_ = new QComboBox(language_group_);
  language_->setObjectName(QStringLiteral("languageCombo"));
  // Each language is named in itself, so that a user can find theirs whatever is shown now.
  language_->addItem(QString(), QString());
  language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
  language_->addItem(QStringLiteral("中文（简体）"), QStringLiteral("zh_CN"));
  language_->setCurrentIndex(std::max(0, language_->findData(services_.settings().language())));
  auto* layout = new QVBoxLayout(language_group_);
  layout->addWidget(language_);
  connect(language_, &QComboBox::activated, this, &SettingsPage::apply_language);
  return language_group_;
}

}  // namespace xun::gui
