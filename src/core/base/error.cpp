#include "core/base/error.hpp"

#include <fmt/format.h>

#include "core/base/where_text.hpp"

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

std::string where_text(const Where& where, const std::string& line_alone) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += fmt::format(":{}", where.line);
    out += ": ";
  } else if (where.line > 0) {
    out += line_alone;
  }
  if (!where.column.empty()) {
    out += where.column;
    if (!where.canonical.empty() && where.canonical != where.column) {
      out += fmt::format(" ({})", where.canonical);
    }
    out += ": ";
  }
  return out;
}

std::string Error::to_string() const {
  return where_text(where, fmt::format("line {}: ", where.line)) + message;
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

Error keyed_error(ErrorCode code, std::string key, std::vector<MessageArg> args,
                  std::string english) {
  Error e = make_error(code, std::move(english));
  e.key = std::move(key);
  e.args = std::move(args);
  return e;
}

}  // namespace pitwall::core
