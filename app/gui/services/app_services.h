// The application's services, made from the settings and kept in step with them: the models
// (loaded on the search thread), search, indexing. Every page gets this one object.
#pragma once

#include <memory>

#include <QObject>

#include "services/app_settings.h"
#include "services/index_service.h"
#include "services/model_host.h"
#include "services/search_service.h"

namespace xun::gui {

class AppServices final : public QObject {
  Q_OBJECT

 public:
  // Starts loading the models the settings name; indexing and keyword search work meanwhile.
  explicit AppServices(AppSettings& settings, QObject* parent = nullptr);
  ~AppServices() override;  // stops indexing (keeping what it finished), then search

  AppSettings& settings() { return settings_; }
  SearchService& search() { return *search_; }
  IndexService& indexing() { return *indexing_; }
  const LoadedModels& models() const { return models_; }
  bool modelsLoading() const { return loading_; }

  ModelSetup setup() const;
  core::IndexOptions indexOptions() const;

 signals:
  void modelsLoadingStarted();
  // The loaded models changed (or failed to load: see LoadedModels::errors).
  void modelsChanged(const xun::gui::LoadedModels& models);

 private:
  void reload_models();
  void on_models_loaded(const LoadedModels& loaded);

  AppSettings& settings_;
  std::shared_ptr<ModelHost> host_;
  std::unique_ptr<SearchService> search_;
  std::unique_ptr<IndexService> indexing_;  // after search_: destroyed (and stopped) first
  LoadedModels models_;
  bool loading_ = false;
};

}  // namespace xun::gui
