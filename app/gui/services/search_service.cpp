#include "services/search_service.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>

#include "search/searcher.h"

namespace xun::gui {

SearchService::SearchService(QString index_path, std::shared_ptr<ModelHost> models, QObject* parent)
    : QObject(parent), index_path_(std::move(index_path)), host_(std::move(models)),
      loader_(QStringLiteral("xun-models")), worker_(QStringLiteral("xun-search")) {}

SearchService::~SearchService() {
  worker_.post([this] {  // the connection closes on the thread that opened it
    searcher_.reset();
    store_.reset();
    worker_models_ = {};
  });
  worker_.stop();
  loader_.stop();
}

Result<SearchContext> SearchService::open_context() {
  if (!store_) {
    QDir().mkpath(QFileInfo(index_path_).absolutePath());
    auto store = core::IndexStore::open(index_path_);
    if (!store) return std::unexpected(store.error());
    store_ = std::move(*store);
    searcher_ = std::make_unique<core::Searcher>(*store_);
  }
  worker_models_ = host_->current();
  return SearchContext{*store_, *searcher_, worker_models_};
}

core::SearchRequest SearchService::request_for(const SearchSpec& spec, const LoadedModels& models) {
  core::SearchRequest request;
  request.query = spec.query;
  request.mode = spec.mode;
  request.top_k = spec.top_k;
  request.instruction = spec.instruction;
  request.embedding_model = models.embedding.get();
  request.filters = spec.filters;
  if (spec.rerank && models.reranker) {
    request.rerank = core::RerankSettings{.model = models.reranker.get(),
                                          .instruction = spec.rerank_instruction,
                                          .candidates = spec.rerank_candidates};
  }
  return request;
}

quint64 SearchService::search(const SearchSpec& spec) {
  const quint64 ticket = ++latest_ticket_;
  worker_.post([this, ticket, spec] {
    if (ticket != latest_ticket_.load()) return;  // superseded while queued
    Result<core::SearchResults> results = [&]() -> Result<core::SearchResults> {
      auto context = open_context();
      if (!context) return std::unexpected(context.error());
      return context->searcher.search(request_for(spec, context->models));
    }();
    QMetaObject::invokeMethod(this, [this, ticket, results = std::move(results)] {
      if (results)
        emit searchFinished(ticket, *results);
      else
        emit searchFailed(ticket, QString::fromStdString(results.error().message));
    });
  });
  return ticket;
}

void SearchService::loadModels(const ModelSetup& setup) {
  loader_.post([this, setup] {
    LoadedModels loaded = host_->load(setup);  // searches pick it up through host_->current()
    QMetaObject::invokeMethod(this, [this, loaded] { emit modelsLoaded(loaded); });
  });
}

}  // namespace xun::gui
