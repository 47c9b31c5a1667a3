#pragma once
// Terminal forms of the win-back results (winback_cmd.cpp), worded through the catalogue
// (catalogue_winback.cpp) in the context's language.

#include <span>

#include "cli/context.hpp"
#include "cli/winback_desk.hpp"
#include "core/winback/evaluation.hpp"
#include "core/winback/reports.hpp"

namespace pitwall::cli::winback {

void print_calc(const Context& ctx, const wb::Programme& programme, const wb::CustomerInput& in,
                const wb::Evaluation& e);
void print_models(const Context& ctx, const wb::Calibration& c, ModelChoice choice);
void print_score(const Context& ctx, const DeskData& d, const wb::Ranking& ranking,
                 const wb::ScoreOptions& options, size_t limit);
void print_offer(const Context& ctx, const wb::Offer& offer, const core::TimeZone& zone);
void print_offer_list(const Context& ctx, std::span<const wb::Offer> offers);
void print_budget(const Context& ctx, const wb::Programme& programme, const wb::BudgetPlan& plan,
                  const wb::BudgetMonitor& m);
void print_monthly(const Context& ctx, const wb::Programme& programme, const wb::MonthlyReport& r);
void print_audit(const Context& ctx, const wb::Programme& programme, const wb::QuarterlyAudit& a);
void print_cohorts(const Context& ctx, const wb::Programme& programme,
                   std::span<const wb::Cohort> cohorts, size_t attempts);
void print_experiments(const Context& ctx, const wb::Programme& programme,
                       const wb::ExperimentReport& r);

// "55.00%" of a share; "-" for NaN.
std::string percent(double share);
// "+5.00%"; "-" for NaN.
std::string signed_percent(double share);
// "9,152.34" of a model value in yuan; "-" for NaN.
std::string yuan(double value);
// "1,800.00"
std::string money(core::Money m);
// "0.6550"; "-" for NaN.
std::string fixed4(double value);
// The catalogue word "winback.<group>.<token>".
std::string word(const Context& ctx, std::string_view group, std::string_view token);
// The in-person review reasons of ReviewReason bits, or "none".
std::string review_text(const Context& ctx, uint8_t bits);
// The approver and the attachment it requires.
std::string approver_text(const Context& ctx, wb::Approver a);

}  // namespace pitwall::cli::winback
