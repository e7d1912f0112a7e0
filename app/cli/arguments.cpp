#include "arguments.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <initializer_list>
#include <utility>

#include "text.h"

namespace xun::cli {
namespace {

// Which commands an option applies to, as bits of (1 << Command).
constexpr unsigned bit(Command command) { return 1u << static_cast<unsigned>(command); }
// Commands that read JSON lines and run a model over them (--model and --jsonl required).
constexpr unsigned kJsonlCommands =
    bit(Command::tokenize) | bit(Command::embed) | bit(Command::rerank);
constexpr unsigned kModelCommands = kJsonlCommands | bit(Command::bench);
constexpr unsigned kGpuCommands = bit(Command::embed) | bit(Command::rerank);
// Commands over an index (--db required); their models are optional.
constexpr unsigned kIndexCommands = bit(Command::index) | bit(Command::search) | bit(Command::status);
constexpr unsigned kDeviceCommands = kGpuCommands | bit(Command::bench) | bit(Command::index) | bit(Command::search);
constexpr unsigned kJsonCommands =
    bit(Command::devices) | bit(Command::synth_model) | bit(Command::bench) | kIndexCommands;

enum class Option {
  model,
  jsonl,
  dim,
  device,
  threads,
  json,
  truncate,
  shape,
  format,
  seed,
  out,
  tokenizer,
  repeats,
  warmup,
  scale,
  db,
  watch,
  chunk_tokens,
  chunk_overlap,
  wait,
  max_text_mb,
  extract_timeout,
  extract_memory_mb,
  mode,
  rerank_model,
  instruction,
  rerank_instruction,
  top_k,
  folder,
  type,
  after,
  before
};

struct OptionSpec {
  Option option;
  std::string_view name;
  bool takes_value;
  unsigned commands;
  bool empty_allowed = false;  // "" is a meaningful value (--instruction "": embed the plain query)
};

constexpr std::array kOptions{
    OptionSpec{Option::model, "--model", true, kModelCommands | bit(Command::index) | bit(Command::search)},
    OptionSpec{Option::jsonl, "--jsonl", true, kJsonlCommands},
    OptionSpec{Option::dim, "--dim", true, bit(Command::embed)},
    OptionSpec{Option::device, "--device", true, kDeviceCommands},
    OptionSpec{Option::threads, "--threads", true, kDeviceCommands},
    OptionSpec{Option::json, "--json", false, kJsonCommands},
    OptionSpec{Option::truncate, "--truncate", false, kGpuCommands},
    OptionSpec{Option::shape, "--shape", true, bit(Command::synth_model)},
    OptionSpec{Option::format, "--format", true, bit(Command::synth_model)},
    OptionSpec{Option::seed, "--seed", true, bit(Command::synth_model)},
    OptionSpec{Option::out, "--out", true, bit(Command::synth_model)},
    OptionSpec{Option::tokenizer, "--tokenizer", true, bit(Command::synth_model)},
    OptionSpec{Option::repeats, "--repeats", true, bit(Command::bench)},
    OptionSpec{Option::warmup, "--warmup", true, bit(Command::bench)},
    OptionSpec{Option::scale, "--scale", true, bit(Command::bench)},
    OptionSpec{Option::db, "--db", true, kIndexCommands},
    OptionSpec{Option::watch, "--watch", false, bit(Command::index)},
    OptionSpec{Option::chunk_tokens, "--chunk-tokens", true, bit(Command::index)},
    OptionSpec{Option::chunk_overlap, "--chunk-overlap", true, bit(Command::index)},
    OptionSpec{Option::wait, "--wait", true, bit(Command::index)},
    OptionSpec{Option::max_text_mb, "--max-text-mb", true, bit(Command::index)},
    OptionSpec{Option::extract_timeout, "--extract-timeout", true, bit(Command::index)},
    OptionSpec{Option::extract_memory_mb, "--extract-memory-mb", true, bit(Command::index)},
    OptionSpec{Option::mode, "--mode", true, bit(Command::search)},
    OptionSpec{Option::rerank_model, "--rerank-model", true, bit(Command::search)},
    OptionSpec{Option::instruction, "--instruction", true, bit(Command::search), true},
    OptionSpec{Option::rerank_instruction, "--rerank-instruction", true, bit(Command::search)},
    OptionSpec{Option::top_k, "--top-k", true, bit(Command::search)},
    OptionSpec{Option::folder, "--folder", true, bit(Command::search)},
    OptionSpec{Option::type, "--type", true, bit(Command::search)},
    OptionSpec{Option::after, "--after", true, bit(Command::search)},
    OptionSpec{Option::before, "--before", true, bit(Command::search)},
};

// The values --shape and --format take: those of xun::write_synthetic_model.
constexpr std::array<std::string_view, 4> kShapes{"tiny", "0.6b", "4b", "8b"};
constexpr std::array<std::string_view, 3> kFormats{"gguf-f16", "gguf-q8_0", "safetensors-bf16"};
constexpr std::array<std::string_view, 3> kModes{"dense", "keyword", "hybrid"};
// The document formats --type filters by: those extract/document_format.cpp gives files.
constexpr std::array<std::string_view, 8> kTypes{"text", "markdown", "code", "html", "pdf", "docx", "odt", "epub"};

struct CommandSpec {
  Command command;
  std::string_view name;
};

constexpr std::array kCommands{
    CommandSpec{Command::devices, "devices"},
    CommandSpec{Command::tokenize, "tokenize"},
    CommandSpec{Command::embed, "embed"},
    CommandSpec{Command::rerank, "rerank"},
    CommandSpec{Command::synth_model, "synth-model"},
    CommandSpec{Command::bench, "bench"},
    CommandSpec{Command::index, "index"},
    CommandSpec{Command::search, "search"},
    CommandSpec{Command::status, "status"},
};

std::unexpected<UsageError> usage_error(std::string message) {
  return std::unexpected(UsageError{std::move(message)});
}

std::optional<Command> find_command(std::string_view word) {
  for (const CommandSpec& spec : kCommands)
    if (spec.name == word) return spec.command;
  return std::nullopt;
}

const OptionSpec* find_option(std::string_view name) {
  for (const OptionSpec& spec : kOptions)
    if (spec.name == name) return &spec;
  return nullptr;
}

template <class Count = uint32_t>
std::expected<Count, UsageError> parse_count(std::string_view option, std::string_view text) {
  Count value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size())
    return usage_error(concat(option, " needs a whole number, not '", text, "'"));
  return value;
}

// A decimal fraction X with 0 < X <= 1, e.g. "0.05".
std::expected<double, UsageError> parse_fraction(std::string_view option, std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
      !(value > 0 && value <= 1))
    return usage_error(concat(option,
                              " needs a decimal fraction above 0 and at most 1 (e.g. 0.05), ",
                              "not '", text, "'"));
  return value;
}

