#include "store/sqlite_error.h"

#include <string>

#include <sqlite3.h>

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

}  // namespace

Error sqlite_error(sqlite3* connection, int code, const QString& database_path,
                   std::string_view action) {
  std::string message = database_path.toStdString();
  message += ": ";
  if (!action.empty()) {
    message += action;
    message += ": ";
  }
  const std::string_view explanation = explain(code & 0xff);
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
