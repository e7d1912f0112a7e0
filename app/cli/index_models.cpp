#include "index_models.h"

#include "model_session.h"

namespace xun::cli {

Result<std::unique_ptr<Model>> IndexModels::load(const std::filesystem::path& path, const EngineOptions& options) {
  if (auto exists = check_model_path(path); !exists) return std::unexpected(exists.error());
  if (!engine_) {
    auto engine = create_engine(options);
    if (!engine) return std::unexpected(engine.error());
    engine_ = std::move(*engine);
  }
  auto model = engine_->load_model(path);
  if (!model) return std::unexpected(with_model_path(path, model.error()));
  return std::move(*model);
}

Result<Model*> IndexModels::load_embedding(const std::filesystem::path& path, const EngineOptions& options) {
  auto model = load(path, options);
  if (!model) return std::unexpected(model.error());
  embedding_ = std::move(*model);
  return embedding_.get();
}

Result<Model*> IndexModels::load_reranker(const std::filesystem::path& path, const EngineOptions& options) {
  auto model = load(path, options);
  if (!model) return std::unexpected(model.error());
  reranker_ = std::move(*model);
  return reranker_.get();
}

int IndexModels::finish(int exit_code) {
  embedding_.reset();
  reranker_.reset();
  if (!engine_) return exit_code;
  return finish_with_validation(*engine_, exit_code);
}

}  // namespace xun::cli