// `value` when it is one of `allowed`; a usage error listing them otherwise.
template <size_t N>
std::expected<std::string, UsageError> parse_choice(
    std::string_view option, std::string_view value,
    const std::array<std::string_view, N>& allowed) {
  if (std::ranges::find(allowed, value) != allowed.end()) return std::string(value);
  std::string choices;
  for (size_t i = 0; i < N; ++i)
    choices += concat(i == 0 ? "" : i + 1 == N ? " or " : ", ", allowed[i]);
  return usage_error(concat("unknown ", option, " '", value, "' (", choices, ")"));
}

// A calendar day written YYYY-MM-DD that exists (2024-02-29 does, 2099-02-31 does not).
std::expected<std::string, UsageError> parse_day(std::string_view option, std::string_view text) {
  const auto number = [&](size_t at, size_t length) {
    int value = -1;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, value);
    return error == std::errc() && end == text.data() + at + length ? value : -1;
  };
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::ranges::all_of(text.substr(0, 4), isdigit) && std::ranges::all_of(text.substr(5, 2), isdigit) &&
                      std::ranges::all_of(text.substr(8, 2), isdigit);
  const std::chrono::year_month_day day{std::chrono::year(shaped ? number(0, 4) : 0),
                                        std::chrono::month(shaped ? static_cast<unsigned>(number(5, 2)) : 0),
                                        std::chrono::day(shaped ? static_cast<unsigned>(number(8, 2)) : 0)};
  if (!shaped || !day.ok())
    return usage_error(concat(option, " needs a calendar day as YYYY-MM-DD (for example 2024-02-29), not '", text,
                              "'"));
  return std::string(text);
}

