// The whole application in a temporary folder, for the GUI suites: its own settings file and
// index, the tiny fixture models, a folder of documents with known contents, the real services
// and the real main window on the offscreen platform.
#pragma once

#include <memory>

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "services/app_services.h"
#include "services/app_settings.h"
#include "services/localization.h"
#include "window/main_window.h"

namespace xun::test {

class GuiFixture {
 public:
  GuiFixture();   // settings and index in a fresh temporary folder; nothing started yet
  ~GuiFixture();  // closes the window, stops the services

  gui::AppSettings& settings() { return *settings_; }
  // Sets the settings to the tiny fixture models (before start(), or while running).
  void useFixtureModels(bool embedding = true, bool reranker = true);
  // A folder of text and Markdown files written for the tests (see the .cpp for contents).
  QString documentsFolder() const;
  QString path(const QString& relative) const { return dir_.filePath(relative); }

  // Creates the services and the main window and shows it.
  void start();
  gui::AppServices& services() { return *services_; }
  gui::MainWindow& window() { return *window_; }
  gui::Localization& localization() { return localization_; }

  // Waits for the models the settings name to be loaded (true) or for the timeout (false).
  bool waitForModels(int timeout_ms = 120000);
  // Waits until no indexing job runs or is queued (true), or for the timeout (false).
  bool waitForIndexingIdle(int timeout_ms = 300000);
  // Closes the window and stops the services (what quitting the application does).
  void stop();
  // Validation layer messages reported by the engine so far (XUN_VULKAN_VALIDATION=1).
  QStringList validationMessages() const;

 private:
  QTemporaryDir dir_;
  std::unique_ptr<gui::AppSettings> settings_;
  gui::Localization localization_;
  std::unique_ptr<gui::AppServices> services_;
  std::unique_ptr<gui::MainWindow> window_;
  QStringList validation_messages_;  // kept from services already stopped
};

}  // namespace xun::test
