// QString <-> file-system path without losing names. On POSIX a file name is bytes, not always
// valid UTF-8, and Qt 6's QFile::encodeName/decodeName turn invalid bytes into U+FFFD, so such a
// file could be listed but never opened again. Here valid UTF-8 decodes as usual and every byte
// that is not part of valid UTF-8 becomes one code point U+EF80 + (byte - 0x80), in the private
// use area (the "OPTU-8" convention; Python's surrogateescape does the same with lone surrogates,
// which SQLite and QString::toUtf8 would mangle). A name that holds those code points as real
// UTF-8 has them escaped byte by byte, so bytes -> QString -> bytes is exact for every name, and
// the QString is valid Unicode that SQLite stores and returns unchanged.
//
// Open documents through the bytes (to_fs_path, open_read_only), never QFile(QString), which
// re-encodes lossily. Show paths to people with displayed_path: escaped bytes as U+FFFD.
// On Windows names are UTF-16 on both sides and none of this applies.
#pragma once

#include <QFile>
#include <QString>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#ifndef Q_OS_WIN
#include <fcntl.h>
#include <unistd.h>
#endif

namespace xun::core {

namespace fs_path_detail {

inline constexpr char32_t first_escape = 0xEF80;  // stands for byte 0x80
inline constexpr char32_t last_escape = 0xEFFF;   // stands for byte 0xFF

inline bool is_escape(char32_t code_point) { return code_point >= first_escape && code_point <= last_escape; }

// The code point of the well-formed UTF-8 sequence at bytes[at], and its length; 0 when the
// bytes there are not one (a stray continuation byte, overlong form, surrogate, truncation).
inline int decode_utf8(const std::string& bytes, size_t at, char32_t& code_point) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  int length = 0;
  char32_t minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, minimum = 0x80, code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, minimum = 0x800, code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, minimum = 0x10000, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (at + length > bytes.size()) return 0;
  for (int i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(at + i) & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < minimum || surrogate || code_point > 0x10FFFF) return 0;
  return length;
}

}  // namespace fs_path_detail

// A native file name (bytes) as a QString, every byte kept (see above).
inline QString path_from_bytes(const std::string& bytes) {
  using namespace fs_path_detail;
  std::u32string code_points;
  code_points.reserve(bytes.size());
  for (size_t at = 0; at < bytes.size();) {
    char32_t code_point = 0;
    const int length = decode_utf8(bytes, at, code_point);
    if (length > 0 && !is_escape(code_point)) {
      code_points.push_back(code_point);
      at += length;
    } else {  // not valid UTF-8, or a real escape code point: kept as bytes, one by one
      const auto value = static_cast<unsigned char>(bytes[at]);
      code_points.push_back(value < 0x80 ? char32_t(value) : first_escape + (value - 0x80));
      ++at;
    }
  }
  return QString::fromUcs4(code_points.data(), static_cast<qsizetype>(code_points.size()));
}

// The native file name (bytes) a QString from path_from_bytes stands for.
inline std::string path_to_bytes(const QString& path) {
  using namespace fs_path_detail;
  std::string bytes;
  bytes.reserve(static_cast<size_t>(path.size()));
  for (const char32_t code_point : path.toUcs4()) {
    if (is_escape(code_point)) {
      bytes.push_back(static_cast<char>(0x80 + (code_point - first_escape)));
    } else {
      const QByteArray utf8 = QString::fromUcs4(&code_point, 1).toUtf8();  // a lone surrogate becomes U+FFFD
      bytes.append(utf8.constData(), static_cast<size_t>(utf8.size()));
    }
  }
  return bytes;
}

// The path as a person should see it: escaped bytes shown as U+FFFD, the replacement character.
inline QString displayed_path(const QString& path) {
  QString shown;
  shown.reserve(path.size());
  for (const char32_t code_point : path.toUcs4()) {
    if (fs_path_detail::is_escape(code_point))
      shown.append(QChar(QChar::ReplacementCharacter));
    else
      shown.append(QString::fromUcs4(&code_point, 1));
  }
  return shown;
}

inline std::filesystem::path to_fs_path(const QString& path) {
#ifdef Q_OS_WIN
  return std::filesystem::path(path.toStdWString());
#else
  return std::filesystem::path(path_to_bytes(path));
#endif
}

inline QString to_qstring(const std::filesystem::path& path) {
#ifdef Q_OS_WIN
  return QString::fromStdWString(path.native()).replace(u'\\', u'/');
#else
  return path_from_bytes(path.native());
#endif
}

// Opens `file` (not yet open) for reading the document at `path`, by its bytes. On failure,
// false, with `error` set to the system's reason ("Permission denied").
inline bool open_read_only(QFile& file, const QString& path, QString& error) {
#ifdef Q_OS_WIN
  file.setFileName(path);
  if (file.open(QIODevice::ReadOnly)) return true;
  error = file.errorString();
  return false;
#else
  const int descriptor = ::open(path_to_bytes(path).c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    error = QString::fromLocal8Bit(std::strerror(errno));
    return false;
  }
  if (file.open(descriptor, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) return true;
  error = file.errorString();
  ::close(descriptor);
  return false;
#endif
}

}  // namespace xun::core