// A comma-separated list of document formats, each one that indexing gives (extract/document_format.cpp).
std::expected<std::string, UsageError> parse_types(std::string_view option, std::string_view text) {
  std::string types;
  for (size_t i = 0; i < kTypes.size(); ++i) types += concat(i == 0 ? "" : ", ", kTypes[i]);
  size_t named = 0;
  for (size_t start = 0; start <= text.size();) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view type = text.substr(start, comma - start);
    if (!type.empty() && std::ranges::find(kTypes, type) == kTypes.end())
      return usage_error(concat("unknown ", option, " '", type, "' (the types are ", types, ")"));
    named += type.empty() ? 0 : 1;
    start = comma + 1;
  }
  if (named == 0) return usage_error(concat(option, " needs at least one of ", types));
  return std::string(text);
}

// Stores `parsed` in `slot` unless the option was given before or its value is bad.
template <class T>
std::expected<void, UsageError> store_once(std::optional<T>& slot, std::string_view option,
                                           std::expected<T, UsageError> parsed) {
  if (slot) return usage_error(concat(option, " is given more than once"));
  if (!parsed) return std::unexpected(parsed.error());
  slot = std::move(*parsed);
  return {};
}

// Stores one option's value; `value` is empty for options that take none.
std::expected<void, UsageError> store(Arguments& arguments, const OptionSpec& spec,
                                      std::string_view value) {
  auto repeated = [&] { return usage_error(concat(spec.name, " is given more than once")); };
  switch (spec.option) {
    case Option::model:
      if (arguments.model) return repeated();
      arguments.model = std::filesystem::path(value);
      return {};
    case Option::jsonl:
      if (arguments.jsonl) return repeated();
      arguments.jsonl = std::string(value);
      return {};
    case Option::dim: {
      if (arguments.dimension) return repeated();
      auto dimension = parse_count(spec.name, value);
      if (!dimension) return std::unexpected(dimension.error());
      if (*dimension < kMinimumDimension)
        return usage_error(concat("--dim ", *dimension,
                                  " is too small: Qwen3 embeddings keep at least ",
                                  kMinimumDimension, " dimensions"));
      arguments.dimension = *dimension;
      return {};
    }
    case Option::device: {
      if (arguments.device) return repeated();
      auto device = parse_count(spec.name, value);
      if (!device) return std::unexpected(device.error());
      arguments.device = *device;
      return {};
    }
    case Option::threads: {
      if (arguments.threads) return repeated();
      auto threads = parse_count(spec.name, value);
      if (!threads) return std::unexpected(threads.error());
      if (*threads == 0) return usage_error("--threads takes at least 1");
      arguments.threads = *threads;
      return {};
    }
    case Option::json:
      arguments.json = true;
      return {};
    case Option::truncate:
      arguments.truncate = true;
      return {};
    case Option::shape:
      return store_once(arguments.shape, spec.name, parse_choice(spec.name, value, kShapes));
    case Option::format:
      return store_once(arguments.format, spec.name, parse_choice(spec.name, value, kFormats));
    case Option::seed:
      return store_once(arguments.seed, spec.name, parse_count<uint64_t>(spec.name, value));
    case Option::out:
      if (arguments.out) return repeated();
      arguments.out = std::filesystem::path(value);
      return {};
    case Option::tokenizer:
      if (arguments.tokenizer) return repeated();
      arguments.tokenizer = std::filesystem::path(value);
      return {};
    case Option::repeats: {
      auto repeats = parse_count(spec.name, value);
      if (repeats && *repeats == 0)
        return usage_error("--repeats must be at least 1 (it counts the timed runs)");
      return store_once(arguments.repeats, spec.name, repeats);
    }
    case Option::warmup:
      return store_once(arguments.warmup, spec.name, parse_count(spec.name, value));
    case Option::scale:
      return store_once(arguments.scale, spec.name, parse_fraction(spec.name, value));
    case Option::db:
      return store_once(arguments.db, spec.name, std::expected<std::string, UsageError>(std::string(value)));
    case Option::watch:
      arguments.watch = true;
      return {};
    case Option::chunk_tokens: {
      auto tokens = parse_count(spec.name, value);
      if (tokens && *tokens < 16) return usage_error("--chunk-tokens must be at least 16");
      return store_once(arguments.chunk_tokens, spec.name, tokens);
    }
    case Option::chunk_overlap:
      return store_once(arguments.chunk_overlap, spec.name, parse_count(spec.name, value));
    case Option::wait:
      return store_once(arguments.wait_seconds, spec.name, parse_count(spec.name, value));
    case Option::max_text_mb: {
      auto megabytes = parse_count(spec.name, value);
      if (megabytes && (*megabytes < 1 || *megabytes > 1000)) return usage_error("--max-text-mb takes 1 to 1000");
      return store_once(arguments.max_text_mb, spec.name, megabytes);
    }
    case Option::extract_timeout: {
      auto seconds = parse_count(spec.name, value);
      if (seconds && *seconds < 1) return usage_error("--extract-timeout takes at least 1 (seconds)");
      return store_once(arguments.extract_timeout, spec.name, seconds);
    }
    case Option::extract_memory_mb: {
      auto megabytes = parse_count(spec.name, value);
      if (megabytes && *megabytes < 64) return usage_error("--extract-memory-mb takes at least 64");
      return store_once(arguments.extract_memory_mb, spec.name, megabytes);
    }
    case Option::mode:
      return store_once(arguments.mode, spec.name, parse_choice(spec.name, value, kModes));
    case Option::rerank_model:
      if (arguments.rerank_model) return repeated();
      arguments.rerank_model = std::filesystem::path(value);
      return {};
    case Option::instruction:
      return store_once(arguments.instruction, spec.name, std::expected<std::string, UsageError>(std::string(value)));
    case Option::rerank_instruction:
      return store_once(arguments.rerank_instruction, spec.name,
                        std::expected<std::string, UsageError>(std::string(value)));
    case Option::top_k: {
      auto top_k = parse_count(spec.name, value);
      if (top_k && (*top_k == 0 || *top_k > 1000)) return usage_error("--top-k must be between 1 and 1000");
      return store_once(arguments.top_k, spec.name, top_k);
    }
    case Option::folder:
      return store_once(arguments.folder, spec.name, std::expected<std::string, UsageError>(std::string(value)));
    case Option::type:
      return store_once(arguments.type, spec.name, parse_types(spec.name, value));
    case Option::after:
      return store_once(arguments.after, spec.name, parse_day(spec.name, value));
    case Option::before:
      return store_once(arguments.before, spec.name, parse_day(spec.name, value));
  }
  return {};
}

