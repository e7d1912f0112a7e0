// Reading a whole file (or its start) into memory, refusing it when it is over the size limit.
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

// The start of a file: at most `max_read` bytes of it, after the same check. `complete` is false
// when the file holds more; nothing past `max_read` is read, so memory does not grow with it.
struct FileHead {
  QByteArray bytes;
  bool complete = true;
};
Result<FileHead> read_file_head(const QString& path, qint64 max_file_bytes, qint64 max_read);

// "12.5 MB": sizes in messages a person reads.
QString human_size(qint64 bytes);

}  // namespace xun::core
