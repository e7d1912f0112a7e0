// xun search --db FILE [--model PATH] [--mode dense|keyword|hybrid] [--rerank-model PATH]
//            [--instruction TEXT] [--rerank-instruction TEXT] [--top-k N]
//            [--folder PATH] [--type FORMAT,...] [--after YYYY-MM-DD] [--before YYYY-MM-DD] QUERY
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include "commands.h"
#include "index_models.h"
#include "model_session.h"
#include "output.h"
#include "scan/fs_path.h"
#include "search/searcher.h"
#include "store/index_store.h"
#include "text.h"

namespace xun::cli {
namespace {

nlohmann::ordered_json optional_number(const auto& value) {
  return value ? nlohmann::ordered_json(static_cast<double>(*value)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json result_json(const core::SearchResult& r) {
  nlohmann::ordered_json highlights = nlohmann::ordered_json::array();
  for (const core::Highlight& h : r.highlights) highlights.push_back({h.start, h.length});
  return {{"path", core::displayed_path(r.path).toStdString()},
          {"page", r.page == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.page)},
          {"start", r.start},
          {"end", r.end},
          {"snippet", r.snippet.toStdString()},
          {"highlights", highlights},
          {"dense_score", optional_number(r.dense_score)},
          {"keyword_score", optional_number(r.keyword_score)},
          {"rerank_score", optional_number(r.rerank_score)},
          {"score", r.score}};
}

std::string result_text(size_t rank, const core::SearchResult& r) {
  // Names and snippets come from files anyone may have written: escaped, they cannot drive the terminal.
  std::string text = std::to_string(rank) + ". " + terminal_safe(core::displayed_path(r.path).toStdString());
  if (r.page > 0) text += " (page " + std::to_string(r.page) + ")";
  text += "  score " + std::to_string(r.score) + "\n   " + terminal_safe(r.snippet.simplified().toStdString()) + "\n";
  return text;
}

// The model that built the index, from where it was last loaded.
Result<std::filesystem::path> index_model_path(core::IndexStore& store) {
  auto index_model = store.index_model();
  if (!index_model) return std::unexpected(index_model.error());
  if (!*index_model)
    return fail(store.path().toStdString() + ": the index has no vectors yet (index with --model), so only "
                                             "--mode keyword works");
  return std::filesystem::path((*index_model)->model.path.toStdString());
}

std::optional<int64_t> day_start_ms(const std::optional<std::string>& date, int add_days) {
  if (!date) return std::nullopt;
  const QDate day = QDate::fromString(QString::fromStdString(*date), Qt::ISODate);
  return day.addDays(add_days).startOfDay().toMSecsSinceEpoch();
}

}  // namespace

int run_search(const Arguments& arguments) {
  auto store = core::IndexStore::open_existing(QString::fromStdString(*arguments.db));
  if (!store) {
    print_error(store.error().message);
    return kExitFailure;
  }
  core::SearchRequest request;
  request.query = QString::fromStdString(arguments.positional.front());
  request.mode = core::search_mode_from_string(QString::fromStdString(arguments.mode.value_or("hybrid")))
                     .value_or(core::SearchMode::hybrid);
  if (arguments.top_k) request.top_k = static_cast<int>(*arguments.top_k);
  if (arguments.instruction) request.instruction = QString::fromStdString(*arguments.instruction);
  if (arguments.folder)
    request.filters.folders << QDir::cleanPath(QFileInfo(core::path_from_bytes(*arguments.folder)).absoluteFilePath());
  if (arguments.type)
    request.filters.formats = QString::fromStdString(*arguments.type).split(',', Qt::SkipEmptyParts);
  request.filters.modified_from_ms = day_start_ms(arguments.after, 0);
  if (auto end = day_start_ms(arguments.before, 0)) request.filters.modified_to_ms = *end - 1;

  IndexModels models;
  if (request.mode != core::SearchMode::keyword) {
    auto path = arguments.model ? Result<std::filesystem::path>(*arguments.model) : index_model_path(**store);
    if (!path) {
      print_error(path.error().message);
      return kExitFailure;
    }
    auto model = models.load_embedding(*path, engine_options(arguments));
    if (!model) {
      print_error(model.error().message);
      return models.finish(kExitFailure);
    }
    request.embedding_model = *model;
  }
  if (arguments.rerank_model) {
    auto reranker = models.load_reranker(*arguments.rerank_model, engine_options(arguments));
    if (!reranker) {
      print_error(reranker.error().message);
      return models.finish(kExitFailure);
    }
    core::RerankSettings rerank;
    rerank.model = *reranker;
    if (arguments.rerank_instruction) rerank.instruction = QString::fromStdString(*arguments.rerank_instruction);
    rerank.candidates = std::max(rerank.candidates, request.top_k);
    request.rerank = rerank;
  }

  core::Searcher searcher(**store);
  auto results = searcher.search(request);
  if (!results) {
    print_error(results.error().message);
    return models.finish(kExitFailure);
  }
  if (arguments.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const core::SearchResult& result : results->results) list.push_back(result_json(result));
    nlohmann::ordered_json line = {{"results", list}};
    // The models saw only the start of a long query (search/query_length.h): how many tokens.
    line["query_truncated_to_tokens"] = results->query_truncated_to_tokens
                                            ? nlohmann::ordered_json(*results->query_truncated_to_tokens)
                                            : nlohmann::ordered_json(nullptr);
    return models.finish(write_json_lines(std::span(&line, 1)) ? kExitOk : kExitFailure);
  }
  if (results->query_truncated_to_tokens)
    print_error(concat("note: the query is long; the models used its first ",
                       *results->query_truncated_to_tokens, " tokens"));
  std::string text;
  for (size_t i = 0; i < results->results.size(); ++i) text += result_text(i + 1, results->results[i]);
  if (text.empty()) text = "no results\n";
  return models.finish(write_text(text) ? kExitOk : kExitFailure);
}

}  // namespace xun::cli
