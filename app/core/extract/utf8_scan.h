// Strict UTF-8 validation (Unicode 15, table 3-7: no overlongs, no surrogates, nothing past
// U+10FFFF) that says where the bytes go wrong, so that a warning can name the byte.
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <functional>

namespace xun::core {

struct ByteRun {
  qsizetype start = 0;
  qsizetype length = 0;
};

struct Utf8Scan {
  qsizetype first_invalid = -1;       // byte offset of the first byte that is not UTF-8, or -1
  qsizetype invalid_bytes = 0;        // bytes that start no valid sequence
  qsizetype multibyte_sequences = 0;  // valid sequences of 2-4 bytes: evidence of real UTF-8
  QList<ByteRun> invalid_runs;        // maximal runs of invalid bytes, in order
};

Utf8Scan scan_utf8(QByteArrayView bytes);

// The valid UTF-8 of `bytes` decoded as such; each invalid run replaced by what `decode_run`
// returns for its bytes (for example U+FFFD per byte, or the run decoded in a legacy charset).
QString decode_utf8_runs(QByteArrayView bytes, const Utf8Scan& scan,
                         const std::function<QString(QByteArrayView run)>& decode_run);

}  // namespace xun::core
