#include "cli/workspace_ops.hpp"

#include <fmt/format.h>

#include "cli/workflow_state.hpp"
#include "io/toml/campaign_file.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::cli {

namespace {
std::string base_name(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

core::Result<std::string> read_input(const std::string& path) {
  auto text = store::read_file(path);
  if (!text) {
    auto e = core::make_error(core::ErrorCode::kNotFound,
                              fmt::format("cannot read the file ({})", text.error().message));
    e.at_file(path);
    return e;
  }
  return text;
}

const std::vector<std::string>& known_roles() {
  static const std::vector<std::string> roles = {"hq",      "region",   "store",  "finance",
                                                 "arbiter", "director", "service"};
  return roles;
}
}  // namespace

core::Status init_workspace_at(const Context& ctx, const std::string& dir) {
  return store::init_workspace(dir, ctx.now());
}

core::Result<store::CampaignRecord> add_campaign_file(const Context& ctx, store::Workspace& ws,
                                                      const std::string& path) {
  std::string text = TRY(read_input(path));
  std::string file = base_name(path);
  core::Campaign campaign = TRY(io::parse_campaign_file(text, file));
  // A frozen or sealed campaign's rules are read-only (closeout.md lifecycle).
  TRY(check_lifecycle(ctx, ws, campaign.id, core::CampaignWrite::kEditRules));
  store::CampaignRecord record{campaign.id, campaign.name, file, text, ctx.now(), ctx.os_user()};
  TRY(ws.put_campaign(record));
  return record;
}

core::Result<store::DefinitionRecord> add_definition_file(const Context& ctx, store::Workspace& ws,
                                                          const std::string& path) {
  std::string text = TRY(read_input(path));
  std::string file = base_name(path);
  core::MetricDefinition def = TRY(io::parse_definition_file(text, file));
  store::DefinitionRecord record{def.name, def.version(), def.normalised_json(), text,
                                 file,     ctx.now(),     ctx.os_user()};
  TRY(ws.put_definition(record));
  return record;
}

core::Status add_user(const Context& ctx, store::Workspace& ws, const store::User& user) {
  bool known = false;
  for (const auto& r : known_roles()) known = known || r == user.role;
  if (!known) {
    auto e = core::invalid_input(
        tr(ctx.lang, "core.bad_role", user.role, fmt::format("{}", fmt::join(known_roles(), "|"))));
    e.at_column("--role");
    return e;
  }
  bool scoped = user.role == "region" || user.role == "store";
  if (scoped && user.scope.empty()) {
    auto e = core::invalid_input(tr(ctx.lang, "core.scope_required", user.role));
    e.at_column("--scope");
    return e;
  }
  if (user.name.empty()) return core::invalid_input(tr(ctx.lang, "core.name_required"));
  store::User u = user;
  u.added_at = ctx.now();
  return ws.add_user(u);
}

}  // namespace pitwall::cli
