// The engine and the models an index command needs (an embedding model, a reranker), loaded
// on one device; every one is optional, since keyword search and indexing need none.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "xun/engine.h"

namespace xun::cli {

class IndexModels {
 public:
  // Loads `path` as the embedding (or reranker) model, creating the engine on first use.
  Result<Model*> load_embedding(const std::filesystem::path& path, const EngineOptions& options);
  Result<Model*> load_reranker(const std::filesystem::path& path, const EngineOptions& options);
  Model* embedding() { return embedding_.get(); }
  Model* reranker() { return reranker_.get(); }
  // The command's exit code after the validation check (see finish_with_validation).
  int finish(int exit_code);

 private:
  Result<std::unique_ptr<Model>> load(const std::filesystem::path& path, const EngineOptions& options);
  std::unique_ptr<Engine> engine_;  // declared first: destroyed after the models
  std::unique_ptr<Model> embedding_;
  std::unique_ptr<Model> reranker_;
};

}  // namespace xun::cli
