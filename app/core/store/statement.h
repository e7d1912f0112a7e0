// A prepared SQLite statement (move-only owner of sqlite3_stmt) with typed binds and columns.
// Parameters are 1-based `?` positions, columns 0-based, as in the SQLite C API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include <QByteArray>
#include <QString>
#include <QStringView>

#include "xun/error.h"

struct sqlite3_stmt;

namespace xun::core::sql {

class Database;

class Statement {
 public:
  Statement(Database& database, sqlite3_stmt* statement) : database_(&database), statement_(statement) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding never fails on its own: the first bind error (index out of range, value too big) is
  // kept and returned by the next step() or run(), so call sites stay linear.
  void bind_int(int index, int64_t value);
  void bind_double(int index, double value);
  void bind_text(int index, QStringView value);
  void bind_blob(int index, std::span<const std::byte> value);
  void bind_blob(int index, const QByteArray& value);
  void bind_null(int index);
  void bind_optional_int(int index, std::optional<int64_t> value);

  // true: a row is ready to read; false: the statement has finished.
  Result<bool> step();
  // Steps to the end, for statements that return no rows (INSERT, UPDATE, DELETE, DDL).
  Result<void> run();

  bool column_is_null(int column) const;
  int64_t column_int(int column) const;
  double column_double(int column) const;
  QString column_text(int column) const;
  QByteArray column_blob(int column) const;
  // Valid until the next step(), reset() or column call on this column; no copy.
  std::span<const std::byte> column_blob_view(int column) const;

  // Ready to run again with new binds; clears the binds and any kept bind error.
  void reset();

 private:
  Error step_error(int code) const;
  void keep_bind_error(int code, int index);

  Database* database_;
  sqlite3_stmt* statement_ = nullptr;
  int bind_error_ = 0;       // SQLITE_OK, or the first failed bind's result code
  int bind_error_index_ = 0; // which parameter it was
};

// A cached statement lent for one use. Resetting it when the scope ends matters: a SELECT left
// un-reset keeps its read snapshot open, which pins the WAL and hides later commits.
class ScopedStatement {
 public:
  explicit ScopedStatement(Statement& statement) : statement_(&statement) {}
  ScopedStatement(ScopedStatement&& other) noexcept : statement_(other.statement_) {
    other.statement_ = nullptr;
  }
  ScopedStatement& operator=(ScopedStatement&&) = delete;
  ScopedStatement(const ScopedStatement&) = delete;
  ~ScopedStatement() {
    if (statement_ != nullptr) statement_->reset();
  }
  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
};

}  // namespace xun::core::sql
