#include "core/base/error.hpp"

#include <fmt/format.h>

namespace pitwall::core {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "invalid_input";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kStateForbids:
      return "state_forbids";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kCorrupt:
      return "corrupt";
    case ErrorCode::kUsage:
      return "usage";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Error::to_string() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += fmt::format(":{}", where.line);
    out += ": ";
  } else if (where.line > 0) {
    out += fmt::format("line {}: ", where.line);
  }
  if (!where.column.empty()) {
    out += where.column;
    if (!where.canonical.empty() && where.canonical != where.column) {
      out += fmt::format(" ({})", where.canonical);
    }
    out += ": ";
  }
  out += message;
  return out;
}

Error& Error::at_file(std::string file) {
  where.file = std::move(file);
  return *this;
}
Error& Error::at_line(int64_t line) {
  where.line = line;
  return *this;
}
Error& Error::at_column(std::string column, std::string canonical) {
  where.column = std::move(column);
  where.canonical = std::move(canonical);
  return *this;
}

Error make_error(ErrorCode code, std::string message) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  return e;
}

}  // namespace pitwall::core
