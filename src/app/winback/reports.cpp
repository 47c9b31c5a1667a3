#include "app/winback/reports.hpp"

#include <fmt/format.h>

#include "app/permission.hpp"
#include "app/winback/desk.hpp"
#include "app/winback/records.hpp"
#include "io/json/json.hpp"
#include "io/text/iso_time.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::winback {

namespace {

// What every report reads: the programme, its zone and the offers within the scope.
struct ReportBase {
  ProgrammeInfo info;
  const core::TimeZone* zone = nullptr;
  std::vector<wb::Offer> offers;
};

core::Result<ReportBase> load_base(const Session& s) {
  ReportBase b;
  b.info = TRY(active_programme(s.workspace()));
  b.zone = TRY(zone_of(b.info.programme));
  b.offers = TRY(scoped_offers(s));
  return b;
}

wb::YearMonth month_or_now(const Session& s, const ReportBase& b,
                           const std::optional<wb::YearMonth>& month) {
  return month ? *month : wb::month_of(s.now, *b.zone);
}

// The attempts of cohorts and experiments: the history rows within the scope, then every offer
// with an outcome.
core::Result<std::vector<wb::Attempt>> attempts(const Session& s, const ReportBase& b) {
  store::Workspace& ws = s.workspace();
  core::Table stores = TRY(ws.load_table(core::TableKind::kStores, ""));
  core::Table history =
      scoped_rows(TRY(ws.load_table(core::TableKind::kWinbackHistory, "")), stores, scope_of(s));
  auto list = wb::attempts_from_history(b.info.programme, history);
  for (auto& a : wb::attempts_from_offers(b.offers)) list.push_back(std::move(a));
  return list;
}

core::Result<LogEntry> log_entry(const store::LogEntry& stored) {
  auto corrupt = [&] {
    return core::make_error(core::ErrorCode::kCorrupt,
                            fmt::format("decision log entry {} is not as written", stored.seq));
  };
  auto j = io::Json::parse(stored.json);
  if (!j || !j->is_object()) return corrupt();
  auto at = io::parse_iso_instant(j->get_string("at"));
  if (!at) return corrupt();
  LogEntry e;
  e.seq = stored.seq;
  e.at = *at;
  e.by = j->get_string("by");
  e.role = j->get_string("role");
  e.action = j->get_string("action");
  e.offer = j->get_string("offer");
  e.customer = j->get_string("customer");
  if (const io::Json* amount = j->find("amount_fen"); amount && amount->is_number()) {
    e.amount_fen = amount->as_int();
  }
  e.programme = j->get_string("programme");
  e.detail = j->get_string("detail");
  return e;
}

}  // namespace

core::Result<BudgetResult> show_budget(const Session& s, const BudgetRequest& r) {
  TRY(authorize(s, Permission::kWinbackReports));
  ReportBase b = TRY(load_base(s));
  wb::YearMonth month = month_or_now(s, b, r.month);
  const wb::Programme& p = b.info.programme;
  auto monitor = TRY(month_monitor(s.workspace(), p, *b.zone, b.offers, month, s.now));
  return BudgetResult{p, wb::budget_plan(p.budget), monitor};
}

core::Result<OverrideResult> override_month(const Session& s, const OverrideRequest& r) {
  TRY(authorize(s, Permission::kBudgetOverride));
  store::Workspace& ws = s.workspace();
  ProgrammeInfo info = TRY(active_programme(ws));
  const core::TimeZone* zone = TRY(zone_of(info.programme));
  std::string month = wb::format_year_month(r.month);
  std::optional<wb::Refusal> refused;
  auto body = [&]() -> core::Status {
    TRY(authorize_again(s, Permission::kBudgetOverride));
    io::DecisionEntry entry = entry_of(s, "override");
    entry.detail = fmt::format("{}: {}", month, r.reason);
    if (auto existing = TRY(find_override(ws, r.month))) {
      refused =
          wb::Refusal{core::ErrorCode::kConflict, "already_overridden", {month, existing->by}};
      return log_refusal(ws, entry, *refused);
    }
    io::Json record = io::Json::object();
    record.set("month", month).set("by", s.principal.name).set("at", s.now);
    record.set("reason", r.reason);
    TRY(ws.insert_record(kOverrides, month, record.dump(), s.now));
    return log_decision(ws, entry);
  };
  TRY(run_transaction(s, body, refused));
  return OverrideResult{r.month, s.principal.name, s.now, r.reason, zone};
}

core::Result<MonthlyResult> monthly_report(const Session& s, const MonthlyRequest& r) {
  TRY(authorize(s, Permission::kWinbackReports));
  ReportBase b = TRY(load_base(s));
  wb::YearMonth month = month_or_now(s, b, r.month);
  const wb::Programme& p = b.info.programme;
  bool overridden = TRY(find_override(s.workspace(), month)).has_value();
  return MonthlyResult{p, wb::monthly_report(p, b.offers, month, s.now, *b.zone, overridden)};
}

core::Result<AuditResult> quarterly_audit(const Session& s, const AuditRequest& r) {
  TRY(authorize(s, Permission::kWinbackReports));
  ReportBase b = TRY(load_base(s));
  wb::Quarter quarter;
  if (r.quarter) {
    quarter = *r.quarter;
  } else {
    wb::YearMonth m = wb::month_of(s.now, *b.zone);
    quarter = {m.year, (m.month - 1) / 3 + 1};
  }
  const wb::Programme& p = b.info.programme;
  return AuditResult{p, wb::quarterly_audit(p, b.offers, quarter, *b.zone)};
}

core::Result<CohortsResult> cohort_report(const Session& s, const CohortsRequest&) {
  TRY(authorize(s, Permission::kWinbackReports));
  ReportBase b = TRY(load_base(s));
  auto list = TRY(attempts(s, b));
  const wb::Programme& p = b.info.programme;
  return CohortsResult{p, int64_t(list.size()), wb::cohorts(p, list)};
}

core::Result<ExperimentsResult> experiment_report(const Session& s, const ExperimentsRequest& r) {
  TRY(authorize(s, Permission::kWinbackReports));
  ReportBase b = TRY(load_base(s));
  auto list = TRY(attempts(s, b));
  auto report = wb::experiments(list, r.arms, r.baseline);
  if (!report) return std::move(report.error().at_column("--arms"));
  return ExperimentsResult{b.info.programme, std::move(*report)};
}

core::Result<LogResult> decision_log(const Session& s, const LogRequest&) {
  TRY(authorize(s, Permission::kWinbackReports));
  store::Workspace& ws = s.workspace();
  ProgrammeInfo info = TRY(active_programme(ws));
  LogResult out;
  out.zone = TRY(zone_of(info.programme));
  for (const auto& stored : TRY(ws.read_log(kDecisions))) {
    out.entries.push_back(TRY(log_entry(stored)));
  }
  return out;
}

}  // namespace pitwall::app::winback
