// The workspace's routes (cli/workspace_cmd.cpp): campaigns, definitions, users, import batches.
// Campaign, definition and programme files come as the request's body (TOML text).
#include "app/workspace/workspace.hpp"

#include "app/campaign.hpp"
#include "app/workspace/workspace_json.hpp"
#include "app/workspace_handle.hpp"
#include "io/toml/campaign_file.hpp"
#include "server/routes/common.hpp"
#include "server/routes/routes.hpp"
#include "server/services.hpp"

namespace pitwall::server {

namespace {

namespace ops = app::workspace;

core::Result<io::Json> campaign_doc(const store::CampaignRecord& r) {
  auto c = TRY(io::parse_campaign_file(r.toml, r.file));
  return ops::campaign_json(c, r);
}

// GET /api/v1/campaigns: `pitwall campaign list --json`.
core::Result<Output> list_campaigns(const Request&, const Call& c) {
  io::Json out = io::Json::array();
  for (const auto& r : TRY(ops::list_campaigns(c.session))) out.push(TRY(campaign_doc(r)));
  return json(std::move(out));
}

// GET /api/v1/campaigns/{campaign}: one element of the list.
core::Result<Output> get_campaign(const Request&, const Call& c) {
  const std::string& id = c.param("campaign");
  TRY(app::load_campaign(c.session, id));  // not found, with the words of the command line
  for (const auto& r : TRY(ops::list_campaigns(c.session))) {
    if (r.id == id) return json(TRY(campaign_doc(r)));
  }
  return core::not_found(id);
}

// POST /api/v1/campaigns (TOML body; ?file=NAME for the record): `pitwall campaign add`.
core::Result<Output> add_campaign(const Request& r, const Call& c) {
  auto scratch = TRY(ScratchDir::create(c));
  std::string path = TRY(scratch.write(file_param(r, "campaign.toml"), r.body));
  auto record = TRY(ops::add_campaign_file(c.session, path));
  return json(TRY(campaign_doc(record)), 201);
}

// GET /api/v1/definitions: `pitwall definition list --json`.
core::Result<Output> list_definitions(const Request&, const Call& c) {
  io::Json out = io::Json::array();
  for (const auto& r : TRY(ops::list_definitions(c.session))) {
    auto d = TRY(io::parse_definition_file(r.toml, r.file));
    out.push(ops::definition_json(d, r));
  }
  return json(std::move(out));
}

// POST /api/v1/definitions (TOML body; ?file=NAME): `pitwall definition add`.
core::Result<Output> add_definition(const Request& r, const Call& c) {
  auto scratch = TRY(ScratchDir::create(c));
  std::string path = TRY(scratch.write(file_param(r, "definition.toml"), r.body));
  auto record = TRY(ops::add_definition_file(c.session, path));
  auto d = TRY(io::parse_definition_file(record.toml, record.file));
  return json(ops::definition_json(d, record), 201);
}

// GET /api/v1/users: `pitwall user list --json`.
core::Result<Output> list_users(const Request&, const Call& c) {
  return json(ops::users_json(TRY(ops::list_users(c.session))));
}

// POST /api/v1/users {name, role, scope}: `pitwall user add`.
core::Result<Output> add_user(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  app::User u;
  u.name = TRY(body.string("name"));
  u.role = TRY(body.string("role"));
  u.scope = TRY(body.string_or("scope", ""));
  TRY(body.finish());
  u.added_at = c.session.now;
  TRY(ops::add_user(c.session, u));
  for (const auto& user : TRY(ops::list_users(c.session))) {
    if (user.name == u.name) return json(ops::users_json({user}).items().front(), 201);
  }
  return json(ops::users_json({u}).items().front(), 201);
}

// GET /api/v1/imports: `pitwall imports --json`.
core::Result<Output> list_imports(const Request&, const Call& c) {
  return json(ops::imports_json(c.session, TRY(ops::list_imports(c.session))));
}

// GET /api/v1/imports/{id}/report: every row error of a batch (text).
core::Result<Output> import_report(const Request&, const Call& c) {
  const std::string& id = c.param("id");
  for (const auto& b : TRY(ops::list_imports(c.session))) {
    if (std::to_string(b.id) != id) continue;
    std::string text;
    if (!b.report_path.empty()) {
      text = TRY(read_whole_file(c.session.workspace().dir() + "/" + b.report_path));
    }
    return server::text(std::move(text), "text/plain; charset=utf-8");
  }
  auto e = core::not_found(c.session.tr("server.unknown_batch", id));
  e.at_column("id");
  return e;
}

}  // namespace

void add_workspace_routes(std::vector<Route>& routes) {
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/campaigns",
                    .handler = list_campaigns,
                    .cacheable = true,
                    .clock = true,
                    .list = "."});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/campaigns",
                    .handler = add_campaign,
                    .body = Body::kText});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/campaigns/{campaign}",
                    .handler = get_campaign,
                    .cacheable = true,
                    .clock = true});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/definitions",
                    .handler = list_definitions,
                    .cacheable = true,
                    .list = "."});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/definitions",
                    .handler = add_definition,
                    .body = Body::kText});
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/users", .handler = list_users, .list = "."});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/users",
                    .handler = add_user,
                    .body = Body::kJson});
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/imports", .handler = list_imports, .list = "."});
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/imports/{id}/report", .handler = import_report});
}

}  // namespace pitwall::server
