#include "settings/model_picker.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace xun::gui {

QString format_bytes(qint64 bytes) {
  return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

ModelPicker::ModelPicker(xun::ModelKind kind, QWidget* parent) : QWidget(parent), kind_(kind) {
  combo_ = new QComboBox(this);
  combo_->setObjectName(kind == xun::ModelKind::embedding ? QStringLiteral("embeddingModelCombo")
                                                          : QStringLiteral("rerankerModelCombo"));
  combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  combo_->setMinimumContentsLength(40);
  folder_button_ = new QPushButton(this);
  file_button_ = new QPushButton(this);
  details_ = new QLabel(this);
  details_->setObjectName(QStringLiteral("modelDetails"));
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* row = new QHBoxLayout;
  row->addWidget(combo_, 1);
  row->addWidget(folder_button_);
  row->addWidget(file_button_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(row);
  layout->addWidget(details_);

  choosePath = [this](QWidget* parent, bool folder) {
    return folder ? QFileDialog::getExistingDirectory(parent, tr("Choose a model folder"))
                  : QFileDialog::getOpenFileName(parent, tr("Choose a GGUF model file"), QString(),
                                                 tr("GGUF models (*.gguf)"));
  };
  connect(combo_, &QComboBox::currentIndexChanged, this, &ModelPicker::on_index_changed);
  connect(folder_button_, &QPushButton::clicked, this, [this] { browse(true); });
  connect(file_button_, &QPushButton::clicked, this, [this] { browse(false); });
  connect(&inspecting_, &QFutureWatcher<core::DiscoveredModel>::finished, this, [this] {
    const core::DiscoveredModel model = inspecting_.result();
    add_candidate(model);
    updating_ = true;
    combo_->setCurrentIndex(combo_->count() - 1);
    updating_ = false;
    show_details(&models_.back());
    if (fits(model)) emit pathChosen(model.path);
  });
  retranslate();
  setCandidates({});
}

void ModelPicker::add_candidate(const core::DiscoveredModel& model) {
  models_.push_back(model);
  QString label = QFileInfo(model.path).fileName();
  if (!model.repo.isEmpty()) label = model.repo;
  if (model.info) label += QStringLiteral(" — %1, %2").arg(QString::fromStdString(model.info->weight_type).toUpper(),
                                                           format_bytes(static_cast<qint64>(model.info->parameter_bytes)));
  label += QStringLiteral(" (%1)").arg(core::to_string(model.source));
  combo_->addItem(label, model.path);
  combo_->setItemData(combo_->count() - 1, model.path, Qt::ToolTipRole);
}

bool ModelPicker::fits(const core::DiscoveredModel& model) const {
  return model.info && model.info->kind == kind_;
}

void ModelPicker::setCandidates(const QList<core::DiscoveredModel>& models) {
  const QString current = path();
  updating_ = true;
  combo_->clear();
  models_.clear();
  combo_->addItem(tr("None"), QString());
  for (const core::DiscoveredModel& model : models)
    if (!model.info || model.info->kind == kind_) add_candidate(model);
  updating_ = false;
  setPath(current);
}

void ModelPicker::setPath(const QString& path) {
  const int index = combo_->findData(path);
  if (index >= 0 || path.isEmpty()) {
    updating_ = true;
    combo_->setCurrentIndex(std::max(index, 0));
    updating_ = false;
    show_details(index > 0 ? &models_[index - 1] : nullptr);
    return;
  }
  // Not found on disk by discovery (a folder the user picked earlier): inspect it as it is.
  details_->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
  inspecting_.setFuture(QtConcurrent::run([path] { return core::inspect(path); }));
}

QString ModelPicker::path() const { return combo_->currentData().toString(); }

void ModelPicker::on_index_changed(int index) {
  if (updating_ || index < 0) return;
  const core::DiscoveredModel* model = index > 0 ? &models_[index - 1] : nullptr;
  show_details(model);
  if (model == nullptr || fits(*model)) emit pathChosen(path());
}

void ModelPicker::browse(bool folder) {
  const QString chosen = choosePath(this, folder);
  if (!chosen.isEmpty()) setPath(chosen);
}

void ModelPicker::show_details(const core::DiscoveredModel* model) {
  if (model == nullptr) {
    details_->setText(kind_ == xun::ModelKind::embedding
                          ? tr("No embedding model: keyword search works; semantic search needs one.")
                          : tr("No reranker: results are ranked without reranking."));
    return;
  }
  if (!model->info) {
    details_->setText(tr("Cannot be used: %1").arg(model->error));
    return;
  }
  const xun::ModelInfo& info = *model->info;
  if (info.kind != kind_) {
    details_->setText(kind_ == xun::ModelKind::embedding ? tr("This is a reranker, not an embedding model.")
                                                         : tr("This is an embedding model, not a reranker."));
    return;
  }
  details_->setText(tr("%1 · %2 layers · dimension %3 · %4 · %5 of weights · %6")
                        .arg(QString::fromStdString(info.format))
                        .arg(info.layers)
                        .arg(info.hidden_size)
                        .arg(QString::fromStdString(info.weight_type).toUpper())
                        .arg(format_bytes(static_cast<qint64>(info.parameter_bytes)))
                        .arg(model->path));
}

void ModelPicker::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ModelPicker::retranslate() {
  folder_button_->setText(tr("Folder…"));
  folder_button_->setToolTip(tr("A model folder with config.json, tokenizer.json and *.safetensors"));
  file_button_->setText(tr("GGUF file…"));
  if (combo_->count() > 0) combo_->setItemText(0, tr("None"));
  const int index = combo_->currentIndex();
  show_details(index > 0 ? &models_[index - 1] : nullptr);
}

}  // namespace xun::gui
