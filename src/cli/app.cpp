#include "cli/app.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "app/i18n/worded.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/usage.hpp"
#include "core/base/check.hpp"

namespace pitwall::cli {

CLI::App& campaign_command(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == "campaign") return *sub;
  }
  auto* cmd = app.add_subcommand("campaign", "campaign files, lifecycle, seal / 活动");
  cmd->require_subcommand(1);
  return *cmd;
}

namespace {

std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

int run(int argc, char** argv) {
  Context ctx;
  CLI::App app{"Pitwall — operations desk for an after-sales service network / 售后活动运营台"};
  // The language is known before the arguments are parsed, so that --help and usage errors are
  // worded in it.
  ctx.lang = language_of_arguments(argc, argv);
  use_help_in(app, ctx.lang);
  app.require_subcommand(1);
  // -w, --lang and --now are accepted after the command too ("closeout export ... --lang zh"):
  // subcommands created below inherit fallthrough to these options.
  app.fallthrough();
  app.set_help_all_flag("--help-all", "all commands and options");
  std::string workspace = env_or("PITWALL_WORKSPACE", ".");
  std::string database = env_or("PITWALL_DATABASE", "");
  std::string lang = env_or("PITWALL_LANG", env_or("LANG", ""));
  std::string now = env_or("PITWALL_NOW", "");
  auto* workspace_option =
      app.add_option("-w,--workspace", workspace,
                     "workspace folder, or a postgresql:// URL (env PITWALL_WORKSPACE)");
  auto* database_option =
      app.add_option("--database", database,
                     "the workspace is this PostgreSQL database: postgresql://user@host/db (env "
                     "PITWALL_DATABASE)");
  auto* lang_option = app.add_option(
      "--lang", lang,
      "language of messages: zh | en (default: from PITWALL_LANG or LANG; Chinese unless English)");
  app.add_option("--now", now, "the clock, ISO 8601 with offset (env PITWALL_NOW)");
  app.parse_complete_callback([&] {
    // An explicit -w wins over PITWALL_DATABASE; --database over everything.
    bool named_folder = workspace_option->count() > 0 && database_option->count() == 0;
    ctx.database = named_folder ? "" : database;
    ctx.workspace_dir = ctx.database.empty() ? workspace : ctx.database;
    // A language asked for by name must be one Pitwall speaks; LANG (the system's) may be any.
    bool asked = lang_option->count() > 0 || !env_or("PITWALL_LANG", "").empty();
    if (asked && !is_known_language(lang)) {
      throw CLI::ValidationError("--lang", tr(ctx.lang, "cli.bad_lang", lang));
    }
    ctx.lang = parse_lang(lang);
    if (!now.empty()) {
      auto parsed = parse_now(now);
      if (!parsed)
        throw CLI::ValidationError("--now", app::error_message(ctx.lang, parsed.error()));
      ctx.now_override = *parsed;
    }
  });

  add_workspace_commands(app, ctx);
  add_import_commands(app, ctx);
  add_closeout_commands(app, ctx);
  add_workflow_commands(app, ctx);
  add_winback_commands(app, ctx);
  add_supervise_commands(app, ctx);
  add_demo_commands(app, ctx);
  add_serve_commands(app, ctx);
  add_push_commands(app, ctx);
  name_help_groups(app, ctx.lang);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::string text = usage_message(app, e, argc, argv, ctx.lang);
    std::fputs(text.c_str(), stderr);
    return 2;
  }
  return ctx.exit_code;
}

}  // namespace

int run_main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const core::InternalError& e) {
    std::fprintf(stderr, "pitwall: internal error (a bug; please report it): %s\n", e.what());
    return 70;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pitwall: internal error (a bug; please report it): %s\n", e.what());
    return 70;
  }
}

}  // namespace pitwall::cli
