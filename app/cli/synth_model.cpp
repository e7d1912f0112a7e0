// `xun synth-model --shape S --format F --seed N --out PATH [--tokenizer FILE] [--json]`: a
// model with random weights and a Qwen3-Embedding shape, for benchmarks where no real weights
// can be downloaded.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "output.h"
#include "text.h"
#include "xun/synthetic_model.h"

namespace xun::cli {
namespace {

// --tokenizer, else the environment variable XUN_TOKENIZER; nothing when neither is set.
std::optional<std::filesystem::path> tokenizer_path(const Arguments& arguments) {
  if (arguments.tokenizer) return arguments.tokenizer;
  const char* variable = std::getenv("XUN_TOKENIZER");
  if (variable != nullptr && *variable != '\0') return std::filesystem::path(variable);
  return std::nullopt;
}

// The bytes written: the .gguf file, or every file of the safetensors directory.
Result<uint64_t> bytes_written(const std::filesystem::path& path) {
  std::error_code code;
  if (!std::filesystem::is_directory(path, code)) {
    const uint64_t bytes = std::filesystem::file_size(path, code);
    if (code) return fail(concat(path.string(), ": ", code.message()));
    return bytes;
  }
  uint64_t bytes = 0;
  for (std::filesystem::directory_iterator it(path, code), end; !code && it != end;
       it.increment(code))
    if (it->is_regular_file(code)) bytes += it->file_size(code);
  if (code) return fail(concat(path.string(), ": ", code.message()));
  return bytes;
}

std::string summary_line(const SyntheticModelOptions& options, uint64_t bytes, double seconds) {
  std::ostringstream line;
  line << "wrote " << options.output.string() << ": " << options.shape << " " << options.format
       << ", seed " << options.seed << ", " << std::fixed << std::setprecision(1)
       << bytes / double(1ull << 20) << " MiB in " << seconds << " s\n";
  return line.str();
}

}  // namespace

int run_synth_model(const Arguments& arguments) {
  const std::optional<std::filesystem::path> tokenizer = tokenizer_path(arguments);
  if (!tokenizer) {
    print_error(
        "'synth-model' needs a Qwen3 tokenizer.json for the model's vocabulary: give "
        "--tokenizer FILE or set XUN_TOKENIZER (see 'xun synth-model --help')");
    return kExitUsage;
  }
  if (std::error_code code; !std::filesystem::is_regular_file(*tokenizer, code)) {
    print_error(concat(tokenizer->string(), ": no such file (a Qwen3 tokenizer.json is needed ",
                       "for the model's vocabulary)"));
    return kExitFailure;
  }
  const SyntheticModelOptions options{.shape = *arguments.shape,
                                      .format = *arguments.format,
                                      .seed = *arguments.seed,
                                      .tokenizer_json = *tokenizer,
                                      .output = *arguments.out};
  const auto start = std::chrono::steady_clock::now();
  if (auto written = write_synthetic_model(options); !written) {
    print_error(written.error().message);
    return kExitFailure;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto bytes = bytes_written(options.output);
  if (!bytes) {
    print_error(bytes.error().message);
    return kExitFailure;
  }
  const Result<void> printed = arguments.json
                                   ? write_json_lines(std::vector<nlohmann::ordered_json>{
                                         {{"path", options.output.string()},
                                          {"shape", options.shape},
                                          {"format", options.format},
                                          {"bytes", *bytes},
                                          {"seconds", std::round(seconds * 1000) / 1000}}})
                                   : write_text(summary_line(options, *bytes, seconds));
  if (!printed) print_error(printed.error().message);
  return printed ? kExitOk : kExitFailure;
}

}  // namespace xun::cli
