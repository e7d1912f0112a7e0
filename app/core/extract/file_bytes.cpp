#include "extract/file_bytes.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>

namespace xun::core {

QString human_size(qint64 bytes) { return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat); }

Result<qint64> check_file_size(const QString& path, qint64 max_bytes) {
  const QFileInfo info(path);
  if (!info.exists()) return fail("no such file");
  if (info.isDir()) return fail("is a folder, not a file");
  const qint64 size = info.size();
  if (size > max_bytes) {
    return fail(
        QStringLiteral("%1 is over the size limit of %2").arg(human_size(size), human_size(max_bytes)).toStdString());
  }
  return size;
}

Result<QByteArray> read_file_bytes(const QString& path, qint64 max_bytes) {
  const auto size = check_file_size(path, max_bytes);
  if (!size) return std::unexpected(size.error());
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return fail(("cannot open: " + file.errorString()).toStdString());
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
