#include "extract/utf8_scan.h"

namespace xun::core {
namespace {

bool in_range(unsigned char byte, unsigned char low, unsigned char high) { return byte >= low && byte <= high; }

// Length of the valid sequence that starts at `p` (1-4), or 0 when none does.
qsizetype sequence_length(const unsigned char* p, qsizetype available) {
  const unsigned char lead = p[0];
  if (lead < 0x80) return 1;
  // Second-byte range and total length per lead byte; the third and fourth bytes are 80..BF.
  unsigned char low = 0x80, high = 0xBF;
  qsizetype length = 0;
  if (in_range(lead, 0xC2, 0xDF)) {
    length = 2;
  } else if (lead == 0xE0) {
    length = 3, low = 0xA0;
  } else if (in_range(lead, 0xE1, 0xEC) || in_range(lead, 0xEE, 0xEF)) {
    length = 3;
  } else if (lead == 0xED) {
    length = 3, high = 0x9F;  // excludes UTF-16 surrogates
  } else if (lead == 0xF0) {
    length = 4, low = 0x90;
  } else if (in_range(lead, 0xF1, 0xF3)) {
    length = 4;
  } else if (lead == 0xF4) {
    length = 4, high = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (available < length || !in_range(p[1], low, high)) return 0;
  for (qsizetype i = 2; i < length; ++i) {
    if (!in_range(p[i], 0x80, 0xBF)) return 0;
  }
  return length;
}

}  // namespace

Utf8Scan scan_utf8(QByteArrayView bytes) {
  Utf8Scan scan;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const qsizetype size = bytes.size();
  qsizetype i = 0;
  while (i < size) {
    // ASCII fast path: most text is mostly ASCII.
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    const qsizetype length = sequence_length(data + i, size - i);
    if (length > 0) {
      ++scan.multibyte_sequences;
      i += length;
      continue;
    }
    if (scan.first_invalid < 0) scan.first_invalid = i;
    ++scan.invalid_bytes;
    if (!scan.invalid_runs.isEmpty() && scan.invalid_runs.back().start + scan.invalid_runs.back().length == i) {
      ++scan.invalid_runs.back().length;
    } else {
      scan.invalid_runs.append({i, 1});
    }
    ++i;
  }
  return scan;
}

QString decode_utf8_runs(QByteArrayView bytes, const Utf8Scan& scan,
                         const std::function<QString(QByteArrayView run)>& decode_run) {
  QString text;
  text.reserve(bytes.size());
  qsizetype done = 0;
  for (const ByteRun& run : scan.invalid_runs) {
    text += QString::fromUtf8(bytes.sliced(done, run.start - done));
    text += decode_run(bytes.sliced(run.start, run.length));
    done = run.start + run.length;
  }
  text += QString::fromUtf8(bytes.sliced(done));
  return text;
}

}  // namespace xun::core
