#include "store/statement.h"

#include <climits>
#include <string>
#include <utility>

#include <sqlite3.h>

#include "store/database.h"
#include "store/sqlite_error.h"

namespace xun::core::sql {

Statement::Statement(Statement&& other) noexcept
    : database_(other.database_),
      statement_(std::exchange(other.statement_, nullptr)),
      bind_error_(other.bind_error_),
      bind_error_index_(other.bind_error_index_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    database_ = other.database_;
    statement_ = std::exchange(other.statement_, nullptr);
    bind_error_ = other.bind_error_;
    bind_error_index_ = other.bind_error_index_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::keep_bind_error(int code, int index) {
  if (code != SQLITE_OK && bind_error_ == SQLITE_OK) {
    bind_error_ = code;
    bind_error_index_ = index;
  }
}

void Statement::bind_int(int index, int64_t value) {
  keep_bind_error(sqlite3_bind_int64(statement_, index, value), index);
}

void Statement::bind_double(int index, double value) {
  keep_bind_error(sqlite3_bind_double(statement_, index, value), index);
}

void Statement::bind_text(int index, QStringView value) {
  const QByteArray utf8 = value.toUtf8();
  // SQLITE_TRANSIENT: SQLite copies the bytes, so the temporary may go.
  keep_bind_error(sqlite3_bind_text64(statement_, index, utf8.constData(),
                                      static_cast<sqlite3_uint64>(utf8.size()), SQLITE_TRANSIENT,
                                      SQLITE_UTF8),
                  index);
}

void Statement::bind_blob(int index, std::span<const std::byte> value) {
  // A zero-length blob must still be a blob, not NULL: SQLite binds NULL for a null pointer.
  static const std::byte empty{};
  const void* data = value.empty() ? &empty : value.data();
  keep_bind_error(sqlite3_bind_blob64(statement_, index, data, value.size(), SQLITE_TRANSIENT),
                  index);
}

void Statement::bind_blob(int index, const QByteArray& value) {
  bind_blob(index, std::as_bytes(std::span(value.constData(), static_cast<size_t>(value.size()))));
}

void Statement::bind_null(int index) { keep_bind_error(sqlite3_bind_null(statement_, index), index); }

void Statement::bind_optional_int(int index, std::optional<int64_t> value) {
  if (value)
    bind_int(index, *value);
  else
    bind_null(index);
}

Error Statement::step_error(int code) const {
  const char* sql = sqlite3_sql(statement_);
  std::string action = "running \"";
  // The first words of the statement say which one failed without flooding the message.
  action += std::string(sql != nullptr ? sql : "?").substr(0, 60);
  action += "\"";
  return sqlite_error(database_->handle(), code, database_->path(), action);
}

Result<bool> Statement::step() {
  if (bind_error_ != SQLITE_OK) {
    return std::unexpected(sqlite_error(
        nullptr, bind_error_, database_->path(),
        "binding parameter " + std::to_string(bind_error_index_) + " of \"" +
            std::string(sqlite3_sql(statement_)).substr(0, 60) + "\""));
  }
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return std::unexpected(step_error(code));
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
  }
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

int64_t Statement::column_int(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::column_double(int column) const {
  return sqlite3_column_double(statement_, column);
}

QString Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  const int bytes = sqlite3_column_bytes(statement_, column);
  return QString::fromUtf8(text, bytes);
}

QByteArray Statement::column_blob(int column) const {
  const auto view = column_blob_view(column);
  return QByteArray(reinterpret_cast<const char*>(view.data()), static_cast<qsizetype>(view.size()));
}

std::span<const std::byte> Statement::column_blob_view(int column) const {
  // sqlite3_column_blob before sqlite3_column_bytes: the documented safe order.
  const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(statement_, column));
  const int bytes = sqlite3_column_bytes(statement_, column);
  if (data == nullptr) return {};
  return {data, static_cast<size_t>(bytes)};
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_error_ = SQLITE_OK;
  bind_error_index_ = 0;
}

}  // namespace xun::core::sql
