// The "supervise" command group (see commands.hpp, supervise_cmd.hpp; docs/supervision.md).
#include "cli/supervise_cmd.hpp"

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"

namespace pitwall::cli {

void add_supervise_commands(CLI::App& app, Context& ctx) {
  auto* supervise =
      app.add_subcommand("supervise", "execution supervision while a campaign runs / 活动执行督导");
  supervise->require_subcommand(1);
  add_supervise_board_commands(*supervise, ctx);
  add_supervise_problem_commands(*supervise, ctx);
  add_supervise_review_commands(*supervise, ctx);
  add_supervise_practice_commands(*supervise, ctx);
}

}  // namespace pitwall::cli
