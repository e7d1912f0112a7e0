#include "extract/legacy_charsets.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <memory>

namespace xun::core {
namespace {

// ICU calls this for every byte sequence it cannot map: count the bytes, then let ICU's own
// substitute callback write U+FFFD (a null context means "substitute for every reason").
void U_CALLCONV count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char* code_units,
                                     int32_t length, UConverterCallbackReason reason, UErrorCode* status) {
  if (reason <= UCNV_IRREGULAR) *static_cast<qsizetype*>(const_cast<void*>(context)) += length;
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, status);
}

using Converter = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

Converter open_converter(const QByteArray& charset, UErrorCode& status) {
  status = U_ZERO_ERROR;
  return Converter(ucnv_open(charset.constData(), &status), &ucnv_close);
}

}  // namespace

QByteArray detect_charset(QByteArrayView bytes) {
  const std::unique_ptr<std::remove_pointer_t<uchardet_t>, decltype(&uchardet_delete)> detector(uchardet_new(),
                                                                                                &uchardet_delete);
  if (!detector) return {};
  if (uchardet_handle_data(detector.get(), bytes.data(), static_cast<size_t>(bytes.size())) != 0) return {};
  uchardet_data_end(detector.get());
  return QByteArray(uchardet_get_charset(detector.get()));
}

bool icu_knows_charset(const QByteArray& charset) {
  if (charset.isEmpty()) return false;
  UErrorCode status = U_ZERO_ERROR;
  const Converter converter = open_converter(charset, status);
  return U_SUCCESS(status) && converter;
}

Result<LegacyDecoded> decode_with_icu(QByteArrayView bytes, const QByteArray& charset) {
  UErrorCode status = U_ZERO_ERROR;
  const Converter converter = open_converter(charset, status);
  if (U_FAILURE(status) || !converter) return fail("no decoder for charset " + charset.toStdString());

  LegacyDecoded decoded;
  ucnv_setToUCallBack(converter.get(), count_and_substitute, &decoded.replaced_bytes, nullptr, nullptr, &status);
  // One UTF-16 unit per byte is enough for every charset but a few stateful ones; grow if not.
  decoded.text.resize(bytes.size() + 16);
  const char* source = bytes.data();
  const char* const source_end = source + bytes.size();
  qsizetype written = 0;
  for (;;) {
    auto* target = reinterpret_cast<UChar*>(decoded.text.data()) + written;
    auto* const target_end = reinterpret_cast<UChar*>(decoded.text.data()) + decoded.text.size();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, target_end, &source, source_end, nullptr, true, &status);
    written = target - reinterpret_cast<UChar*>(decoded.text.data());
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    decoded.text.resize(decoded.text.size() * 2);
  }
  if (U_FAILURE(status)) return fail(charset.toStdString() + " decoding failed: " + u_errorName(status));
  decoded.text.truncate(written);
  return decoded;
}

}  // namespace xun::core
