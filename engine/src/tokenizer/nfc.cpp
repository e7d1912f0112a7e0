#include "tokenizer/nfc.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <climits>
#include <vector>

namespace xun::tok {
namespace {

// Every code point below U+0300 is NFC_Quick_Check=Yes and none of them composes with what
// precedes it, so a text made only of them is already in NFC. In UTF-8 such a text has no
// lead byte at or above 0xCC (U+0300 is CC 80); this skips ICU for ASCII and Latin-1 text.
bool below_u0300(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0xCC) return false;
  return true;
}

Error icu_error(const char* step, UErrorCode status) {
  return Error{std::string("NFC normalisation failed in ") + step + ": " + u_errorName(status)};
}

}  // namespace

Result<std::string> to_nfc(std::string_view text) {
  if (below_u0300(text)) return std::string(text);
  // ICU counts in int32_t, and the UTF-8 result buffer below is 3 bytes per UTF-16 unit.
  if (text.size() > INT32_MAX / 4) return fail("NFC normalisation: text over 512 MiB");

  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) return std::unexpected(icu_error("unorm2_getNFCInstance", status));

  // UTF-16 never has more code units than UTF-8 has bytes.
  std::vector<UChar> utf16(text.size());
  int32_t utf16_length = 0;
  u_strFromUTF8(utf16.data(), static_cast<int32_t>(utf16.size()), &utf16_length, text.data(),
                static_cast<int32_t>(text.size()), &status);
  if (U_FAILURE(status)) return std::unexpected(icu_error("u_strFromUTF8", status));

  const int32_t normalized_prefix =
      unorm2_spanQuickCheckYes(nfc, utf16.data(), utf16_length, &status);
  if (U_FAILURE(status)) return std::unexpected(icu_error("unorm2_spanQuickCheckYes", status));
  if (normalized_prefix == utf16_length) return std::string(text);

  // NFC can grow a text (rarely: some singletons decompose to several code points); ICU tells
  // the size it needs when the first guess is too small.
  std::vector<UChar> normalized(static_cast<size_t>(utf16_length) + 16);
  int32_t normalized_length = unorm2_normalize(nfc, utf16.data(), utf16_length, normalized.data(),
                                               static_cast<int32_t>(normalized.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    normalized.resize(static_cast<size_t>(normalized_length));
    normalized_length = unorm2_normalize(nfc, utf16.data(), utf16_length, normalized.data(),
                                         static_cast<int32_t>(normalized.size()), &status);
  }
  if (U_FAILURE(status)) return std::unexpected(icu_error("unorm2_normalize", status));

  // A UTF-16 code unit becomes at most 3 UTF-8 bytes.
  std::string utf8(static_cast<size_t>(normalized_length) * 3, '\0');
  int32_t utf8_length = 0;
  u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &utf8_length, normalized.data(),
              normalized_length, &status);
  if (U_FAILURE(status)) return std::unexpected(icu_error("u_strToUTF8", status));
  utf8.resize(static_cast<size_t>(utf8_length));
  return utf8;
}

}  // namespace xun::tok
