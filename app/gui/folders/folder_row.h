// One line of the index manager's table: a folder of the index (or one queued for its first run)
// with what the store counts for it and what the indexing service is doing with it.
#pragma once

#include <cstdint>
#include <optional>

#include <QString>

namespace xun::gui {

// What is happening to a folder, in the order the table reports it: a running job wins over a
// queued one, which wins over the outcome of the last run, which wins over watching.
enum class FolderState {
  indexing,  // the running job indexes it
  paused,    // the running job indexes it and is paused
  queued,    // a job waits to index it
  failed,    // the last run over it stopped with an error, or could not read the folder
  watching,  // re-indexed when its files change
  idle,
};

struct FolderRow {
  QString path;  // absolute, clean, '/' separators (as the store keeps it)
  FolderState state = FolderState::idle;
  std::optional<int64_t> documents;  // unset: not in the index yet (queued for its first run)
  std::optional<int64_t> chunks;
  std::optional<int64_t> last_indexed_ms;  // unset: no run over it has finished yet
  bool watching = false;
  int failures = 0;  // files that failed in the last run over it
  QString error;     // why the last run over it failed (state failed)
};

}  // namespace xun::gui
