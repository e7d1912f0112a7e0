#include "lab/preset_bar.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QToolButton>

#include "services/app_settings.h"

namespace xun::gui {

PresetBar::PresetBar(AppSettings& settings, std::function<std::vector<LabVariant>()> current_variants,
                     QWidget* parent)
    : QWidget(parent), settings_(settings), current_variants_(std::move(current_variants)),
      presets_(presets_from_json(settings.labPresets())) {
  label_ = new QLabel(this);
  combo_ = new QComboBox(this);
  combo_->setObjectName(QStringLiteral("labPresetCombo"));
  combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  combo_->setMinimumContentsLength(12);
  label_->setBuddy(combo_);
  save_ = new QToolButton(this);
  save_->setObjectName(QStringLiteral("labSavePreset"));
  save_->setIcon(QIcon(QStringLiteral(":/icons/add.svg")));
  save_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  delete_ = new QToolButton(this);
  delete_->setObjectName(QStringLiteral("labDeletePreset"));
  delete_->setIcon(QIcon(QStringLiteral(":/icons/remove.svg")));

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(label_);
  layout->addWidget(combo_);
  layout->addWidget(save_);
  layout->addWidget(delete_);

  connect(combo_, &QComboBox::activated, this, [this](int index) {
    if (index >= 0 && static_cast<size_t>(index) < presets_.size()) emit presetChosen(presets_[static_cast<size_t>(index)]);
    delete_->setEnabled(index >= 0);
  });
  connect(save_, &QToolButton::clicked, this, &PresetBar::ask_name_and_save);
  connect(delete_, &QToolButton::clicked, this, [this] { deletePreset(combo_->currentText()); });
  reload({});
  retranslate();
}

void PresetBar::reload(const QString& select) {
  combo_->clear();
  int selected = -1;
  for (const LabPreset& preset : presets_) {
    if (preset.name == select) selected = combo_->count();
    combo_->addItem(preset.name);
  }
  combo_->setCurrentIndex(selected);
  combo_->setEnabled(!presets_.empty());
  delete_->setEnabled(selected >= 0);
}

void PresetBar::store() { settings_.setLabPresets(presets_to_json(presets_)); }

void PresetBar::savePreset(const QString& name) {
  const QString trimmed = name.trimmed();
  if (trimmed.isEmpty()) return;
  put_preset(presets_, {trimmed, current_variants_()});
  store();
  reload(trimmed);
}

void PresetBar::deletePreset(const QString& name) {
  if (!remove_preset(presets_, name)) return;
  store();
  reload({});
}

void PresetBar::ask_name_and_save() {
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Save preset"), tr("Name of the preset:"),
                                             QLineEdit::Normal, combo_->currentText(), &ok);
  if (ok) savePreset(name);
}

void PresetBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void PresetBar::retranslate() {
  label_->setText(tr("Preset:"));
  combo_->setPlaceholderText(tr("Choose a preset"));
  combo_->setToolTip(tr("Load saved variants"));
  save_->setText(tr("Save preset…"));
  save_->setToolTip(tr("Save these variants under a name"));
  delete_->setToolTip(tr("Delete the chosen preset"));
}

}  // namespace xun::gui
