#include "store/database.h"

#include <utility>

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>
#include <unistd.h>

#include "store/sqlite_error.h"

namespace xun::core::sql {

Result<std::unique_ptr<Database>> Database::open(const QString& path) {
  // NOMUTEX: a connection is used by one thread only (see the header), so SQLite's per-connection
  // mutex is not needed. EXRESCODE: extended codes (e.g. SQLITE_IOERR_WRITE) in messages.
  return open_with(path, path.toUtf8(),
                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE);
}

namespace {

// Search and status read an index that must be there: a mistyped path is not a new index.
Result<void> check_exists(const QString& path) {
  const QFileInfo file(path);
  if (!file.exists())
    return fail(path.toStdString() + ": there is no index here (no such file); check the path, or build one with 'xun index'");
  if (file.isDir()) return fail(path.toStdString() + ": this is a folder, not an index file");
  return {};
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open_existing(const QString& path) {
  if (auto ok = check_exists(path); !ok) return std::unexpected(ok.error());
  return open_with(path, path.toUtf8(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE);
}

Result<std::unique_ptr<Database>> Database::open_read_only(const QString& path) {
  if (auto ok = check_exists(path); !ok) return std::unexpected(ok.error());
  const QFileInfo file(path);
  // A URI, so that mode and immutable can be given; the path is percent-encoded as RFC 3986 asks.
  QByteArray uri = "file:" + QUrl::toPercentEncoding(file.absoluteFilePath(), "/") + "?mode=ro";
  const bool wal_files_exist = QFileInfo::exists(path + QStringLiteral("-wal")) &&
                               QFileInfo::exists(path + QStringLiteral("-shm"));
  if (!wal_files_exist && ::access(QFile::encodeName(file.absolutePath()).constData(), W_OK) != 0)
    uri += "&immutable=1";  // nothing can write here either, so nothing changes under the reader
  return open_with(path, uri,
                   SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE);
}

Result<std::unique_ptr<Database>> Database::open_with(const QString& path, const QByteArray& name, int flags) {
  sqlite3* connection = nullptr;
  const int code = sqlite3_open_v2(name.constData(), &connection, flags, nullptr);
  if (code != SQLITE_OK) {
    Error error = sqlite_error(connection, code, path, "opening the index");
    sqlite3_close_v2(connection);  // a handle is returned even on failure, and must be closed
    return std::unexpected(std::move(error));
  }
  return std::unique_ptr<Database>(new Database(connection, path));
}

Database::Database(sqlite3* connection, QString path)
    : connection_(connection), path_(std::move(path)), owner_(std::this_thread::get_id()) {}

Database::~Database() {
  statements_.clear();  // every statement must be finalized before the connection closes
  sqlite3_close_v2(connection_);
}

Result<void> Database::check_thread() const {
  if (std::this_thread::get_id() != owner_) {
    return fail(path_.toStdString() +
                ": the index connection was used from a thread that did not open it (a bug in "
                "Xun: each thread must open its own connection)");
  }
  return {};
}

Result<void> Database::execute(const char* sql) {
  if (auto ok = check_thread(); !ok) return ok;
  char* message = nullptr;
  const int code = sqlite3_exec(connection_, sql, nullptr, nullptr, &message);
  sqlite3_free(message);  // the same text is available from sqlite3_errmsg
  if (code != SQLITE_OK)
    return std::unexpected(error(code, std::string("running \"") + std::string(sql).substr(0, 60) + "\""));
  return {};
}

Result<ScopedStatement> Database::statement(const char* sql) {
  if (auto ok = check_thread(); !ok) return std::unexpected(ok.error());
  auto cached = statements_.find(sql);
  if (cached != statements_.end()) {
    cached->second->reset();
    return ScopedStatement(*cached->second);
  }
  sqlite3_stmt* prepared = nullptr;
  // PREPARE_PERSISTENT: a hint that the statement is kept and reused many times.
  const int code = sqlite3_prepare_v3(connection_, sql, -1, SQLITE_PREPARE_PERSISTENT, &prepared,
                                      nullptr);
  if (code != SQLITE_OK) {
    return std::unexpected(
        error(code, std::string("preparing \"") + std::string(sql).substr(0, 60) + "\""));
  }
  auto [inserted, _] = statements_.emplace(sql, std::make_unique<Statement>(*this, prepared));
  return ScopedStatement(*inserted->second);
}

Result<QString> Database::query_text(const char* sql) {
  auto statement = this->statement(sql);
  if (!statement) return std::unexpected(statement.error());
  auto row = (*statement)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return QString();
  return (*statement)->column_text(0);
}

Result<int64_t> Database::query_int(const char* sql) {
  auto statement = this->statement(sql);
  if (!statement) return std::unexpected(statement.error());
  auto row = (*statement)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return int64_t{0};
  return (*statement)->column_int(0);
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(connection_); }

bool Database::in_transaction() const { return sqlite3_get_autocommit(connection_) == 0; }

Error Database::error(int code, std::string_view action) const {
  return sqlite_error(connection_, code, path_, action);
}

// ---- Transaction ------------------------------------------------------------------------------

namespace {
constexpr char kBeginRead[] = "BEGIN DEFERRED";
constexpr char kBeginWrite[] = "BEGIN IMMEDIATE";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";
}  // namespace

Result<Transaction> Transaction::begin(Database& database, Kind kind) {
  if (auto ok = database.execute(kind == Kind::write ? kBeginWrite : kBeginRead); !ok) {
    // BEGIN may fail after it opened the transaction (interrupted, or BUSY while taking the
    // write lock); leaving it open would swallow every later statement into it.
    if (database.in_transaction()) (void)database.execute(kRollback);
    return std::unexpected(ok.error());
  }
  return Transaction(database);
}

Transaction::Transaction(Transaction&& other) noexcept
    : database_(other.database_), open_(std::exchange(other.open_, false)) {}

Transaction::~Transaction() {
  if (open_) rollback();
}

Result<void> Transaction::commit() {
  auto committed = database_->execute(kCommit);
  if (!committed) {
    // The change is all or nothing either way. (One rare case reports failure for a change that
    // was stored: an interrupt noticed just as COMMIT returns; SQLite gives no way to tell it
    // from an interrupted commit that was rolled back, so it is reported as it came.)
    rollback();  // e.g. SQLITE_FULL while writing the WAL at commit: give up the whole change
    return committed;
  }
  open_ = false;
  return {};
}

void Transaction::rollback() {
  open_ = false;
  // After SQLITE_FULL, IOERR or NOMEM SQLite may already have rolled back on its own; a second
  // ROLLBACK would only fail with "no transaction is active".
  if (database_->in_transaction()) (void)database_->execute(kRollback);
}

}  // namespace xun::core::sql
