#include "core/winback/programme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/base/sha256.hpp"

namespace pitwall::core::winback {

namespace {

std::vector<PlanComponent> default_components(Tier tier) {
  switch (tier) {
    case Tier::kStar:
      return {{"problem_resolution", "emotional", "service"},
              {"vip_lifetime_service", "status", "service"},
              {"personal_butler", "convenience", "service"},
              {"maintenance_voucher", "practical", "cash"},
              {"custom_gift", "emotional", "cash"}};
    case Tier::kPotential:
      return {{"membership_upgrade", "status", "service"},
              {"annual_maintenance_package", "practical", "service"},
              {"priority_service", "convenience", "service"},
              {"medium_voucher", "practical", "cash"}};
    case Tier::kMaintain:
      return {{"maintenance_discount", "practical", "service"},
              {"double_points", "emotional", "service"},
              {"wash_package", "convenience", "service"},
              {"small_voucher", "practical", "cash"}};
    case Tier::kBasic:
      return {{"standard_benefits", "practical", "service"},
              {"self_service", "convenience", "service"},
              {"automated_care", "emotional", "service"},
              {"online_voucher", "practical", "cash"}};
  }
  return {};
}

// Shortest decimal of an amount in yuan: 800, 41666.67, 0.5.
std::string yuan_number(Money m) {
  std::string s = m.to_yuan_string();
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", c);
      continue;
    }
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

template <typename T, typename F>
std::string json_list(const std::vector<T>& items, F each) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    out += each(items[i]);
  }
  return out + "]";
}

// The compact JSON of one field's value.
std::string value_json(const FieldRef& ref) {
  struct Visitor {
    std::string operator()(std::string* v) const { return json_string(*v); }
    std::string operator()(int64_t* v) const { return fmt::format("{}", *v); }
    std::string operator()(double* v) const { return fmt::format("{}", *v); }
    std::string operator()(Rate* v) const { return v->to_string(); }
    std::string operator()(Money* v) const { return yuan_number(*v); }
    std::string operator()(std::optional<Money>* v) const { return *v ? yuan_number(**v) : "null"; }
    std::string operator()(std::optional<int64_t>* v) const {
      return *v ? fmt::format("{}", **v) : "null";
    }
    std::string operator()(std::vector<double>* v) const {
      return json_list(*v, [](double d) { return fmt::format("{}", d); });
    }
    std::string operator()(std::vector<Rate>* v) const {
      return json_list(*v, [](Rate r) { return r.to_string(); });
    }
    std::string operator()(std::vector<Tier>* v) const {
      return json_list(*v, [](Tier t) { return json_string(tier_token(t)); });
    }
    std::string operator()(std::vector<PlanComponent>* v) const {
      return json_list(*v, [](const PlanComponent& c) {
        return fmt::format("{{\"account\":{},\"kind\":{},\"name\":{}}}", json_string(c.account),
                           json_string(c.kind), json_string(c.name));
      });
    }
  };
  return std::visit(Visitor{}, ref);
}

#define PW_FIELD(path, expr)                               \
  ProgrammeField {                                         \
    path, [](Programme& p) -> FieldRef { return &(expr); } \
  }

