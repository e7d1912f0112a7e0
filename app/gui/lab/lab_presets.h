// Named sets of lab variants, kept in AppSettings::labPresets() as JSON:
//   {"version": 1, "presets": [{"name": "...", "variants": [{"query_instruction": "...",
//     "rerank_instruction": "...", "rerank": false, "embedding_model": "",
//     "reranker_model": ""}, ...]}, ...]}
#pragma once

#include <vector>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include "lab/lab_types.h"

namespace xun::gui {

struct LabPreset {
  QString name;
  std::vector<LabVariant> variants;
  bool operator==(const LabPreset&) const = default;
};

QJsonObject variant_to_json(const LabVariant& variant);
LabVariant variant_from_json(const QJsonObject& object);

QByteArray presets_to_json(const std::vector<LabPreset>& presets);
// Presets in `json`, by name; what cannot be read (a hand-edited settings file) is skipped.
std::vector<LabPreset> presets_from_json(const QByteArray& json);

// Adds `preset`, replacing one of the same name; keeps the list sorted by name.
void put_preset(std::vector<LabPreset>& presets, LabPreset preset);
bool remove_preset(std::vector<LabPreset>& presets, const QString& name);

}  // namespace xun::gui
