#include "app/winback/scoring.hpp"

#include <fmt/format.h>

#include <cmath>

#include "app/permission.hpp"
#include "app/winback/records.hpp"
#include "io/toml/winback_file.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::winback {

struct ScoreResult::Data {
  Desk desk;
  std::vector<uint8_t> blacklisted;  // by text id of desk.churned's pool
  wb::ScoreOptions options;          // its blacklisted_ids view `blacklisted`
};

const wb::Programme& ScoreResult::programme() const { return data->desk.programme(); }

wb::Calibration ScoreResult::models() const {
  return reported_models(data->desk.calibration, data->desk.model);
}

const wb::Calibration& ScoreResult::fitted_models() const { return data->desk.calibration; }

ModelChoice ScoreResult::model() const { return data->desk.model; }

ScoreRow ScoreResult::row(size_t i) const {
  const Desk& d = data->desk;
  uint32_t row = ranking.rows[i];
  ScoreRow out;
  out.rank = ranks.empty() ? int64_t(i + 1) : ranks[i];
  out.customer_id = d.churned.text(core::churned::kCustomerId, row);
  out.store_code = d.churned.text(core::churned::kStoreCode, row);
  out.input = wb::read_customer(d.churned, row, d.programme());
  out.evaluation =
      wb::evaluate(d.programme(), out.input, wb::row_options(d.churned, row, data->options));
  return out;
}

namespace {

// Keeps the ranked rows that pass the request's filters, each with its rank in the whole
// ranking, the first `r.limit` of them when a limit is set.
void keep_matching(ScoreResult& out, const ScoreRequest& r) {
  std::vector<uint32_t> rows;
  std::vector<int64_t> ranks;
  for (size_t i = 0; i < out.size(); ++i) {
    if (r.limit != 0 && rows.size() == r.limit) break;
    if (!r.store_code.empty() && out.data->desk.churned.text(core::churned::kStoreCode,
                                                             out.ranking.rows[i]) != r.store_code) {
      continue;
    }
    if (r.tier || r.band) {
      ScoreRow row = out.row(i);  // evaluated again: the same numbers as the ranking's
      if (r.tier && row.evaluation.tier != *r.tier) continue;
      if (r.band && row.evaluation.band != *r.band) continue;
    }
    rows.push_back(out.ranking.rows[i]);
    ranks.push_back(int64_t(i + 1));
  }
  out.ranking.rows = std::move(rows);
  out.ranks = std::move(ranks);
}

// The offers and override of the month at `now`: the review threshold in force.
core::Result<double> review_threshold(const Session& s, const Desk& d) {
  store::Workspace& ws = s.workspace();
  auto offers = TRY(load_offers(ws));
  wb::YearMonth month = wb::month_of(s.now, *d.zone);
  auto monitor = TRY(month_monitor(ws, d.programme(), *d.zone, offers, month, s.now));
  return monitor.review_above;
}

// The programme a calculation uses: the file given, else the active one, else the defaults.
core::Result<wb::Programme> calc_programme(const Session& s, const CalcRequest& r) {
  if (r.programme_file) {
    return io::parse_programme_file(r.programme_file->text, r.programme_file->file);
  }
  if (s.ws == nullptr) return wb::Programme{};
  return TRY(active_programme(*s.ws)).programme;
}

// A customer of the churned list, evaluated as an offer to it would be now.
core::Status evaluate_listed(const Session& s, const CalcRequest& r, CalcResult& out) {
  if (s.ws == nullptr) return core::not_found(s.tr("winback.unknown_customer", r.customer_id));
  Desk d = TRY(load_desk(s, r.model));
  d.info.programme = out.programme;
  if (r.programme_file) {
    core::Table history = TRY(s.ws->load_table(core::TableKind::kWinbackHistory, ""));
    d.calibration = wb::calibrate(out.programme, history);
  }
  size_t row = TRY(find_customer(s, d.churned, r.customer_id));
  out.customer_id = r.customer_id;
  out.store_code = std::string(d.churned.text(core::churned::kStoreCode, row));
  out.input = wb::read_customer(d.churned, row, d.programme());
  wb::EvaluationOptions options;
  options.calibration = d.models();
  options.review_above = TRY(review_threshold(s, d));
  options.blacklisted = d.blacklist.hit(r.customer_id, &d.customers) != nullptr;
  out.models = reported_models(d.calibration, r.model);
  out.evaluation = wb::evaluate(out.programme, out.input, options);
  return {};
}

// The calculator's own inputs.
// The calculator's own inputs are in the ranges a churned list's columns state (formats.md;
// core/model/table.cpp): months given and 0..1200, satisfaction 0..10, and so on; a value
// left unknown (NaN) stays unknown. `field` names the option that gives each.
core::Status check_given(const Session& s, const CalcRequest& r) {
  const wb::CustomerInput& in = r.input;
  const core::TableSchema& churned = core::table_schema(core::TableKind::kChurned);
  auto in_range = [&](std::string_view column, std::string_view field, double value,
                      bool required) -> core::Status {
    if (std::isnan(value) && !required) return {};
    const core::ColumnDef& c = churned.columns[churned.column_index(column)];
    if (value >= c.least && value <= c.most) return {};
    core::Error e = core::invalid_input(s.tr("winback.calc.out_of_range", field, c.least, c.most,
                                             std::isnan(value) ? "" : fmt::format("{}", value)));
    e.at_column(std::string(field));
    return e;
  };
  TRY(in_range("months_churned", "--months", in.months_churned, true));
  TRY(in_range("satisfaction", "--satisfaction", in.satisfaction, false));
  TRY(in_range("visits_per_year", "--visits", in.visits_per_year, false));
  TRY(in_range("cheapest_only_share", "--cheapest-share", in.cheapest_only_share, false));
  TRY(in_range("booking_lead_days", "--booking-lead", in.booking_lead_days, false));
  if (r.margin_given) TRY(in_range("margin", "--margin", in.margin.to_double(), true));
  if (in.annual_value.fen() < 0 || in.annual_value.fen() > kMostAnnualFen) {
    core::Error e =
        core::invalid_input(s.tr("winback.calc.out_of_range", "--annual", 0, kMostAnnualFen / 100,
                                 in.annual_value.to_yuan_string()));
    e.at_column("--annual");
    return e;
  }
  return {};
}

core::Status evaluate_given(const Session& s, const CalcRequest& r, CalcResult& out) {
  TRY(check_given(s, r));
  wb::Calibration calibration;
  if (r.model == ModelChoice::kAuto && s.ws != nullptr) {
    core::Table history = TRY(s.ws->load_table(core::TableKind::kWinbackHistory, ""));
    calibration = wb::calibrate(out.programme, history);
  }
  out.input = r.input;
  if (!r.margin_given) out.input.margin = out.programme.default_margin;
  wb::EvaluationOptions options;
  options.calibration = r.model == ModelChoice::kAuto ? &calibration : nullptr;
  options.review_above = out.programme.abuse.review_above;
  out.models = reported_models(calibration, r.model);
  out.evaluation = wb::evaluate(out.programme, out.input, options);
  return {};
}

}  // namespace

