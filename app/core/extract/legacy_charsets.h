// Legacy (non-Unicode) text: guessing the charset with uchardet, decoding with ICU.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "xun/error.h"

namespace xun::core {

// uchardet's guess ("GB18030", "SHIFT_JIS", "BIG5", "WINDOWS-1252", "UTF-8", "ASCII", ...), or
// empty when it has none.
QByteArray detect_charset(QByteArrayView bytes);

// True when ICU has a converter for `charset`.
bool icu_knows_charset(const QByteArray& charset);

struct LegacyDecoded {
  QString text;
  qsizetype replaced_bytes = 0;  // bytes that were not valid in `charset`, each run now U+FFFD
};

// Decodes `bytes` as `charset` with ICU, replacing (and counting) what the charset cannot map.
Result<LegacyDecoded> decode_with_icu(QByteArrayView bytes, const QByteArray& charset);

}  // namespace xun::core
