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
#include <vector>

namespace xun::cli {

enum class Command { none, devices, tokenize, embed, rerank, synth_model, bench, index, search, status };

struct Arguments {
  Command command = Command::none;
  bool help = false;                           // --help / -h: print the help of `command`
  bool version = false;                        // --version
  std::optional<std::filesystem::path> model;  // --model PATH: a model directory or a .gguf file
  std::optional<std::string> jsonl;            // --jsonl FILE, "-" = standard input
  std::optional<uint32_t> dimension;           // --dim N: MRL, the first N dimensions (N >= 32)
  std::optional<uint32_t> device;              // --device N: DeviceInfo::index
  std::optional<uint32_t> threads;             // --threads N: the CPU backend's threads
  bool json = false;                           // --json: machine-readable output
  bool truncate = false;  // --truncate: cut over-long inputs instead of failing
  // synth-model
  std::optional<std::string> shape;          // --shape: tiny, 0.6b, 4b, 8b
  std::optional<std::string> format;         // --format: gguf-f16, gguf-q8_0, safetensors-bf16
  std::optional<uint64_t> seed;              // --seed N
  std::optional<std::filesystem::path> out;  // --out PATH: a .gguf file or a directory
  std::optional<std::filesystem::path> tokenizer;  // --tokenizer PATH: a Qwen3 tokenizer.json
  // bench
  std::optional<uint32_t> repeats;  // --repeats N: timed runs of each workload (N >= 1)
  std::optional<uint32_t> warmup;   // --warmup N: untimed runs first
  std::optional<double> scale;      // --scale X: fraction of the workload's documents, 0 < X <= 1
  // index, search, status
  std::optional<std::string> db;                 // --db FILE: the SQLite index
  bool watch = false;                            // --watch: re-index on changes until stopped
  std::optional<uint32_t> chunk_tokens;          // --chunk-tokens N
  std::optional<uint32_t> chunk_overlap;         // --chunk-overlap N
  std::optional<uint32_t> wait_seconds;          // --wait S: for another run indexing --db
  std::optional<uint32_t> max_text_mb;           // --max-text-mb N: text kept per file, 10^6 chars
  std::optional<uint32_t> extract_timeout;       // --extract-timeout S: seconds per file
  std::optional<uint32_t> extract_memory_mb;     // --extract-memory-mb N: the worker's memory
  std::optional<std::string> mode;               // --mode dense|keyword|hybrid
  std::optional<std::filesystem::path> rerank_model;  // --rerank-model PATH
  std::optional<std::string> instruction;        // --instruction TEXT ("" = plain query)
  std::optional<std::string> rerank_instruction; // --rerank-instruction TEXT
  std::optional<uint32_t> top_k;                 // --top-k N
  std::optional<std::string> folder;             // --folder PATH: only documents under it
  std::optional<std::string> type;               // --type F[,F...]: only these formats
  std::optional<std::string> after;              // --after YYYY-MM-DD: modified on or after
  std::optional<std::string> before;             // --before YYYY-MM-DD: modified before
  std::vector<std::string> positional;           // index: FOLDER...; search: the query words
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
