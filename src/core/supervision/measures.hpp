#pragma once
// Measures (supervision.md "Measures"): participation rate, checklist pass rate, complaint rate
// and the execution score of every campaign store, per day and cumulative to that day.
//
// The execution score is 0-100 = 40 x min(participation / target, 1) + 30 x checklist pass
// rate + 20 x (1 - min(complaint rate / cap, 1)) + 10 x share of problems closed on time, with
// the campaign's weights. A component without data drops out and the others are scaled up to
// 100; with none left the store has no score (it is silent). Nothing divides by zero: a store
// with 0 eligible customers has no participation rate. Scores are rounded half away from zero
// to 2 decimals before anyone ranks them (vector S4: exactly 71.00).

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/model/campaign.hpp"
#include "core/supervision/feeds.hpp"
#include "core/supervision/problem.hpp"

namespace pitwall::core::supervision {

enum Part : int { kParticipationPart, kChecklistPart, kComplaintsPart, kProblemsPart };
inline constexpr int kPartCount = 4;

// Each component in [0, 1]; nullopt = no data, the component drops out.
using Components = std::array<std::optional<double>, kPartCount>;

// `value` rounded half away from zero to `places` decimals, as a person rounds the decimal
// number: the binary noise of the computation (29.999...96 for 30) is removed first at
// 10^-(places + 4).
double round_half_away(double value, int places);

// min(participation / target, 1); nullopt without a participation rate.
std::optional<double> participation_part(std::optional<double> participation, double target);
// 1 - min(rate / cap, 1) with rate = complaints per 100 participants. With 0 participants,
// complaints zero the component and no complaints drop it; unknown complaints drop it.
std::optional<double> complaints_part(std::optional<int64_t> complaints, int64_t participants,
                                      double cap);
// Share of problems closed on time among those due; nullopt when none is due.
std::optional<double> problems_part(int64_t on_time, int64_t due);

// The score of the present components, rescaled to the weights present, rounded to 2
// decimals; nullopt when no component (or only zero weights) is present.
std::optional<double> execution_score(const Components& parts, const SupervisionRule& rule);

// One store on one day.
struct StoreMeasure {
  bool reported = false;                               // a store-day row exists for the day
  int64_t eligible = 0, participants = 0, orders = 0;  // the day's figures (empty = 0)
  int64_t cum_eligible = 0, cum_participants = 0, cum_orders = 0;
  std::optional<double> participation, cum_participation;    // participants / eligible
  std::optional<int64_t> complaints, cum_complaints;         // unknown without a source
  std::optional<double> complaint_rate, cum_complaint_rate;  // per 100 participants
  int check = -1;                   // index into Feeds::checks of the latest check, or -1
  std::optional<double> checklist;  // pass rate of that check
  int64_t problems_due = 0, problems_on_time = 0;
  Components parts, cum_parts;
  std::optional<double> score, cum_score;  // rounded to 2 decimals
};

// Measures of every store on every campaign day up to `last_day` (inclusive; at most the
// campaign's last day): result[(day - first_day) * stores + store]. Complaints come from the
// complaints feed when it was imported, else from the store-day figures.
std::vector<StoreMeasure> measure_days(const Feeds& feeds, std::span<const Problem> problems,
                                       const SupervisionRule& rule, int32_t last_day);

}  // namespace pitwall::core::supervision
