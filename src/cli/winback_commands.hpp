#pragma once
// The "winback" command group (docs/winback.md): each command parses its arguments, builds the
// session and one request, calls one use case of app/winback and renders its result — words
// from the catalogue (winback_print.hpp), files through io (winback_output.hpp), or the result's
// JSON (app/winback/winback_json.hpp). The rules, checks and writes are the use cases'.

#include <memory>
#include <string_view>

#include "app/session.hpp"
#include "app/workspace_handle.hpp"
#include "core/base/result.hpp"

namespace CLI {
class App;
}

namespace pitwall::cli {
struct Context;
}

namespace pitwall::cli::winback {

// The workspace a command opened and the session its use case runs in: the user named by --as,
// else by PITWALL_AS, else the local operator (reads everything, writes nothing).
struct Opened {
  std::unique_ptr<store::Workspace> ws;
  app::Session session;
};
core::Result<Opened> open_session(const Context& ctx, std::string_view as);

// offer create|approve|reject|release|outcome|list|show (winback_offer_cmd.cpp).
void add_offer_commands(CLI::App& winback, Context& ctx);
// budget, override, report monthly|audit|cohorts|experiments, log (winback_report_cmd.cpp).
void add_budget_and_report_commands(CLI::App& winback, Context& ctx);

}  // namespace pitwall::cli::winback
