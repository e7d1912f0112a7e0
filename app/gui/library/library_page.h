// The library browser: the indexed documents by folder (a tree with a filter by name or path and
// by type); a document's chunks in order with the selected chunk's full text; and, for a chunk,
// the passages nearest to it by meaning ("Similar passages", from its stored vector).
//
// Every read of the index runs on the search thread (SearchService::run); the page reloads when
// the folders change (IndexService::foldersChanged).
#pragma once

#include <cstdint>

#include <QWidget>

#include "common/file_actions.h"
#include "search/search_types.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTableView;
class QTreeView;

namespace xun::gui {

class AppServices;
class ChunkTableModel;
class DocumentFilterModel;
class DocumentTreeModel;
class PassageView;
class ResultListModel;
class SimilarPassagesPanel;
struct LibraryFolder;

class LibraryPage final : public QWidget {
  Q_OBJECT

 public:
  explicit LibraryPage(AppServices& services, QWidget* parent = nullptr);
  ~LibraryPage() override;

  // Reads the folders and their documents again.
  void reload();
  // Selects the document with this path (clearing a filter that hides it) and, once its chunks
  // are there, the chunk `chunk_id` (0: the first). False when the library has no such document.
  bool showDocument(const QString& path, int64_t chunk_id = 0);
  // Lists the passages nearest to the selected chunk.
  void findSimilar();

  // Open and Show in folder start other programs: tests replace them.
  FileActions& fileActions() { return actions_; }
  DocumentTreeModel* documentModel() const { return documents_; }
  DocumentFilterModel* filterModel() const { return filter_model_; }
  ChunkTableModel* chunkModel() const { return chunks_; }
  ResultListModel* similarModel() const;
  PassageView* textView() const { return text_; }

 signals:
  void documentsLoaded();
  void chunksLoaded(qint64 document_id);
  void similarFinished(qint64 chunk_id, int results);
  void similarFailed(qint64 chunk_id, const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void build();
  void retranslate();
  void on_documents(std::vector<LibraryFolder> folders);
  void on_document_selected(const QModelIndex& proxy_index);
  void on_chunk_selected(const QModelIndex& index);
  void show_similar_passage(const core::SearchResult& result);
  void update_formats();
  void update_summary();

  AppServices& services_;
  FileActions actions_;
  DocumentTreeModel* documents_ = nullptr;
  DocumentFilterModel* filter_model_ = nullptr;
  ChunkTableModel* chunks_ = nullptr;
  QLineEdit* filter_ = nullptr;
  QComboBox* type_ = nullptr;
  QTreeView* tree_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* document_title_ = nullptr;
  QTableView* chunk_table_ = nullptr;
  QLabel* text_title_ = nullptr;
  PassageView* text_ = nullptr;
  SimilarPassagesPanel* similar_ = nullptr;
  QString document_path_;        // the document whose chunks are listed
  int64_t pending_chunk_ = 0;    // to select when the chunks arrive
  bool text_shows_similar_ = false;  // the text view shows a similar passage, not a chunk listed
  quint64 chunks_ticket_ = 0;    // newest load of chunks; older answers are dropped
  quint64 passage_ticket_ = 0;   // newest load of a similar passage's context
};

}  // namespace xun::gui
