// Bytes of a text file to a QString: UTF-8 (with or without BOM), UTF-16 with a BOM, and legacy
// encodings (GB18030/GBK, Shift-JIS, Big5, Windows-1252, ...) detected with uchardet and decoded
// with ICU. Nothing is dropped silently: every replaced byte is counted in a warning.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include "xun/error.h"

namespace xun::core {

// How many bytes at the start of a file looks_binary() inspects.
inline constexpr qsizetype binary_sniff_bytes = 8192;

// The offset of the first NUL byte in the first 8 KB, or -1 when there is none. A file that
// starts with a UTF-16 byte-order mark has NUL bytes in its text and is never binary.
qsizetype first_nul_byte(QByteArrayView head);

struct DecodedText {
  QString text;
  QString encoding;      // what the bytes were read as, e.g. "UTF-8", "UTF-16LE", "GB18030"
  QStringList warnings;  // e.g. "invalid UTF-8 at byte 4; decoded as GB18030"
};

// Decodes `bytes`. `declared_charset` is a hint from the document itself (an HTML <meta>), used
// only when the bytes are not valid UTF-8. Fails on binary content (a NUL byte in the first 8 KB).
// Errors do not name the file: the caller adds the path.
Result<DecodedText> decode_text(QByteArrayView bytes, QByteArrayView declared_charset = {});

// Line ends to "\n" and NUL characters to U+FFFD (with a warning): the text every reader of
// text files hands on, so that chunk boundaries see one kind of line end.
QString normalize_line_ends(QString text, QStringList& warnings);

}  // namespace xun::core
