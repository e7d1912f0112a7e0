#include "output.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

namespace xun::cli {

Result<void> write_text(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
    return fail(std::string("standard output: write failed: ") + std::strerror(errno));
  return {};
}

Result<void> write_json_lines(std::span<const nlohmann::ordered_json> lines) {
  std::string text;
  for (const nlohmann::ordered_json& line : lines) {
    // Replace invalid UTF-8 rather than throw: the inputs were checked, but engine strings
    // (device names, drivers) come from elsewhere.
    text += line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    text += '\n';
  }
  return write_text(text);
}

void print_error(std::string_view message) {
  std::string line = "xun: ";
  for (const char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
  while (line.ends_with(' ')) line.pop_back();
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

double json_float(float value) {
  if (!std::isfinite(value)) return std::numeric_limits<double>::quiet_NaN();
  std::array<char, 32> digits{};
  const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  double shortest = value;
  std::from_chars(digits.data(), written.ptr, shortest);
  return shortest;
}

}  // namespace xun::cli
