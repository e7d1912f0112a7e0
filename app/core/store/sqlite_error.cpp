#include "store/sqlite_error.h"

#include <cerrno>
#include <string>

#include <QFileInfo>

#include <sqlite3.h>
#include <sys/resource.h>

namespace xun::core::sql {
namespace {

// What the primary result code means for the user, in words that suggest a remedy.
std::string_view explain(int primary_code) {
  switch (primary_code) {
    case SQLITE_FULL:
      return "the disk is full (or the database reached its size limit); this change was not "
             "saved and everything indexed before it is kept";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "the file is damaged or is not a Xun index; move it away and index the folders again";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database is locked by another program (is another Xun indexing?); try again "
             "when it has finished";
    case SQLITE_READONLY:
      return "the database cannot be written (check the permissions of the file and its folder)";
    case SQLITE_CANTOPEN:
      return "the file cannot be opened (does its folder exist, and may it be written?)";
    case SQLITE_IOERR:
      return "reading or writing the file failed (a disk error, or the file was removed)";
    case SQLITE_NOMEM:
      return "out of memory";
    case SQLITE_INTERRUPT:
      return "the operation was interrupted; nothing of it was saved";
    case SQLITE_CONSTRAINT:
      return "the data broke a rule of the index (a bug in Xun; please report it)";
    case SQLITE_TOOBIG:
      return "a value is too large for the database";
    default:
      return {};
  }
}

// Whether an I/O error came from the process's file size limit (ulimit -f; xun ignores SIGXFSZ,
// so the write past it fails with EFBIG). SQLite reports it as a plain I/O error, and
// sqlite3_system_errno holds whatever errno was after its clean-up; so the sizes of the
// database's files are compared with the limit too.
bool reached_file_size_limit(sqlite3* connection, const QString& database_path) {
  if (connection != nullptr && sqlite3_system_errno(connection) == EFBIG) return true;
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return false;
  constexpr qint64 kLargestWrite = 64 * 1024;  // a page or a WAL frame, with room to spare
  for (const QString& file : {database_path, database_path + QStringLiteral("-wal"), database_path + QStringLiteral("-journal")})
    if (const QFileInfo info(file); info.exists() && info.size() + kLargestWrite > static_cast<qint64>(limit.rlim_cur))
      return true;
  return false;
}

}  // namespace

Error sqlite_error(sqlite3* connection, int code, const QString& database_path,
                   std::string_view action) {
  std::string message = database_path.toStdString();
  message += ": ";
  if (!action.empty()) {
    message += action;
    message += ": ";
  }
  const bool too_large = (code & 0xff) == SQLITE_IOERR && reached_file_size_limit(connection, database_path);
  const std::string_view explanation =
      too_large ? "file too large: the file size limit (ulimit -f) was reached; this change was not saved and "
                  "everything indexed before it is kept"
                : explain(code & 0xff);
  // sqlite3_errmsg describes the connection's latest failure, which is this one when a
  // connection is given; sqlite3_errstr is the generic text of the code.
  const char* detail = connection != nullptr ? sqlite3_errmsg(connection) : sqlite3_errstr(code);
  if (!explanation.empty()) {
    message += explanation;
    message += " (SQLite: ";
    message += detail;
    message += ")";
  } else {
    message += detail;
  }
  return Error{std::move(message)};
}

}  // namespace xun::core::sql
