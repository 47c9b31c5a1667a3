#include "store/postgres/pg_connection.hpp"

#include <endian.h>
#include <fmt/format.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>

namespace pitwall::store::postgres {

namespace {

// Notices (a migration's "already exists, skipping") are not the user's business.
void ignore_notice(void*, const PGresult*) {}

core::ErrorCode code_for(std::string_view state) {
  if (state == "P0001" || state.starts_with("23")) return core::ErrorCode::kStateForbids;
  if (state == "40001" || state == "40P01") return core::ErrorCode::kConflict;
  if (state == "55P03" || state == "57014" || state.starts_with("08") || state.starts_with("53") ||
      state.starts_with("57P")) {
    return core::ErrorCode::kUnavailable;
  }
  if (state == "3D000") return core::ErrorCode::kNotFound;
  return core::ErrorCode::kIo;
}

std::string trimmed(const char* text) {
  std::string out = text != nullptr ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::string out(url);
  // postgresql://user:password@host/...: the password runs from the first ':' after the scheme
  // to the last '@' of the authority.
  if (auto scheme = out.find("://"); scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = out.find_first_of("/?", start);
    std::string_view authority(out.data() + start,
                               (end == std::string::npos ? out.size() : end) - start);
    auto at = authority.rfind('@');
    auto colon = authority.find(':');
    if (at != std::string_view::npos && colon != std::string_view::npos && colon < at) {
      out.replace(start + colon + 1, at - colon - 1, "***");
    }
  }
  if (auto p = out.find("password="); p != std::string::npos) {
    size_t end = out.find_first_of("& ", p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

Params& Params::text(std::string_view value) {
  owned_.emplace_back(value);
  values_.push_back(owned_.back().c_str());
  lengths_.push_back(static_cast<int>(value.size()));
  formats_.push_back(0);
  return *this;
}

Params& Params::integer(int64_t value) { return text(fmt::format("{}", value)); }

Params& Params::boolean(bool value) { return text(value ? "t" : "f"); }

Params& Params::bytes(std::string_view value) {
  // An empty view may have a null pointer, which libpq would send as NULL.
  values_.push_back(value.data() != nullptr ? value.data() : "");
  lengths_.push_back(static_cast<int>(value.size()));
  formats_.push_back(1);
  return *this;
}

Rows& Rows::operator=(Rows&& o) noexcept {
  if (this != &o) {
    if (result_ != nullptr) PQclear(result_);
    result_ = o.result_;
    o.result_ = nullptr;
  }
  return *this;
}

Rows::~Rows() {
  if (result_ != nullptr) PQclear(result_);
}

int Rows::size() const { return result_ != nullptr ? PQntuples(result_) : 0; }

bool Rows::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string Rows::text(int row, int column) const { return std::string(view(row, column)); }

std::string_view Rows::view(int row, int column) const {
  return {PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column))};
}

int64_t Rows::integer(int row, int column) const {
  std::string_view v = view(row, column);
  if (PQfformat(result_, column) == 1) {
    if (v.size() == 8) {
      uint64_t x;
      std::memcpy(&x, v.data(), 8);
      return static_cast<int64_t>(be64toh(x));
    }
    if (v.size() == 4) {
      uint32_t x;
      std::memcpy(&x, v.data(), 4);
      return static_cast<int32_t>(be32toh(x));
    }
    if (v.size() == 2) {
      uint16_t x;
      std::memcpy(&x, v.data(), 2);
      return static_cast<int16_t>(be16toh(x));
    }
    return v.size() == 1 ? v[0] : 0;
  }
  if (v == "t") return 1;
  if (v == "f") return 0;
  return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

int64_t Rows::affected() const {
  const char* n = result_ != nullptr ? PQcmdTuples(result_) : "";
  return *n != '\0' ? std::strtoll(n, nullptr, 10) : 0;
}

core::Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  std::unique_ptr<Connection> c(new Connection());
  c->where_ = redact_url(url);
  const char* keys[] = {"dbname", "application_name", "connect_timeout", nullptr};
  const char* values[] = {url.c_str(), "pitwall", "10", nullptr};
  c->conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (c->conn_ == nullptr || PQstatus(c->conn_) != CONNECTION_OK) {
    std::string why = c->conn_ != nullptr ? trimmed(PQerrorMessage(c->conn_)) : "out of memory";
    bool missing = why.find("does not exist") != std::string::npos &&
                   why.find("database") != std::string::npos;
    auto e = core::make_error(missing ? core::ErrorCode::kNotFound : core::ErrorCode::kUnavailable,
                              fmt::format("cannot connect to the database ({})", why));
    e.at_file(c->where_);
    return e;
  }
  PQsetNoticeReceiver(c->conn_, ignore_notice, nullptr);
  // The workspace's statements name its tables without the schema: the search path finds them.
  TRY(c->exec(fmt::format(
      "SET search_path TO pitwall, pg_catalog; SET lock_timeout = {}; SET client_encoding = "
      "'UTF8'; SET standard_conforming_strings = on",
      kLockTimeoutMs)));
  return c;
}

Connection::~Connection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

bool Connection::in_transaction() const {
  auto status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

// A connection lost between transactions (the server restarted, a proxy closed it) is opened
// again once; inside a transaction the loss is the transaction's error.
core::Status Connection::check_connection() {
  if (PQstatus(conn_) == CONNECTION_OK) return {};
  PQreset(conn_);
  prepared_.clear();  // a new session has none
  if (PQstatus(conn_) == CONNECTION_OK) {
    return exec(fmt::format("SET search_path TO pitwall, pg_catalog; SET lock_timeout = {}",
                            kLockTimeoutMs));
  }
  auto e = core::make_error(
      core::ErrorCode::kUnavailable,
      fmt::format("the connection to the database was lost ({})", trimmed(PQerrorMessage(conn_))));
  e.at_file(where_);
  return e;
}

core::Error Connection::error_from(pg_result* result, std::string_view what) const {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = trimmed(result != nullptr ? PQresultErrorMessage(result) : nullptr);
  if (message.empty()) message = trimmed(PQerrorMessage(conn_));
  if (const char* primary =
          result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr) {
    message = primary;
  }
  core::ErrorCode code = state != nullptr ? code_for(state) : core::ErrorCode::kUnavailable;
  if (code == core::ErrorCode::kUnavailable && state != nullptr &&
      std::string_view(state) == "55P03") {
    message =
        fmt::format("the database stayed busy for {} s (another command holds its write lock)",
                    kLockTimeoutMs / 1000);
  } else if (code == core::ErrorCode::kConflict) {
    message = fmt::format("another writer changed the same data at the same time ({}); try again",
                          message);
  }
  auto e = core::make_error(code, fmt::format("{}: {}", what, message));
  e.at_file(where_);
  return e;
}

core::Status Connection::exec(std::string_view sql) {
  if (!in_transaction()) TRY(check_connection());
  std::string text(sql);
  PGresult* r = PQexec(conn_, text.c_str());
  auto status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    auto e = error_from(r, "database statement failed");
    PQclear(r);
    return e;
  }
  PQclear(r);
  return {};
}

core::Result<Rows> Connection::query(std::string_view sql, const Params& params,
                                     ResultFormat format) {
  if (!in_transaction()) TRY(check_connection());
  std::string text(sql);
  const int n = static_cast<int>(params.values_.size());
  const int result_format = format == ResultFormat::kBinary ? 1 : 0;
  auto it = prepared_.find(text);
  if (it == prepared_.end() && prepared_.size() < kMostPrepared) {
    std::string name = fmt::format("pw_{}", prepared_.size() + 1);
    PGresult* made = PQprepare(conn_, name.c_str(), text.c_str(), n, nullptr);
    if (made == nullptr || PQresultStatus(made) != PGRES_COMMAND_OK) {
      auto e = error_from(made, "database statement failed");
      PQclear(made);
      return e;
    }
    PQclear(made);
    it = prepared_.emplace(text, std::move(name)).first;
  }
  PGresult* r = it != prepared_.end()
                    ? PQexecPrepared(conn_, it->second.c_str(), n, params.values_.data(),
                                     params.lengths_.data(), params.formats_.data(), result_format)
                    : PQexecParams(conn_, text.c_str(), n, nullptr, params.values_.data(),
                                   params.lengths_.data(), params.formats_.data(), result_format);
  auto status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    auto e = error_from(r, "database statement failed");
    PQclear(r);
    return e;
  }
  return Rows(r);
}

core::Status Connection::execute(std::string_view sql, const Params& params) {
  TRY(query(sql, params));
  return {};
}

core::Status Connection::send(std::string_view sql, const Params& params) {
  if (!in_pipeline_) {
    if (PQenterPipelineMode(conn_) != 1) return error_from(nullptr, "cannot start a pipeline");
    in_pipeline_ = true;
  }
  std::string text(sql);
  if (PQsendQueryParams(conn_, text.c_str(), static_cast<int>(params.values_.size()), nullptr,
                        params.values_.data(), params.lengths_.data(), params.formats_.data(),
                        0) != 1) {
    auto e = error_from(nullptr, "database statement failed");
    (void)flush();
    return e;
  }
  if (++pipelined_ < kPipelineDepth) return {};
  return drain_pipeline();
}

// Marks a sync point and reads every result up to it; the first error, if any.
core::Status Connection::drain_pipeline() {
  pipelined_ = 0;
  core::Status status;
  if (PQpipelineSync(conn_) != 1) return error_from(nullptr, "database pipeline failed");
  for (;;) {
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) {  // the end of one statement's results, or a lost connection
      if (PQstatus(conn_) != CONNECTION_OK) return error_from(nullptr, "database pipeline failed");
      continue;
    }
    auto kind = PQresultStatus(r);
    if (kind == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      return status;
    }
    if (status && kind != PGRES_COMMAND_OK && kind != PGRES_TUPLES_OK) {
      status =
          error_from(kind == PGRES_PIPELINE_ABORTED ? nullptr : r, "database statement failed");
    }
    PQclear(r);
  }
}

core::Status Connection::flush() {
  if (!in_pipeline_) return {};
  core::Status status = drain_pipeline();
  PQexitPipelineMode(conn_);
  in_pipeline_ = false;
  return status;
}

}  // namespace pitwall::store::postgres
