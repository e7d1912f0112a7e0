// Settings: the embedding and reranker models (found on disk, picked by hand or downloaded), the
// Vulkan device, chunking, the default instructions and the language. Every change is saved at
// once through AppSettings; models reload in the background.
#pragma once

#include <vector>

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

#include "models/model_discovery.h"
#include "xun/engine.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QFormLayout;

namespace xun::gui {

class AppServices;
class Localization;
class DownloadPanel;
class ModelPicker;
struct LoadedModels;

class SettingsPage final : public QWidget {
  Q_OBJECT

 public:
  SettingsPage(AppServices& services, Localization& localization, QWidget* parent = nullptr);

  ModelPicker* embeddingPicker() const { return embedding_; }
  ModelPicker* rerankerPicker() const { return reranker_; }
  DownloadPanel* downloadPanel() const { return download_; }
  // Looks for models on disk again (the caches and the download folder).
  void rescanModels();
  // Lists the Vulkan devices again.
  void reloadDevices();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QWidget* make_models_group();
  QWidget* make_device_group();
  QWidget* make_indexing_group();
  QWidget* make_instructions_group();
  QWidget* make_language_group();
  void retranslate();
  void show_devices(const Result<std::vector<xun::DeviceInfo>>& devices);
  void show_loaded(const LoadedModels& models);
  void apply_language(int index);

  AppServices& services_;
  Localization& localization_;
  QGroupBox* models_group_ = nullptr;
  QGroupBox* device_group_ = nullptr;
  QGroupBox* indexing_group_ = nullptr;
  QGroupBox* instructions_group_ = nullptr;
  QGroupBox* language_group_ = nullptr;
  QGroupBox* download_group_ = nullptr;
  QFormLayout* models_form_ = nullptr;
  QFormLayout* indexing_form_ = nullptr;
  QFormLayout* instructions_form_ = nullptr;
  ModelPicker* embedding_ = nullptr;
  ModelPicker* reranker_ = nullptr;
  QPushButton* rescan_ = nullptr;
  QLabel* loaded_ = nullptr;
  QComboBox* device_ = nullptr;
  QLabel* device_details_ = nullptr;
  QSpinBox* chunk_tokens_ = nullptr;
  QSpinBox* chunk_overlap_ = nullptr;
  QLabel* chunk_note_ = nullptr;
  QLineEdit* query_instruction_ = nullptr;
  QLineEdit* rerank_instruction_ = nullptr;
  QPushButton* reset_instructions_ = nullptr;
  QComboBox* language_ = nullptr;
  DownloadPanel* download_ = nullptr;
  std::vector<xun::DeviceInfo> devices_;
  QFutureWatcher<QList<core::DiscoveredModel>> discovering_;
  QFutureWatcher<Result<std::vector<xun::DeviceInfo>>> listing_devices_;
};

}  // namespace xun::gui
