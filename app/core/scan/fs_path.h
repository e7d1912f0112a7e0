// QString <-> std::filesystem::path without losing names: on POSIX a file name is bytes, which
// Qt maps to and from QString with QFile::encodeName/decodeName (so names that are not valid
// UTF-8 survive the round trip); on Windows both sides are UTF-16.
#pragma once

#include <QFile>
#include <QString>
#include <filesystem>

namespace xun::core {

inline std::filesystem::path to_fs_path(const QString& path) {
#ifdef Q_OS_WIN
  return std::filesystem::path(path.toStdWString());
#else
  return std::filesystem::path(QFile::encodeName(path).toStdString());
#endif
}

inline QString to_qstring(const std::filesystem::path& path) {
#ifdef Q_OS_WIN
  return QString::fromStdWString(path.native()).replace(u'\\', u'/');
#else
  return QFile::decodeName(QByteArray::fromStdString(path.native()));
#endif
}

}  // namespace xun::core
