// The server's own routes: health, metrics and the API's contract (server.md §4).
#include <fmt/format.h>

#include "app/memo.hpp"
#include "app/workspace_handle.hpp"
#include "server/openapi.hpp"
#include "server/routes/routes.hpp"
#include "server/services.hpp"

namespace pitwall::server {

namespace {

// GET /healthz: the server answers and its store reads.
core::Result<Output> healthz(const Request&, const Call& c) {
  TRY(c.session.workspace().find_user(""));
  return json(io::Json::object().set("status", "ok"));
}

// GET /metrics (Prometheus text, version 0.0.4).
core::Result<Output> metrics(const Request&, const Call& c) {
  std::string body = c.services.metrics.text(c.services.transport);
  if (c.services.memo != nullptr) {
    app::Memo::Stats m = c.services.memo->stats();
    body += fmt::format(
        "# HELP pitwall_memo_bytes Stored runs and feeds kept parsed in memory (estimated).\n"
        "# TYPE pitwall_memo_bytes gauge\npitwall_memo_bytes {}\n"
        "# HELP pitwall_memo_entries Values kept parsed in memory.\n"
        "# TYPE pitwall_memo_entries gauge\npitwall_memo_entries {}\n"
        "# HELP pitwall_memo_total Values asked of the memo: kept (or being made), or made.\n"
        "# TYPE pitwall_memo_total counter\n"
        "pitwall_memo_total{{result=\"hit\"}} {}\npitwall_memo_total{{result=\"miss\"}} {}\n",
        m.bytes, m.entries, m.hits, m.misses);
  }
  return text(body, "text/plain; version=0.0.4");
}

// GET /api/openapi.json: docs/api/openapi.json as built in.
core::Result<Output> openapi(const Request&, const Call&) {
  return text(std::string(openapi_document()), "application/json");
}

}  // namespace

void add_system_routes(std::vector<Route>& routes) {
  routes.push_back({.method = Method::kGet,
                    .pattern = "/healthz",
                    .handler = healthz,
                    .access = Access::kPublic});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/metrics",
                    .handler = metrics,
                    .access = Access::kPublic});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/openapi.json",
                    .handler = openapi,
                    .access = Access::kPublic});
}

}  // namespace pitwall::server
