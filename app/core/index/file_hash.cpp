#include "index/file_hash.h"

#include <QCryptographicHash>
#include <QFile>

namespace xun::core {

Result<QByteArray> file_content_hash(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return fail(path.toStdString() + ": cannot read: " + file.errorString().toStdString());
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) return fail(path.toStdString() + ": read failed: " + file.errorString().toStdString());
  return hash.result().left(16);
}

}  // namespace xun::core
