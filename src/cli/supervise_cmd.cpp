// The "supervise" command group (see commands.hpp).
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/context.hpp"

namespace pitwall::cli {

void add_supervise_commands(CLI::App&, Context&) {}

}  // namespace pitwall::cli
