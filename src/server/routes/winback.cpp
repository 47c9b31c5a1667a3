// The win-back desk's routes (cli/winback_*_cmd.cpp; docs/winback.md): programme, calculator,
// scored queue, models, offers and their approvals, budget, override, reports and the decision
// log. Each calls one use case of app/winback/ and answers its document.
#include <cmath>
#include <cstdlib>

#include "app/winback/offers.hpp"
#include "app/winback/programme.hpp"
#include "app/winback/reports.hpp"
#include "app/winback/scoring.hpp"
#include "app/winback/winback_json.hpp"
#include "core/base/rate.hpp"
#include "core/winback/plan.hpp"
#include "server/routes/common.hpp"
#include "server/routes/routes.hpp"

namespace pitwall::server {

namespace {

namespace use = app::winback;
namespace wb = core::winback;

template <typename T>
core::Result<Output> answer(core::Result<T> result, int status = 200) {
  if (!result) return result.error();
  return json(use::to_json(*result), status);
}

core::Error bad(std::string_view field, std::string message) {
  auto e = core::make_error(core::ErrorCode::kUsage, std::move(message));
  e.at_column(std::string(field));
  return e;
}

core::Result<use::ModelChoice> model_of(const Call& c, const std::string& text,
                                        use::ModelChoice fallback) {
  if (text.empty()) return fallback;
  if (text == "auto") return use::ModelChoice::kAuto;
  if (text == "table") return use::ModelChoice::kTable;
  return bad("model", c.session.tr("winback.bad_model", text));
}

// Yuan with at most two decimals ("732.50"), never negative.
core::Result<core::Money> yuan_of(const Call& c, std::string_view field, const std::string& text) {
  auto rate = core::Rate::parse(text);
  if (!rate || text.find('%') != std::string::npos || rate->basis() % 100 != 0 ||
      rate->basis() < 0) {
    auto e = core::invalid_input(c.session.tr("winback.bad_amount", text));
    e.at_column(std::string(field));
    return e;
  }
  return core::Money::from_fen(rate->basis() / 100);
}

// A number query parameter (NaN when absent).
core::Result<double> number_of(const Call& c, const Request& r, std::string_view name) {
  auto v = r.param(name);
  if (!v) return std::nan("");
  std::string text(*v);
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(d)) {
    return bad(name, c.session.tr("server.bad_number", name, text));
  }
  return d;
}

// GET /api/v1/winback/programme
core::Result<Output> show_programme(const Request&, const Call& c) {
  return answer(use::show_programme(c.session, {}));
}

// POST /api/v1/winback/programme (TOML body; ?file=NAME): `pitwall winback programme add`.
core::Result<Output> add_programme(const Request& r, const Call& c) {
  return answer(use::add_programme(c.session, {file_param(r, "winback.toml"), r.body}), 201);
}

// GET /api/v1/winback/calc?customer=ID | annual=YUAN&months=N&... : the ROI calculator.
core::Result<Output> calc(const Request& r, const Call& c) {
  use::CalcRequest q;
  q.model = TRY(model_of(c, query(r, "model"), use::ModelChoice::kTable));
  q.customer_id = query(r, "customer");
  if (q.customer_id.empty()) {
    wb::CustomerInput& in = q.input;
    double months = TRY(number_of(c, r, "months"));
    if (!r.param("annual") || std::isnan(months)) {
      return bad("annual", c.session.tr("server.calc_needs_input"));
    }
    in.annual_value = TRY(yuan_of(c, "annual", query(r, "annual")));
    in.months_churned = months;
    if (auto m = r.param("margin")) {
      auto rate = core::Rate::parse(*m);
      if (!rate) return std::move(rate.error().at_column("margin"));
      in.margin = *rate;
      q.margin_given = true;
    }
    std::string reason = query(r, "reason");
    auto parsed_reason = wb::parse_reason(reason.empty() ? "other" : reason);
    if (!parsed_reason) return bad("reason", c.session.tr("winback.bad_reason", reason));
    in.reason = *parsed_reason;
    bool koc = TRY(query_bool(c, r, "koc", false));
    std::string influence = koc ? "koc" : query(r, "influence");
    auto parsed_influence = wb::parse_influence(influence.empty() ? "regular" : influence);
    if (!parsed_influence) {
      return bad("influence", c.session.tr("winback.bad_influence", influence));
    }
    in.influence = *parsed_influence;
    in.satisfaction = TRY(number_of(c, r, "satisfaction"));
    in.visits_per_year = TRY(number_of(c, r, "visits"));
    in.cheapest_only_share = TRY(number_of(c, r, "cheapest_share"));
    in.booking_lead_days = TRY(number_of(c, r, "booking_lead"));
    in.offer_only_contact = TRY(query_bool(c, r, "offer_only", false)) ? 1 : 0;
    in.info_complete = TRY(query_bool(c, r, "incomplete_info", false)) ? 0 : 1;
    in.vehicle_anomaly = TRY(query_bool(c, r, "vehicle_anomaly", false));
  }
  return answer(use::calculate(c.session, q));
}

// GET /api/v1/winback/score?model=auto|table&tier=&band=&store=[&limit&cursor]: the ranked
// queue (a list that pages), filtered as `winback score --tier --band --store`.
core::Result<Output> score(const Request& r, const Call& c) {
  use::ScoreRequest q;
  q.model = TRY(model_of(c, query(r, "model"), use::ModelChoice::kAuto));
  if (std::string tier = query(r, "tier"); !tier.empty()) {
    q.tier = wb::parse_tier(tier);
    if (!q.tier) return bad("tier", c.session.tr("winback.bad_tier", tier));
  }
  if (std::string band = query(r, "band"); !band.empty()) {
    q.band = use::parse_band(band);
    if (!q.band) return bad("band", c.session.tr("winback.bad_band", band));
  }
  q.store_code = query(r, "store");
  return answer(use::score_customers(c.session, q));
}

// GET /api/v1/winback/models
core::Result<Output> models(const Request&, const Call& c) {
  return answer(use::show_models(c.session, {}));
}

// GET /api/v1/winback/offers?status=pending|approved|rejected|closed
core::Result<Output> list_offers(const Request& r, const Call& c) {
  use::OfferListRequest q;
  if (auto s = r.param("status"); s && !s->empty()) {
    q.status = wb::parse_offer_status(*s);
    if (!q.status) return bad("status", c.session.tr("winback.bad_status", *s));
  }
  return answer(use::list_offers(c.session, q));
}

// POST /api/v1/winback/offers {customer_id, amount (yuan; default the plan total), arm}
core::Result<Output> create_offer(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  use::OfferCreateRequest q;
  q.customer_id = TRY(body.string("customer_id"));
  std::string amount = TRY(body.string_or("amount", ""));
  if (!amount.empty()) q.amount = TRY(yuan_of(c, "amount", amount));
  q.arm = TRY(body.string_or("arm", ""));
  TRY(body.finish());
  return answer(use::create_offer(c.session, q), 201);
}

// GET /api/v1/winback/offers/{id}
core::Result<Output> show_offer(const Request&, const Call& c) {
  return answer(use::show_offer(c.session, {c.param("id")}));
}

// POST /api/v1/winback/offers/{id}/approve {in_person: bool}
core::Result<Output> approve(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  bool in_person = TRY(body.boolean_or("in_person", false));
  TRY(body.finish());
  return answer(use::approve_offer(
      c.session, {c.param("id"), in_person ? wb::InPerson::kYes : wb::InPerson::kNo}));
}

// POST /api/v1/winback/offers/{id}/reject {reason}
core::Result<Output> reject(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::string reason = TRY(body.string("reason"));
  TRY(body.finish());
  return answer(use::reject_offer(c.session, {c.param("id"), reason}));
}

// POST /api/v1/winback/offers/{id}/release {stage: 1|2|3|return|second_visit|loyal}
core::Result<Output> release(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::string stage = TRY(body.string("stage"));
  TRY(body.finish());
  for (size_t i = 0; i < 3; ++i) {
    if (stage == std::to_string(i + 1) || stage == wb::stage_token(i)) {
      return answer(use::release_stage(c.session, {c.param("id"), i}));
    }
  }
  auto e = core::invalid_input(c.session.tr("winback.bad_stage", stage));
  e.at_column("stage");
  return e;
}

// POST /api/v1/winback/offers/{id}/outcome {won_back: bool, retained: bool}
core::Result<Output> outcome(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  use::OfferOutcomeRequest q{c.param("id"), TRY(body.optional_boolean("won_back")),
                             TRY(body.optional_boolean("retained"))};
  TRY(body.finish());
  return answer(use::record_outcome(c.session, q));
}

core::Result<std::optional<wb::YearMonth>> month_param(const Request& r) {
  auto v = r.param("month");
  if (!v || v->empty()) return std::optional<wb::YearMonth>();
  auto m = wb::parse_year_month(*v);
  if (!m) return std::move(m.error().at_column("month"));
  return std::optional<wb::YearMonth>(*m);
}

// GET /api/v1/winback/budget?month=2023-06
core::Result<Output> budget(const Request& r, const Call& c) {
  return answer(use::show_budget(c.session, {TRY(month_param(r))}));
}

// POST /api/v1/winback/overrides {month, reason}: a director lifts a month's limits.
core::Result<Output> override_month(const Request& r, const Call& c) {
  auto body = TRY(JsonBody::parse(r, c.session));
  std::string month = TRY(body.string("month"));
  std::string reason = TRY(body.string("reason"));
  TRY(body.finish());
  auto m = wb::parse_year_month(month);
  if (!m) return std::move(m.error().at_column("month"));
  return answer(use::override_month(c.session, {*m, reason}), 201);
}

// GET /api/v1/winback/reports/monthly?month=
core::Result<Output> monthly(const Request& r, const Call& c) {
  return answer(use::monthly_report(c.session, {TRY(month_param(r))}));
}

// GET /api/v1/winback/reports/audit?quarter=2023-Q2
core::Result<Output> audit(const Request& r, const Call& c) {
  use::AuditRequest q;
  if (auto v = r.param("quarter"); v && !v->empty()) {
    auto quarter = wb::parse_quarter(*v);
    if (!quarter) return std::move(quarter.error().at_column("quarter"));
    q.quarter = *quarter;
  }
  return answer(use::quarterly_audit(c.session, q));
}

// GET /api/v1/winback/reports/cohorts
core::Result<Output> cohorts(const Request&, const Call& c) {
  return answer(use::cohort_report(c.session, {}));
}

// GET /api/v1/winback/reports/experiments?arms=a,b&baseline=a
core::Result<Output> experiments(const Request& r, const Call& c) {
  use::ExperimentsRequest q;
  for (const std::string& value : r.params("arms")) {
    size_t from = 0;
    while (from <= value.size()) {
      size_t comma = std::min(value.find(',', from), value.size());
      if (comma > from) q.arms.push_back(value.substr(from, comma - from));
      from = comma + 1;
    }
  }
  q.baseline = query(r, "baseline");
  return answer(use::experiment_report(c.session, q));
}

// GET /api/v1/winback/log: the decision log.
core::Result<Output> log(const Request&, const Call& c) {
  return answer(use::decision_log(c.session, {}));
}

}  // namespace

