#include "arguments.h"

#include <array>
#include <charconv>

#include "text.h"

namespace xun::cli {
namespace {

// Which commands an option applies to, as bits of (1 << Command).
constexpr unsigned bit(Command command) { return 1u << static_cast<unsigned>(command); }
constexpr unsigned kModelCommands =
    bit(Command::tokenize) | bit(Command::embed) | bit(Command::rerank);
constexpr unsigned kGpuCommands = bit(Command::embed) | bit(Command::rerank);

enum class Option { model, jsonl, dim, device, json, truncate };

struct OptionSpec {
  Option option;
  std::string_view name;
  bool takes_value;
  unsigned commands;
};

constexpr std::array kOptions{
    OptionSpec{Option::model, "--model", true, kModelCommands},
    OptionSpec{Option::jsonl, "--jsonl", true, kModelCommands},
    OptionSpec{Option::dim, "--dim", true, bit(Command::embed)},
    OptionSpec{Option::device, "--device", true, kGpuCommands},
    OptionSpec{Option::json, "--json", false, bit(Command::devices)},
    OptionSpec{Option::truncate, "--truncate", false, kGpuCommands},
};

struct CommandSpec {
  Command command;
  std::string_view name;
};

constexpr std::array kCommands{
    CommandSpec{Command::devices, "devices"},
    CommandSpec{Command::tokenize, "tokenize"},
    CommandSpec{Command::embed, "embed"},
    CommandSpec{Command::rerank, "rerank"},
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

std::expected<uint32_t, UsageError> parse_count(std::string_view option, std::string_view text) {
  uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size())
    return usage_error(concat(option, " needs a whole number, not '", text, "'"));
  return value;
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
    case Option::json:
      arguments.json = true;
      return {};
    case Option::truncate:
      arguments.truncate = true;
      return {};
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
    if (!arguments.jsonl)
      return usage_error(concat("'", name, "' needs --jsonl FILE, or --jsonl - for standard input ",
                                "(see 'xun ", name, " --help')"));
  }
  return {};
}

}  // namespace

std::expected<Arguments, UsageError> parse_arguments(std::span<const std::string_view> arguments) {
  Arguments parsed;
  unsigned given = 0;  // bits of (1 << Option)
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view word = arguments[i];
    if (word == "--help" || word == "-h") {
      parsed.help = true;
      continue;
    }
    if (word == "--version") {
      parsed.version = true;
      continue;
    }
    if (!word.starts_with("-") || word == "-") {
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
      if (value.empty()) return usage_error(concat(name, " needs a value"));
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
  xun devices [--json]
  xun tokenize --model PATH --jsonl FILE
  xun embed    --model PATH --jsonl FILE [--dim N] [--device N] [--truncate]
  xun rerank   --model PATH --jsonl FILE [--device N] [--truncate]
  xun COMMAND --help
  xun --version

Commands:
  devices    list the Vulkan devices; '*' marks the default one
  tokenize   {"text": ...} per line -> {"ids": [...]}
  embed      {"text": ..., "instruction": ... (optional)} per line -> {"embedding": [...]}
  rerank     {"instruction": ..., "query": ..., "document": ...} per line -> {"score": p, ...}

Options:
  --model PATH   a model directory (config.json, tokenizer.json, *.safetensors) or a .gguf file
  --jsonl FILE   one JSON object per line; '-' reads standard input; blank lines are skipped
  --dim N        embed: keep the first N dimensions, renormalised (32 <= N <= hidden size)
  --device N     the Vulkan device to use (see 'xun devices')
  --truncate     cut inputs longer than the model's context instead of failing
  --json         devices: one JSON object per device

Output: one JSON object per input line on standard output, in input order.
Errors: one line on standard error; exit code 1 (2 for usage errors, 3 when
XUN_VULKAN_VALIDATION=1 and the Vulkan validation layer reported a problem).
)";
}

std::string command_help(Command command) {
  switch (command) {
    case Command::devices:
      return R"(Usage: xun devices [--json]

Lists every Vulkan device the loader reports, lavapipe (the CPU) included. The default device,
used when --device is not given, is marked with '*' (with --json: "default": true).
With --json, prints one object per device: index, name, type, driver, api_version,
memory_bytes, default, features{...}.
)";
    case Command::tokenize:
      return R"(Usage: xun tokenize --model PATH --jsonl FILE

Reads {"text": ...} per line and prints {"ids": [...]}: the token ids of the model's tokenizer
(Hugging Face behaviour, no special tokens added). Needs no GPU. FILE '-' reads standard input.
)";
    case Command::embed:
      return R"(Usage: xun embed --model PATH --jsonl FILE [--dim N] [--device N] [--truncate]

Reads {"text": ..., "instruction": ...} per line and prints {"embedding": [...]}, an
L2-normalised vector. Without an instruction the text is a document, embedded as given; with
one it is a query, embedded as "Instruct: {instruction}\nQuery:{text}".
  --dim N      keep the first N dimensions, renormalised (32 <= N <= hidden size)
  --device N   the Vulkan device (see 'xun devices')
  --truncate   cut texts longer than the model's context instead of failing
)";
    case Command::rerank:
      return R"(Usage: xun rerank --model PATH --jsonl FILE [--device N] [--truncate]

Reads {"instruction": ..., "query": ..., "document": ...} per line and prints
{"score": p, "logit_yes": a, "logit_no": b}, where p = P("yes") is how well the document
answers the query. Without an instruction, Qwen3-Reranker's default is used: "Given a web
search query, retrieve relevant passages that answer the query".
  --device N   the Vulkan device (see 'xun devices')
  --truncate   cut long documents instead of failing
)";
    case Command::none:
      break;
  }
  return general_help();
}

}  // namespace xun::cli