// The first of `required` (option, what its value is) that `given` lacks, as a usage error.
std::expected<void, UsageError> check_required(
    const Arguments& arguments, unsigned given,
    std::initializer_list<std::pair<Option, std::string_view>> required) {
  const std::string_view name = command_name(arguments.command);
  for (const auto& [option, value] : required) {
    if (given & (1u << static_cast<unsigned>(option))) continue;
    const auto spec = std::ranges::find(kOptions, option, &OptionSpec::option);
    return usage_error(
        concat("'", name, "' needs ", spec->name, " ", value, " (see 'xun ", name, " --help')"));
  }
  return {};
}

// After parsing: options that do not apply to the command, and required options.
std::expected<void, UsageError> check_command(const Arguments& arguments, unsigned given) {
  const std::string_view name = command_name(arguments.command);
  for (const OptionSpec& spec : kOptions)
    if ((given & (1u << static_cast<unsigned>(spec.option))) &&
        !(spec.commands & bit(arguments.command)))
      return usage_error(
          concat(spec.name, " does not apply to '", name, "' (see 'xun ", name, " --help')"));
  if (bit(arguments.command) & kModelCommands) {
    if (!arguments.model)
      return usage_error(concat("'", name, "' needs --model PATH (see 'xun ", name, " --help')"));
  }
  if (bit(arguments.command) & kJsonlCommands) {
    if (!arguments.jsonl)
      return usage_error(concat("'", name, "' needs --jsonl FILE, or --jsonl - for standard input ",
                                "(see 'xun ", name, " --help')"));
  }
  if (bit(arguments.command) & kIndexCommands) {
    if (auto checked = check_required(arguments, given, {{Option::db, "FILE"}}); !checked) return checked;
    if (arguments.command == Command::index && arguments.positional.empty())
      return usage_error("'index' needs at least one FOLDER (see 'xun index --help')");
    if (arguments.command == Command::search && arguments.positional.empty())
      return usage_error("'search' needs a QUERY (see 'xun search --help')");
  }
  if (arguments.command == Command::synth_model)
    return check_required(arguments, given,
                          {{Option::shape, "tiny|0.6b|4b|8b"},
                           {Option::format, "gguf-f16|gguf-q8_0|safetensors-bf16"},
                           {Option::seed, "N"},
                           {Option::out, "PATH"}});
  return {};
}

}  // namespace

