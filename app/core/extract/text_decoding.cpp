#include "extract/text_decoding.h"

#include <QStringDecoder>
#include <algorithm>

#include "extract/legacy_charsets.h"
#include "extract/utf8_scan.h"

namespace xun::core {
namespace {

// Used when uchardet has no better idea: it maps every byte, so nothing is lost, and it is what
// Western legacy text usually is (a superset of Latin-1 in the printable range).
const QByteArray fallback_charset = QByteArrayLiteral("windows-1252");

bool starts_with(QByteArrayView bytes, std::initializer_list<unsigned char> prefix) {
  if (bytes.size() < qsizetype(prefix.size())) return false;
  qsizetype i = 0;
  for (unsigned char byte : prefix) {
    if (static_cast<unsigned char>(bytes[i++]) != byte) return false;
  }
  return true;
}

bool is_unicode_name(const QByteArray& charset) {
  const QByteArray upper = charset.toUpper();
  return upper.isEmpty() || upper == "UTF-8" || upper == "UTF8" || upper == "ASCII" || upper == "US-ASCII";
}

// A legacy charset to read `bytes` in: the document's own declaration when ICU knows it, else
// uchardet's guess, else Windows-1252. A guess that ICU cannot decode adds a warning.
QByteArray choose_charset(QByteArrayView bytes, QByteArrayView declared, QStringList& warnings) {
  const QByteArray declared_name = declared.toByteArray().trimmed();
  if (!is_unicode_name(declared_name) && icu_knows_charset(declared_name)) return declared_name;
  const QByteArray guess = detect_charset(bytes);
  if (is_unicode_name(guess)) return fallback_charset;
  if (!icu_knows_charset(guess)) {
    warnings << QStringLiteral("charset guessed as %1, which has no decoder; read as %2")
                    .arg(QString::fromLatin1(guess), QString::fromLatin1(fallback_charset));
    return fallback_charset;
  }
  return guess;
}

DecodedText decode_utf16(QByteArrayView body, QStringConverter::Encoding encoding, const char* name) {
  DecodedText decoded{.encoding = QString::fromLatin1(name)};
  QStringDecoder decoder(encoding);
  decoded.text = decoder(body.first(body.size() & ~qsizetype(1)));
  if (decoder.hasError()) decoded.warnings << QStringLiteral("invalid %1 sequences replaced with U+FFFD").arg(name);
  if (body.size() % 2 != 0)
    decoded.warnings << QStringLiteral("odd number of bytes in %1 text: 1 byte dropped").arg(name);
  return decoded;
}

// UTF-8, each invalid byte replaced by U+FFFD and reported. `offset` is where `body` starts in
// the file (after a BOM), so that the warning names the file's byte.
DecodedText decode_utf8_replacing(QByteArrayView body, qsizetype offset) {
  DecodedText decoded{.encoding = QStringLiteral("UTF-8")};
  const Utf8Scan scan = scan_utf8(body);
  if (scan.invalid_bytes == 0) {
    decoded.text = QString::fromUtf8(body);
    return decoded;
  }
  decoded.text =
      decode_utf8_runs(body, scan, [](QByteArrayView run) { return QString(run.size(), QChar::ReplacementCharacter); });
  decoded.warnings << QStringLiteral("invalid UTF-8 at byte %1; %2 undecodable bytes replaced")
                          .arg(scan.first_invalid + offset)
                          .arg(scan.invalid_bytes);
  return decoded;
}

// Lines split after each '\n' (the last one may lack it).
QList<QByteArrayView> split_lines(QByteArrayView bytes) {
  QList<QByteArrayView> lines;
  for (qsizetype start = 0; start < bytes.size();) {
    const qsizetype newline = bytes.indexOf('\n', start);
    const qsizetype end = newline < 0 ? bytes.size() : newline + 1;
    lines.append(bytes.sliced(start, end - start));
    start = end;
  }
  return lines;
}

// A line with this many valid multi-byte sequences and no invalid byte is UTF-8: legacy CJK
// bytes form a valid sequence by chance now and then, never eight times in a row.
constexpr qsizetype clear_utf8_evidence = 8;

// True when the text is UTF-8 with foreign parts, rather than a legacy file: more valid
// multi-byte sequences than bad bytes overall, or at least one line that is clearly UTF-8.
bool is_mixed_utf8(const QList<QByteArrayView>& lines, const Utf8Scan& whole) {
  if (whole.multibyte_sequences > whole.invalid_bytes) return true;
  return std::any_of(lines.cbegin(), lines.cend(), [](QByteArrayView line) {
    const Utf8Scan scan = scan_utf8(line);
    return scan.invalid_bytes == 0 && scan.multibyte_sequences >= clear_utf8_evidence;
  });
}

// UTF-8 with parts in another charset (files pasted together, a Latin-1 name in UTF-8 notes).
// Line by line: a line that is mostly UTF-8 stays UTF-8 and only its bad bytes are read in the
// other charset; a line that is mostly not UTF-8 is read whole in that charset, so that legacy
// bytes that happen to form UTF-8 sequences are not misread. The charset is uchardet's guess
// from the bad bytes.
DecodedText decode_mixed(const QList<QByteArrayView>& lines, const Utf8Scan& scan) {
  enum class LineKind { Utf8, MostlyUtf8, Foreign };
  QList<LineKind> kinds;
  QByteArray foreign;  // what uchardet sees: foreign lines whole, and the bad runs of the others
  for (const QByteArrayView line : lines) {
    const Utf8Scan line_scan = scan_utf8(line);
    if (line_scan.invalid_bytes == 0) {
      kinds.append(LineKind::Utf8);
    } else if (line_scan.multibyte_sequences > line_scan.invalid_bytes) {
      kinds.append(LineKind::MostlyUtf8);
      for (const ByteRun& run : line_scan.invalid_runs)
        foreign += line.sliced(run.start, run.length).toByteArray() + ' ';
    } else {
      kinds.append(LineKind::Foreign);
      foreign += line.toByteArray();
    }
  }
  DecodedText decoded{.encoding = QStringLiteral("UTF-8")};
  // A few stray bytes tell uchardet nothing (its guess would be noise); they are most often
  // Latin-1 accents, which Windows-1252 reads.
  constexpr qsizetype enough_to_guess = 16;
  const QByteArray charset =
      scan.invalid_bytes < enough_to_guess ? fallback_charset : choose_charset(foreign, {}, decoded.warnings);
  qsizetype replaced = 0;
  const auto decode_foreign = [&](QByteArrayView part) {
    auto text = decode_with_icu(part, charset);
    if (!text) return QString(part.size(), QChar::ReplacementCharacter);
    replaced += text->replaced_bytes;
    return text->text;
  };
  for (qsizetype i = 0; i < lines.size(); ++i) {
    switch (kinds[i]) {
      case LineKind::Utf8:
        decoded.text += QString::fromUtf8(lines[i]);
        break;
      case LineKind::MostlyUtf8:
        decoded.text += decode_utf8_runs(lines[i], scan_utf8(lines[i]), decode_foreign);
        break;
      case LineKind::Foreign:
        decoded.text += decode_foreign(lines[i]);
        break;
    }
  }
  decoded.warnings << QStringLiteral(
                          "invalid UTF-8 at byte %1; mixed encodings: %2 of %3 lines are not UTF-8, decoded as %4")
                          .arg(scan.first_invalid)
                          .arg(kinds.size() - kinds.count(LineKind::Utf8))
                          .arg(kinds.size())
                          .arg(QString::fromLatin1(charset));
  if (replaced > 0) decoded.warnings << QStringLiteral("%1 undecodable bytes replaced").arg(replaced);
  return decoded;
}

Result<DecodedText> decode_legacy(QByteArrayView bytes, const Utf8Scan& scan, QByteArrayView declared) {
  DecodedText decoded;
  const QByteArray charset = choose_charset(bytes, declared, decoded.warnings);
  auto legacy = decode_with_icu(bytes, charset);
  if (!legacy) return std::unexpected(legacy.error());
  decoded.text = std::move(legacy->text);
  decoded.encoding = QString::fromLatin1(charset);
  decoded.warnings
      << QStringLiteral("invalid UTF-8 at byte %1; decoded as %2").arg(scan.first_invalid).arg(decoded.encoding);
  if (legacy->replaced_bytes > 0)
    decoded.warnings << QStringLiteral("%1 undecodable bytes replaced").arg(legacy->replaced_bytes);
  return decoded;
}

}  // namespace

qsizetype first_nul_byte(QByteArrayView head) {
  if (starts_with(head, {0xFF, 0xFE}) || starts_with(head, {0xFE, 0xFF})) return -1;
  return head.first(std::min(head.size(), binary_sniff_bytes)).indexOf('\0');
}

Result<DecodedText> decode_text(QByteArrayView bytes, QByteArrayView declared_charset) {
  if (starts_with(bytes, {0xEF, 0xBB, 0xBF})) return decode_utf8_replacing(bytes.sliced(3), 3);
  if (starts_with(bytes, {0xFF, 0xFE})) return decode_utf16(bytes.sliced(2), QStringConverter::Utf16LE, "UTF-16LE");
  if (starts_with(bytes, {0xFE, 0xFF})) return decode_utf16(bytes.sliced(2), QStringConverter::Utf16BE, "UTF-16BE");
  if (const qsizetype nul = first_nul_byte(bytes); nul >= 0) {
    return fail(QStringLiteral("binary content (NUL byte at %1), not text").arg(nul).toStdString());
  }
  const Utf8Scan scan = scan_utf8(bytes);
  if (scan.invalid_bytes == 0)
    return DecodedText{.text = QString::fromUtf8(bytes), .encoding = QStringLiteral("UTF-8")};
  if (const QList<QByteArrayView> lines = split_lines(bytes); is_mixed_utf8(lines, scan)) {
    return decode_mixed(lines, scan);
  }
  return decode_legacy(bytes, scan, declared_charset);
}

QString normalize_line_ends(QString text, QStringList& warnings) {
  text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
  text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
  if (const qsizetype nuls = text.count(QChar(0)); nuls > 0) {
    text.replace(QChar(0), QChar::ReplacementCharacter);
    warnings << QStringLiteral("%1 NUL characters replaced with U+FFFD").arg(nuls);
  }
  return text;
}

}  // namespace xun::core
