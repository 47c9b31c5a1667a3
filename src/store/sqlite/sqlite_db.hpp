#pragma once
// A thin RAII layer over sqlite3 for the workspace: a connection, prepared statements with
// typed binds, and errors as core::Error naming the database file. sqlite3.h stays in the .cpp.
//
// The database runs in WAL mode: readers see the last committed state without blocking writers,
// and writers (BEGIN IMMEDIATE, one at a time across processes) wait for each other up to
// kBusyTimeoutMs; past that the error is kUnavailable. A constraint (a sealed campaign's trigger)
// is kStateForbids.
//
// Prepared statements are kept per connection: preparing the same SQL again takes the kept
// statement (reset, its bindings cleared) instead of parsing it again; a statement in use is
// not kept, so two open at once are two statements. A server's reads prepare the same dozen
// statements thousands of times a second.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/base/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace pitwall::store::sqlite {

class Statement;

// How long a writer waits for another's transaction before giving up with kUnavailable.
inline constexpr int kBusyTimeoutMs = 30000;

class Database {
 public:
  static core::Result<std::unique_ptr<Database>> open(const std::string& path, bool create);
  ~Database();
  core::Status exec(std::string_view sql);
  // The statement for `sql` (a kept one when there is one).
  core::Result<Statement> prepare(std::string_view sql);
  int64_t last_insert_id() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t changes() const;
  const std::string& path() const { return path_; }
  core::Error error(std::string_view what) const;
  sqlite3* handle() { return db_; }

 private:
  friend class Statement;
  // The most statements kept (SQL built with varying text would otherwise accumulate).
  static constexpr size_t kMostKept = 256;

  Database() = default;
  // Takes back a statement done with: kept (reset) under its SQL, or finalized.
  void give_back(sqlite3_stmt* stmt);

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> kept_;
};

class Statement {
 public:
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind_null(int index);
  // Steps once: true when a row is available, false when done.
  core::Result<bool> step();
  // Runs to completion (for writes).
  core::Status run();

  int64_t column_int(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace pitwall::store::sqlite