core::Result<CalcResult> calculate(const Session& s, const CalcRequest& r) {
  TRY(authorize(s, Permission::kWinbackRead));
  CalcResult out;
  out.programme = TRY(calc_programme(s, r));
  if (r.customer_id.empty()) {
    TRY(evaluate_given(s, r, out));
  } else {
    TRY(evaluate_listed(s, r, out));
  }
  const wb::Evaluation& e = out.evaluation;
  if (e.plan_total_yuan > 0) {
    out.plan = wb::make_plan(out.programme, e.tier, core::Money::from_yuan(e.plan_total_yuan));
  }
  return out;
}

core::Result<ScoreResult> score_customers(const Session& s, const ScoreRequest& r) {
  TRY(authorize(s, Permission::kWinbackRead));
  auto data = std::make_shared<ScoreResult::Data>();
  data->desk = TRY(load_desk(s, r.model));
  const Desk& d = data->desk;
  double review_above = TRY(review_threshold(s, d));
  data->blacklisted = d.blacklist.flag_customer_ids(d.churned, &d.customers);
  data->options.calibration = d.models();
  data->options.review_above = review_above;
  data->options.blacklisted_ids = data->blacklisted;
  data->options.hidden_cost = d.programme().hidden_cost_per_case();  // once, not per row shown
  wb::ScoreOptions options = data->options;
  bool filtered = r.tier || r.band || !r.store_code.empty();
  options.top = filtered ? 0 : r.limit;  // a filter looks through the whole ranking
  ScoreResult out;
  out.ranking = wb::score_churned(d.programme(), d.churned, options);
  out.review_above = review_above;
  out.data = std::move(data);
  if (filtered) keep_matching(out, r);
  return out;
}

std::optional<wb::DecisionBand> parse_band(std::string_view token) {
  for (int i = 0; i < wb::kDecisionBandCount; ++i) {
    auto band = static_cast<wb::DecisionBand>(i);
    if (wb::decision_band_token(band) == token) return band;
  }
  return std::nullopt;
}

core::Result<ModelsResult> show_models(const Session& s, const ModelsRequest&) {
  TRY(authorize(s, Permission::kWinbackRead));
  store::Workspace& ws = s.workspace();
  ProgrammeInfo info = TRY(active_programme(ws));
  core::Table history = TRY(ws.load_table(core::TableKind::kWinbackHistory, ""));
  return ModelsResult{info.programme.tag(), wb::calibrate(info.programme, history)};
}

}  // namespace pitwall::app::winback
