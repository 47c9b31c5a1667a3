// The close-out's readings (cli/closeout_cmd.cpp; docs/closeout.md): summary, bridge, findings,
// settlement and a store's orders, each the document `pitwall closeout ... --json` prints, within
// the reader's scope. Runs and exports are jobs (routes/jobs.cpp).
#include "app/closeout/closeout_json.hpp"
#include "app/closeout/readings.hpp"
#include "app/workflow/workflow.hpp"
#include "server/routes/common.hpp"
#include "server/routes/routes.hpp"

namespace pitwall::server {

namespace {

namespace co = app::closeout;

// GET .../closeout/summary?definition=NAME...&run=N
core::Result<Output> summary(const Request& r, const Call& c) {
  std::vector<std::string> names = r.params("definition");
  int64_t run = TRY(run_param(c, r));
  auto open = TRY(co::summary(c.session, {c.param("campaign"), run}, names));
  return json(co::summary_json(open, names));
}

// GET .../closeout/bridge?from=A&to=B&region=R&store=S&run=N
core::Result<Output> bridge(const Request& r, const Call& c) {
  int64_t run = TRY(run_param(c, r));
  co::BridgeRequest b{query(r, "from"), query(r, "to"), query(r, "region"), query(r, "store")};
  auto result = TRY(co::bridge(c.session, {c.param("campaign"), run}, b));
  std::string body;
  io::bridge_json_pieces(result.open.stored, result.bridge, words_of(c.session.lang),
                         [&](std::string_view piece) { body.append(piece); });
  body.push_back('\n');
  return text(std::move(body), "application/json");
}

// GET .../closeout/findings?rule=R&run=N[&limit&cursor]: a list that pages.
core::Result<Output> findings(const Request& r, const Call& c) {
  int64_t run = TRY(run_param(c, r));
  std::string rule = query(r, "rule");
  auto open = TRY(co::findings(c.session, {c.param("campaign"), run}, rule));
  io::CloseoutWords words = words_of(c.session.lang);
  if (r.param("limit") || r.param("cursor")) {
    return json(io::findings_view_json(open.stored, rule, words));
  }
  std::string body;
  io::findings_view_json_pieces(open.stored, rule, words,
                                [&](std::string_view piece) { body.append(piece); });
  body.push_back('\n');
  return text(std::move(body), "application/json");
}

// GET .../closeout/settlement?run=N
core::Result<Output> settlement(const Request& r, const Call& c) {
  int64_t run = TRY(run_param(c, r));
  auto open = TRY(co::open_reading(c.session, {c.param("campaign"), run}));
  return json(co::settlement_json(open));
}

// GET .../stores/{store}/orders: `pitwall confirm list --json` — the orders a store confirms.
core::Result<Output> store_orders(const Request&, const Call& c) {
  auto result =
      TRY(app::workflow::store_orders(c.session, {c.param("campaign"), c.param("store")}));
  return json(app::workflow::to_json(result));
}

}  // namespace

void add_closeout_routes(std::vector<Route>& routes) {
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/campaigns/{campaign}/closeout/summary",
                    .handler = summary,
                    .cacheable = true});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/campaigns/{campaign}/closeout/bridge",
                    .handler = bridge,
                    .cacheable = true});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/campaigns/{campaign}/closeout/findings",
                    .handler = findings,
                    .cacheable = true,
                    .list = "findings"});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/campaigns/{campaign}/closeout/settlement",
                    .handler = settlement,
                    .cacheable = true});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/campaigns/{campaign}/stores/{store}/orders",
                    .handler = store_orders,
                    .cacheable = true,
                    .list = "orders"});
}

}  // namespace pitwall::server
