#pragma once
// Routes are plain functions (style.md "Routes are plain functions"): each takes the Request and
// a Call — the session the dispatcher built from the login it checked, the path's parameters and
// the server's services — calls one use case of app/ and returns its document. They run on a
// worker (never on an I/O thread), see no socket, and are tested without one. The route groups
// mirror the command line's (server/routes/<group>.cpp ↔ cli/<group>_cmd.cpp) and each lists its
// routes with add_<group>_routes; the table is what the server serves and what the OpenAPI test
// holds against docs/api/openapi.json.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/auth/identity.hpp"
#include "app/session.hpp"
#include "core/base/result.hpp"
#include "io/json/json.hpp"
#include "server/http.hpp"

namespace pitwall::server {

class Services;

enum class Method : uint8_t { kGet, kPost, kPut, kDelete };
std::string_view method_name(Method m);

// Who may call a route at all (the use case then checks the role and scope).
enum class Access : uint8_t {
  kPublic,    // no login (health, metrics, the contract, login itself)
  kSignedIn,  // a session cookie (+ CSRF token on writes) or an API token
};

// What the request's body is.
enum class Body : uint8_t {
  kNone,    // nothing (a body is ignored; past 64 KiB it is refused)
  kJson,    // a JSON object (1 MiB at most)
  kText,    // a text file's bytes (a TOML campaign, definition or programme; 1 MiB)
  kUpload,  // multipart/form-data or raw bytes, streamed to a file (2 GiB)
};

// How a write is audited (server.md §3: who, from where, when, what, outcome).
enum class Audit : uint8_t {
  kWithWrite,  // in the same transaction as the use case's writes: both or neither
  kAfter,      // afterwards (routes whose use case must not run inside an outer transaction)
  kSelf,       // by the route itself (login: it names the account tried)
};

struct Call;
// What a route answers: a JSON document (the dispatcher pages it and writes it exactly as the
// command line's --json does) or a reply of its own (a file, HTML, an event stream, 202).
struct Output {
  std::optional<io::Json> json;
  int status = 200;
  Reply reply;
};
using Handler = core::Result<Output> (*)(const Request&, const Call&);

struct Route {
  Method method = Method::kGet;
  std::string_view pattern;  // "/api/v1/campaigns/{campaign}/status"
  Handler handler = nullptr;
  Access access = Access::kSignedIn;
  Body body = Body::kNone;
  // A read whose document may be kept and served again to the same person until something it
  // may depend on changes (the read cache, cache.hpp).
  bool cacheable = false;
  // Its document depends on the clock as well (a day's end, an SLA clock, a campaign's phase):
  // kept for read_cache_clock_ms at most.
  bool clock = false;
  // A list that pages (limit, cursor): "" not a list, "." the document itself is the array,
  // else the field of the document that holds it.
  std::string_view list;
  Audit audit = Audit::kWithWrite;
  // Uploads: the check made on the header, before the body is read (the permission).
  core::Status (*admit)(const Call&) = nullptr;
};

// A GET of a desk whose answer depends on the clock (supervision, win-back): cached, for
// read_cache_clock_ms at most; `list` as Route::list.
inline Route clock_read(std::string_view pattern, Handler h, std::string_view list = "") {
  return {.method = Method::kGet,
          .pattern = pattern,
          .handler = h,
          .cacheable = true,
          .clock = true,
          .list = list};
}

struct Call {
  const app::Session& session;
  const std::vector<std::pair<std::string_view, std::string>>& params;
  Services& services;
  const app::auth::Authenticated* auth = nullptr;  // who signed in (nullptr on public routes)

  // A path parameter ("{campaign}").
  const std::string& param(std::string_view name) const;
};

// The route matching a request, with its path parameters.
struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string_view, std::string>> params;
  std::vector<Method> allowed;  // when only the method did not match: the ones that do (405)
};

class Router {
 public:
  explicit Router(std::vector<Route> routes);
  Match match(std::string_view method, const std::vector<std::string>& segments) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    const Route* route;
    std::vector<std::string_view> parts;  // "{name}" for a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// Every route Pitwall serves (routes/*.cpp).
std::vector<Route> all_routes();

// --- Helpers the routes share ---
Output json(io::Json doc, int status = 200);
Output text(std::string body, std::string content_type, int status = 200);
// An instant of the server's own records (sessions, tokens, jobs) as ISO 8601 in the workspace's
// default zone (Asia/Shanghai, as workspace_json.hpp).
io::Json server_instant(int64_t utc);
// A query parameter as text ("" when absent).
std::string query(const Request& r, std::string_view name);
// An integer query parameter within [min, max]. Errors: kUsage at the parameter.
core::Result<std::optional<int64_t>> query_int(const Call& c, const Request& r,
                                               std::string_view name, int64_t min, int64_t max);
// A boolean query parameter: true|false|1|0. Errors: kUsage.
core::Result<bool> query_bool(const Call& c, const Request& r, std::string_view name,
                              bool fallback);

// A JSON request body, read field by field with its type checked; finish() refuses keys no one
// asked for. Errors: kUsage (400) for a body that is not JSON or nests deeper than 32,
// kInvalidInput (422) at the field for a wrong type, a missing or an unknown field.
class JsonBody {
 public:
  static core::Result<JsonBody> parse(const Request& r, const app::Session& s);
  core::Result<std::string> string(std::string_view key);  // required
  core::Result<std::string> string_or(std::string_view key, std::string fallback);
  core::Result<bool> boolean_or(std::string_view key, bool fallback);
  core::Result<std::optional<bool>> optional_boolean(std::string_view key);
  core::Result<std::vector<std::string>> strings_or(std::string_view key);
  core::Result<std::optional<int64_t>> optional_integer(std::string_view key);
  // An array (nullptr when absent or null). Errors: kInvalidInput when it is not an array.
  core::Result<const io::Json*> array(std::string_view key);
  // Any value (nullptr when absent), for fields of more than one type.
  const io::Json* raw(std::string_view key);
  core::Error wrong(std::string_view key, std::string_view expected) const;
  core::Status finish() const;
  const app::Session& session() const { return *session_; }
  static JsonBody of(const io::Json& doc, const app::Session& s);

 private:
  io::Json doc_;
  const app::Session* session_ = nullptr;
  std::vector<std::string> seen_;
};

}  // namespace pitwall::server
