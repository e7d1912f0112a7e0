#include "tokenizer/byte_level.h"

#include <array>

#include "tokenizer/utf8.h"

namespace xun::tok {
namespace {

struct Alphabet {
  std::array<std::string, 256> char_of_byte;  // UTF-8 of each byte's stand-in
  std::array<int16_t, 324> byte_of_char;  // by code point (all stand-ins are < U+0144); -1 = none

  Alphabet() {
    byte_of_char.fill(-1);
    const auto printable = [](int b) {
      return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    };
    char32_t next_extra = 0x100;
    for (int b = 0; b < 256; ++b) {
      const char32_t c = printable(b) ? static_cast<char32_t>(b) : next_extra++;
      append_utf8(char_of_byte[b], c);
      byte_of_char[c] = static_cast<int16_t>(b);
    }
  }
};

const Alphabet& alphabet() {
  static const Alphabet table;
  return table;
}

}  // namespace

const std::string& byte_level_char(uint8_t byte) { return alphabet().char_of_byte[byte]; }

std::optional<uint8_t> byte_from_byte_level_char(char32_t code_point) {
  const auto& table = alphabet().byte_of_char;
  if (code_point >= table.size() || table[code_point] < 0) return std::nullopt;
  return static_cast<uint8_t>(table[code_point]);
}

std::optional<std::string> byte_level_to_bytes(std::string_view token) {
  std::string bytes;
  bytes.reserve(token.size());
  for (size_t pos = 0; pos < token.size();) {
    const auto byte = byte_from_byte_level_char(next_code_point(token, pos));
    if (!byte) return std::nullopt;
    bytes += static_cast<char>(*byte);
  }
  return bytes;
}

}  // namespace xun::tok
