#include "extract/file_bytes.h"

#include <algorithm>

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

Result<FileHead> read_file_head(const QString& path, qint64 max_file_bytes, qint64 max_read) {
  const auto size = check_file_size(path, max_file_bytes);
  if (!size) return std::unexpected(size.error());
  QFile file;
  if (QString reason; !open_read_only(file, path, reason)) return fail(("cannot open: " + reason).toStdString());
  // Read at most one byte past the limit: a file that grew since the check is still refused,
  // and one that holds more than `max_read` is known to.
  // (QIODevice::read allocates what it is asked for: ask for no more than the file holds.)
  const qint64 wanted = std::min(max_file_bytes, max_read);
  FileHead head{.bytes = file.read(std::min(wanted, *size) + 1)};
  if (file.error() != QFileDevice::NoError) return fail(("cannot read: " + file.errorString()).toStdString());
  if (head.bytes.size() > max_file_bytes) {
    return fail(
        QStringLiteral("grew past the size limit of %1 while being read").arg(human_size(max_file_bytes)).toStdString());
  }
  if (head.bytes.size() > wanted) {
    head.bytes.truncate(wanted);
    head.complete = false;
  }
  return head;
}

Result<QByteArray> read_file_bytes(const QString& path, qint64 max_bytes) {
  auto head = read_file_head(path, max_bytes, max_bytes);
  if (!head) return std::unexpected(head.error());
  return std::move(head->bytes);
}

}  // namespace xun::core