std::vector<ProgrammeField> make_fields() {
  std::vector<ProgrammeField> f = {
      PW_FIELD("timezone", p.timezone),
      PW_FIELD("lifetime_years", p.lifetime_years),
      PW_FIELD("default_margin", p.default_margin),
      PW_FIELD("acquisition_cost_yuan", p.acquisition_cost),
      PW_FIELD("tiers.star_above_yuan", p.tiers.star_above),
      PW_FIELD("tiers.potential_from_yuan", p.tiers.potential_from),
      PW_FIELD("tiers.maintain_from_yuan", p.tiers.maintain_from),
      PW_FIELD("tiers.cap_share.star", p.tiers.cap_share[0]),
      PW_FIELD("tiers.cap_share.potential", p.tiers.cap_share[1]),
      PW_FIELD("tiers.cap_share.maintain", p.tiers.cap_share[2]),
      PW_FIELD("tiers.cap_share.basic", p.tiers.cap_share[3]),
      PW_FIELD("tiers.target_roi.star", p.tiers.target_roi[0]),
      PW_FIELD("tiers.target_roi.potential", p.tiers.target_roi[1]),
      PW_FIELD("tiers.target_roi.maintain", p.tiers.target_roi[2]),
      PW_FIELD("tiers.target_roi.basic", p.tiers.target_roi[3]),
      PW_FIELD("tiers.deep_churn_months", p.tiers.deep_churn_months),
      PW_FIELD("tiers.deep_churn_cap_share", p.tiers.deep_churn_cap_share),
      PW_FIELD("tiers.deep_churn_tiers", p.tiers.deep_churn_tiers),
      PW_FIELD("tiers.clv_cap_share", p.tiers.clv_cap_share),
      PW_FIELD("tiers.koc_clv_cap_share", p.tiers.koc_clv_cap_share),
      PW_FIELD("success.months", p.success.months),
      PW_FIELD("success.base", p.success.base),
      PW_FIELD("success.reason.service", p.success.reason[0]),
      PW_FIELD("success.reason.price", p.success.reason[1]),
      PW_FIELD("success.reason.convenience", p.success.reason[2]),
      PW_FIELD("success.reason.other", p.success.reason[3]),
      PW_FIELD("success.influence.koc", p.success.influence[0]),
      PW_FIELD("success.influence.club", p.success.influence[1]),
      PW_FIELD("success.influence.regular", p.success.influence[2]),
      PW_FIELD("retention.base", p.retention.base),
      PW_FIELD("retention.service_bonus", p.retention.service_bonus),
      PW_FIELD("score.weights.value", p.score.value_weight),
      PW_FIELD("score.weights.success", p.score.success_weight),
      PW_FIELD("score.weights.retention", p.score.retention_weight),
      PW_FIELD("score.weights.influence", p.score.influence_weight),
      PW_FIELD("score.value_scale_yuan", p.score.value_scale),
      PW_FIELD("score.influence.koc", p.score.influence_value[0]),
      PW_FIELD("score.influence.club", p.score.influence_value[1]),
      PW_FIELD("score.influence.regular", p.score.influence_value[2]),
      PW_FIELD("score.bands.high_above", p.score.high_above),
      PW_FIELD("score.bands.standard_from", p.score.standard_from),
      PW_FIELD("score.bands.low_cost_from", p.score.low_cost_from),
      PW_FIELD("roi.bands.strong_above", p.roi.strong_above),
      PW_FIELD("roi.bands.recommend_from", p.roi.recommend_from),
      PW_FIELD("roi.bands.cautious_from", p.roi.cautious_from),
      PW_FIELD("abuse.weights.visits", p.abuse.weight[0]),
      PW_FIELD("abuse.weights.spend", p.abuse.weight[1]),
      PW_FIELD("abuse.weights.booking", p.abuse.weight[2]),
      PW_FIELD("abuse.weights.communication", p.abuse.weight[3]),
      PW_FIELD("abuse.weights.data", p.abuse.weight[4]),
      PW_FIELD("abuse.visits_normal", p.abuse.visits_normal),
      PW_FIELD("abuse.visits_abuser", p.abuse.visits_abuser),
      PW_FIELD("abuse.booking_normal_days", p.abuse.booking_normal_days),
      PW_FIELD("abuse.booking_abuser_days", p.abuse.booking_abuser_days),
      PW_FIELD("abuse.review_above", p.abuse.review_above),
      PW_FIELD("abuse.surge_review_above", p.abuse.surge_review_above),
      PW_FIELD("plan.service_share", p.plan.service_share),
      PW_FIELD("plan.cash_share", p.plan.cash_share),
      PW_FIELD("plan.release_shares", p.plan.release_shares),
      PW_FIELD("plan.second_visit_months", p.plan.second_visit_months),
      PW_FIELD("plan.loyalty_spend_yuan", p.plan.loyalty_spend),
      PW_FIELD("plan.loyalty_months", p.plan.loyalty_months),
      PW_FIELD("plan.regular_visits", p.plan.regular_visits),
      PW_FIELD("plan.low_cost_max_yuan", p.plan.low_cost_max),
      PW_FIELD("plan.components.star", p.plan.components[0]),
      PW_FIELD("plan.components.potential", p.plan.components[1]),
      PW_FIELD("plan.components.maintain", p.plan.components[2]),
      PW_FIELD("plan.components.basic", p.plan.components[3]),
      PW_FIELD("approval.store_manager_from_yuan", p.approval.store_manager_from),
      PW_FIELD("approval.region_from_yuan", p.approval.region_from),
      PW_FIELD("approval.director_above_yuan", p.approval.director_above),
      PW_FIELD("approval.review_from_yuan", p.approval.review_from),
      PW_FIELD("cost.service_hourly_yuan", p.cost.service_hourly),
      PW_FIELD("cost.service_hours", p.cost.service_hours),
      PW_FIELD("cost.manager_hourly_yuan", p.cost.manager_hourly),
      PW_FIELD("cost.manager_hours", p.cost.manager_hours),
      PW_FIELD("cost.technician_hourly_yuan", p.cost.technician_hourly),
      PW_FIELD("cost.technician_hours", p.cost.technician_hours),
      PW_FIELD("cost.system_yuan", p.cost.system),
      PW_FIELD("cost.analysis_yuan", p.cost.analysis),
      PW_FIELD("cost.training_yuan", p.cost.training),
      PW_FIELD("cost.management_yuan", p.cost.management),
      PW_FIELD("cost.opportunity_yuan", p.cost.opportunity),
      PW_FIELD("budget.customers", p.budget.customers),
      PW_FIELD("budget.churn_rate", p.budget.churn_rate),
      PW_FIELD("budget.target_winback_rate", p.budget.target_winback_rate),
      PW_FIELD("budget.average_cost_yuan", p.budget.average_cost),
      PW_FIELD("budget.monthly_yuan", p.budget.monthly),
      PW_FIELD("budget.monthly_target", p.budget.monthly_target),
      PW_FIELD("alerts.overrun_usage", p.alerts.overrun_usage),
      PW_FIELD("alerts.low_success", p.alerts.low_success),
      PW_FIELD("alerts.abuser_share", p.alerts.abuser_share),
      PW_FIELD("alerts.surge_target_multiple", p.alerts.surge_target_multiple),
      PW_FIELD("alerts.rechurn", p.alerts.rechurn),
      PW_FIELD("audit.budget_deviation", p.audit.budget_deviation),
      PW_FIELD("audit.success", p.audit.success),
      PW_FIELD("audit.retention", p.audit.retention),
      PW_FIELD("audit.high_value_share", p.audit.high_value_share),
      PW_FIELD("audit.abuser_share", p.audit.abuser_share),
      PW_FIELD("audit.roi", p.audit.roi),
      PW_FIELD("audit.high_value_tiers", p.audit.high_value_tiers),
      PW_FIELD("calibration.min_rows", p.calibration.min_rows),
      PW_FIELD("calibration.holdout_share", p.calibration.holdout_share),
      PW_FIELD("calibration.l2", p.calibration.l2),
  };
  std::sort(f.begin(), f.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return f;
}
#undef PW_FIELD

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (true) {
    size_t e = path.find('.', i);
    parts.push_back(path.substr(i, e == std::string_view::npos ? e : e - i));
    if (e == std::string_view::npos) return parts;
    i = e + 1;
  }
}

}  // namespace

