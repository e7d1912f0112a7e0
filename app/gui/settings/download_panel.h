// Downloads a model from the catalog, from Hugging Face or ModelScope (or a mirror of either),
// with progress, cancel, resume (an interrupted download continues where it stopped, even after
// a restart) and checksum verification (see core::ModelDownloader). A finished model can be
// used at once.
#pragma once

#include <QWidget>

#include "models/model_download.h"
#include "xun/engine.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace xun::gui {

class AppSettings;

class DownloadPanel final : public QWidget {
  Q_OBJECT

 public:
  explicit DownloadPanel(AppSettings& settings, QWidget* parent = nullptr);

  core::ModelDownloader& downloader() { return downloader_; }
  void retranslate();

 signals:
  // A model is complete and verified at `path`; `kind` says which setting it fits.
  void modelReady(const QString& path, xun::ModelKind kind);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void start();
  void on_progress(qint64 done, qint64 total, const QString& file, double bytes_per_second);
  void on_finished(const QString& path);
  void on_failed(const QString& message);
  void set_running(bool running);
  QString destination_for(const QString& id) const;

  AppSettings& settings_;
  core::ModelDownloader downloader_;
  QComboBox* site_ = nullptr;
  QComboBox* model_ = nullptr;
  QLineEdit* mirror_ = nullptr;
  QLabel* site_label_ = nullptr;
  QLabel* model_label_ = nullptr;
  QLabel* mirror_label_ = nullptr;
  QPushButton* download_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QString running_id_;
};

}  // namespace xun::gui
