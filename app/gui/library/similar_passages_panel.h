// "Similar passages": for one chunk, the passages of the index nearest to it by meaning
// (Searcher::similar_chunks, on the search thread, from the chunk's stored vector), as a result
// list. Selecting one asks the page to show it; activating it opens its file; its context menu
// also offers to go to it in the library.
#pragma once

#include <cstdint>
#include <functional>

#include <QWidget>

#include "search/search_types.h"

class QLabel;
class QListView;
class QPushButton;

namespace xun::gui {

struct FileActions;
class ResultDelegate;
class ResultListModel;
class SearchService;

class SimilarPassagesPanel final : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kSimilarCount = 20;

  // `actions` belongs to the page and outlives the panel.
  SimilarPassagesPanel(SearchService& search, const FileActions& actions, QWidget* parent = nullptr);

  // The chunk to look from (0: none, and the button is disabled): chunk `ordinal` (from 0) of
  // `chunk_count` in the file `file_name`, as the status names it.
  void setSource(int64_t chunk_id, const QString& file_name, int ordinal, int chunk_count);
  // Lists the passages nearest to the source chunk.
  void findSimilar();
  void clear();
  ResultListModel* model() const { return model_; }

 signals:
  void passageSelected(const xun::core::SearchResult& result);
  void goToPassage(const QString& path, qint64 chunk_id);
  void finished(qint64 chunk_id, int results);
  void failed(qint64 chunk_id, const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void show_menu(const QPoint& position);
  void set_status(std::function<QString()> text);

  SearchService& search_;
  const FileActions& actions_;
  ResultListModel* model_ = nullptr;
  ResultDelegate* delegate_ = nullptr;
  QPushButton* button_ = nullptr;
  QLabel* status_ = nullptr;
  QListView* list_ = nullptr;
  struct Source {
    int64_t chunk_id = 0;
    QString file_name;
    int ordinal = 0;
    int chunk_count = 0;
  };
  static QString describe(const Source& source);

  Source source_;
  std::function<QString()> status_text_;  // in the current language
  quint64 ticket_ = 0;                    // the newest search; older answers are dropped
};

}  // namespace xun::gui