std::expected<Arguments, UsageError> parse_arguments(std::span<const std::string_view> arguments) {
  Arguments parsed;
  unsigned given = 0;  // bits of (1 << Option)
  bool options_ended = false;  // after "--"
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view word = arguments[i];
    if (word == "--" && !options_ended) {  // what follows is positional, even "-foo" or "--help"
      options_ended = true;
      continue;
    }
    if (options_ended && (parsed.command == Command::index || parsed.command == Command::search)) {
      parsed.positional.emplace_back(word);
      continue;
    }
    if (options_ended) return usage_error(concat("unexpected argument '", word, "'"));
    if (word == "--help" || word == "-h") {
      parsed.help = true;
      continue;
    }
    if (word == "--version") {
      parsed.version = true;
      continue;
    }
    if (!word.starts_with("-") || word == "-") {
      if (parsed.command == Command::index || parsed.command == Command::search) {
        parsed.positional.emplace_back(word);  // folders to index, or the words of the query
        continue;
      }
      if (parsed.command != Command::none)
        return usage_error(concat("unexpected argument '", word, "'"));
      if (word == "help") {
        parsed.help = true;
        continue;
      }
      const std::optional<Command> command = find_command(word);
      if (!command) return usage_error(concat("unknown command '", word, "' (see 'xun --help')"));
      parsed.command = *command;
      continue;
    }
    // --name or --name=value
    const size_t equals = word.find('=');
    const std::string_view name = word.substr(0, equals);
    const OptionSpec* spec = find_option(name);
    if (spec == nullptr)
      return usage_error(concat("unknown option '", name, "' (see 'xun --help')"));
    std::string_view value;
    if (spec->takes_value) {
      if (equals != std::string_view::npos) {
        value = word.substr(equals + 1);
      } else if (i + 1 < arguments.size() && (!arguments[i + 1].starts_with("--"))) {
        value = arguments[++i];
      } else {
        return usage_error(concat(name, " needs a value"));
      }
      if (value.empty() && !spec->empty_allowed) return usage_error(concat(name, " needs a value"));
    } else if (equals != std::string_view::npos) {
      return usage_error(concat(name, " takes no value"));
    }
    if (auto stored = store(parsed, *spec, value); !stored) return std::unexpected(stored.error());
    given |= 1u << static_cast<unsigned>(spec->option);
  }
  if (parsed.help || parsed.version) return parsed;
  if (parsed.command == Command::none) {
    if (given != 0) return usage_error("no command given (see 'xun --help')");
    parsed.help = true;  // plain `xun`: show what it can do
    return parsed;
  }
  if (auto checked = check_command(parsed, given); !checked)
    return std::unexpected(checked.error());
  return parsed;
}

