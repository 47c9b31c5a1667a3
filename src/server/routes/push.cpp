// Pushing to group robots (cli/push_cmd.cpp; docs/push.md): targets, their test message, the
// delivery log, a pass of the scheduler now. Each calls one use case of app/push/ and answers its
// document. Sending waits on a robot: those routes are audited after the use case, never inside
// a transaction held across the network.
#include "app/push/notices.hpp"
#include "app/push/push_json.hpp"
#include "app/push/scheduler.hpp"
#include "server/push_loop.hpp"
#include "server/routes/common.hpp"
#include "server/routes/routes.hpp"
#include "server/services.hpp"

namespace pitwall::server {

namespace {

namespace push = app::push;

template <typename T>
core::Result<Output> answer(core::Result<T> result, int status = 200) {
  if (!result) return result.error();
  return json(push::to_json(*result), status);
}

// GET /api/v1/push/targets
core::Result<Output> list_targets(const Request&, const Call& c) {
  return answer(push::list_targets(c.session));
}

// POST /api/v1/push/targets {name, kind, url, secret, region, lang, messages, board_time,
// campaign}
core::Result<Output> add_target(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  push::AddTargetRequest q;
  q.name = TRY(body.string("name"));
  q.kind = TRY(body.string("kind"));
  q.url = TRY(body.string("url"));
  q.secret = TRY(body.string_or("secret", ""));
  q.region = TRY(body.string_or("region", ""));
  q.lang = TRY(body.string_or("lang", "zh"));
  q.messages = TRY(body.strings_or("messages"));
  q.board_time = TRY(body.string_or("board_time", "09:00"));
  q.campaign = TRY(body.string_or("campaign", ""));
  TRY(body.finish());
  return answer(push::add_target(c.session, q), 201);
}

// DELETE /api/v1/push/targets/{id}
core::Result<Output> remove_target(const Request&, const Call& c) {
  return answer(push::remove_target(c.session, c.param("id")));
}

// POST /api/v1/push/targets/{id}/test: a short message now; the delivery says how it went.
core::Result<Output> test_target(const Request&, const Call& c) {
  return answer(push::test_target(c.session, c.param("id"), *c.services.webhook));
}

// GET /api/v1/push/deliveries?target=&status=&campaign=
core::Result<Output> deliveries(const Request& r, const Call& c) {
  return answer(push::list_deliveries(
      c.session, {query(r, "target"), query(r, "status"), query(r, "campaign")}));
}

// POST /api/v1/push/run: what is due at the server's clock, now (the scheduler does it every
// push_tick_ms).
core::Result<Output> run(const Request&, const Call& c) {
  return answer(push::run_due(c.session, *c.services.webhook, push_options(c.services.config)));
}

// GET /api/v1/campaigns/{campaign}/notices/{template}?format=csv|xlsx: the recipient list of a
// customer notice (reminder, thanks, progress) for an SMS or app-push platform.
core::Result<Output> notices(const Request& r, const Call& c) {
  std::string format = query(r, "format").empty() ? "csv" : query(r, "format");
  auto scratch = TRY(ScratchDir::create(c));
  std::string name = c.param("campaign") + "-" + c.param("template") + "." + format;
  auto result = TRY(push::export_notices(
      c.session, {c.param("campaign"), c.param("template"), format, scratch.path() + "/notices"}));
  Output o =
      text(TRY(read_whole_file(result.file)),
           format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            : "text/csv; charset=utf-8");
  o.reply.set_header("content-disposition", "attachment; filename=\"" + name + "\"");
  o.reply.set_header("x-recipients", std::to_string(result.recipients));
  return o;
}

// GET /api/v1/push/opt-outs
core::Result<Output> list_opt_outs(const Request&, const Call& c) {
  return answer(push::list_opt_outs(c.session));
}

// POST /api/v1/push/opt-outs {values: [customer id or phone], reason}
core::Result<Output> add_opt_outs(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::vector<std::string> values = TRY(body.strings_or("values"));
  std::string reason = TRY(body.string_or("reason", ""));
  TRY(body.finish());
  return answer(push::add_opt_outs(c.session, values, reason), 201);
}

}  // namespace

void add_push_routes(std::vector<Route>& routes) {
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/push/targets", .handler = list_targets});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/push/targets",
                    .handler = add_target,
                    .body = Body::kJson});
  routes.push_back({.method = Method::kDelete,
                    .pattern = "/api/v1/push/targets/{id}",
                    .handler = remove_target});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/push/targets/{id}/test",
                    .handler = test_target,
                    .audit = Audit::kAfter});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/push/deliveries",
                    .handler = deliveries,
                    .list = "."});
  routes.push_back({.method = Method::kGet,
                    .pattern = "/api/v1/campaigns/{campaign}/notices/{template}",
                    .handler = notices});
  routes.push_back(
      {.method = Method::kGet, .pattern = "/api/v1/push/opt-outs", .handler = list_opt_outs});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/push/opt-outs",
                    .handler = add_opt_outs,
                    .body = Body::kJson});
  routes.push_back({.method = Method::kPost,
                    .pattern = "/api/v1/push/run",
                    .handler = run,
                    .audit = Audit::kAfter});
}

}  // namespace pitwall::server
