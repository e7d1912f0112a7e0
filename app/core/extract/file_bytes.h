// Reading a whole file into memory, refusing it when it is over the size limit.
#pragma once

#include <QByteArray>
#include <QString>

#include "xun/error.h"

namespace xun::core {

// The file's size, or an error when it cannot be read or is larger than `max_bytes`.
// Errors do not name the file: the caller adds the path.
Result<qint64> check_file_size(const QString& path, qint64 max_bytes);

// The whole file, after the same check.
Result<QByteArray> read_file_bytes(const QString& path, qint64 max_bytes);

// "12.5 MB": sizes in messages a person reads.
QString human_size(qint64 bytes);

}  // namespace xun::core
