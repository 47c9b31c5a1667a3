// The workspace command group: init, imports, campaign add/list, definition add/list,
// user add/list (see commands.hpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "app/workspace/workspace.hpp"
#include "app/workspace/workspace_json.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "io/toml/campaign_file.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::cli {

namespace {

namespace ops = app::workspace;

// The session of a workspace command (its --as, PITWALL_AS, else the local operator).
struct Opened {
  std::unique_ptr<store::Workspace> ws;
  app::Session session;
};
core::Result<Opened> open(Context& ctx, const std::string& as) {
  Opened o;
  o.ws = TRY(ctx.open_workspace());
  o.session = TRY(ctx.session(*o.ws, as));
  return o;
}

core::Status list_imports(Context& ctx, bool json, const std::string& as) {
  Opened o = TRY(open(ctx, as));
  auto batches = TRY(ops::list_imports(o.session));
  if (json) {
    print_json(ops::imports_json(o.session, batches));
    return {};
  }
  if (batches.empty()) {
    fmt::print("{}\n", tr(ctx.lang, "import.none_yet"));
    return {};
  }
  fmt::print("{}\n", tr(ctx.lang, "import.list_header"));
  for (const auto& b : batches) {
    fmt::print("{:>4}  {:<16} {:<22} {:<28} {:>9} {:>9} {:>8}  {}  {}\n", b.id, b.kind,
               b.campaign.empty() ? "-" : b.campaign, b.file, b.rows_read, b.loaded, b.rejected,
               core::format_utc_iso(b.imported_at), b.sha256.substr(0, 12));
  }
  return {};
}

core::Status list_campaigns(Context& ctx, bool json, const std::string& as) {
  Opened o = TRY(open(ctx, as));
  auto records = TRY(ops::list_campaigns(o.session));
  io::Json arr = io::Json::array();
  for (const auto& r : records) {
    auto c = TRY(io::parse_campaign_file(r.toml, r.file));
    io::Json j = ops::campaign_json(c, r);
    if (!json) {
      fmt::print("{}  {}  {} → {} ({})\n", c.id, c.name, j.get_string("start"), j.get_string("end"),
                 c.timezone);
    }
    arr.push(std::move(j));
  }
  if (json) print_json(arr);
  if (!json && records.empty()) fmt::print("{}\n", tr(ctx.lang, "core.no_campaigns"));
  return {};
}

core::Status list_definitions(Context& ctx, bool json, const std::string& as) {
  Opened o = TRY(open(ctx, as));
  auto records = TRY(ops::list_definitions(o.session));
  io::Json arr = io::Json::array();
  for (const auto& r : records) {
    auto d = TRY(io::parse_definition_file(r.toml, r.file));
    if (!json) fmt::print("{:<20} {}  {}\n", d.tag(), d.title, r.normalised);
    arr.push(ops::definition_json(d, r));
  }
  if (json) print_json(arr);
  if (!json && records.empty()) fmt::print("{}\n", tr(ctx.lang, "core.no_definitions"));
  return {};
}

core::Status list_users(Context& ctx, bool json, const std::string& as) {
  Opened o = TRY(open(ctx, as));
  auto users = TRY(ops::list_users(o.session));
  if (json) {
    print_json(ops::users_json(users));
    return {};
  }
  for (const auto& u : users) {
    fmt::print("{:<16} {:<10} {}\n", u.name, u.role, u.scope.empty() ? "-" : u.scope);
  }
  return {};
}

void add_campaign_commands(CLI::App& app, Context& ctx) {
  CLI::App& campaign = campaign_command(app);
  auto* add = campaign.add_subcommand("add", "add or update a campaign file / 添加活动");
  auto path = std::make_shared<std::string>();
  auto as = std::make_shared<std::string>();
  add->add_option("FILE", *path, "campaign file (TOML)")->required();
  add->add_option("--as", *as, "who adds it (a registered HQ user; or PITWALL_AS)");
  add->callback([&ctx, path, as] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      Opened o = TRY(open(ctx, *as));
      auto added = TRY(ops::add_campaign(o.session, *path));
      for (const auto& w : added.warnings) fmt::print(stderr, "{}\n", w);
      fmt::print("{}\n", tr(ctx.lang, "core.campaign_added", added.record.id, added.record.name));
      return {};
    }());
  });
  auto* list = campaign.add_subcommand("list", "list campaigns / 活动列表");
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "JSON output");
  list->add_option("--as", *as, "read as this registered user");
  list->callback(
      [&ctx, json, as] { ctx.exit_code = finish(ctx, list_campaigns(ctx, *json, *as)); });
}

