// The engine and the models the application uses, loaded off the GUI thread and shared by the
// search and indexing threads, which call the models directly (the engine serialises what it
// must). Every model is optional: without one, keyword search and indexing for keyword search
// still work.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <QString>
#include <QStringList>

#include "xun/engine.h"

namespace xun::gui {

// What to load.
struct ModelSetup {
  std::optional<uint32_t> device;  // unset: the engine's best device
  QString embedding_path;          // empty: no embedding model
  QString reranker_path;           // empty: no reranker
  bool operator==(const ModelSetup&) const = default;
};

// What is loaded. Models are shared: holders keep using theirs after a reload (each model keeps
// its engine alive).
struct LoadedModels {
  std::shared_ptr<xun::Model> embedding;
  std::shared_ptr<xun::Model> reranker;
  std::optional<xun::DeviceInfo> device;  // set once an engine was created
  QStringList errors;                     // why something the setup names is not loaded
};

class ModelHost {
 public:
  ModelHost() = default;
  ModelHost(const ModelHost&) = delete;
  ModelHost& operator=(const ModelHost&) = delete;
  ~ModelHost();

  // Loads what `setup` names, keeping models already loaded from the same path on the same
  // device. Reads weights from disk: call it off the GUI thread. Thread-safe.
  LoadedModels load(const ModelSetup& setup);
  LoadedModels current() const;

  // A model the setup does not name, for comparisons (the instruction lab puts e.g. a 4B model
  // beside the loaded 0.6B one): loaded on the setup's engine (created if none is yet) and kept
  // until retain_extra() drops it or the device changes. A path the setup names gives the model
  // already loaded. Reads weights from disk: call it off the GUI thread. Thread-safe.
  Result<std::shared_ptr<xun::Model>> load_extra(const QString& path);
  // Frees the extra models whose paths are not in `paths` (their holders keep them alive).
  void retain_extra(const QStringList& paths);

  // Messages of the Vulkan validation layer so far (empty unless XUN_VULKAN_VALIDATION=1).
  std::vector<std::string> validation_messages() const;

 private:
  static Result<std::shared_ptr<xun::Model>> load_one(const std::shared_ptr<xun::Engine>& engine,
                                                      const QString& path);

  std::mutex load_mutex_;     // one load() at a time
  mutable std::mutex mutex_;  // guards the members below (the engine and models are thread-safe)
  ModelSetup setup_;
  LoadedModels current_;
  std::shared_ptr<xun::Engine> engine_;
  std::map<QString, std::shared_ptr<xun::Model>> extra_;  // by path, on engine_
  std::vector<std::string> retired_validation_messages_;  // of engines replaced since
};

}  // namespace xun::gui
