#pragma once
// Win-back use cases: the budget and its live monitor, the director's override of a month, the
// reports (monthly analysis, quarterly audit, cohorts, experiments) and the decision log
// (winback.md "Budget", "Reports"). The budget is the network's: these reads need
// kWinbackReports (the network-wide readers hq, finance and director, server.md §2) and cover
// the offers and history within the session's scope (the whole network for those roles).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/winback/budget.hpp"
#include "core/winback/programme.hpp"
#include "core/winback/reports.hpp"

namespace pitwall::app::winback {

namespace wb = core::winback;

// --- budget ---

struct BudgetRequest {
  std::optional<wb::YearMonth> month;  // default: the month at `now` in the programme's zone
};
struct BudgetResult {
  wb::Programme programme;
  wb::BudgetPlan plan;
  wb::BudgetMonitor monitor;
};
core::Result<BudgetResult> show_budget(const Session& s, const BudgetRequest& r);

// --- override (a director lifts a month's limits: the large-approval pause and the budget
// check of new offers) ---

struct OverrideRequest {
  wb::YearMonth month;
  std::string reason;
};
struct OverrideResult {
  wb::YearMonth month;
  std::string by;
  int64_t at = 0;  // UTC seconds
  std::string reason;
  const core::TimeZone* zone = nullptr;
};
// Permission kBudgetOverride. Errors: kForbidden; kConflict when the month was overridden
// already (logged; two directors at once: one succeeds).
core::Result<OverrideResult> override_month(const Session& s, const OverrideRequest& r);

// --- reports ---

struct MonthlyRequest {
  std::optional<wb::YearMonth> month;
};
struct MonthlyResult {
  wb::Programme programme;
  wb::MonthlyReport report;
};
core::Result<MonthlyResult> monthly_report(const Session& s, const MonthlyRequest& r);

struct AuditRequest {
  std::optional<wb::Quarter> quarter;  // default: the quarter at `now`
};
struct AuditResult {
  wb::Programme programme;
  wb::QuarterlyAudit audit;
};
core::Result<AuditResult> quarterly_audit(const Session& s, const AuditRequest& r);

struct CohortsRequest {};
struct CohortsResult {
  wb::Programme programme;
  int64_t attempts = 0;  // history rows plus offers with an outcome
  std::vector<wb::Cohort> cohorts;
};
core::Result<CohortsResult> cohort_report(const Session& s, const CohortsRequest& r);

struct ExperimentsRequest {
  std::vector<std::string> arms;  // only these (empty: all)
  std::string baseline;           // empty: the first arm by name
};
struct ExperimentsResult {
  wb::Programme programme;
  wb::ExperimentReport report;
};
// Errors: kNotFound (field "--arms") when the baseline or a named arm has no attempts.
core::Result<ExperimentsResult> experiment_report(const Session& s, const ExperimentsRequest& r);

// --- the decision log ---

struct LogRequest {};
struct LogEntry {
  int64_t seq = 0;
  int64_t at = 0;  // UTC seconds
  std::string by;
  std::string role;    // role token, or "" (the programme's first records)
  std::string action;  // programme | create | approve | review | reject | release | outcome |
                       // refuse | override
  std::string offer;
  std::string customer;
  std::optional<int64_t> amount_fen;
  std::string programme;
  std::string detail;  // tokens and values (a refusal: its key | args), never translated
};
struct LogResult {
  std::vector<LogEntry> entries;  // in log order
  const core::TimeZone* zone = nullptr;
};
// Errors: kCorrupt naming an entry that is not what was written.
core::Result<LogResult> decision_log(const Session& s, const LogRequest& r);

}  // namespace pitwall::app::winback
