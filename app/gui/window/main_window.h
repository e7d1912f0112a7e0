// The main window: one tab per task (search, folders, instruction lab, library, settings), a
// status bar with the models and the indexing progress, Ctrl+K to search from anywhere, and
// folders dropped on the window are indexed.
#pragma once

#include <QMainWindow>

class QLabel;
class QProgressBar;
class QTabWidget;

namespace xun::gui {

class AppServices;
class Localization;
class SearchPage;
class FoldersPage;
class LabPage;
class LibraryPage;
class SettingsPage;
struct LoadedModels;

class MainWindow final : public QMainWindow {
  Q_OBJECT

 public:
  enum class Page { search, folders, lab, library, settings };

  MainWindow(AppServices& services, Localization& localization, QWidget* parent = nullptr);
  ~MainWindow() override;

  void showPage(Page page);
  Page currentPage() const;

  SearchPage* searchPage() const { return search_; }
  FoldersPage* foldersPage() const { return folders_; }
  LabPage* labPage() const { return lab_; }
  LibraryPage* libraryPage() const { return library_; }
  SettingsPage* settingsPage() const { return settings_; }

  // Indexes the folders among `paths` (what a drop does).
  void addFolders(const QStringList& paths);
  // Keeps the window's size and place, its splitters and the pages' choices in the settings;
  // the next window starts as this one was. Closing (or destroying) the window calls it.
  void saveSettings();

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void retranslate();
  void restore_layout();
  void update_model_status();

  AppServices& services_;
  Localization& localization_;
  QTabWidget* tabs_ = nullptr;
  SearchPage* search_ = nullptr;
  FoldersPage* folders_ = nullptr;
  LabPage* lab_ = nullptr;
  LibraryPage* library_ = nullptr;
  SettingsPage* settings_ = nullptr;
  QLabel* model_status_ = nullptr;
  QLabel* index_status_ = nullptr;
  QProgressBar* index_progress_ = nullptr;
};

}  // namespace xun::gui
