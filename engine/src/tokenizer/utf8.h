// UTF-8 checks and conversions shared by the tokenizer's stages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace xun::tok {

// The byte offset where `text` stops being well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF, no truncated or stray continuation bytes); nullopt when
// all of it is well formed. Every later stage relies on this having been checked.
std::optional<size_t> find_invalid_utf8(std::string_view text);

// Appends the UTF-8 form of a Unicode scalar value.
void append_utf8(std::string& out, char32_t code_point);

// Decodes the code point starting at text[pos] and advances pos past it. `text` must be valid
// UTF-8 (see find_invalid_utf8).
char32_t next_code_point(std::string_view text, size_t& pos);

}  // namespace xun::tok
