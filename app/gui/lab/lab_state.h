// What the lab keeps across a restart, in AppSettings::labState() as JSON:
//   {"version": 1, "query": "...", "variants": [<as in presets>, ...], "shown": 20,
//    "judged_query": "...", "relevant": [chunk id, ...]}
// The relevance marks belong to the query they were made for (judged_query), which may differ
// from the query last typed; they come back with it and stay while that query runs again.
#pragma once

#include <cstdint>
#include <vector>

#include <QByteArray>
#include <QSet>
#include <QString>

#include "lab/lab_types.h"

namespace xun::gui {

struct LabState {
  QString query;
  std::vector<LabVariant> variants;
  int shown = 20;
  QString judged_query;
  QSet<int64_t> relevant;
};

QByteArray lab_state_to_json(const LabState& state);
// The state in `json`; what cannot be read (nothing saved yet, a hand-edited file) is left at
// its default.
LabState lab_state_from_json(const QByteArray& json);

}  // namespace xun::gui
