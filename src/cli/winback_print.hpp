#pragma once
// Terminal forms of the win-back results (app/winback), worded through the catalogue
// (catalogue_winback.cpp) in the context's language.

#include <string>

#include "app/winback/offers.hpp"
#include "app/winback/programme.hpp"
#include "app/winback/reports.hpp"
#include "app/winback/scoring.hpp"
#include "cli/context.hpp"

namespace pitwall::cli::winback {

namespace wb = core::winback;
namespace use = app::winback;

void print_programme(const Context& ctx, const use::ProgrammeResult& r);
void print_calc(const Context& ctx, const use::CalcResult& r);
// The models in use: `fitted` as fitted on the history, reported as chosen tables for kTable.
void print_models(const Context& ctx, const wb::Calibration& fitted, use::ModelChoice choice);
void print_score(const Context& ctx, const use::ScoreResult& r);
void print_offer(const Context& ctx, const use::OfferResult& r);
void print_offer_list(const Context& ctx, const use::OfferListResult& r);
void print_budget(const Context& ctx, const use::BudgetResult& r);
void print_monthly(const Context& ctx, const use::MonthlyResult& r);
void print_audit(const Context& ctx, const use::AuditResult& r);
void print_cohorts(const Context& ctx, const use::CohortsResult& r);
void print_experiments(const Context& ctx, const use::ExperimentsResult& r);
void print_log(const Context& ctx, const use::LogResult& r);

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
