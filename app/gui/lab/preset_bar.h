// The lab's presets: named sets of variants kept in the settings (AppSettings::labPresets()).
// Choosing one in the combo loads it; "Save preset…" stores the variants being edited under a
// name; "Delete" removes the chosen one.
#pragma once

#include <functional>
#include <vector>

#include <QWidget>

#include "lab/lab_presets.h"

class QComboBox;
class QLabel;
class QToolButton;

namespace xun::gui {

class AppSettings;

class PresetBar final : public QWidget {
  Q_OBJECT

 public:
  // `current_variants` gives the variants to save.
  PresetBar(AppSettings& settings, std::function<std::vector<LabVariant>()> current_variants,
            QWidget* parent = nullptr);

  const std::vector<LabPreset>& presets() const { return presets_; }
  // Stores the current variants as `name` (replacing a preset of that name) and selects it.
  void savePreset(const QString& name);
  void deletePreset(const QString& name);

 signals:
  void presetChosen(const xun::gui::LabPreset& preset);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void reload(const QString& select);
  void store();
  void ask_name_and_save();

  AppSettings& settings_;
  std::function<std::vector<LabVariant>()> current_variants_;
  std::vector<LabPreset> presets_;
  QLabel* label_;
  QComboBox* combo_;
  QToolButton* save_;
  QToolButton* delete_;
};

}  // namespace xun::gui
