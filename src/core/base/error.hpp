#pragma once
// Error: the one error value of Pitwall (style.md §3 "Errors").
//
// An Error carries a stable code (written by name in JSON), a message saying what was found and
// what was expected, and where it happened (file, line, column or field). Faces print it as
//   orders.csv:1043: 实付金额 (paid_amount): expected an amount like 12.34, found "12,3x"
// Errors are values; exceptions are reserved for bugs (see check.hpp).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pitwall::core {

enum class ErrorCode : uint8_t {
  kInvalidInput,     // a value, row or file the user gave is malformed
  kNotFound,         // a named thing (campaign, user, order, file) does not exist
  kAlreadyExists,    // creating something that exists (re-import of the same bytes, duplicate id)
  kForbidden,        // the person's role or scope does not allow the action
  kStateForbids,     // the campaign's lifecycle state does not allow the write
  kConflict,         // a precondition on stored state does not hold (stale, missing sign-off), or
                     // another person's write came first
  kUnavailable,      // the workspace is busy or cannot be reached now; trying again may succeed
  kIo,               // the operating system refused (open, write, rename)
  kCorrupt,          // stored data failed its own checks (digest mismatch, bad file)
  kUsage,            // wrong command-line usage
  kUnauthenticated,  // no valid login, session or token (the server's 401)
  kRateLimited,      // too many attempts (failed logins); trying again later may succeed
  kInternal,         // a bug surfaced as a value
};

// Stable name of a code as written in JSON ("invalid_input", ...).
std::string_view error_code_name(ErrorCode code);

// Location of an error. Empty parts are not printed.
struct Where {
  std::string file;
  int64_t line = 0;       // 1-based; 0 = none
  std::string column;     // column as the file writes it, or a TOML key, or a field name
  std::string canonical;  // canonical column name, when it differs from `column`
};

// An argument of a keyed message (Error::key): text shown as it is, or (`is_key`) a catalogue key
// that is worded in turn, such as a lifecycle state ("lifecycle.state.frozen").
struct MessageArg {
  std::string text;
  bool is_key = false;
};

// A catalogue key as an argument.
inline MessageArg key_arg(std::string key) { return MessageArg{std::move(key), true}; }

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  Where where;
  // The message as a key of the message catalogue (app/i18n) and its arguments, for the faces
  // to word in the reader's language; `message` is then the English wording, shown where no one
  // words it (logs, tests). An empty key: `message` is already worded for its reader.
  std::string key;
  std::vector<MessageArg> args;

  // "file:line: column (canonical): message"; parts that are empty are left out.
  std::string to_string() const;

  // Builders that keep the call sites short.
  Error& at_file(std::string file);
  Error& at_line(int64_t line);
  Error& at_column(std::string column, std::string canonical = {});
};

// An error whose message is the catalogue key `key` with `args`; `english` is its English
// wording (the catalogue's en text, formatted).
Error keyed_error(ErrorCode code, std::string key, std::vector<MessageArg> args,
                  std::string english);

Error make_error(ErrorCode code, std::string message);
inline Error invalid_input(std::string message) {
  return make_error(ErrorCode::kInvalidInput, std::move(message));
}
inline Error not_found(std::string message) {
  return make_error(ErrorCode::kNotFound, std::move(message));
}

}  // namespace pitwall::core
