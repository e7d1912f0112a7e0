// JSON Lines input for the commands: a file or standard input, read line by line in batches.
// Every line must be a JSON object in valid UTF-8; blank lines are skipped. Errors name the
// input and the line: "queries.jsonl:12: field "text" must be a string, not a number".
#pragma once

#include <cstddef>
#include <fstream>
#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xun/error.h"

namespace xun::cli {

// One non-blank line of the input, parsed.
struct InputLine {
  std::string_view source;  // the input's name (a path, or "<stdin>"); owned by the JsonlInput
  size_t number = 0;        // 1-based line number in the input, blank lines counted
  nlohmann::json object;    // always a JSON object

  // "source:number: problem"
  Error error(std::string_view problem) const;
  // The string field `name`; missing or not a string is an error.
  Result<std::string> string_field(std::string_view name) const;
  // The string field `name`, or nothing when it is missing or null; another type is an error.
  Result<std::optional<std::string>> optional_string_field(std::string_view name) const;
};

class JsonlInput {
 public:
  // `path` "-" reads standard input. Fails when the file cannot be opened.
  static Result<std::unique_ptr<JsonlInput>> open(const std::string& path);

  // The next lines, at most `max_lines` of them (blank lines skipped and not counted); an empty
  // vector at the end of the input. A line that is not a JSON object in UTF-8 is an error.
  Result<std::vector<InputLine>> read_batch(size_t max_lines);

  const std::string& name() const { return name_; }

 private:
  JsonlInput(std::string name, std::unique_ptr<std::ifstream> file);
  Result<std::optional<nlohmann::json>> parse_line(std::string& line) const;

  std::string name_;
  std::unique_ptr<std::ifstream> file_;  // null for standard input
  std::istream* in_ = nullptr;
  size_t line_number_ = 0;  // lines read so far
};

// Where the first byte of `text` that is not part of valid UTF-8 is (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or nothing when all of it is valid.
std::optional<size_t> find_invalid_utf8(std::string_view text);

}  // namespace xun::cli