void add_definition_commands(CLI::App& app, Context& ctx) {
  auto* definition = app.add_subcommand("definition", "metric definitions / 统计口径");
  definition->require_subcommand(1);
  auto* add = definition->add_subcommand("add", "add a definition file / 添加口径");
  auto path = std::make_shared<std::string>();
  auto as = std::make_shared<std::string>();
  add->add_option("FILE", *path, "definition file (TOML)")->required();
  add->add_option("--as", *as, "who adds it (a registered HQ user; or PITWALL_AS)");
  add->callback([&ctx, path, as] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      Opened o = TRY(open(ctx, *as));
      auto record = TRY(ops::add_definition_file(o.session, *path));
      fmt::print("{}\n", tr(ctx.lang, "core.definition_added", record.name, record.version,
                            record.normalised));
      return {};
    }());
  });
  auto* list = definition->add_subcommand("list", "list definitions / 口径列表");
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "JSON output");
  list->add_option("--as", *as, "read as this registered user");
  list->callback(
      [&ctx, json, as] { ctx.exit_code = finish(ctx, list_definitions(ctx, *json, *as)); });
}

void add_user_commands(CLI::App& app, Context& ctx) {
  auto* user = app.add_subcommand("user", "people and roles / 人员与角色");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "register a person / 登记人员");
  auto u = std::make_shared<app::User>();
  add->add_option("NAME", u->name, "the person's name")->required();
  add->add_option("--role", u->role, "hq|region|store|finance|arbiter|director|service")
      ->required();
  add->add_option("--scope", u->scope, "region name (role region) or store code (role store)");
  auto as = std::make_shared<std::string>();
  add->add_option("--as", *as,
                  "who registers (an HQ user; or PITWALL_AS); the first user of a workspace is an "
                  "HQ user anyone may add");
  add->callback([&ctx, u, as] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      Opened o = TRY(open(ctx, *as));
      TRY(ops::add_user(o.session, *u));
      fmt::print("{}\n", tr(ctx.lang, "core.user_added", u->name, u->role,
                            u->scope.empty() ? "-" : u->scope));
      return {};
    }());
  });
  auto* list = user->add_subcommand("list", "list people / 人员列表");
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "JSON output");
  list->add_option("--as", *as, "read as this registered user");
  list->callback([&ctx, json, as] { ctx.exit_code = finish(ctx, list_users(ctx, *json, *as)); });
}

}  // namespace

void add_workspace_commands(CLI::App& app, Context& ctx) {
  auto* init = app.add_subcommand("init", "create a workspace / 创建工作区");
  auto dir = std::make_shared<std::string>();
  init->add_option("DIR", *dir,
                   "folder of the new workspace, or a postgresql:// URL (an existing, empty "
                   "database; default: --database)");
  init->callback([&ctx, dir] {
    if (dir->empty()) *dir = ctx.database;
    if (dir->empty()) {
      ctx.exit_code = finish(
          ctx, core::make_error(core::ErrorCode::kUsage, tr(ctx.lang, "core.init_needs_location")));
      return;
    }
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      TRY(ops::init_workspace_at(*dir, ctx.now()));
      fmt::print("{}\n", tr(ctx.lang, "core.workspace_created", *dir));
      return {};
    }());
  });

  auto* workspace = app.add_subcommand("workspace", "the workspace as a whole / 工作区");
  workspace->require_subcommand(1);
  auto* copy = workspace->add_subcommand(
      "copy", "copy a workspace (folder or postgresql:// URL) into a new one / 复制工作区");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto copy_json = std::make_shared<bool>(false);
  copy->add_option("FROM", *from, "the workspace to copy: a folder or a postgresql:// URL")
      ->required();
  copy->add_option("TO", *to, "the new workspace: a folder or an empty database's URL")->required();
  copy->add_flag("--json", *copy_json, "JSON output");
  copy->callback([&ctx, from, to, copy_json] {
    ctx.exit_code = finish(ctx, [&]() -> core::Status {
      auto c = TRY(ops::copy_workspace(*from, *to, ctx.now()));
      if (*copy_json) {
        print_json(io::Json::object()
                       .set("users", c.users)
                       .set("campaigns", c.campaigns)
                       .set("definitions", c.definitions)
                       .set("batches", c.batches)
                       .set("records", c.records)
                       .set("log_entries", c.log_entries)
                       .set("blobs", c.blobs)
                       .set("sealed", c.sealed));
      } else {
        fmt::print("{}\n",
                   tr(ctx.lang, "core.workspace_copied", *from, *to, c.users, c.campaigns,
                      c.definitions, c.batches, c.records, c.log_entries, c.blobs, c.sealed));
      }
      return {};
    }());
  });

  auto* imports = app.add_subcommand("imports", "list import batches / 导入批次");
  auto json = std::make_shared<bool>(false);
  auto as = std::make_shared<std::string>();
  imports->add_flag("--json", *json, "JSON output");
  imports->add_option("--as", *as, "read as this registered user");
  imports->callback(
      [&ctx, json, as] { ctx.exit_code = finish(ctx, list_imports(ctx, *json, *as)); });

  add_campaign_commands(app, ctx);
  add_definition_commands(app, ctx);
  add_user_commands(app, ctx);
}

}  // namespace pitwall::cli
