#include "store/content_hash.h"

#include <QCryptographicHash>

namespace xun::core {

QByteArray chunk_content_hash(QStringView text) {
  return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).first(16);
}

}  // namespace xun::core
