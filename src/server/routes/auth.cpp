// Identity routes (server.md §3): login, logout, who am I, passwords, API tokens, the audit trail.
// The rules are app/auth/identity.hpp's; these routes move cookies and JSON.
#include <fmt/format.h>

#include "app/auth/identity.hpp"
#include "app/permission.hpp"
#include "app/workspace_handle.hpp"
#include "io/report/closeout_json.hpp"
#include "io/tz/tz_database.hpp"
#include "server/dispatcher.hpp"
#include "server/routes/routes.hpp"
#include "server/services.hpp"
#include "server/status.hpp"

namespace pitwall::server {

namespace {

namespace auth = app::auth;

io::Json instant(int64_t utc) { return server_instant(utc); }

io::Json user_json(const core::Principal& p) {
  return io::Json::object()
      .set("name", p.name)
      .set("role", core::role_token(p.role))
      .set("scope", p.scope);
}

// The session cookie (style.md: HttpOnly, SameSite=Strict, Secure over TLS).
std::string cookie(const Request& r, const Call& c, std::string_view value, int64_t max_age) {
  std::string out = fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict",
                                Dispatcher::kCookie, value, max_age);
  if (client_tls(r, c.services.config.trust_proxy)) out += "; Secure";
  return out;
}

// POST /api/v1/login {name, password}: sets the session cookie; answers the person and the
// CSRF token their writes must carry.
core::Result<Output> login(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::string name = TRY(body.string("name"));
  std::string password = TRY(body.string("password"));
  TRY(body.finish());
  auth::LoginRequest request{name, password, client_address(r, c.services.config.trust_proxy)};
  int64_t retry_after = 0;
  app::Workspace& ws = c.session.workspace();
  auto credentials =
      auth::login(ws, request, c.session.now, c.session.lang, c.services.config.auth, &retry_after);
  auth::AuditEntry e{c.session.now, name, "",  request.address, r.method, r.path,
                     r.request_id,  200,  "ok"};
  if (credentials) e.role = std::string(core::role_token(credentials->principal.role));
  if (!credentials) {
    e.status = status_of(credentials.error().code);
    e.outcome = std::string(core::error_code_name(credentials.error().code));
  }
  (void)auth::record_audit(ws, e);
  if (!credentials) {
    if (credentials.error().code != core::ErrorCode::kRateLimited) return credentials.error();
    Output o;
    o.reply = problem(credentials.error(), c.session.lang, r.request_id);
    o.reply.set_header("retry-after", std::to_string(retry_after));
    return o;
  }
  const auth::Credentials& cr = *credentials;
  Output o = json(io::Json::object()
                      .set("user", user_json(cr.principal))
                      .set("csrf_token", cr.csrf_token)
                      .set("expires_at", instant(cr.expires_at))
                      .set("idle_expires_at", instant(cr.idle_expires_at)));
  o.reply.set_header("set-cookie",
                     cookie(r, c, cr.session_id, c.services.config.auth.absolute_seconds));
  return o;
}

// POST /api/v1/logout: ends the session (an API token stays valid: revoke it instead).
core::Result<Output> logout(const Request& r, const Call& c) {
  auto credential = credential_of(r);
  if (credential && !credential->token) {
    TRY(auth::logout(c.session.workspace(), credential->secret));
    c.services.sessions.forget(c.auth->session_key);
  }
  Output o = json(io::Json::object().set("signed_out", true));
  o.reply.set_header("set-cookie", cookie(r, c, "", 0));
  return o;
}

// GET /api/v1/me: who is signed in, what they may do, until when.
core::Result<Output> me(const Request&, const Call& c) {
  const core::Principal& p = c.session.principal;
  io::Json permissions = io::Json::array();
  for (int i = 0; i < app::kPermissionCount; ++i) {
    auto perm = static_cast<app::Permission>(i);
    if (app::role_has(p.role, perm)) permissions.push(app::permission_token(perm));
  }
  io::Json doc = user_json(p);
  doc.set("permissions", std::move(permissions));
  doc.set("via", c.auth->via_token ? "token" : "session");
  if (c.auth->via_token) {
    doc.set("token_id", c.auth->token_id);
  } else {
    doc.set("csrf_token", c.auth->csrf_token);
    doc.set("expires_at", instant(c.auth->expires_at));
    doc.set("idle_expires_at", instant(c.auth->idle_expires_at));
  }
  return json(std::move(doc));
}

// PUT /api/v1/me/password {current, password}: one's own password; every session ends.
core::Result<Output> own_password(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::string current = TRY(body.string("current"));
  std::string password = TRY(body.string("password"));
  TRY(body.finish());
  TRY(auth::set_password(c.session, {c.session.principal.name, password, current}));
  c.services.sessions.forget_user(c.session.principal.name);
  Output o =
      json(io::Json::object().set("user", c.session.principal.name).set("password_set", true));
  o.reply.set_header("set-cookie", cookie(r, c, "", 0));
  return o;
}

// PUT /api/v1/users/{name}/password {password}: HQ sets a person's password.
core::Result<Output> user_password(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::string password = TRY(body.string("password"));
  TRY(body.finish());
  const std::string& name = c.param("name");
  TRY(auth::set_password(c.session, {name, password, std::nullopt}));
  c.services.sessions.forget_user(name);
  return json(io::Json::object().set("user", name).set("password_set", true));
}

// GET /api/v1/tokens: one's own API tokens (HQ: everyone's), never their secrets.
core::Result<Output> list_tokens(const Request&, const Call& c) {
  io::Json out = io::Json::array();
  for (const auto& t : TRY(auth::list_tokens(c.session))) out.push(auth::token_json(t));
  return json(std::move(out));
}

// POST /api/v1/tokens {label}: a new token for the caller, shown this once.
core::Result<Output> create_token(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::string label = TRY(body.string_or("label", ""));
  TRY(body.finish());
  auto t = TRY(auth::create_token(c.session, label));
  io::Json doc = auth::token_json(t.info);
  doc.set("token", t.token);
  return json(std::move(doc), 201);
}

// DELETE /api/v1/tokens/{id}: revokes one's own token (HQ: anyone's).
core::Result<Output> revoke_token(const Request&, const Call& c) {
  auto t = TRY(auth::revoke_token(c.session, c.param("id")));
  c.services.sessions.clear();
  return json(auth::token_json(t));
}

// GET /api/v1/audit?after=SEQ&limit=N: the audit trail (HQ, finance, director).
core::Result<Output> audit(const Request& r, const Call& c) {
  int64_t after = TRY(query_int(c, r, "after", 0, INT64_MAX / 2)).value_or(0);
  int64_t limit = TRY(query_int(c, r, "limit", 1, 1000)).value_or(200);
  auto page = TRY(auth::read_audit(c.session, after, limit));
  io::Json items = io::Json::array();
  for (auto& [seq, entry] : page.entries) {
    io::Json item = io::Json::object().set("seq", seq);
    for (const auto& [k, v] : entry.members()) item.set(k, v);
    items.push(std::move(item));
  }
  io::Json next = page.next_after > 0 ? io::Json(page.next_after) : io::Json();
  return json(io::Json::object().set("items", std::move(items)).set("next_after", std::move(next)));
}

}  // namespace

void add_auth_routes(std::vector<Route>& routes) {
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/login",
                    .handler = login,
                    .access = Access::kPublic,
                    .body = Body::kJson,
                    .audit = Audit::kSelf});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/logout",
                    .handler = logout,
                    .audit = Audit::kAfter});
  routes.push_back({.method = Method::kGet, .pattern = "/api/v1/me", .handler = me});
  routes.push_back({.method = Method::kPut,
                    .pattern = "/api/v1/me/password",
                    .handler = own_password,
                    .body = Body::kJson,
                    .audit = Audit::kAfter});
  routes.push_back({.method = Method::kPut,
                    .pattern = "/api/v1/users/{name}/password",
                    .handler = user_password,
                    .body = Body::kJson,
                    .audit = Audit::kAfter});
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/tokens", .handler = list_tokens, .list = "."});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/tokens",
                    .handler = create_token,
                    .body = Body::kJson});
  routes.push_back(
      {.method = Method::kDelete, .pattern = "/api/v1/tokens/{id}", .handler = revoke_token});
  routes.push_back({.method = Method::kGet, .pattern = "/api/v1/audit", .handler = audit});
}

}  // namespace pitwall::server
