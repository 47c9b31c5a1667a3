#pragma once
// Command groups of the pitwall CLI, one .cpp each. Each adds its subcommands to `app`; callbacks
// set ctx.exit_code. The "campaign" subcommand is shared: the first group to need it creates it
// (`campaign_command(app)` returns the existing one otherwise).

namespace CLI {
class App;
}

namespace pitwall::cli {

struct Context;

CLI::App& campaign_command(CLI::App& app);

void add_workspace_commands(CLI::App& app,
                            Context& ctx);  // init, imports, campaign add/list, definition, user
void add_import_commands(CLI::App& app, Context& ctx);    // import KIND FILE
void add_closeout_commands(CLI::App& app, Context& ctx);  // closeout run/summary/bridge/...
void add_workflow_commands(CLI::App& app,
                           Context& ctx);  // campaign status/freeze/seal, confirm, arbitrate
void add_winback_commands(CLI::App& app, Context& ctx);    // winback ...
void add_supervise_commands(CLI::App& app, Context& ctx);  // supervise ...
void add_demo_commands(CLI::App& app, Context& ctx);       // demo DIR
void add_serve_commands(CLI::App& app, Context& ctx);      // serve, user passwd
void add_push_commands(CLI::App& app, Context& ctx);       // push target/deliveries/run

}  // namespace pitwall::cli