std::string_view command_name(Command command) {
  for (const CommandSpec& spec : kCommands)
    if (spec.command == command) return spec.name;
  return "xun";
}

std::string general_help() {
  return R"(xun - private offline semantic search with Qwen3 on Vulkan

Usage:
  xun                                (no command: opens the desktop application)
  xun devices [--json]
  xun tokenize --model PATH --jsonl FILE
  xun embed    --model PATH --jsonl FILE [--dim N] [--device N] [--threads N] [--truncate]
  xun rerank   --model PATH --jsonl FILE [--device N] [--threads N] [--truncate]
  xun synth-model --shape S --format F --seed N --out PATH [--tokenizer FILE] [--json]
  xun bench    --model PATH [--json] [--device N] [--threads N] [--repeats N] [--warmup N] [--scale X]
  xun index    --db FILE [--model PATH] [--watch] [--wait S] [--chunk-tokens N] [--chunk-overlap N]
               [--max-text-mb N] [--extract-timeout S] [--extract-memory-mb N] [--json] FOLDER...
  xun search   --db FILE [--model PATH] [--mode dense|keyword|hybrid] [--rerank-model PATH]
               [--instruction TEXT] [--rerank-instruction TEXT] [--top-k N] [--folder PATH]
               [--type F,...] [--after YYYY-MM-DD] [--before YYYY-MM-DD] [--json] QUERY
  xun status   --db FILE [--json]
  xun COMMAND --help
  xun --version

Commands:
  devices      list the devices (Vulkan and the CPU backend); '*' marks the default one
  tokenize     {"text": ...} per line -> {"ids": [...]}
  embed        {"text": ..., "instruction": ... (optional)} per line -> {"embedding": [...]}
  rerank       {"instruction": ..., "query": ..., "document": ...} per line -> {"score": p, ...}
  synth-model  write a random-weight model with a Qwen3-Embedding shape, for benchmarks
  bench        time embedding and reranking on a model: throughput, kernels, memory
  index        index folders into a SQLite file (incremental; --watch keeps it up to date)
  search       search an index: semantic, keyword or hybrid, optionally reranked
  status       what an index holds: folders, documents, chunks, models, size

Options:
  --model PATH      a model directory (config.json, tokenizer.json, *.safetensors) or a .gguf file
  --jsonl FILE      one JSON object per line; '-' reads standard input; blank lines are skipped
  --dim N           embed: keep the first N dimensions, renormalised (32 <= N <= hidden size)
  --device N        the device to use (see 'xun devices')
  --threads N       the CPU backend's threads (default: the processor's physical cores)
  --truncate        cut inputs longer than the model's context instead of failing
  --json            devices, synth-model, bench: JSON instead of text for people
  --shape S         synth-model: tiny, 0.6b, 4b or 8b
  --format F        synth-model: gguf-f16, gguf-q8_0 or safetensors-bf16
  --seed N          synth-model: the random seed; the same seed writes the same bytes
  --out PATH        synth-model: the .gguf file, or the directory for safetensors-bf16
  --tokenizer FILE  synth-model: a Qwen3 tokenizer.json (default: $XUN_TOKENIZER)
  --repeats N       bench: timed runs of each workload (default 5)
  --warmup N        bench: untimed runs of each workload first (default 1)
  --scale X         bench: fraction of the workload's documents, 0 < X <= 1 (default 1)

