#include "app/workspace/workspace.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/permission.hpp"
#include "app/workflow/records.hpp"
#include "core/base/nearest.hpp"
#include "io/toml/campaign_file.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::app::workspace {

namespace {
std::string base_name(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

core::Result<std::string> read_input(const Session& s, const std::string& path) {
  auto text = store::read_file(path);
  if (!text) {
    auto e = core::make_error(core::ErrorCode::kNotFound, s.tr("core.cannot_read"));
    e.at_file(path);
    return e;
  }
  return text;
}

// The line of `key = ...` in a TOML text (0 when the key is not written: a default).
int64_t line_of_key(std::string_view text, std::string_view key) {
  int64_t line = 1;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string_view row = text.substr(start, end == std::string_view::npos ? end : end - start);
    size_t first = row.find_first_not_of(" \t");
    if (first != std::string_view::npos && row.substr(first).starts_with(key)) {
      std::string_view rest = row.substr(first + key.size());
      size_t next = rest.find_first_not_of(" \t");
      if (next != std::string_view::npos && rest[next] == '=') return line;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
    ++line;
  }
  return 0;
}

// A name the campaign file refers to (its settlement definition, its arbiter) that the workspace
// does not hold: refused when it looks like a typo of one it holds, else a warning (it may be
// added later: campaign files often come before their definitions and people).
core::Status check_reference(const Session& s, const std::string& file, std::string_view text,
                             std::string_view key, const std::string& name,
                             const std::vector<std::string>& known,
                             std::vector<std::string>& warnings) {
  // An empty workspace is being set up: its definitions and people come next.
  if (name.empty() || known.empty()) return {};
  if (std::find(known.begin(), known.end(), name) != known.end()) return {};
  std::string list = fmt::format("{}", fmt::join(known, ", "));
  std::string near = core::nearest_word(name, known);
  int64_t line = line_of_key(text, key);
  if (!near.empty()) {
    auto e = core::invalid_input(s.tr("core.reference_typo", name, near, list));
    e.at_file(file).at_line(line).at_column(std::string(key));
    return e;
  }
  std::string where = line > 0 ? fmt::format("{}:{}: {}", file, line, key) : std::string(key);
  warnings.push_back(s.tr(fmt::format("core.reference_missing.{}", key), where, name, list));
  return {};
}

}  // namespace

core::Status init_workspace_at(const std::string& dir, int64_t now) {
  return store::init_workspace(dir, now);
}

core::Result<AddedCampaign> add_campaign(const Session& s, const std::string& path) {
  TRY(authorize(s, Permission::kCampaignWrite));
  std::string text = TRY(read_input(s, path));
  std::string file = base_name(path);
  core::Campaign campaign = TRY(io::parse_campaign_file(text, file));
  AddedCampaign out;
  std::vector<std::string> definitions;
  for (const auto& d : TRY(s.workspace().list_definitions())) definitions.push_back(d.name);
  TRY(check_reference(s, file, text, "settlement_definition", campaign.settlement_definition,
                      definitions, out.warnings));
  std::vector<std::string> users;
  for (const auto& u : TRY(s.workspace().list_users())) users.push_back(u.name);
  TRY(check_reference(s, file, text, "arbiter", campaign.arbiter, users, out.warnings));
  out.record =
      store::CampaignRecord{campaign.id, campaign.name, file, text, s.now, s.principal.name};
  TRY(s.workspace().transaction([&]() -> core::Status {
    // A frozen or sealed campaign's rules are read-only (closeout.md lifecycle).
    TRY(workflow::check_lifecycle(s, campaign.id, core::CampaignWrite::kEditRules));
    return s.workspace().put_campaign(out.record);
  }));
  return out;
}

core::Result<store::CampaignRecord> add_campaign_file(const Session& s, const std::string& path) {
  return TRY(add_campaign(s, path)).record;
}

core::Result<store::DefinitionRecord> add_definition_file(const Session& s,
                                                          const std::string& path) {
  TRY(authorize(s, Permission::kDefinitionWrite));
  std::string text = TRY(read_input(s, path));
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
