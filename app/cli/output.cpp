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

namespace {

// The length of the well-formed UTF-8 sequence at text[at] (1 to 4), or 0 when there is none.
size_t utf8_sequence_length(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size() || byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (size_t i = 2; i < length; ++i)
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  return length;
}

void append_escape(std::string& out, const char* prefix, unsigned value, int digits) {
  char text[16];
  std::snprintf(text, sizeof text, "%s%0*x", prefix, digits, value);
  out += text;
}

}  // namespace

std::string terminal_safe(std::string_view utf8, bool keep_line_breaks) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t at = 0; at < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[at]);
    const size_t length = utf8_sequence_length(utf8, at);
    if (length == 0) {  // not UTF-8: a terminal in another encoding could read it as a control
      append_escape(out, "\\x", byte, 2);
      ++at;
      continue;
    }
    const bool c0_or_del = length == 1 && (byte < 0x20 || byte == 0x7F);
    const bool allowed_space = byte == '\t' || (keep_line_breaks && byte == '\n');
    const bool c1 = length == 2 && byte == 0xC2 && static_cast<unsigned char>(utf8[at + 1]) < 0xA0;
    if (c0_or_del && !allowed_space)
      append_escape(out, "\\x", byte, 2);
    else if (c1)
      append_escape(out, "\\u", static_cast<unsigned char>(utf8[at + 1]), 4);
    else
      out.append(utf8.substr(at, length));
    at += length;
  }
  return out;
}

void print_error(std::string_view message) {
  std::string one_line;
  for (const char c : message) one_line += (c == '\n' || c == '\r') ? ' ' : c;
  std::string line = "xun: " + terminal_safe(one_line);  // errors name files, whose names may hold controls
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