Output of tokenize, embed and rerank: one JSON object per input line on standard output, in
input order.
Errors: one line on standard error; exit code 1 (2 for usage errors, 3 when
XUN_VULKAN_VALIDATION=1 and the Vulkan validation layer reported a problem).
)";
}

std::string command_help(Command command) {
  switch (command) {
    case Command::devices:
      return R"(Usage: xun devices [--json]

Lists every Vulkan device the loader reports (lavapipe, Vulkan on the CPU, included), then the
native CPU backend. The default device, used when --device is not given, is marked with '*'
(with --json: "default": true): a discrete GPU, else an integrated GPU, else the CPU backend;
a software Vulkan device only when named. With --json, prints one object per device: index,
backend ("vulkan" or "cpu"), name, type, driver, api_version, memory_bytes, default, and
features{...} (Vulkan) or cpu{physical_cores, logical_processors, simd} (the CPU backend).
)";
    case Command::tokenize:
      return R"(Usage: xun tokenize --model PATH --jsonl FILE

Reads {"text": ...} per line and prints {"ids": [...]}: the token ids of the model's tokenizer
(Hugging Face behaviour, no special tokens added). Needs no GPU. FILE '-' reads standard input.
)";
    case Command::embed:
      return R"(Usage: xun embed --model PATH --jsonl FILE [--dim N] [--device N] [--threads N] [--truncate]

Reads {"text": ..., "instruction": ...} per line and prints {"embedding": [...]}, an
L2-normalised vector. Without an instruction the text is a document, embedded as given; with
one it is a query, embedded as "Instruct: {instruction}\nQuery:{text}".
  --dim N      keep the first N dimensions, renormalised (32 <= N <= hidden size)
  --device N   the device: a Vulkan device or the CPU backend (see 'xun devices')
  --truncate   cut texts longer than the model's context instead of failing
)";
    case Command::rerank:
      return R"(Usage: xun rerank --model PATH --jsonl FILE [--device N] [--threads N] [--truncate]

Reads {"instruction": ..., "query": ..., "document": ...} per line and prints
{"score": p, "logit_yes": a, "logit_no": b}, where p = P("yes") is how well the document
answers the query. Without an instruction, Qwen3-Reranker's default is used: "Given a web
search query, retrieve relevant passages that answer the query".
  --device N   the device: a Vulkan device or the CPU backend (see 'xun devices')
  --truncate   cut long documents instead of failing
)";
    case Command::synth_model:
      return R"(Usage: xun synth-model --shape S --format F --seed N --out PATH [--tokenizer FILE] [--json]

Writes a model with random weights and the exact shape of Qwen3-Embedding, for benchmarks
(no real weights are needed). The same seed writes the same bytes.
  --shape S         tiny (the test fixtures' shape), 0.6b, 4b or 8b
  --format F        gguf-f16, gguf-q8_0 (one .gguf file) or safetensors-bf16 (a directory)
  --seed N          the random seed (a whole number)
  --out PATH        the .gguf file, or the directory for safetensors-bf16
  --tokenizer FILE  a Qwen3 tokenizer.json, for the vocabulary and merges; default: the
                    environment variable XUN_TOKENIZER
  --json            print {"path", "shape", "format", "bytes", "seconds"} as one line
)";
    case Command::index:
      return R"(Usage: xun index --db FILE [--model PATH] [--watch] [--wait S] [--chunk-tokens N] [--chunk-overlap N]
                 [--max-text-mb N] [--extract-timeout S] [--extract-memory-mb N] [--json] FOLDER...

