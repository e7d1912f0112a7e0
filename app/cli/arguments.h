// The command line of `xun`: a command word followed by options. A small parser with no
// dependencies: unknown options, missing values, repeated options and options that do not apply
// to the command are usage errors (exit code 2).
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace xun::cli {

enum class Command { none, devices, tokenize, embed, rerank };

struct Arguments {
  Command command = Command::none;
  bool help = false;                           // --help / -h: print the help of `command`
  bool version = false;                        // --version
  std::optional<std::filesystem::path> model;  // --model PATH: a model directory or a .gguf file
  std::optional<std::string> jsonl;            // --jsonl FILE, "-" = standard input
  std::optional<uint32_t> dimension;           // --dim N: MRL, the first N dimensions (N >= 32)
  std::optional<uint32_t> device;              // --device N: DeviceInfo::index
  bool json = false;                           // --json: machine-readable output (devices)
  bool truncate = false;  // --truncate: cut over-long inputs instead of failing
};

// A mistake on the command line; main prints it and exits with code 2.
struct UsageError {
  std::string message;
};

// Parses the arguments after the program name. Checks that the options given apply to the
// command and that the required ones are present (unless help or version was asked for).
std::expected<Arguments, UsageError> parse_arguments(std::span<const std::string_view> arguments);

std::string_view command_name(Command command);
// The text `xun --help` prints: every command and option.
std::string general_help();
// The text `xun COMMAND --help` prints.
std::string command_help(Command command);

// The smallest dimension Matryoshka (MRL) truncation allows for Qwen3-Embedding.
inline constexpr uint32_t kMinimumDimension = 32;

}  // namespace xun::cli
