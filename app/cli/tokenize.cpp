// `xun tokenize --model PATH --jsonl FILE`: {"text"} -> {"ids"}, with the model's tokenizer
// alone (no device needed).
#include <memory>
#include <vector>

#include "batch.h"
#include "commands.h"
#include "jsonl_input.h"
#include "model_session.h"
#include "output.h"
#include "xun/engine.h"

namespace xun::cli {
namespace {

Result<void> tokenize_all(JsonlInput& input, const Tokenizer& tokenizer) {
  for (;;) {
    auto batch = input.read_batch(kBatchLines);
    if (!batch) return std::unexpected(batch.error());
    if (batch->empty()) return {};
    std::vector<nlohmann::ordered_json> lines;
    lines.reserve(batch->size());
    for (const InputLine& line : *batch) {
      auto text = line.string_field("text");
      if (!text) return std::unexpected(text.error());
      auto ids = tokenizer.encode(*text);
      if (!ids) return std::unexpected(line.error(ids.error().message));
      lines.push_back({{"ids", *ids}});
    }
    if (auto written = write_json_lines(lines); !written) return written;
  }
}

}  // namespace

int run_tokenize(const Arguments& arguments) {
  auto input = JsonlInput::open(*arguments.jsonl);
  if (!input) {
    print_error(input.error().message);
    return kExitFailure;
  }
  if (auto exists = check_model_path(*arguments.model); !exists) {
    print_error(exists.error().message);
    return kExitFailure;
  }
  auto tokenizer = load_tokenizer(*arguments.model);
  if (!tokenizer) {
    print_error(with_model_path(*arguments.model, tokenizer.error()).message);
    return kExitFailure;
  }
  if (auto done = tokenize_all(**input, **tokenizer); !done) {
    print_error(done.error().message);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace xun::cli