void add_winback_routes(std::vector<Route>& routes) {
  auto get = [&](std::string_view pattern, Handler h, std::string_view list = "") {
    routes.push_back(clock_read(pattern, h, list));
  };
  auto post = [&](std::string_view pattern, Handler h, Body body = Body::kJson) {
    routes.push_back({.method = Method::kPost, .pattern = pattern, .handler = h, .body = body});
  };
  get("/api/v1/winback/programme", show_programme);
  post("/api/v1/winback/programme", add_programme, Body::kText);
  get("/api/v1/winback/calc", calc);
  get("/api/v1/winback/score", score, "customers");
  get("/api/v1/winback/models", models);
  get("/api/v1/winback/offers", list_offers, ".");
  post("/api/v1/winback/offers", create_offer);
  get("/api/v1/winback/offers/{id}", show_offer);
  post("/api/v1/winback/offers/{id}/approve", approve);
  post("/api/v1/winback/offers/{id}/reject", reject);
  post("/api/v1/winback/offers/{id}/release", release);
  post("/api/v1/winback/offers/{id}/outcome", outcome);
  get("/api/v1/winback/budget", budget);
  post("/api/v1/winback/overrides", override_month);
  get("/api/v1/winback/reports/monthly", monthly);
  get("/api/v1/winback/reports/audit", audit);
  get("/api/v1/winback/reports/cohorts", cohorts);
  get("/api/v1/winback/reports/experiments", experiments);
  get("/api/v1/winback/log", log, ".");
}

}  // namespace pitwall::server
