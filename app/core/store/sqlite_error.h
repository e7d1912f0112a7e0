// Turns an SQLite result code into an xun::Error a user can act on: it names the database file,
// what Xun was doing, and what the code means (disk full, damaged file, locked, ...).
#pragma once

#include <string_view>

#include <QString>

#include "xun/error.h"

struct sqlite3;

namespace xun::core::sql {

// `connection` may be null (e.g. when opening failed before a handle existed); with one, SQLite's
// own message is appended. `action` says what was attempted, e.g. "saving /home/a/notes.md".
Error sqlite_error(sqlite3* connection, int code, const QString& database_path,
                   std::string_view action);

}  // namespace xun::core::sql
