#include "extract/file_bytes.h"

#include <QFile>
#include <QLocale>
#include <filesystem>
#include <system_error>

#include "scan/fs_path.h"

namespace xun::core {

QString human_size(qint64 bytes) { return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat); }

Result<qint64> check_file_size(const QString& path, qint64 max_bytes) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path native = to_fs_path(path);
  const fs::file_status status = fs::status(native, error);
  if (status.type() == fs::file_type::not_found) return fail("no such file");
  if (error) return fail("cannot read file status: " + error.message());
  if (fs::is_directory(status)) return fail("is a folder, not a file");
  const auto size = static_cast<qint64>(fs::file_size(native, error));
  if (error) return fail("cannot read file size: " + error.message());
  if (size > max_bytes) {
    return fail(
        QStringLiteral("%1 is over the size limit of %2").arg(human_size(size), human_size(max_bytes)).toStdString());
  }
  return size;
}

Result<QByteArray> read_file_bytes(const QString& path, qint64 max_bytes) {
  const auto size = check_file_size(path, max_bytes);
  if (!size) return std::unexpected(size.error());
  QFile file;
  if (QString reason; !open_read_only(file, path, reason)) return fail(("cannot open: " + reason).toStdString());
  // Read at most one byte past the limit: a file that grew since the check is still refused.
  QByteArray bytes = file.read(max_bytes + 1);
  if (file.error() != QFileDevice::NoError) return fail(("cannot read: " + file.errorString()).toStdString());
  if (bytes.size() > max_bytes) {
    return fail(
        QStringLiteral("grew past the size limit of %1 while being read").arg(human_size(max_bytes)).toStdString());
  }
  return bytes;
}

}  // namespace xun::core
