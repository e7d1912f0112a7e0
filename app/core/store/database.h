// One SQLite connection (RAII over sqlite3*), its cache of prepared statements, and transactions.
//
// Threading: a Database belongs to the thread that opened it. Every statement() call checks
// this and fails on another thread, because a connection shared between threads would have
// its transactions interleaved. Open one connection per thread (WAL lets them run side by side).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <QString>

#include "store/statement.h"
#include "xun/error.h"

struct sqlite3;

namespace xun::core::sql {

class Database {
 public:
  // Opens (creating if needed) the database file for reading and writing.
  static Result<std::unique_ptr<Database>> open(const QString& path);
  // Opens an existing database file for reading and writing; a missing file is an error.
  static Result<std::unique_ptr<Database>> open_existing(const QString& path);
  // Opens an existing database file for reading only; never creates one (a missing file is an
  // error naming it). A WAL database needs its -shm file: where the folder cannot be written and
  // the -wal and -shm files are not there (a read-only folder or medium), the file is opened as
  // immutable, which SQLite reads without them.
  static Result<std::unique_ptr<Database>> open_read_only(const QString& path);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs SQL that takes no parameters (pragmas, DDL); several statements may be separated by ';'.
  Result<void> execute(const char* sql);
  // The prepared statement for `sql`, freshly reset. `sql` must be a named constant with static
  // storage: statements are cached by its address, so each is prepared once per connection.
  Result<ScopedStatement> statement(const char* sql);
  // A single-row, single-column query, e.g. "PRAGMA journal_mode" or "SELECT count(*) ...".
  Result<QString> query_text(const char* sql);
  Result<int64_t> query_int(const char* sql);

  int64_t last_insert_rowid() const;
  bool in_transaction() const;
  Error error(int code, std::string_view action) const;
  const QString& path() const { return path_; }
  sqlite3* handle() const { return connection_; }

 private:
  Database(sqlite3* connection, QString path);
  static Result<std::unique_ptr<Database>> open_with(const QString& path, const QByteArray& name, int flags);
  Result<void> check_thread() const;

  sqlite3* connection_;
  QString path_;
  std::thread::id owner_;  // the thread that opened the connection
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_;
};

// A transaction that rolls back unless commit() succeeds. Writes use BEGIN IMMEDIATE, which takes
// the write lock at once: a deferred transaction that later tries to write can fail with BUSY
// after having done work, while IMMEDIATE waits (busy_timeout) before doing anything.
class Transaction {
 public:
  enum class Kind { read, write };
  static Result<Transaction> begin(Database& database, Kind kind);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Result<void> commit();

 private:
  explicit Transaction(Database& database) : database_(&database) {}
  void rollback();

  Database* database_;
  bool open_ = true;
};

}  // namespace xun::core::sql
