// Errors quote names and keys read from the file; a hostile file must not be able to break the
// one-line message (newlines, terminal escapes) or make it megabytes long.
#pragma once

#include <cstdio>
#include <string>

#include "xun/error.h"

namespace xun::model {

inline Error printable(Error error) {
  constexpr size_t max_bytes = 2000;
  std::string text;
  for (const char c : error.message) {
    const auto byte = static_cast<unsigned char>(c);
    if (text.size() >= max_bytes && (byte & 0xC0) != 0x80) {  // cut between UTF-8 characters
      text += "…";
      break;
    }
    if (byte < 0x20 || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      text += escaped;
    } else {
      text += c;
    }
  }
  return Error{std::move(text)};
}

}  // namespace xun::model
