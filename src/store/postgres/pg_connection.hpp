#pragma once
// A thin RAII layer over libpq for the PostgreSQL workspace (style.md: libpq is included in one
// .cpp, pg_connection.cpp): a connection, statements with typed parameters sent with the
// extended protocol (no SQL is ever built from values), results, and errors as core::Error
// naming the database (its URL without the password).
//
// Errors by SQLSTATE: a trigger's refusal (RAISE, P0001) and a violated constraint (23xxx) are
// kStateForbids, as SQLite's constraints are; a serialisation failure or deadlock (40001, 40P01)
// is kConflict; a lock not obtained in time (55P03, lock_timeout = kLockTimeoutMs), a cancelled
// statement and a lost or refused connection are kUnavailable; everything else is kIo.
//
// One Connection per thread (libpq's rule, and the Workspace's).

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/result.hpp"

struct pg_conn;
struct pg_result;

namespace pitwall::store::postgres {

// How long a statement waits for a lock (the workspace's write lock, a row) before kUnavailable;
// the same as the SQLite backend's busy timeout.
inline constexpr int kLockTimeoutMs = 30000;
// Statements a pipeline sends before it waits for their results (16 chunks: 16 MiB in flight).
inline constexpr int kPipelineDepth = 16;

// The parameters of one statement, $1, $2, ... in order. Text values are copied (libpq needs
// them NUL-terminated); binary values (bytea) are only referenced and must outlive the call.
class Params {
 public:
  Params& text(std::string_view value);
  Params& integer(int64_t value);
  Params& boolean(bool value);
  Params& bytes(std::string_view value);  // sent as binary bytea

 private:
  friend class Connection;
  std::deque<std::string> owned_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// The rows a statement returned (owns the libpq result). Columns are read by index; values of a
// text-format result are parsed, of a binary one (bytes()) taken as they are.
class Rows {
 public:
  Rows() = default;
  explicit Rows(pg_result* result) : result_(result) {}
  Rows(Rows&& o) noexcept : result_(o.result_) { o.result_ = nullptr; }
  Rows& operator=(Rows&& o) noexcept;
  ~Rows();
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  int size() const;
  bool empty() const { return size() == 0; }
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  // The value's bytes, valid while this Rows lives (bytea of a binary result: the raw bytes).
  std::string_view view(int row, int column) const;
  // An integer column (int2/4/8 in text or binary form; "t"/"f" booleans as 1/0).
  int64_t integer(int row, int column) const;
  // Rows changed by an INSERT, UPDATE or DELETE.
  int64_t affected() const;

 private:
  pg_result* result_ = nullptr;
};

enum class ResultFormat : uint8_t { kText, kBinary };

class Connection {
 public:
  // Connects to `url` (postgresql://user@host:port/db?...), sets the session up (search path
  // "pitwall", lock timeout, notices silenced). Errors: kUnavailable when the server cannot be
  // reached or refuses, kNotFound when the database does not exist.
  static core::Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql` (one or more statements, no parameters) with the simple protocol.
  core::Status exec(std::string_view sql);
  // Runs one statement with parameters; rows come back in `format`. The statement is prepared
  // once per connection (its name "pw_<n>"), then executed by name.
  core::Result<Rows> query(std::string_view sql, const Params& params = {},
                           ResultFormat format = ResultFormat::kText);
  // Runs one statement with parameters for its effect.
  core::Status execute(std::string_view sql, const Params& params = {});

  // Bulk writes in libpq's pipeline mode: `send` queues a statement for its effect without
  // waiting for its result (the server works on one while the next is read and sent), waiting
  // only every kPipelineDepth statements; `flush` waits for all and leaves pipeline mode. The
  // first error is returned by the send or flush that sees it. Nothing else may run on the
  // connection between the first send and the flush.
  core::Status send(std::string_view sql, const Params& params);
  core::Status flush();
  // The URL without its password, for messages.
  const std::string& where() const { return where_; }
  // Whether the connection is inside a transaction block (or an aborted one).
  bool in_transaction() const;

 private:
  Connection() = default;
  core::Status check_connection();
  core::Status drain_pipeline();
  core::Error error_from(pg_result* result, std::string_view what) const;

  pg_conn* conn_ = nullptr;
  std::string where_;
  int pipelined_ = 0;  // statements sent since the last wait
  bool in_pipeline_ = false;
  // The statements `query` prepared on this connection (SQL -> name): a statement run again is
  // not parsed and planned again. Emptied when the connection is re-established.
  static constexpr size_t kMostPrepared = 256;
  std::unordered_map<std::string, std::string> prepared_;
};

// `url` with its password (user:password@ or password=...) replaced by "***".
std::string redact_url(std::string_view url);

}  // namespace pitwall::store::postgres
