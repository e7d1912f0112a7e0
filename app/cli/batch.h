// Input is processed a batch of lines at a time: big enough for the engine to pack many
// sequences into one forward pass, small enough that results stream out of a long input.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jsonl_input.h"
#include "output.h"
#include "text.h"
#include "xun/error.h"

namespace xun::cli {

inline constexpr size_t kBatchLines = 64;

// An engine error for a whole batch, pinned to the first line that fails on its own:
// `run_alone(i)` runs line i by itself and returns its error, if any. When none fails alone,
// the error names the range of lines. Only called on the error path.
Error pin_batch_error(std::span<const InputLine> lines, const Error& batch_error,
                      const std::function<std::optional<Error>(size_t)>& run_alone);

// The loop of `embed` and `rerank`: reads `input` a batch at a time, turns each line into a
// request (`parse`), runs the engine on the whole batch (`compute`, one result per request, in
// order) and writes each result as one JSON line (`to_json`). An engine error is pinned to the
// line that causes it.
template <class Request, class Output>
Result<void> process_batches(JsonlInput& input, const std::function<Result<Request>(const InputLine&)>& parse,
                             const std::function<Result<std::vector<Output>>(std::span<const Request>)>& compute,
                             const std::function<nlohmann::ordered_json(const Output&)>& to_json) {
  for (;;) {
    auto batch = input.read_batch(kBatchLines);
    if (!batch) return std::unexpected(batch.error());
    if (batch->empty()) return {};
    std::vector<Request> requests;
    requests.reserve(batch->size());
    for (const InputLine& line : *batch) {
      auto request = parse(line);
      if (!request) return std::unexpected(request.error());
      requests.push_back(std::move(*request));
    }
    auto outputs = compute(requests);
    if (!outputs)
      return std::unexpected(pin_batch_error(*batch, outputs.error(), [&](size_t i) {
        auto alone = compute(std::span<const Request>(requests).subspan(i, 1));
        return alone ? std::nullopt : std::optional<Error>(alone.error());
      }));
    if (outputs->size() != requests.size())
      return fail(concat("the engine returned ", outputs->size(), " results for ", requests.size(), " inputs"));
    std::vector<nlohmann::ordered_json> lines;
    lines.reserve(outputs->size());
    for (const Output& output : *outputs) lines.push_back(to_json(output));
    if (auto written = write_json_lines(lines); !written) return written;
  }
}

}  // namespace xun::cli
