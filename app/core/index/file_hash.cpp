#include "index/file_hash.h"

#include <QCryptographicHash>
#include <QFile>

#include "scan/fs_path.h"

namespace xun::core {

Result<QByteArray> file_content_hash(const QString& path) {
  const std::string where = displayed_path(path).toStdString();
  QFile file;
  if (QString reason; !open_read_only(file, path, reason)) return fail(where + ": cannot read: " + reason.toStdString());
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) return fail(where + ": read failed: " + file.errorString().toStdString());
  return hash.result().left(16);
}

}  // namespace xun::core
