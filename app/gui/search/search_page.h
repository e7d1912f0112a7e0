// The search page: a query field (focused at start and by Ctrl+K) that searches as the user
// types, the mode, reranking and filters, the results with highlighted snippets and score
// badges, and a preview of the selected passage in its document. Until a folder is indexed and
// an embedding model is loaded, a banner says what to do; keyword search works meanwhile.
//
// Nothing here waits: searches run on the search thread (SearchSession), and so do the reads
// of the index for the preview and the filters' choices.
#pragma once

#include <functional>

#include <QStringList>
#include <QWidget>

#include "common/file_actions.h"
#include "services/search_service.h"

class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QModelIndex;
class QSplitter;
class QTimer;

namespace xun::gui {

class AppServices;
class FirstRunBanner;
class ResultDelegate;
class ResultListModel;
class SearchOptionsBar;
class SearchPreview;
class SearchSession;
struct PassageContext;

class SearchPage final : public QWidget {
  Q_OBJECT

 public:
  // Asks for a folder to index; "" when the user cancels.
  using FolderChooser = std::function<QString(QWidget* parent)>;

  // How long typing must pause before a search starts.
  static constexpr int kTypingPauseMs = 250;
  static constexpr int kResultCount = 30;

  explicit SearchPage(AppServices& services, QWidget* parent = nullptr);
  ~SearchPage() override;

  // Focuses the query field with its text selected, ready to type over.
  void focusQuery();
  // Searches now for the field's text (what Enter does after typing).
  void searchNow();
  // Keeps the options in the settings for the next start (the window calls it when it
  // closes; the constructor restores them).
  void saveState();

  // Open and Show in folder start other programs: tests replace them.
  FileActions& fileActions() { return actions_; }
  // QFileDialog::getExistingDirectory unless a test sets another.
  void setFolderChooser(FolderChooser chooser) { choose_folder_ = std::move(chooser); }

  ResultListModel* resultModel() const { return model_; }
  ResultDelegate* resultDelegate() const { return delegate_; }
  SearchPreview* preview() const { return preview_; }

 signals:
  // The banner's "download or locate a model": the window shows the Settings page.
  void openSettingsRequested();
  // The results of `query` are on screen (`results` of them, maybe none).
  void searchFinished(const QString& query, int results);
  void searchFailed(const QString& query, const QString& message);
  // The preview shows the passage of this chunk.
  void previewShown(qint64 chunk_id);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void build();
  void retranslate();
  SearchSpec current_spec() const;
  void query_edited();
  void options_changed();
  void on_results(const core::SearchResults& results, const QString& note);
  void on_failure(const QString& message);
  void on_models_changed();
  void reload_index_facts();
  void update_banner();
  void show_preview(const QModelIndex& index);
  void open_result(const QModelIndex& index);
  void show_context_menu(const QPoint& position);
  void add_folder();
  // Shows a status made by `text`, which is called again after a language change.
  void set_status(std::function<QString()> text);

  AppServices& services_;
  FileActions actions_;
  FolderChooser choose_folder_;
  SearchSession* session_ = nullptr;
  QTimer* typing_pause_ = nullptr;
  QLineEdit* query_ = nullptr;
  SearchOptionsBar* options_ = nullptr;
  FirstRunBanner* banner_ = nullptr;
  QSplitter* splitter_ = nullptr;
  QListView* list_ = nullptr;
  ResultListModel* model_ = nullptr;
  ResultDelegate* delegate_ = nullptr;
  SearchPreview* preview_ = nullptr;
  QLabel* status_ = nullptr;
  QProgressBar* busy_ = nullptr;  // moves while a search (or its reranking) runs
  bool dirty_ = false;           // the query or options changed since the last search started
  QString shown_query_;          // whose results the list shows
  bool index_facts_known_ = false;
  QStringList folders_;          // indexed folders, from the index
  quint64 preview_ticket_ = 0;   // the newest preview load; older ones are dropped
  std::function<QString()> status_text_;  // the status line, in the current language
};

}  // namespace xun::gui
