#include "settings/download_panel.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>

#include "models/model_catalog.h"
#include "services/app_settings.h"
#include "settings/model_picker.h"

namespace xun::gui {
namespace {

const QString kHuggingFace = QStringLiteral("huggingface");
const QString kModelScope = QStringLiteral("modelscope");

}  // namespace

DownloadPanel::DownloadPanel(AppSettings& settings, QWidget* parent)
    : QWidget(parent), settings_(settings) {
  site_ = new QComboBox(this);
  site_->setObjectName(QStringLiteral("downloadSite"));
  site_->addItem(QStringLiteral("Hugging Face"), kHuggingFace);
  site_->addItem(QStringLiteral("ModelScope"), kModelScope);
  site_->setCurrentIndex(std::max(0, site_->findData(settings_.downloadSource())));
  model_ = new QComboBox(this);
  model_->setObjectName(QStringLiteral("downloadModel"));
  for (const core::CatalogEntry& entry : core::model_catalog()) {
    model_->addItem(QStringLiteral("%1 (%2)").arg(QString(entry.id), format_bytes(entry.approximate_bytes)),
                    QString(entry.id));
  }
  mirror_ = new QLineEdit(this);
  mirror_->setObjectName(QStringLiteral("downloadMirror"));
  mirror_->setPlaceholderText(QStringLiteral("https://hf-mirror.com"));
  site_label_ = new QLabel(this);
  model_label_ = new QLabel(this);
  mirror_label_ = new QLabel(this);
  download_ = new QPushButton(QIcon(QStringLiteral(":/icons/download.svg")), QString(), this);
  download_->setObjectName(QStringLiteral("downloadButton"));
  cancel_ = new QPushButton(QIcon(QStringLiteral(":/icons/stop.svg")), QString(), this);
  cancel_->setObjectName(QStringLiteral("downloadCancel"));
  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("downloadProgress"));
  progress_->setVisible(false);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("downloadStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(site_label_, 0, 0);
  layout->addWidget(site_, 0, 1);
  layout->addWidget(model_label_, 1, 0);
  layout->addWidget(model_, 1, 1);
  layout->addWidget(mirror_label_, 2, 0);
  layout->addWidget(mirror_, 2, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(download_);
  buttons->addWidget(cancel_);
  buttons->addWidget(progress_, 1);
  layout->addLayout(buttons, 3, 0, 1, 2);
  layout->addWidget(status_, 4, 0, 1, 2);
  layout->setColumnStretch(1, 1);

  connect(site_, &QComboBox::currentIndexChanged, this,
          [this] { settings_.setDownloadSource(site_->currentData().toString()); });
  connect(download_, &QPushButton::clicked, this, &DownloadPanel::start);
  connect(cancel_, &QPushButton::clicked, this, [this] {
    downloader_.cancel();
    set_running(false);
    status_->setText(tr("Paused. Download again to continue where it stopped."));
  });
  connect(&downloader_, &core::ModelDownloader::progress, this, &DownloadPanel::on_progress);
  connect(&downloader_, &core::ModelDownloader::finished, this, &DownloadPanel::on_finished);
  connect(&downloader_, &core::ModelDownloader::failed, this, &DownloadPanel::on_failed);
  set_running(false);
  retranslate();
}

QString DownloadPanel::destination_for(const QString& id) const {
  return QDir(settings_.downloadFolder()).filePath(id);
}

void DownloadPanel::start() {
  const core::CatalogEntry* entry = core::find_catalog_entry(model_->currentData().toString());
  if (entry == nullptr) return;
  core::DownloadRequest request;
  request.site = site_->currentData().toString() == kModelScope ? core::ModelSite::modelscope
                                                                : core::ModelSite::hugging_face;
  request.repo = QString(entry->repo);
  request.file = QString(entry->file);
  request.destination = destination_for(QString(entry->id));
  const QString mirror = mirror_->text().trimmed();
  if (!mirror.isEmpty()) request.base_url = QUrl(mirror);
  if (!request.base_url.isEmpty() && !request.base_url.isValid()) {
    on_failed(tr("The mirror address is not a valid URL: %1").arg(mirror));
    return;
  }
  if (!downloader_.start(request)) return;
  running_id_ = QString(entry->id);
  set_running(true);
  progress_->setRange(0, 0);
  status_->setText(tr("Asking %1 for the file list of %2…").arg(core::to_string(request.site), request.repo));
}

void DownloadPanel::on_progress(qint64 done, qint64 total, const QString& file, double bytes_per_second) {
  if (total <= 0) return;
  // Progress in KiB keeps 16 GB downloads within an int.
  progress_->setRange(0, static_cast<int>(total / 1024));
  progress_->setValue(static_cast<int>(done / 1024));
  status_->setText(tr("%1 of %2 · %3/s · %4")
                       .arg(format_bytes(done), format_bytes(total),
                            format_bytes(static_cast<qint64>(bytes_per_second)), file));
}

void DownloadPanel::on_finished(const QString& path) {
  set_running(false);
  progress_->setRange(0, 1);
  progress_->setValue(1);
  status_->setText(tr("Downloaded and verified: %1").arg(path));
  const core::CatalogEntry* entry = core::find_catalog_entry(running_id_);
  if (entry != nullptr) emit modelReady(path, entry->kind);
}

void DownloadPanel::on_failed(const QString& message) {
  set_running(false);
  status_->setText(tr("Download failed: %1").arg(message));
}

void DownloadPanel::set_running(bool running) {
  download_->setEnabled(!running);
  cancel_->setEnabled(running);
  site_->setEnabled(!running);
  model_->setEnabled(!running);
  mirror_->setEnabled(!running);
  progress_->setVisible(running || progress_->value() > 0);
}

void DownloadPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void DownloadPanel::retranslate() {
  site_label_->setText(tr("From"));
  site_->setToolTip(tr("ModelScope serves the same models from mainland China"));
  model_label_->setText(tr("Model"));
  mirror_label_->setText(tr("Mirror (optional)"));
  mirror_->setToolTip(tr("A server with the same API as the site, e.g. a Hugging Face mirror"));
  download_->setText(tr("Download"));
  cancel_->setText(tr("Pause"));
}

}  // namespace xun::gui