Indexes the folders (recursively; hidden, VCS and build folders, binaries and files over 64 MiB
are skipped) into the SQLite file FILE, created if needed. Unchanged files cost nothing;
renamed or copied files and repeated passages reuse their vectors; deleted files leave the
index. Without --model the files become keyword-searchable only; a later run with a model adds
vectors without reading them again. A run killed at any moment keeps every finished file and
every finished batch of vectors. One run indexes FILE at a time: while another program indexes
it, this one says who and waits for it to finish (a run that was killed holds nothing).
Prints {"files_seen", "files_indexed", "files_unchanged", "files_skipped", "files_failed",
"files_removed", "chunks", "chunks_embedded", "chunks_reused", "seconds", "cancelled",
"failures": [{"path", "error"}], "skipped": [{"path", "reason"}], "warnings": [{"path",
"warning"}]}. Text is read in a worker process (xun-extract-worker, beside xun) with limits per
file: a file over the text limit is cut (with a warning); one that needs more memory or time
fails alone, with the limit named.
  --model PATH        a Qwen3-Embedding model (directory or .gguf)
  --watch             after the first run, re-index on every change until SIGINT or SIGTERM,
                      printing one report per run
  --wait S            give up after S seconds when another run is indexing FILE (default: wait
                      as long as it takes; 0: do not wait)
  --chunk-tokens N    tokens per chunk (default 512)
  --chunk-overlap N   tokens repeated between neighbouring chunks (default 64)
  --max-text-mb N     text kept per file, in millions of characters (default 20)
  --extract-timeout S seconds one file's extraction may take (default 30)
  --extract-memory-mb N  memory one file's extraction may use (default 1024)
  --device N          the device: a Vulkan device or the CPU backend (see 'xun devices')
)";
    case Command::search:
      return R"(Usage: xun search --db FILE [options] QUERY

Searches the index. Dense and hybrid search embed the query with the model that built the
index (remembered in FILE) unless --model names another.
  --mode M                 hybrid (default: dense and keyword fused), dense or keyword
  --model PATH             the embedding model for the query
  --instruction TEXT       the query task (default: "Given a web search query, retrieve
                           relevant passages that answer the query"; "" embeds the plain query)
  --rerank-model PATH      rerank the candidates with a Qwen3-Reranker
  --rerank-instruction T   the reranker's task (default as above)
  --top-k N                results to return (default 10)
  --folder PATH            only documents under this folder
  --type F[,F...]          only these formats: text, markdown, code, html, pdf, docx, odt, epub
  --after YYYY-MM-DD       only files modified on or after that day
  --before YYYY-MM-DD      only files modified before that day
Prints {"results": [{"path", "page", "start", "end", "snippet", "highlights", "dense_score",
"keyword_score", "rerank_score", "score"}]} with --json.
)";
    case Command::status:
      return R"(Usage: xun status --db FILE [--json]

Prints what the index holds: {"folders": [...], "documents", "chunks", "models": [...], "bytes"}.
)";
    case Command::bench:
      return R"(Usage: xun bench --model PATH [--json] [--device N] [--threads N] [--repeats N] [--warmup N] [--scale X]

Times fixed, deterministic workloads on the model: embedding 64 documents of 512 tokens
(embed_512) and 64 of mixed lengths (embed_mixed); reranking one query against 100 documents
of about 300 tokens with the query prefix shared (rerank_300) and without
(rerank_300_no_prefix_sharing). Prints each workload's median throughput with its min-max, how
much faster prefix sharing makes reranking (and the largest score difference it causes), GPU
time per forward pass by kernel, peak device memory and the execution paths.
  --json       print the whole report as one JSON object on one line
  --device N   the device: a Vulkan device or the CPU backend (see 'xun devices')
  --repeats N  timed runs of each workload (default 5, at least 1)
  --warmup N   untimed runs of each workload first (default 1)
  --scale X    fraction of the documents and pairs to run, 0 < X <= 1 (default 1); document
               lengths stay the same, so a small X keeps a slow device's run short
)";
    case Command::none:
      break;
  }
  return general_help();
}

}  // namespace xun::cli
