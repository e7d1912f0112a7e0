#include "jsonl_input.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "text.h"

namespace xun::cli {
namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

std::string type_name(const nlohmann::json& value) {
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "a boolean";
  if (value.is_null()) return "null";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return "a string";
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1, "
// preamble (the line is ours to name, and the column is in `byte`).
std::string parse_problem(const nlohmann::json::parse_error& error) {
  std::string what = error.what();
  if (const size_t colon = what.find(": ");
      what.starts_with("[json.exception") && colon != std::string::npos)
    what.erase(0, colon + 2);
  return concat("not valid JSON at column ", error.byte, ": ", what);
}

// A number too large for a double (1e999999): nlohmann reports it as out_of_range 406,
// "[json.exception.out_of_range.406] number overflow parsing '1e999999'".
std::string range_problem(const nlohmann::json::out_of_range& error) {
  std::string what = error.what();
  if (const size_t bracket = what.find("] "); what.starts_with("[json.exception") &&
                                              bracket != std::string::npos)
    what.erase(0, bracket + 2);
  return concat("a number out of range (", what, ")");
}

}  // namespace

Error InputLine::error(std::string_view problem) const {
  return Error{concat(source, ":", number, ": ", problem)};
}

Result<std::string> InputLine::string_field(std::string_view name) const {
  const auto found = object.find(name);
  if (found == object.end()) return std::unexpected(error(concat("missing field \"", name, "\"")));
  if (!found->is_string())
    return std::unexpected(
        error(concat("field \"", name, "\" must be a string, not ", type_name(*found))));
  return found->get<std::string>();
}

Result<std::optional<std::string>> InputLine::optional_string_field(std::string_view name) const {
  const auto found = object.find(name);
  if (found == object.end() || found->is_null()) return std::optional<std::string>();
  if (!found->is_string())
    return std::unexpected(
        error(concat("field \"", name, "\" must be a string, not ", type_name(*found))));
  return std::optional<std::string>(found->get<std::string>());
}

JsonlInput::JsonlInput(std::string name, std::unique_ptr<std::ifstream> file)
    : name_(std::move(name)), file_(std::move(file)), in_(file_ ? file_.get() : &std::cin) {}

Result<std::unique_ptr<JsonlInput>> JsonlInput::open(const std::string& path) {
  if (path == "-") return std::unique_ptr<JsonlInput>(new JsonlInput("<stdin>", nullptr));
  std::error_code code;
  if (std::filesystem::is_directory(path, code))
    return fail(concat(path, ": is a directory, not a JSONL file"));
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) return fail(concat(path, ": cannot open: ", std::strerror(errno)));
  return std::unique_ptr<JsonlInput>(new JsonlInput(path, std::move(file)));
}

Result<std::vector<InputLine>> JsonlInput::read_batch(size_t max_lines) {
  std::vector<InputLine> batch;
  std::string line;
  while (batch.size() < max_lines && std::getline(*in_, line)) {
    ++line_number_;
    auto parsed = parse_line(line);
    if (!parsed) return std::unexpected(parsed.error());
    if (*parsed) batch.push_back(InputLine{name_, line_number_, std::move(**parsed)});
  }
  if (in_->bad()) return fail(concat(name_, ": read error after line ", line_number_));
  return batch;
}

// Nothing for a blank line; the object otherwise.
Result<std::optional<nlohmann::json>> JsonlInput::parse_line(std::string& line) const {
  auto line_error = [&](std::string_view problem) {
    return fail(concat(name_, ":", line_number_, ": ", problem));
  };
  if (line_number_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a BOM
  if (!line.empty() && line.back() == '\r') line.pop_back();                    // CRLF files
  if (is_blank(line)) return std::optional<nlohmann::json>();
  if (const auto invalid = find_invalid_utf8(line))
    return line_error(concat("invalid UTF-8 at byte ", *invalid + 1));
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& error) {
    return line_error(parse_problem(error));
  } catch (const nlohmann::json::out_of_range& error) {
    return line_error(range_problem(error));
  }
  if (!value.is_object())
    return line_error(concat("expected a JSON object, not ", type_name(value)));
  return std::optional<nlohmann::json>(std::move(value));
}

std::optional<size_t> find_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t code_point = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return i;  // a continuation byte without a lead, or 0xF8..0xFF
    }
    if (i + length > size) return i;
    for (size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (bytes[i + k] & 0x3F);
    }
    constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF))
      return i;
    i += length;
  }
  return std::nullopt;
}

}  // namespace xun::cli
