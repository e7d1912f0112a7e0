#include "settings/settings_page.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "services/app_services.h"
#include "services/localization.h"
#include "settings/download_panel.h"
#include "settings/model_picker.h"

namespace xun::gui {
namespace {

QString device_description(const xun::DeviceInfo& device) {
  if (device.backend == xun::Backend::cpu)
    return SettingsPage::tr("CPU backend · %1 cores · %2 · %3 · %4")
        .arg(device.cpu.physical_cores)
        .arg(format_bytes(static_cast<qint64>(device.device_local_bytes)),
             QString::fromStdString(device.driver),
             QStringList([&] {
               QStringList simd;
               for (const std::string& feature : device.cpu.simd)
                 if (feature.starts_with("avx")) simd << QString::fromStdString(feature);
               return simd;
             }()).join(QStringLiteral(", ")));
  QStringList features;
  const xun::DeviceFeatures& f = device.features;
  if (f.cooperative_matrix) features << QStringLiteral("cooperative matrix");
  if (f.integer_dot_product) features << QStringLiteral("int8 dot product");
  if (f.shader_float16) features << QStringLiteral("fp16");
  if (f.subgroup_arithmetic) features << QStringLiteral("subgroups (%1)").arg(f.subgroup_size);
  return QStringLiteral("%1 · %2 · Vulkan %3 · %4 · %5")
      .arg(QString::fromUtf8(xun::to_string(device.type).data()), format_bytes(static_cast<qint64>(device.device_local_bytes)),
           QString::fromStdString(device.api_version), QString::fromStdString(device.driver),
           features.isEmpty() ? QStringLiteral("—") : features.join(QStringLiteral(", ")));
}

}  // namespace

SettingsPage::SettingsPage(AppServices& services, Localization& localization, QWidget* parent)
    : QWidget(parent), services_(services), localization_(localization) {
  auto* content = new QWidget;
  auto* column = new QVBoxLayout(content);
  column->addWidget(make_models_group());
  download_group_ = new QGroupBox(content);
  download_ = new DownloadPanel(services_.settings(), download_group_);
  (new QVBoxLayout(download_group_))->addWidget(download_);
  column->addWidget(download_group_);
  column->addWidget(make_device_group());
  column->addWidget(make_indexing_group());
  column->addWidget(make_instructions_group());
  column->addWidget(make_language_group());
  column->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  (new QVBoxLayout(this))->addWidget(scroll);
  layout()->setContentsMargins(0, 0, 0, 0);

  embedding_->setPath(services_.settings().embeddingModelPath());
  reranker_->setPath(services_.settings().rerankerModelPath());
  connect(download_, &DownloadPanel::modelReady, this, [this](const QString& path, xun::ModelKind kind) {
    if (kind == xun::ModelKind::embedding)
      services_.settings().setEmbeddingModelPath(path);
    else
      services_.settings().setRerankerModelPath(path);
    rescanModels();
  });
  connect(&discovering_, &QFutureWatcher<QList<core::DiscoveredModel>>::finished, this, [this] {
    const QList<core::DiscoveredModel> found = discovering_.result();
    embedding_->setCandidates(found);
    reranker_->setCandidates(found);
    embedding_->setPath(services_.settings().embeddingModelPath());
    reranker_->setPath(services_.settings().rerankerModelPath());
    rescan_->setEnabled(true);
  });
  connect(&listing_devices_, &QFutureWatcher<Result<std::vector<xun::DeviceInfo>>>::finished, this,
          [this] { show_devices(listing_devices_.result()); });
  connect(&services_, &AppServices::modelsChanged, this, &SettingsPage::show_loaded);
  connect(&services_, &AppServices::modelsLoadingStarted, this, [this] { loaded_->setText(tr("Loading models…")); });
  retranslate();
  show_loaded(services_.models());
  rescanModels();
  reloadDevices();
}

void SettingsPage::rescanModels() {
  if (discovering_.isRunning()) return;
  rescan_->setEnabled(false);
  const QString downloads = services_.settings().downloadFolder();
  discovering_.setFuture(QtConcurrent::run([downloads] {
    QList<core::DiscoveredModel> found = core::discover_models();
    found += core::discover_in_folder(downloads);
    return found;
  }));
}

void SettingsPage::reloadDevices() {
  if (listing_devices_.isRunning()) return;
  listing_devices_.setFuture(QtConcurrent::run([] { return xun::Engine::list_devices(); }));
}

void SettingsPage::show_devices(const Result<std::vector<xun::DeviceInfo>>& devices) {
  device_->clear();
  device_->addItem(tr("Automatic (the fastest device)"));
  if (!devices) {
    devices_.clear();
    device_details_->setText(tr("No Vulkan device could be listed: %1").arg(QString::fromStdString(devices.error().message)));
    return;
  }
  devices_ = *devices;
  for (const xun::DeviceInfo& device : devices_)
    device_->addItem(device.backend == xun::Backend::cpu
                         ? tr("%1: %2 (CPU backend)").arg(device.index).arg(QString::fromStdString(device.name))
                         : QStringLiteral("%1: %2").arg(device.index).arg(QString::fromStdString(device.name)),
                     device.index);
  const std::optional<uint32_t> chosen = services_.settings().deviceIndex();
  device_->setCurrentIndex(chosen ? std::max(0, device_->findData(*chosen)) : 0);
  QStringList lines;
  for (const xun::DeviceInfo& device : devices_)
    lines << QStringLiteral("%1: %2").arg(QString::fromStdString(device.name), device_description(device));
  device_details_->setText(lines.join(QLatin1Char('\n')));
}

void SettingsPage::show_loaded(const LoadedModels& models) {
  QStringList lines;
  if (models.embedding) lines << tr("Embedding model loaded: %1").arg(QString::fromStdString(models.embedding->info().path.string()));
  if (models.reranker) lines << tr("Reranker loaded: %1").arg(QString::fromStdString(models.reranker->info().path.string()));
  if (models.device) lines << tr("Running on %1").arg(QString::fromStdString(models.device->name));
  for (const QString& error : models.errors) lines << tr("Not loaded: %1").arg(error);
  if (lines.isEmpty()) lines << tr("No model loaded: keyword search works; pick or download a model for semantic search.");
  loaded_->setText(lines.join(QLatin1Char('\n')));
}

void SettingsPage::apply_language(int index) {
  const QString language = language_->itemData(index).toString();
  services_.settings().setLanguage(language);
  localization_.apply(language);
}

void SettingsPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void SettingsPage::retranslate() {
  models_group_->setTitle(tr("Models"));
  models_form_->labelForField(embedding_)->setProperty("text", tr("Embedding"));
  models_form_->labelForField(reranker_)->setProperty("text", tr("Reranker"));
  rescan_->setText(tr("Look again"));
  rescan_->setToolTip(tr("Search the Hugging Face and ModelScope caches and the download folder"));
  download_group_->setTitle(tr("Download a model"));
  device_group_->setTitle(tr("Device"));
  if (device_->count() > 0) device_->setItemText(0, tr("Automatic (the fastest device)"));
  indexing_group_->setTitle(tr("Indexing"));
  indexing_form_->labelForField(chunk_tokens_)->setProperty("text", tr("Chunk size (tokens)"));
  indexing_form_->labelForField(chunk_overlap_)->setProperty("text", tr("Overlap (tokens)"));
  chunk_note_->setText(tr("New sizes apply to files indexed from now on."));
  instructions_group_->setTitle(tr("Default instructions"));
  instructions_form_->labelForField(query_instruction_)->setProperty("text", tr("Query embedding"));
  instructions_form_->labelForField(rerank_instruction_)->setProperty("text", tr("Reranking"));
  reset_instructions_->setText(tr("Reset to Qwen3's default"));
  language_group_->setTitle(tr("Language"));
  language_->setItemText(0, tr("Follow the system"));
  show_loaded(services_.models());
}

}  // namespace xun::gui
