#include "store/sqlite/sqlite_db.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace pitwall::store::sqlite {

core::Result<std::unique_ptr<Database>> Database::open(const std::string& path, bool create) {
  std::unique_ptr<Database> db(new Database());
  db->path_ = path;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db->db_, flags, nullptr) != SQLITE_OK) {
    auto e = core::make_error(core::ErrorCode::kIo,
                              fmt::format("cannot open the workspace database ({})",
                                          db->db_ ? sqlite3_errmsg(db->db_) : "out of memory"));
    e.at_file(path);
    return e;
  }
  // Writers wait for each other up to kBusyTimeoutMs (every write is one short BEGIN IMMEDIATE
  // transaction); readers never wait for writers in WAL mode.
  sqlite3_busy_timeout(db->db_, kBusyTimeoutMs);
  TRY(db->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"));
  // WAL is a property of the database file: set once, it stays. Asking again is a read.
  auto mode = TRY(db->prepare("PRAGMA journal_mode = WAL"));
  if (!TRY(mode.step()) || mode.column_text(0) != "wal") {
    auto e = core::make_error(core::ErrorCode::kIo,
                              "the workspace database cannot use write-ahead logging (WAL)");
    e.at_file(path);
    return e;
  }
  return db;
}

Database::~Database() {
  for (auto& [sql, stmt] : kept_) sqlite3_finalize(stmt);
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

core::Error Database::error(std::string_view what) const {
  int code = sqlite3_errcode(db_) & 0xff;
  auto kind = core::ErrorCode::kIo;
  if (code == SQLITE_CONSTRAINT) kind = core::ErrorCode::kStateForbids;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) kind = core::ErrorCode::kUnavailable;
  std::string text = sqlite3_errmsg(db_);
  if (kind == core::ErrorCode::kUnavailable) {
    text = fmt::format("the workspace stayed busy for {} s (another command holds its write lock)",
                       kBusyTimeoutMs / 1000);
  }
  auto e = core::make_error(kind, fmt::format("{}: {}", what, text));
  e.at_file(path_);
  return e;
}

int64_t Database::changes() const { return sqlite3_changes64(db_); }

core::Status Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    auto e = error("database statement failed");
    sqlite3_free(message);
    return e;
  }
  return {};
}

core::Result<Statement> Database::prepare(std::string_view sql) {
  if (auto it = kept_.find(std::string(sql)); it != kept_.end()) {
    sqlite3_stmt* stmt = it->second;
    kept_.erase(it);
    return Statement(this, stmt);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return error("cannot prepare a database statement");
  }
  return Statement(this, stmt);
}

void Database::give_back(sqlite3_stmt* stmt) {
  // Reset ends the statement's read of the database (a kept statement holds no snapshot).
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  const char* sql = sqlite3_sql(stmt);
  if (sql == nullptr || kept_.size() >= kMostKept || !kept_.emplace(sql, stmt).second) {
    sqlite3_finalize(stmt);
  }
}

int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

Statement::~Statement() {
  if (stmt_ != nullptr) db_->give_back(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
  // An empty view may have a null data pointer, which SQLite would bind as NULL.
  const char* data = text.data() != nullptr ? text.data() : "";
  sqlite3_bind_text(stmt_, index, data, static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

core::Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->error("database step failed");
}

core::Status Statement::run() {
  while (TRY(step())) {
  }
  return {};
}

int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }
std::string Statement::column_text(int index) const {
  const auto* p = sqlite3_column_text(stmt_, index);
  int n = sqlite3_column_bytes(stmt_, index);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}
bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

}  // namespace pitwall::store::sqlite
