#include "app/winback/winback_json.hpp"

#include "io/report/closeout_json.hpp"
#include "io/report/winback_json.hpp"

namespace pitwall::app::winback {

namespace {

// Sets every member of the object `from` on `into` (in from's order).
void merge_members(io::Json& into, const io::Json& from) {
  for (const auto& [k, v] : from.members()) into.set(k, v);
}

// io::calibration_json with the method as a token instead of a sentence.
io::Json models_json(const wb::Calibration& c) {
  io::Json j = io::calibration_json(c);
  for (std::string_view which : {"success", "retention"}) {
    io::Json fit = *j.find(which);
    if (fit.find("method")) fit.set("method", "logistic_regression_ridge");
    j.set(which, std::move(fit));
  }
  return j;
}

io::Json sign_off_json(const std::optional<wb::SignOff>& s, const core::TimeZone& zone) {
  if (!s) return io::Json();
  io::Json j = io::Json::object();
  j.set("by", s->by).set("role", s->role).set("at", io::instant_json(s->at, zone));
  if (!s->note.empty()) j.set("note", s->note);
  return j;
}

io::Json offer_json(const wb::Offer& o, const core::TimeZone& zone) {
  io::Json j = io::offer_view_json(o, zone);
  // The sign-offs again through the one time format, and what the view leaves out.
  j.set("created", sign_off_json(o.created, zone));
  j.set("approval", sign_off_json(o.approval, zone));
  j.set("in_person_review", sign_off_json(o.in_person_review, zone));
  j.set("rejection", sign_off_json(o.rejection, zone));
  j.set("approved_at", o.approved_at ? io::instant_json(*o.approved_at, zone) : io::Json());
  j.set("won_back_by", sign_off_json(o.won_back_by, zone));
  j.set("retained_by", sign_off_json(o.retained_by, zone));
  return j;
}

io::Json text_or_null(const std::string& s) { return s.empty() ? io::Json() : io::Json(s); }

}  // namespace

io::Json to_json(const ProgrammeResult& r) {
  const wb::Programme& p = r.programme;
  io::Json j = io::Json::object();
  j.set("id", p.id).set("name", p.name).set("version", p.version()).set("tag", p.tag());
  j.set("file", r.file).set("normalised", p.normalised_json());
  return j;
}

io::Json to_json(const CalcResult& r) {
  io::Json j = io::Json::object();
  j.set("programme", r.programme.tag());
  j.set("models", models_json(r.models));
  if (!r.customer_id.empty()) {
    j.set("customer_id", r.customer_id).set("store_code", r.store_code);
    j.set("annual_value_fen", r.input.annual_value.fen());
  }
  merge_members(j, io::customer_json(r.programme, r.input, r.evaluation, io::Detail::kDerivation));
  return j;
}

io::Json to_json(const ScoreResult& r) {
  const wb::Programme& p = r.programme();
  io::Json j = io::Json::object();
  j.set("programme", p.tag());
  j.set("models", models_json(r.models()));
  j.set("review_above", r.review_above);
  j.set("summary", io::score_summary_json(r.ranking.summary));
  io::Json customers = io::Json::array();
  for (size_t i = 0; i < r.size(); ++i) {
    ScoreRow row = r.row(i);
    io::Json c = io::Json::object();
    c.set("rank", row.rank).set("customer_id", row.customer_id).set("store_code", row.store_code);
    c.set("annual_value_fen", row.input.annual_value.fen());
    merge_members(c, io::customer_json(p, row.input, row.evaluation, io::Detail::kRow));
    customers.push(std::move(c));
  }
  j.set("customers", std::move(customers));
  return j;
}

io::Json to_json(const ModelsResult& r) { return models_json(r.calibration); }

io::Json to_json(const OfferResult& r) { return offer_json(r.offer, *r.zone); }

io::Json to_json(const OfferListResult& r) {
  io::Json list = io::Json::array();
  for (const auto& o : r.offers) list.push(offer_json(o, *r.zone));
  return list;
}

io::Json to_json(const BudgetResult& r) {
  io::Json j = io::Json::object();
  j.set("programme", r.programme.tag()).set("plan", io::budget_plan_json(r.plan));
  j.set("monitor", io::monitor_json(r.monitor));
  return j;
}

io::Json to_json(const OverrideResult& r) {
  io::Json j = io::Json::object();
  j.set("month", wb::format_year_month(r.month)).set("by", r.by);
  j.set("at", io::instant_json(r.at, *r.zone)).set("reason", r.reason);
  return j;
}

io::Json to_json(const MonthlyResult& r) {
  io::Json j = io::Json::object();
  j.set("programme", r.programme.tag());
  merge_members(j, io::monthly_json(r.report));
  return j;
}

io::Json to_json(const AuditResult& r) {
  io::Json j = io::Json::object();
  j.set("programme", r.programme.tag());
  merge_members(j, io::audit_json(r.audit));
  return j;
}

io::Json to_json(const CohortsResult& r) {
  io::Json j = io::Json::object();
  j.set("programme", r.programme.tag()).set("attempts", r.attempts);
  j.set("cohorts", io::cohorts_json(r.cohorts));
  return j;
}

io::Json to_json(const ExperimentsResult& r) {
  io::Json j = io::Json::object();
  j.set("programme", r.programme.tag());
  merge_members(j, io::experiments_json(r.report));
  // Tokens instead of io's sentences (docs/winback.md "Reports" says what they mean).
  j.set("interval_method", "wilson_score");
  j.set("test_method", "two_proportion_z_pooled_two_sided");
  j.set("significance_level", 0.05);
  return j;
}

io::Json to_json(const LogResult& r) {
  io::Json list = io::Json::array();
  for (const auto& e : r.entries) {
    io::Json j = io::Json::object();
    j.set("seq", e.seq).set("at", io::instant_json(e.at, *r.zone));
    j.set("by", e.by).set("role", text_or_null(e.role)).set("action", e.action);
    j.set("offer", text_or_null(e.offer)).set("customer", text_or_null(e.customer));
    j.set("amount_fen", e.amount_fen ? io::Json(*e.amount_fen) : io::Json());
    j.set("programme", text_or_null(e.programme)).set("detail", text_or_null(e.detail));
    list.push(std::move(j));
  }
  return list;
}

}  // namespace pitwall::app::winback
