// A QString path as std::filesystem wants it, in the encoding the OS uses for file names.
#pragma once

#include <QFile>
#include <QString>
#include <filesystem>

namespace xun::core {

inline std::filesystem::path to_fs_path(const QString& path) {
#ifdef _WIN32
  return std::filesystem::path(path.toStdWString());
#else
  return std::filesystem::path(QFile::encodeName(path).toStdString());
#endif
}

}  // namespace xun::core
