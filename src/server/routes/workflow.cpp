// The close-out workflow's routes (cli/workflow_cmd.cpp; docs/workflow.md): status, confirm,
// dispute, sign, arbitrate, freeze, seal, verify, carry-over, retrospective, template and the
// closing plan. Each calls one use case of app/workflow/workflow.hpp and answers its document.
#include "app/workflow/workflow.hpp"

#include <filesystem>

#include "server/routes/common.hpp"
#include "server/routes/routes.hpp"
#include "server/services.hpp"

namespace pitwall::server {

namespace {

namespace wfa = app::workflow;

template <typename T>
core::Result<Output> answer(core::Result<T> result) {
  if (!result) return result.error();
  return json(wfa::to_json(*result));
}

// GET .../status: `pitwall campaign status --json`.
core::Result<Output> status(const Request&, const Call& c) {
  return answer(wfa::campaign_status(c.session, c.param("campaign")));
}

// POST .../stores/{store}/confirmation {disputes: [{order_id, claim: mine|not-valid, note}]}
core::Result<Output> confirm(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::vector<wfa::DisputeRequest> disputes;
  if (const io::Json* list = TRY(body.array("disputes"))) {
    for (const io::Json& item : list->items()) {
      if (!item.is_object()) return body.wrong("disputes", "server.type.objects");
      JsonBody d = JsonBody::of(item, c.session);
      wfa::DisputeRequest dr;
      dr.order_id = TRY(d.string("order_id"));
      dr.claim = TRY(d.string("claim"));
      dr.note = TRY(d.string_or("note", ""));
      TRY(d.finish());
      disputes.push_back(std::move(dr));
    }
  }
  TRY(body.finish());
  return answer(wfa::confirm_store(c.session, {c.param("campaign"), c.param("store"), disputes}));
}

// POST .../regions/{region}/signoff
core::Result<Output> sign_region(const Request& r, const Call& c) {
  TRY(TRY(JsonBody::parse(r, c.session)).finish());
  return answer(wfa::sign_region(c.session, c.param("campaign"), c.param("region")));
}

// POST .../finance/signoff
core::Result<Output> sign_finance(const Request& r, const Call& c) {
  TRY(TRY(JsonBody::parse(r, c.session)).finish());
  return answer(wfa::sign_finance(c.session, c.param("campaign")));
}

// GET .../arbitration?open=true: `pitwall arbitrate list --json`, a list that pages.
core::Result<Output> queue(const Request& r, const Call& c) {
  bool open = TRY(query_bool(c, r, "open", false));
  return answer(wfa::arbitration_queue(c.session, c.param("campaign"), open));
}

// POST .../arbitration/{order}/decision {decision, reason, blacklist: true | [kinds]}
core::Result<Output> decide(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  wfa::DecideRequest d;
  d.campaign = c.param("campaign");
  d.order_id = c.param("order");
  d.decision = TRY(body.string("decision"));
  d.reason = TRY(body.string("reason"));
  // true: the order's customer id, phone and VIN; or the kinds named.
  if (const io::Json* b = body.raw("blacklist"); b && !b->is_null()) {
    if (b->type() == io::Json::Type::kBool) {
      d.blacklist = b->as_bool();
    } else if (b->is_array()) {
      for (const io::Json& kind : b->items()) {
        if (!kind.is_string()) return body.wrong("blacklist", "server.type.blacklist");
        d.blacklist_kinds.push_back(kind.as_string());
      }
      d.blacklist = !d.blacklist_kinds.empty();
    } else {
      return body.wrong("blacklist", "server.type.blacklist");
    }
  }
  TRY(body.finish());
  return answer(wfa::decide(c.session, d));
}

// POST .../freeze
core::Result<Output> freeze(const Request& r, const Call& c) {
  TRY(TRY(JsonBody::parse(r, c.session)).finish());
  return answer(wfa::freeze_campaign(c.session, c.param("campaign")));
}

// POST .../seal
core::Result<Output> seal(const Request& r, const Call& c) {
  TRY(TRY(JsonBody::parse(r, c.session)).finish());
  return answer(wfa::seal_campaign(c.session, c.param("campaign")));
}

// GET .../verify: `pitwall campaign verify --json` ("ok": false when anything differs).
core::Result<Output> verify(const Request&, const Call& c) {
  return json(TRY(wfa::verify_campaign(c.session, c.param("campaign"))));
}

// POST .../carry-overs {order_id, amount (yuan, negative for a refund), reason}
core::Result<Output> carry_over(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  wfa::CarryOverRequest q;
  q.campaign = c.param("campaign");
  q.order_id = TRY(body.string("order_id"));
  q.amount = TRY(body.string("amount"));
  q.reason = TRY(body.string("reason"));
  TRY(body.finish());
  auto result = TRY(wfa::carry_over(c.session, q));
  Output o = json(wfa::to_json(result), 201);
  return o;
}

// GET .../retrospective: funnel, tiers and the lessons recorded.
core::Result<Output> retrospective(const Request&, const Call& c) {
  return json(TRY(wfa::retrospective(c.session, {c.param("campaign"), {}, {}, {}})));
}

// POST .../retrospective {went_right: [...], went_wrong: [...], recommend: [...]}: HQ's lessons.
core::Result<Output> add_lessons(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  wfa::RetroRequest q;
  q.campaign = c.param("campaign");
  q.went_right = TRY(body.strings_or("went_right"));
  q.went_wrong = TRY(body.strings_or("went_wrong"));
  q.recommend = TRY(body.strings_or("recommend"));
  TRY(body.finish());
  return json(TRY(wfa::retrospective(c.session, q)));
}

// GET .../template: the next campaign's files, as `pitwall campaign template` writes them:
// {campaign, files: [{path, text}]} (paths relative).
core::Result<Output> campaign_template(const Request&, const Call& c) {
  auto scratch = TRY(ScratchDir::create(c));
  io::Json doc = TRY(wfa::write_template(c.session, c.param("campaign"), scratch.path()));
  io::Json files = io::Json::array();
  if (const io::Json* list = doc.find("files")) {
    for (const io::Json& f : list->items()) {
      std::string path = f.as_string();
      std::string relative = path.substr(std::min(path.size(), scratch.path().size() + 1));
      files.push(io::Json::object().set("path", relative).set("text", TRY(read_whole_file(path))));
    }
  }
  return json(
      io::Json::object().set("campaign", c.param("campaign")).set("files", std::move(files)));
}

// GET .../closing-plan: `pitwall campaign closing-plan --json` (without recipient files).
core::Result<Output> closing_plan(const Request&, const Call& c) {
  return json(TRY(wfa::closing_plan(c.session, c.param("campaign"), "")));
}

// GET .../closing-plan/{message}.csv: one message's recipient list (UTF-8 CSV with BOM).
core::Result<Output> recipients(const Request&, const Call& c) {
  auto scratch = TRY(ScratchDir::create(c));
  io::Json doc = TRY(wfa::closing_plan(c.session, c.param("campaign"), scratch.path()));
  std::string wanted = c.param("message");
  if (const io::Json* messages = doc.find("messages")) {
    for (const io::Json& m : messages->items()) {
      if (m.get_string("id") != wanted) continue;
      std::string file = m.get_string("file");
      Output o = text(TRY(read_whole_file(file)), "text/csv; charset=utf-8");
      o.reply.set_header(
          "content-disposition",
          "attachment; filename=\"" + std::filesystem::path(file).filename().string() + "\"");
      return o;
    }
  }
  auto e = core::not_found(c.session.tr("server.unknown_message", wanted));
  e.at_column("message");
  return e;
}

}  // namespace

void add_workflow_routes(std::vector<Route>& routes) {
  auto add = [&](Method m, std::string_view pattern, Handler h, Body body = Body::kNone) {
    Route r{.method = m, .pattern = pattern, .handler = h, .body = body};
    routes.push_back(r);
    return &routes.back();
  };
  add(Method::kGet, "/api/v1/campaigns/{campaign}/status", status);
  add(Method::kPost, "/api/v1/campaigns/{campaign}/stores/{store}/confirmation", confirm,
      Body::kJson);
  add(Method::kPost, "/api/v1/campaigns/{campaign}/regions/{region}/signoff", sign_region,
      Body::kJson);
  add(Method::kPost, "/api/v1/campaigns/{campaign}/finance/signoff", sign_finance, Body::kJson);
  add(Method::kGet, "/api/v1/campaigns/{campaign}/arbitration", queue)->list = ".";
  add(Method::kPost, "/api/v1/campaigns/{campaign}/arbitration/{order}/decision", decide,
      Body::kJson);
  add(Method::kPost, "/api/v1/campaigns/{campaign}/freeze", freeze, Body::kJson);
  add(Method::kPost, "/api/v1/campaigns/{campaign}/seal", seal, Body::kJson);
  add(Method::kGet, "/api/v1/campaigns/{campaign}/verify", verify);
  add(Method::kPost, "/api/v1/campaigns/{campaign}/carry-overs", carry_over, Body::kJson);
  add(Method::kGet, "/api/v1/campaigns/{campaign}/retrospective", retrospective);
  // The lessons are written first, then the funnel recomputed from the raw data: audited apart.
  add(Method::kPost, "/api/v1/campaigns/{campaign}/retrospective", add_lessons, Body::kJson)
      ->audit = Audit::kAfter;
  add(Method::kGet, "/api/v1/campaigns/{campaign}/template", campaign_template);
  add(Method::kGet, "/api/v1/campaigns/{campaign}/closing-plan", closing_plan);
  add(Method::kGet, "/api/v1/campaigns/{campaign}/closing-plan/{message}", recipients);
}

}  // namespace pitwall::server
