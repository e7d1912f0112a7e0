#include "services/model_host.h"

#include <filesystem>

namespace xun::gui {
namespace {

std::filesystem::path fs_path(const QString& path) { return std::filesystem::path(path.toStdU16String()); }

}  // namespace

ModelHost::~ModelHost() {
  std::lock_guard lock(mutex_);
  current_ = {};
  extra_.clear();
}

Result<std::shared_ptr<xun::Model>> ModelHost::load_one(const std::shared_ptr<xun::Engine>& engine,
                                                        const QString& path) {
  auto model = engine->load_model(fs_path(path));
  if (!model) return std::unexpected(in_context(path.toStdString(), model.error()));
  // A model must go before its engine: whoever holds the model holds the engine too, so a search
  // or an indexing run can finish with a model the user has just replaced.
  return std::shared_ptr<xun::Model>(model->release(), [engine](xun::Model* loaded) { delete loaded; });
}

LoadedModels ModelHost::load(const ModelSetup& setup) {
  // Loads run one at a time; the state lock is held only to read and to publish, so current()
  // answers at once while weights are read (searches keep working with the old models).
  std::lock_guard loading(load_mutex_);
  std::shared_ptr<xun::Engine> engine;
  ModelSetup previous;
  LoadedModels before;
  {
    std::lock_guard lock(mutex_);
    engine = engine_;
    previous = setup_;
    before = current_;
  }
  LoadedModels next;
  const bool wants_engine = !setup.embedding_path.isEmpty() || !setup.reranker_path.isEmpty();
  const bool same_device = engine && previous.device == setup.device;
  if (!same_device) {
    engine.reset();  // the old models go with the old engine (holders keep theirs alive)
    if (wants_engine) {
      xun::EngineOptions options;
      options.device_index = setup.device;
      auto created = xun::Engine::create(options);
      if (created) {
        engine = std::move(*created);
      } else {
        next.errors << QString::fromStdString(created.error().message);
      }
    }
  }
  if (engine) next.device = engine->device();

  auto pick = [&](const QString& path, const QString& old_path,
                  const std::shared_ptr<xun::Model>& old_model) -> std::shared_ptr<xun::Model> {
    if (path.isEmpty() || !engine) return nullptr;
    if (same_device && path == old_path && old_model) return old_model;
    auto model = load_one(engine, path);
    if (!model) {
      next.errors << QString::fromStdString(model.error().message);
      return nullptr;
    }
    return std::move(*model);
  };
  next.embedding = pick(setup.embedding_path, previous.embedding_path, before.embedding);
  next.reranker = pick(setup.reranker_path, previous.reranker_path, before.reranker);

  std::lock_guard lock(mutex_);
  if (engine_ && engine_ != engine) {
    for (std::string& message : engine_->validation_messages())
      retired_validation_messages_.push_back(std::move(message));
    extra_.clear();
  }
  engine_ = engine;
  setup_ = setup;
  current_ = next;
  return next;
}

Result<std::shared_ptr<xun::Model>> ModelHost::load_extra(const QString& path) {
  std::shared_ptr<xun::Engine> engine;
  {
    std::lock_guard lock(mutex_);
    if (path == setup_.embedding_path && current_.embedding) return current_.embedding;
    if (path == setup_.reranker_path && current_.reranker) return current_.reranker;
    if (auto found = extra_.find(path); found != extra_.end()) return found->second;
    if (!engine_) {
      xun::EngineOptions options;
      options.device_index = setup_.device;
      auto created = xun::Engine::create(options);
      if (!created) return std::unexpected(created.error());
      engine_ = std::move(*created);
    }
    engine = engine_;
  }
  // Reading the weights takes a while: current() stays available meanwhile.
  auto model = load_one(engine, path);
  if (!model) return std::unexpected(model.error());
  std::lock_guard lock(mutex_);
  if (engine_ == engine) extra_.insert_or_assign(path, *model);  // else the device changed meanwhile
  return std::move(*model);
}

void ModelHost::retain_extra(const QStringList& paths) {
  std::lock_guard lock(mutex_);
  std::erase_if(extra_, [&](const auto& entry) { return !paths.contains(entry.first); });
}

LoadedModels ModelHost::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::vector<std::string> ModelHost::validation_messages() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> messages = retired_validation_messages_;
  if (engine_)
    for (std::string& message : engine_->validation_messages()) messages.push_back(std::move(message));
  return messages;
}

}  // namespace xun::gui
