#include "io/toml/campaign_file.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "io/toml/toml_reader.hpp"
#include "io/tz/tz_database.hpp"

namespace pitwall::io {

namespace {

constexpr int64_t kMaxDays = 3650;

bool is_identifier(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

core::Status read_rules(TomlSection& root, core::Campaign& c) {
  if (auto rebate = TRY(root.section("rebate"))) {
    c.rebate.rate = TRY(rebate->rate("rate", c.rebate.rate));
    c.rebate.per_order = TRY(rebate->money("per_order_yuan", c.rebate.per_order));
    TRY(rebate->finish());
  }
  if (auto split = TRY(root.section("split"))) {
    c.split.inviter = TRY(split->rate("inviter", c.split.inviter));
    c.split.receiver = TRY(split->rate("receiver", c.split.receiver));
    c.split.closer = TRY(split->rate("closer", c.split.closer));
    c.split.missing_role_goes_to = TRY(split->choice(
        "missing_role_goes_to", {"inviter", "receiver", "closer"}, c.split.missing_role_goes_to));
    TRY(split->finish());
  }
  if (auto limits = TRY(root.section("limits"))) {
    c.limits.per_vin = TRY(limits->integer("per_vin", c.limits.per_vin, 0));
    c.limits.per_customer = TRY(limits->integer("per_customer", c.limits.per_customer, 0));
    TRY(limits->finish());
  }
  if (auto v = TRY(root.section("validation"))) {
    c.validation.min_paid = TRY(v->money("min_paid_yuan", c.validation.min_paid));
    c.validation.max_paid = TRY(v->money("max_paid_yuan", c.validation.max_paid));
    c.validation.double_submit_minutes =
        TRY(v->integer("double_submit_minutes", c.validation.double_submit_minutes, 0));
    TRY(v->finish());
  }
  if (auto t = TRY(root.section("test"))) {
    c.test.customer_ids = TRY(t->strings("customer_ids", c.test.customer_ids));
    c.test.staff_ids = TRY(t->strings("staff_ids", c.test.staff_ids));
    c.test.amount = TRY(t->money("amount_yuan", c.test.amount));
    TRY(t->finish());
  }
  if (auto f = TRY(root.section("fraud"))) {
    c.fraud.mass_cancel_min_orders =
        TRY(f->integer("mass_cancel_min_orders", c.fraud.mass_cancel_min_orders, 1));
    c.fraud.mass_cancel_ratio = TRY(f->rate("mass_cancel_ratio", c.fraud.mass_cancel_ratio));
    c.fraud.ring_min_accounts = TRY(f->integer("ring_min_accounts", c.fraud.ring_min_accounts, 2));
    c.fraud.ring_identifiers = TRY(f->strings("ring_identifiers", c.fraud.ring_identifiers,
                                              {"device_id", "payment_account", "address"}));
    c.fraud.stack_return_days = TRY(f->integer("stack_return_days", c.fraud.stack_return_days, 0));
    c.fraud.exclude = TRY(f->strings("exclude", c.fraud.exclude,
                                     {"fraud.mass_cancel", "fraud.ring", "fraud.stack_return"}));
    TRY(f->finish());
  }
  return {};
}

core::Status read_supervision(TomlSection& root, core::Campaign& c) {
  auto s = TRY(root.section("supervision"));
  if (!s) return {};
  auto& sv = c.supervision;
  sv.target_participation = TRY(s->real("target_participation", sv.target_participation, 0, 1));
  sv.list_length = TRY(s->integer("list_length", sv.list_length, 1));
  if (auto w = TRY(s->section("weights"))) {
    sv.weight_participation = TRY(w->real("participation", sv.weight_participation, 0, 1000));
    sv.weight_checklist = TRY(w->real("checklist", sv.weight_checklist, 0, 1000));
    sv.weight_complaints = TRY(w->real("complaints", sv.weight_complaints, 0, 1000));
    sv.weight_problems = TRY(w->real("problems", sv.weight_problems, 0, 1000));
    TRY(w->finish());
  }
  sv.complaint_rate_cap = TRY(s->real("complaint_rate_cap", sv.complaint_rate_cap, 0.0001, 1e9));
  sv.problem_due_hours = TRY(s->integer("problem_due_hours", sv.problem_due_hours, 1));
  sv.critical_items = TRY(s->strings(
      "critical_items", sv.critical_items,
      {"materials", "rules_known", "redemption_system", "gifts_in_stock", "customers_informed"}));
  return s->finish();
}

core::Status read_messages(TomlSection& root, core::Campaign& c) {
  auto m = TRY(root.section("messages"));
  if (!m) return {};
  auto& t = c.messages;
  t.reminder_zh = TRY(m->string("reminder_zh", ""));
  t.reminder_en = TRY(m->string("reminder_en", ""));
  t.thanks_zh = TRY(m->string("thanks_zh", ""));
  t.thanks_en = TRY(m->string("thanks_en", ""));
  t.progress_zh = TRY(m->string("progress_zh", ""));
  t.progress_en = TRY(m->string("progress_en", ""));
  t.store_notice_zh = TRY(m->string("store_notice_zh", ""));
  t.store_notice_en = TRY(m->string("store_notice_en", ""));
  return m->finish();
}

}  // namespace

core::Result<core::Campaign> parse_campaign_file(std::string_view text, std::string_view file) {
  auto doc = TRY(TomlDocument::parse(text, file));
  TomlSection root = doc.root();
  core::Campaign c;
  c.id = TRY(root.required_string("id"));
  if (!is_identifier(c.id)) {
    return root.error_at("id", "toml.bad_campaign_id", {{c.id}},
                         fmt::format("\"{}\" is not a valid campaign id (expected letters, "
                                     "digits and '-', like 2023-spring-renewal)",
                                     c.id));
  }
  c.name = TRY(root.required_string("name"));
  c.timezone = TRY(root.string("timezone", c.timezone));
  auto zone_result = find_time_zone(c.timezone);
  if (!zone_result) {
    const core::Error& z = zone_result.error();
    return root.error_at("timezone", z.key, z.args, z.message);
  }
  const core::TimeZone& zone = **zone_result;
  c.start = TRY(root.required_local_time("start", zone));
  c.end = TRY(root.required_local_time("end", zone));
  if (c.end < c.start) {
    return root.error_at("end", "toml.end_before_start", {},
                         "the campaign ends before it starts (expected end ≥ start)");
  }
  core::CivilTime next_day = core::civil_from_days(zone.local_day(c.end) + 1);
  next_day.hour = 12;
  c.store_review_cutoff = TRY(root.local_time("store_review_cutoff", zone, zone.to_utc(next_day)));
  next_day.hour = 18;
  c.appeal_cutoff = TRY(root.local_time("appeal_cutoff", zone, zone.to_utc(next_day)));
  // At most ten years each: beyond that the window is a mistake (and its end would overflow).
  c.review_days = TRY(root.integer("review_days", c.review_days, 0, kMaxDays));
  c.freeze_days = TRY(root.integer("freeze_days", c.freeze_days, 0, kMaxDays));
  c.cost = TRY(root.money("cost_yuan", c.cost));
  c.default_tax_rate = TRY(root.rate("default_tax_rate", c.default_tax_rate));
  c.settlement_definition = TRY(root.string("settlement_definition", c.settlement_definition));
  c.arbiter = TRY(root.string("arbiter", c.arbiter));
  TRY(read_rules(root, c));
  TRY(read_supervision(root, c));
  TRY(read_messages(root, c));
  TRY(root.finish());
  return c;
}

core::Result<core::MetricDefinition> parse_definition_file(std::string_view text,
                                                           std::string_view file) {
  auto doc = TRY(TomlDocument::parse(text, file));
  TomlSection root = doc.root();
  core::MetricDefinition d;
  d.name = TRY(root.required_string("name"));
  if (!is_identifier(d.name)) {
    return root.error_at("name", "toml.bad_definition_name", {{d.name}},
                         fmt::format("\"{}\" is not a valid definition name (expected "
                                     "letters, digits and '-')",
                                     d.name));
  }
  d.title = TRY(root.string("title", d.name));
  static const std::vector<std::string> kBases = {"created_at", "paid_at", "redeemed_at",
                                                  "recorded_at"};
  std::string basis = TRY(root.required_choice("time_basis", kBases));
  for (size_t i = 0; i < kBases.size(); ++i) {
    if (kBases[i] == basis) d.time_basis = static_cast<core::TimeBasis>(i);
  }
  static const std::vector<std::string> kStatuses = {"created",   "paid",      "redeemed",
                                                     "cancelled", "refunding", "refunded"};
  auto statuses = TRY(root.required_strings("statuses", kStatuses));
  for (const auto& s : statuses) {
    for (size_t i = 0; i < kStatuses.size(); ++i) {
      if (kStatuses[i] == s) d.statuses[i] = true;
    }
  }
  d.cleaned = TRY(root.boolean("cleaned", d.cleaned));
  std::string attribution =
      TRY(root.choice("attribution", {"transacting_store", "home_store"}, "transacting_store"));
  d.attribution = attribution == "home_store" ? core::Attribution::kHomeStore
                                              : core::Attribution::kTransactingStore;
  std::string amount = TRY(root.choice("amount", {"gmv", "received"}, "received"));
  d.amount = amount == "gmv" ? core::AmountBasis::kGmv : core::AmountBasis::kReceived;
  d.tax_inclusive = TRY(root.boolean("tax_inclusive", d.tax_inclusive));
  TRY(root.finish());
  return d;
}

}  // namespace pitwall::io
