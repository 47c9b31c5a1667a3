#pragma once
// The win-back reports as sheets for XLSX (winback_sheet.hpp): a one-row "summary" sheet of the
// headline figures and one sheet per table of the report. Column keys are the JSON field names;
// the command line supplies the header texts.

#include <span>
#include <vector>

#include "core/winback/budget.hpp"
#include "core/winback/reports.hpp"
#include "io/report/winback_sheet.hpp"

namespace pitwall::io {

std::vector<Sheet> budget_sheets(const core::winback::BudgetPlan& plan,
                                 const core::winback::BudgetMonitor& monitor);
std::vector<Sheet> monthly_sheets(const core::winback::MonthlyReport& report);
std::vector<Sheet> audit_sheets(const core::winback::QuarterlyAudit& audit);
std::vector<Sheet> cohort_sheets(std::span<const core::winback::Cohort> cohorts);
std::vector<Sheet> experiment_sheets(const core::winback::ExperimentReport& report);

}  // namespace pitwall::io
