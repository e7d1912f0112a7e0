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

Result<std::vector<EmbedRequest>> embed_requests(std::span<const InputLine> batch) {
  std::vector<EmbedRequest> requests;
  requests.reserve(batch.size());
  for (const InputLine& line : batch) {
    auto text = line.string_field("text");
    if (!text) return std::unexpected(text.error());
    auto instruction = line.optional_string_field("instruction");
    if (!instruction) return std::unexpected(instruction.error());
    requests.push_back(EmbedRequest{std::move(*text), std::move(*instruction)});
  }
  return requests;
}

Result<void> embed_all(JsonlInput& input, Model& model, const EmbedOptions& options) {
  for (;;) {
    auto batch = input.read_batch(kBatchLines);
    if (!batch) return std::unexpected(batch.error());
    if (batch->empty()) return {};
    auto requests = embed_requests(*batch);
    if (!requests) return std::unexpected(requests.error());
    auto embeddings = model.embed(*requests, options);
    if (!embeddings) {
      return std::unexpected(pin_batch_error(*batch, embeddings.error(), [&](size_t i) {
        auto alone = model.embed(std::span(*requests).subspan(i, 1), options);
        return alone ? std::nullopt : std::optional<Error>(alone.error());
      }));
    }
    if (embeddings->size() != requests->size())
      return fail(concat("the engine returned ", embeddings->size(), " embeddings for ",
                         requests->size(), " inputs"));
    std::vector<nlohmann::ordered_json> lines;
    lines.reserve(embeddings->size());
    for (const std::vector<float>& embedding : *embeddings) {
      nlohmann::ordered_json values = nlohmann::ordered_json::array();
      for (const float value : embedding) values.push_back(json_float(value));
      lines.push_back({{"embedding", std::move(values)}});
    }
    if (auto written = write_json_lines(lines); !written) return written;
  }
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
  auto input = JsonlInput::open(*arguments.jsonl);
  if (!input) {
    print_error(input.error().message);
    return kExitFailure;
  }
  ModelSession session;
  if (auto opened = session.open(*arguments.model, arguments.device); !opened) {
    print_error(opened.error().message);
    return session.finish(kExitFailure);
  }
  if (auto fits = check_model(arguments, session.model().info()); !fits) {
    print_error(fits.error().message);
    return session.finish(kExitUsage);
  }
  EmbedOptions options;
  options.dimension = arguments.dimension;
  options.truncate = arguments.truncate;
  auto done = embed_all(**input, session.model(), options);
  if (!done) print_error(done.error().message);
  return session.finish(done ? kExitOk : kExitFailure);
}

}  // namespace xun::cli