std::string_view indicator_token(Indicator i) {
  static constexpr std::array<std::string_view, kIndicatorCount> kTokens = {
      "visits", "spend", "booking", "communication", "data"};
  return kTokens[static_cast<size_t>(i)];
}

Programme::Programme() {
  for (int t = 0; t < kTierCount; ++t) plan.components[t] = default_components(Tier(t));
}

std::span<const ProgrammeField> programme_fields() {
  static const std::vector<ProgrammeField> kFields = make_fields();
  return kFields;
}

const ProgrammeField* find_programme_field(std::string_view path) {
  auto fields = programme_fields();
  auto it =
      std::lower_bound(fields.begin(), fields.end(), path,
                       [](const ProgrammeField& f, std::string_view p) { return f.path < p; });
  return it != fields.end() && it->path == path ? &*it : nullptr;
}

bool is_programme_table(std::string_view path) {
  std::string prefix = std::string(path) + ".";
  for (const auto& f : programme_fields()) {
    if (f.path.starts_with(prefix)) return true;
  }
  return false;
}

std::string Programme::normalised_json() const {
  // Paths are sorted and '.' sorts before every key character, so a walk in path order opens
  // and closes nested objects in key order.
  Programme copy = *this;
  std::string out = "{";
  std::vector<std::string_view> open;  // segments of the objects currently open
  bool first_in_object = true;
  for (const auto& field : programme_fields()) {
    auto parts = split_path(field.path);
    size_t keep = 0;
    while (keep < open.size() && keep + 1 < parts.size() && open[keep] == parts[keep]) ++keep;
    while (open.size() > keep) {
      out.push_back('}');
      open.pop_back();
      first_in_object = false;
    }
    for (size_t i = keep; i + 1 < parts.size(); ++i) {
      if (!first_in_object) out.push_back(',');
      out += json_string(parts[i]) + ":{";
      open.push_back(parts[i]);
      first_in_object = true;
    }
    if (!first_in_object) out.push_back(',');
    out += json_string(parts.back()) + ":" + value_json(field.ref(copy));
    first_in_object = false;
  }
  out.append(open.size(), '}');
  return out + "}";
}

