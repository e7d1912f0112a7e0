// `xun rerank --model PATH --jsonl FILE`: {"instruction"?, "query", "document"} ->
// {"score", "logit_yes", "logit_no"}.
#include <optional>
#include <string_view>
#include <vector>

#include "batch.h"
#include "commands.h"
#include "jsonl_input.h"
#include "model_session.h"
#include "output.h"
#include "text.h"
#include "xun/engine.h"

namespace xun::cli {
namespace {

// Qwen3-Reranker's own default task, for lines without an instruction.
constexpr std::string_view kDefaultInstruction =
    "Given a web search query, retrieve relevant passages that answer the query";

Result<RerankRequest> rerank_request(const InputLine& line) {
  auto instruction = line.optional_string_field("instruction");
  if (!instruction) return std::unexpected(instruction.error());
  auto query = line.string_field("query");
  if (!query) return std::unexpected(query.error());
  auto document = line.string_field("document");
  if (!document) return std::unexpected(document.error());
  return RerankRequest{instruction->value_or(std::string(kDefaultInstruction)), std::move(*query),
                       std::move(*document)};
}

nlohmann::ordered_json score_json(const RerankScore& score) {
  return {{"score", json_float(score.score)},
          {"logit_yes", json_float(score.logit_yes)},
          {"logit_no", json_float(score.logit_no)}};
}

Result<void> rerank_all(JsonlInput& input, Model& model, const RerankOptions& options) {
  return process_batches<RerankRequest, RerankScore>(
      input, rerank_request,
      [&](std::span<const RerankRequest> requests) { return model.rerank(requests, options); }, score_json);
}

}  // namespace

int run_rerank(const Arguments& arguments) {
  RerankOptions options;
  options.truncate = arguments.truncate;
  auto fits = [&](const ModelInfo& info) -> Result<void> {
    if (info.kind == ModelKind::reranker) return {};
    return fail(concat(arguments.model->string(),
                       ": this is an embedding model, which cannot "
                       "rerank; use it with 'xun embed', or give 'rerank' a Qwen3-Reranker model"));
  };
  return run_model_over_input(arguments, fits, [&](JsonlInput& input, Model& model) {
    return rerank_all(input, model, options);
  });
}

}  // namespace xun::cli
