#include "lab/lab_state.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "lab/lab_presets.h"

namespace xun::gui {
namespace {

constexpr int kStateVersion = 1;

}  // namespace

QByteArray lab_state_to_json(const LabState& state) {
  QJsonArray variants;
  for (const LabVariant& variant : state.variants) variants.append(variant_to_json(variant));
  // Sorted, so that the same marks always write the same bytes.
  std::vector<int64_t> ids(state.relevant.begin(), state.relevant.end());
  std::ranges::sort(ids);
  QJsonArray relevant;
  for (int64_t id : ids) relevant.append(static_cast<qint64>(id));
  const QJsonObject root{{QStringLiteral("version"), kStateVersion},
                         {QStringLiteral("query"), state.query},
                         {QStringLiteral("variants"), variants},
                         {QStringLiteral("shown"), state.shown},
                         {QStringLiteral("judged_query"), state.judged_query},
                         {QStringLiteral("relevant"), relevant}};
  return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

LabState lab_state_from_json(const QByteArray& json) {
  LabState state;
  const QJsonObject root = QJsonDocument::fromJson(json).object();
  if (root.value(QStringLiteral("version")).toInt() != kStateVersion) return state;
  state.query = root.value(QStringLiteral("query")).toString();
  for (const QJsonValue& variant : root.value(QStringLiteral("variants")).toArray())
    if (variant.isObject()) state.variants.push_back(variant_from_json(variant.toObject()));
  state.shown = root.value(QStringLiteral("shown")).toInt(state.shown);
  state.judged_query = root.value(QStringLiteral("judged_query")).toString();
  for (const QJsonValue& id : root.value(QStringLiteral("relevant")).toArray())
    if (id.isDouble()) state.relevant.insert(id.toInteger());
  return state;
}

}  // namespace xun::gui