std::string Programme::version() const { return sha256_hex(normalised_json()).substr(0, 6); }

std::string Programme::tag() const { return fmt::format("{}@{}", id, version()); }

Money Programme::hidden_cost_per_case() const {
  Money hours = cost.service_hours.apply(cost.service_hourly) +
                cost.manager_hours.apply(cost.manager_hourly) +
                cost.technician_hours.apply(cost.technician_hourly);
  return hours + cost.system + cost.analysis + cost.training + cost.management + cost.opportunity;
}

// --- Validation ---
//
// Each refusal is a catalogue key (app/i18n/catalogue_winback.cpp, "winback.programme.<what>")
// with its arguments and the English wording beside it; the key's path is the error's column, to
// which the file reader adds the file and the line.

namespace {

Error bad(std::string_view path, std::string key, std::vector<MessageArg> args,
          std::string english) {
  Error e =
      keyed_error(ErrorCode::kInvalidInput, std::move(key), std::move(args), std::move(english));
  e.at_column(std::string(path));
  return e;
}

// "must be 0 or more, found -3".
Error negative(std::string_view path, std::string found) {
  return bad(path, "winback.programme.negative", {{found}},
             fmt::format("must be 0 or more, found {}", found));
}

// "must satisfy a <= b <= c": the relation among keys that does not hold.
Error out_of_order(std::string_view path, std::string relation) {
  return bad(path, "winback.programme.order", {{relation}},
             fmt::format("the values must satisfy {}", relation));
}

Status check_probability(std::string_view path, double v) {
  if (!(v >= -1.0 && v <= 1.0)) {
    return bad(path, "winback.programme.adjustment", {{fmt::format("{}", v)}},
               fmt::format("expected a number from -1 to 1, found {}", v));
  }
  return {};
}

Status check_non_negative(std::string_view path, double v) {
  if (!(v >= 0) || !std::isfinite(v)) return negative(path, fmt::format("{}", v));
  return {};
}

Status check_money(std::string_view path, Money m) {
  if (m.fen() < 0) return negative(path, m.to_yuan_string());
  return {};
}

Status check_unit(std::string_view path, std::string shown, bool inside) {
  if (inside) return {};
  return bad(path, "winback.programme.unit", {{shown}},
             fmt::format("expected a value from 0 to 1, found {}", shown));
}

Status check_shares_sum(std::string_view path, const std::vector<Rate>& shares) {
  int64_t sum = 0;
  for (Rate r : shares) {
    if (r.basis() < 0) return negative(path, r.to_string());
    sum += r.basis();
  }
  if (sum != Rate::kScale) {
    std::string shown = Rate::from_basis(sum).to_string();
    return bad(path, "winback.programme.shares_sum", {{shown}},
               fmt::format("the shares sum to {}, expected exactly 1", shown));
  }
  return {};
}

Status validate_success(const Programme& p) {
  const auto& s = p.success;
  if (s.base.size() != s.months.size() + 1) {
    std::string given = fmt::format("{}", s.base.size());
    std::string wanted = fmt::format("{}", s.months.size() + 1);
    return bad("success.base", "winback.programme.base_count", {{given}, {wanted}},
               fmt::format("{} values given, expected {} (one per month band of success.months "
                           "and one beyond the last)",
                           given, wanted));
  }
  for (size_t i = 0; i < s.months.size(); ++i) {
    TRY(check_non_negative("success.months", s.months[i]));
    if (i > 0 && !(s.months[i] > s.months[i - 1])) {
      std::string pair = fmt::format("{}, {}", s.months[i - 1], s.months[i]);
      return bad("success.months", "winback.programme.months_increase", {{pair}},
                 fmt::format("the month bounds must increase, found {}", pair));
    }
  }
  for (double b : s.base) TRY(check_unit("success.base", fmt::format("{}", b), b >= 0 && b <= 1));
  for (double r : s.reason) TRY(check_probability("success.reason", r));
  for (double r : s.influence) TRY(check_probability("success.influence", r));
  return {};
}

bool is_mental_account(std::string_view account) {
  for (auto a : kMentalAccounts) {
    if (a == account) return true;
  }
  return false;
}

Status validate_tiers(const Programme& p) {
  const auto& t = p.tiers;
  if (!(t.maintain_from < t.potential_from && t.potential_from <= t.star_above)) {
    return out_of_order("tiers.potential_from_yuan",
                        "maintain_from_yuan < potential_from_yuan <= star_above_yuan");
  }
  TRY(check_money("tiers.maintain_from_yuan", t.maintain_from));
  for (int i = 0; i < kTierCount; ++i) {
    Rate r = t.cap_share[i];
    TRY(check_unit(fmt::format("tiers.cap_share.{}", tier_token(Tier(i))), r.to_string(),
                   r.basis() >= 0 && r.basis() <= Rate::kScale));
  }
  TRY(check_non_negative("tiers.clv_cap_share", t.clv_cap_share));
  TRY(check_non_negative("tiers.koc_clv_cap_share", t.koc_clv_cap_share));
  TRY(check_non_negative("tiers.deep_churn_months", t.deep_churn_months));
  return {};
}

Status validate_component(const std::string& path, const PlanComponent& c) {
  if (c.kind != "service" && c.kind != "cash") {
    return bad(path, "winback.programme.component_kind", {{c.kind}},
               fmt::format("kind \"{}\" is not one of service or cash", c.kind));
  }
  if (c.name.empty()) {
    return bad(path, "winback.programme.component_name", {}, "a component without a name");
  }
  if (!is_mental_account(c.account)) {
    return bad(path, "winback.programme.component_account", {{c.account}},
               fmt::format("account \"{}\" is not one of practical, convenience, status, safety "
                           "or emotional",
                           c.account));
  }
  return {};
}

Status validate_plan(const Programme& p) {
  TRY(check_shares_sum("plan.release_shares", p.plan.release_shares));
  TRY(check_shares_sum("plan.service_share", {p.plan.service_share, p.plan.cash_share}));
  if (p.plan.release_shares.size() != 3) {
    std::string given = fmt::format("{}", p.plan.release_shares.size());
    return bad("plan.release_shares", "winback.programme.release_count", {{given}},
               fmt::format("{} shares given, expected 3: return, second visit, loyal", given));
  }
  for (int t = 0; t < kTierCount; ++t) {
    std::string path = fmt::format("plan.components.{}", tier_token(Tier(t)));
    bool service = false;
    bool cash = false;
    for (const auto& c : p.plan.components[t]) {
      TRY(validate_component(path, c));
      (c.kind == "service" ? service : cash) = true;
    }
    if (!service || !cash) {
      return bad(path, "winback.programme.component_mix", {},
                 "needs at least one service and one cash component");
    }
  }
  const auto& plan = p.plan;
  for (auto [path, months] : {std::pair{"plan.second_visit_months", plan.second_visit_months},
                              std::pair{"plan.loyalty_months", plan.loyalty_months}}) {
    if (months < 1) {
      return bad(path, "winback.programme.at_least", {{"1"}, {fmt::format("{}", months)}},
                 fmt::format("must be 1 or more, found {}", months));
    }
  }
  if (plan.regular_visits < 0) {
    return negative("plan.regular_visits", fmt::format("{}", plan.regular_visits));
  }
  return {};
}

Status validate_abuse_and_calibration(const Programme& p) {
  for (int i = 0; i < kIndicatorCount; ++i) {
    TRY(check_non_negative(fmt::format("abuse.weights.{}", indicator_token(Indicator(i))),
                           p.abuse.weight[i]));
  }
  if (!(p.abuse.visits_abuser < p.abuse.visits_normal)) {
    return out_of_order("abuse.visits_abuser", "visits_abuser < visits_normal");
  }
  if (!(p.abuse.booking_abuser_days < p.abuse.booking_normal_days)) {
    return out_of_order("abuse.booking_abuser_days", "booking_abuser_days < booking_normal_days");
  }
  const auto& c = p.calibration;
  if (!(c.holdout_share > 0 && c.holdout_share < 1)) {
    std::string found = fmt::format("{}", c.holdout_share);
    return bad("calibration.holdout_share", "winback.programme.open_unit", {{found}},
               fmt::format("expected a value above 0 and below 1, found {}", found));
  }
  if (c.min_rows < 10) {
    return bad("calibration.min_rows", "winback.programme.at_least",
               {{"10"}, {fmt::format("{}", c.min_rows)}},
               fmt::format("must be 10 or more, found {}", c.min_rows));
  }
  TRY(check_non_negative("calibration.l2", c.l2));
  return {};
}

Status validate_rest(const Programme& p) {
  if (p.lifetime_years < 1 || p.lifetime_years > 100) {
    std::string found = fmt::format("{}", p.lifetime_years);
    return bad("lifetime_years", "winback.programme.lifetime", {{found}},
               fmt::format("expected 1 to 100 years, found {}", found));
  }
  const auto& a = p.approval;
  if (!(a.store_manager_from <= a.region_from && a.region_from <= a.director_above)) {
    return out_of_order("approval.region_from_yuan",
                        "store_manager_from_yuan <= region_from_yuan <= director_above_yuan");
  }
  if (p.budget.customers < 0) {
    return negative("budget.customers", fmt::format("{}", p.budget.customers));
  }
  const auto& s = p.score;
  if (!(s.low_cost_from <= s.standard_from && s.standard_from <= s.high_above)) {
    return out_of_order("score.bands", "low_cost_from <= standard_from <= high_above");
  }
  if (!(p.roi.cautious_from <= p.roi.recommend_from &&
        p.roi.recommend_from <= p.roi.strong_above)) {
    return out_of_order("roi.bands", "cautious_from <= recommend_from <= strong_above");
  }
  if (s.value_scale.fen() <= 0) {
    std::string found = s.value_scale.to_yuan_string();
    return bad("score.value_scale_yuan", "winback.programme.positive", {{found}},
               fmt::format("must be above 0, found {}", found));
  }
  return validate_abuse_and_calibration(p);
}

}  // namespace

Status validate_programme(const Programme& p) {
  if (p.id.empty()) {
    return bad("id", "winback.programme.id_empty", {}, "the programme id is empty");
  }
  for (char ch : p.id) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_';
    if (!ok) {
      return bad(
          "id", "winback.programme.id_letters", {{p.id}},
          fmt::format("\"{}\" is not a programme id (expected letters, digits, '-' or '_')", p.id));
    }
  }
  TRY(validate_tiers(p));
  TRY(validate_success(p));
  TRY(validate_plan(p));
  TRY(validate_rest(p));
  return {};
}

}  // namespace pitwall::core::winback
