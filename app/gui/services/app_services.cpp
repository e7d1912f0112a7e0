#include "services/app_services.h"

namespace xun::gui {

AppServices::AppServices(AppSettings& settings, QObject* parent)
    : QObject(parent), settings_(settings), host_(std::make_shared<ModelHost>()) {
  search_ = std::make_unique<SearchService>(settings_.indexPath(), host_);
  indexing_ = std::make_unique<IndexService>(settings_.indexPath(), host_);
  indexing_->setOptions(indexOptions());
  connect(search_.get(), &SearchService::modelsLoaded, this, &AppServices::on_models_loaded);
  connect(&settings_, &AppSettings::modelsChanged, this, &AppServices::reload_models);
  connect(&settings_, &AppSettings::chunkingChanged, this,
          [this] { indexing_->setOptions(indexOptions()); });
  reload_models();
}

AppServices::~AppServices() {
  indexing_.reset();
  search_.reset();
}

ModelSetup AppServices::setup() const {
  return {.device = settings_.deviceIndex(),
          .embedding_path = settings_.embeddingModelPath(),
          .reranker_path = settings_.rerankerModelPath()};
}

core::IndexOptions AppServices::indexOptions() const {
  core::IndexOptions options;
  options.chunking.target_tokens = settings_.chunkTokens();
  options.chunking.overlap_tokens = settings_.chunkOverlap();
  options.extract.max_text_chars = settings_.maxTextMb() * core::text_chars_per_mb;
  options.extract_worker.timeout = std::chrono::seconds(settings_.extractTimeoutSeconds());
  options.extract_worker.memory_mb = settings_.extractMemoryMb();
  return options;
}

void AppServices::reload_models() {
  loading_ = true;
  emit modelsLoadingStarted();
  search_->loadModels(setup());
}

void AppServices::on_models_loaded(const LoadedModels& loaded) {
  const bool new_embedding = loaded.embedding && loaded.embedding != models_.embedding;
  models_ = loaded;
  loading_ = false;
  emit modelsChanged(models_);
  // Chunks indexed before this model was chosen get its vectors; unchanged files cost a stat.
  if (new_embedding) indexing_->indexAll();
}

}  // namespace xun::gui
