#include "lab/lab_presets.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>

namespace xun::gui {
namespace {

constexpr int kPresetsVersion = 1;

void sort_by_name(std::vector<LabPreset>& presets) {
  std::ranges::sort(presets, [](const LabPreset& a, const LabPreset& b) {
    return QString::localeAwareCompare(a.name, b.name) < 0;
  });
}

}  // namespace

QJsonObject variant_to_json(const LabVariant& variant) {
  return {{QStringLiteral("query_instruction"), variant.query_instruction},
          {QStringLiteral("rerank_instruction"), variant.rerank_instruction},
          {QStringLiteral("rerank"), variant.rerank},
          {QStringLiteral("embedding_model"), variant.embedding_model},
          {QStringLiteral("reranker_model"), variant.reranker_model}};
}

LabVariant variant_from_json(const QJsonObject& object) {
  return {.query_instruction = object.value(QStringLiteral("query_instruction")).toString(),
          .rerank_instruction = object.value(QStringLiteral("rerank_instruction")).toString(),
          .rerank = object.value(QStringLiteral("rerank")).toBool(),
          .embedding_model = object.value(QStringLiteral("embedding_model")).toString(),
          .reranker_model = object.value(QStringLiteral("reranker_model")).toString()};
}

QByteArray presets_to_json(const std::vector<LabPreset>& presets) {
  QJsonArray list;
  for (const LabPreset& preset : presets) {
    QJsonArray variants;
    for (const LabVariant& variant : preset.variants) variants.append(variant_to_json(variant));
    list.append(QJsonObject{{QStringLiteral("name"), preset.name},
                            {QStringLiteral("variants"), variants}});
  }
  const QJsonObject root{{QStringLiteral("version"), kPresetsVersion},
                         {QStringLiteral("presets"), list}};
  return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::vector<LabPreset> presets_from_json(const QByteArray& json) {
  std::vector<LabPreset> presets;
  const QJsonDocument document = QJsonDocument::fromJson(json);
  for (const QJsonValue& value : document.object().value(QStringLiteral("presets")).toArray()) {
    const QJsonObject object = value.toObject();
    LabPreset preset{.name = object.value(QStringLiteral("name")).toString().trimmed(), .variants = {}};
    for (const QJsonValue& variant : object.value(QStringLiteral("variants")).toArray())
      if (variant.isObject()) preset.variants.push_back(variant_from_json(variant.toObject()));
    if (!preset.name.isEmpty() && !preset.variants.empty()) put_preset(presets, std::move(preset));
  }
  return presets;
}

void put_preset(std::vector<LabPreset>& presets, LabPreset preset) {
  remove_preset(presets, preset.name);
  presets.push_back(std::move(preset));
  sort_by_name(presets);
}

bool remove_preset(std::vector<LabPreset>& presets, const QString& name) {
  return std::erase_if(presets, [&](const LabPreset& preset) { return preset.name == name; }) > 0;
}

}  // namespace xun::gui
