// Search for the GUI: a worker thread that owns a read connection to the index and a Searcher,
// and loads models. The GUI thread only posts requests and receives results as signals or
// futures, so it never waits on SQLite or the engine.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include <QFuture>
#include <QObject>

#include "search/search_types.h"
#include "services/model_host.h"
#include "services/worker_thread.h"
#include "store/index_store.h"

namespace xun::core {
class Searcher;
}

namespace xun::gui {

// What a page asks for; the worker fills in the models (SearchRequest holds raw pointers).
struct SearchSpec {
  QString query;
  core::SearchMode mode = core::SearchMode::hybrid;
  int top_k = 20;
  QString instruction = core::kDefaultInstruction;  // for the query embedding
  bool rerank = false;                             // with the loaded reranker, if any
  QString rerank_instruction = core::kDefaultInstruction;
  int rerank_candidates = 30;
  core::SearchFilters filters;
};

// What a task on the search thread gets to work with.
struct SearchContext {
  core::IndexStore& store;
  core::Searcher& searcher;
  const LoadedModels& models;
};

class SearchService final : public QObject {
  Q_OBJECT

 public:
  SearchService(QString index_path, std::shared_ptr<ModelHost> models, QObject* parent = nullptr);
  ~SearchService() override;

  // Starts a search; its outcome comes as searchFinished/searchFailed with the returned ticket.
  // A search still queued when a newer one arrives is skipped (typing sends many).
  quint64 search(const SearchSpec& spec);

  // Loads the models `setup` names on a thread of their own (searches go on meanwhile; keyword
  // search needs no model); modelsLoaded() follows.
  void loadModels(const ModelSetup& setup);
  LoadedModels models() const { return host_->current(); }
  std::shared_ptr<ModelHost> host() const { return host_; }

  // Runs `task` on the search thread with the store and searcher; for the library, the lab and
  // other read-mostly work. A task whose store could not be opened gets the error instead.
  template <typename T>
  QFuture<Result<T>> run(std::function<Result<T>(SearchContext&)> task) {
    return worker_.submit<Result<T>>([this, task = std::move(task)]() -> Result<T> {
      auto context = open_context();
      if (!context) return std::unexpected(context.error());
      return task(*context);
    });
  }

  // The SearchRequest `spec` describes, with the loaded models filled in.
  static core::SearchRequest request_for(const SearchSpec& spec, const LoadedModels& models);

 signals:
  void searchFinished(quint64 ticket, const xun::core::SearchResults& results);
  void searchFailed(quint64 ticket, const QString& message);
  void modelsLoaded(const xun::gui::LoadedModels& models);

 private:
  Result<SearchContext> open_context();

  QString index_path_;
  std::shared_ptr<ModelHost> host_;
  std::atomic<quint64> latest_ticket_{0};
  // Owned by the search thread (opened and closed there):
  std::unique_ptr<core::IndexStore> store_;
  std::unique_ptr<core::Searcher> searcher_;
  LoadedModels worker_models_;
  WorkerThread loader_;  // loads models: reading weights takes seconds
  WorkerThread worker_;  // last: stopped first, before the members its tasks use
};

}  // namespace xun::gui
