// `xun embed --model PATH --jsonl FILE [--dim N]`: {"text", "instruction"?} -> {"embedding"}.
// A line with an instruction is a query, one without is a document (the engine formats both).
#include <optional>
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

Result<EmbedRequest> embed_request(const InputLine& line) {
  auto text = line.string_field("text");
  if (!text) return std::unexpected(text.error());
  auto instruction = line.optional_string_field("instruction");
  if (!instruction) return std::unexpected(instruction.error());
  return EmbedRequest{std::move(*text), std::move(*instruction)};
}

nlohmann::ordered_json embedding_json(const std::vector<float>& embedding) {
  nlohmann::ordered_json values = nlohmann::ordered_json::array();
  for (const float value : embedding) values.push_back(json_float(value));
  return {{"embedding", std::move(values)}};
}

Result<void> embed_all(JsonlInput& input, Model& model, const EmbedOptions& options) {
  return process_batches<EmbedRequest, std::vector<float>>(
      input, embed_request,
      [&](std::span<const EmbedRequest> requests) { return model.embed(requests, options); }, embedding_json);
}

// The model must be an embedding model, and MRL keeps 32..hidden_size dimensions.
Result<void> check_model(const Arguments& arguments, const ModelInfo& info) {
  if (info.kind != ModelKind::embedding)
    return fail(concat(arguments.model->string(),
                       ": this is a reranker model, which cannot "
                       "embed; use it with 'xun rerank', or give 'embed' a Qwen3-Embedding model"));
  if (arguments.dimension && *arguments.dimension > info.hidden_size)
    return fail(concat("--dim ", *arguments.dimension, " is out of range for ",
                       arguments.model->string(), ": its embeddings have ", info.hidden_size,
                       " dimensions, and --dim must be between ", kMinimumDimension, " and that"));
  return {};
}

}  // namespace

int run_embed(const Arguments& arguments) {
  EmbedOptions options;
  options.dimension = arguments.dimension;
  options.truncate = arguments.truncate;
  return run_model_over_input(
      arguments, [&](const ModelInfo& info) { return check_model(arguments, info); },
      [&](JsonlInput& input, Model& model) { return embed_all(input, model, options); });
}

}  // namespace xun::cli
