#pragma once
// Context: what every command receives — where the workspace is, the language, the clock, and
// how to print results and errors. Command groups (one .cpp each) register their subcommands
// with `add_<group>_commands(CLI::App&, Context&)` and set `exit_code` from their callback
// through `finish`.
//
// The clock: nothing in Pitwall reads the system clock except Context::now(), which honours
// --now / PITWALL_NOW (ISO 8601 with offset, e.g. 2024-06-11T10:00:00+08:00).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/session.hpp"
#include "app/workspace_handle.hpp"
#include "cli/i18n.hpp"
#include "core/base/result.hpp"
#include "io/json/json.hpp"

namespace pitwall::cli {

struct Context {
  std::string workspace_dir;            // -w / PITWALL_WORKSPACE / current folder, or a URL
  std::string database;                 // --database / PITWALL_DATABASE: a postgresql:// URL
  Lang lang = Lang::kZh;                // --lang / LANG
  std::optional<int64_t> now_override;  // --now / PITWALL_NOW, UTC seconds
  int exit_code = 0;

  // The clock (UTC seconds).
  int64_t now() const;
  core::Result<std::unique_ptr<store::Workspace>> open_workspace() const;
  // The session a command's use case runs in: the registered user named by `as` (the command's
  // --as), else by PITWALL_AS, else the local operator (reads everything, writes nothing).
  // Errors: kNotFound for an unknown name.
  core::Result<app::Session> session(store::Workspace& ws, std::string_view as) const;
};

// Prints an error as "pitwall: <file:line: column: message>" on stderr in the context's
// language and returns its exit code (1 input, 2 usage, 70 internal).
int report_error(const Context& ctx, const core::Error& error);
// Prints the JSON document (pretty) on stdout.
void print_json(const io::Json& doc);
// 0 for a value, report_error for an error.
int finish(const Context& ctx, const core::Status& status);

// Whether stdout / stderr is a terminal (progress bars, colours).
bool stderr_is_terminal();

// Parses a --now value (ISO 8601 with offset) to UTC seconds.
core::Result<int64_t> parse_now(std::string_view text);

}  // namespace pitwall::cli
