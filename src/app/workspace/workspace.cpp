#include "app/workspace/workspace.hpp"

#include <fmt/format.h>

#include "app/permission.hpp"
#include "app/workflow/records.hpp"
#include "io/toml/campaign_file.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::app::workspace {

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

}  // namespace

core::Status init_workspace_at(const std::string& dir, int64_t now) {
  return store::init_workspace(dir, now);
}

core::Result<store::CampaignRecord> add_campaign_file(const Session& s, const std::string& path) {
  TRY(authorize(s, Permission::kCampaignWrite));
  std::string text = TRY(read_input(path));
  std::string file = base_name(path);
  core::Campaign campaign = TRY(io::parse_campaign_file(text, file));
  store::CampaignRecord record{campaign.id, campaign.name, file, text, s.now, s.principal.name};
  TRY(s.workspace().transaction([&]() -> core::Status {
    // A frozen or sealed campaign's rules are read-only (closeout.md lifecycle).
    TRY(workflow::check_lifecycle(s, campaign.id, core::CampaignWrite::kEditRules));
    return s.workspace().put_campaign(record);
  }));
  return record;
}

core::Result<store::DefinitionRecord> add_definition_file(const Session& s,
                                                          const std::string& path) {
  TRY(authorize(s, Permission::kDefinitionWrite));
  std::string text = TRY(read_input(path));
  std::string file = base_name(path);
  core::MetricDefinition def = TRY(io::parse_definition_file(text, file));
  store::DefinitionRecord record{def.name, def.version(), def.normalised_json(), text,
                                 file,     s.now,         s.principal.name};
  TRY(s.workspace().transaction([&] { return s.workspace().put_definition(record); }));
  return record;
}

core::Status add_user(const Session& s, const store::User& user) {
  auto role = core::parse_role(user.role);
  if (!role) {
    std::vector<std::string_view> known;
    for (core::Role r : core::kAllRoles) known.push_back(core::role_token(r));
    auto e = core::invalid_input(
        s.tr("core.bad_role", user.role, fmt::format("{}", fmt::join(known, "|"))));
    e.at_column("--role");
    return e;
  }
  bool scoped = *role == core::Role::kRegion || *role == core::Role::kStore;
  if (scoped && user.scope.empty()) {
    auto e = core::invalid_input(s.tr("core.scope_required", user.role));
    e.at_column("--scope");
    return e;
  }
  if (!scoped && *role != core::Role::kService && !user.scope.empty()) {
    auto e = core::invalid_input(s.tr("core.scope_not_taken", user.role));
    e.at_column("--scope");
    return e;
  }
  if (user.name.empty()) return core::invalid_input(s.tr("core.name_required"));
  store::User u = user;
  u.added_at = s.now;
  return s.workspace().transaction([&]() -> core::Status {
    // The bootstrap: the first user of a workspace is an HQ user anyone on the machine adds.
    bool first = TRY(s.workspace().list_users()).empty();
    if (!first) {
      TRY(authorize(s, Permission::kUserWrite));
    } else if (*role != core::Role::kHq) {
      auto e = core::make_error(core::ErrorCode::kStateForbids, s.tr("core.first_user_hq"));
      e.at_column("--role");
      return e;
    }
    return s.workspace().add_user(u);
  });
}

core::Result<std::vector<store::User>> list_users(const Session& s) {
  TRY(authorize(s, Permission::kUserRead));
  return s.workspace().list_users();
}

core::Result<std::vector<store::BatchInfo>> list_imports(const Session& s) {
  TRY(authorize(s, Permission::kImportRead));
  return s.workspace().list_batches();
}

core::Result<std::vector<store::CampaignRecord>> list_campaigns(const Session& s) {
  TRY(authorize(s, Permission::kWorkspaceRead));
  return s.workspace().list_campaigns();
}

core::Result<std::vector<store::DefinitionRecord>> list_definitions(const Session& s) {
  TRY(authorize(s, Permission::kWorkspaceRead));
  return s.workspace().list_definitions();
}

}  // namespace pitwall::app::workspace
