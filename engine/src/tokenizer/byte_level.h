// GPT-2's byte-to-unicode alphabet: every byte has a printable stand-in character, so that a
// vocabulary of strings can hold any byte sequence. Bytes that are printable Latin-1 stand for
// themselves ('a' -> "a"); the others map, in byte order, to U+0100 onwards (' ' -> "Ġ" U+0120).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xun::tok {

// The stand-in character of a byte, as UTF-8.
const std::string& byte_level_char(uint8_t byte);

// The byte a stand-in character stands for; nullopt for characters outside the alphabet.
std::optional<uint8_t> byte_from_byte_level_char(char32_t code_point);

// Turns a byte-level token ("Ġworld") back into its bytes (" world"); nullopt when a character
// is outside the alphabet. `token` must be valid UTF-8.
std::optional<std::string> byte_level_to_bytes(std::string_view token);

}  // namespace xun::tok
