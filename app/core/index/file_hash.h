// The content hash of a file's bytes: how the indexer tells a touched-but-unchanged file, and
// a renamed or copied one, from new content without extracting it.
#pragma once

#include <QByteArray>
#include <QString>

#include "xun/error.h"

namespace xun::core {

// 16 bytes: the first half of SHA-256, read in blocks (files can be large).
Result<QByteArray> file_content_hash(const QString& path);

}  // namespace xun::core
