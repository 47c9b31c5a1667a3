#pragma once
// The daily board (红黑榜, supervision.md "Red and black lists"): red and black lists of one
// day, network-wide or for one region, with reasons; network and region figures; the day's
// alerts in scope.
//
// Black list: the lowest-scoring stores among those with at least one concrete failure that
// day (participation below half the target, a failed critical checklist item, a complaint
// burst, a lagging or silent alert); silent stores (no score) rank below every scored store, so
// they come first. Red list: the highest-scoring stores without any failure. A store is never
// on both; each list holds at most min(list_length, floor(n / 2)) of the n stores in scope;
// equal scores are ordered by store code. Reasons are codes with numbers; the faces word them.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/supervision/alerts.hpp"
#include "core/supervision/feeds.hpp"
#include "core/supervision/measures.hpp"

namespace pitwall::core::supervision {

enum class ReasonCode : uint8_t {
  // Failures (black list).
  kLowParticipation,    // value = participation, reference = target
  kLagging,             // value = participation, reference = region median, extra = z
  kCriticalItemFailed,  // word = checklist item
  kComplaintBurst,      // word = complaint category, count = complaints within 24 hours
  kSilent,              // no store-day row for a day that has ended
  kNoScore,             // a row, but no component had data
  // What went well (red list).
  kTopParticipation,  // value = participation (the best in scope)
  kAboveTarget,       // value = participation, reference = target
  kBestImprovement,   // value = points gained on the day before (the best in scope)
  kImproved,          // value = points gained on the day before
  kChecklistPassed,   // count = items passed, of = items checked
  kNoComplaints,      // count = participants
  kTopStaff,          // name = staff, count = closed orders
  kProblemsOnTime,    // count = on time, of = due
  // Components without data (either list).
  kNoEligible,
  kNoCheck,
  kNoComplaintData,
  kNoProblemsDue,
};
std::string_view reason_code_token(ReasonCode c);  // low_participation, lagging, ...
bool is_failure(ReasonCode c);

struct Reason {
  ReasonCode code = ReasonCode::kSilent;
  double value = 0;
  double reference = 0;
  double extra = 0;
  int64_t count = 0;
  int64_t of = 0;
  int word = -1;
  std::string name;
};

struct ListedStore {
  int store = 0;
  std::optional<double> score;      // the day's execution score
  std::optional<double> cum_score;  // cumulative to the day
  std::vector<Reason> reasons;      // failures or praise first, then missing data
};

struct Figures {
  int region = -1;  // -1 = the network
  int64_t stores = 0;
  int64_t reporting = 0;  // sent the day's store-day row
  int64_t silent = 0;
  int64_t executing = 0;  // participation at least half the target
  int64_t eligible = 0, participants = 0, cum_eligible = 0, cum_participants = 0;
  std::optional<double> participation, cum_participation;
  std::optional<int64_t> complaints, cum_complaints;
  std::optional<double> complaint_rate, cum_complaint_rate;  // per 100 participants
  std::optional<double> mean_score;                          // of scored stores, 2 decimals
  int64_t alerts = 0;
};

struct Board {
  int32_t day = 0;
  int region = -1;  // scope: -1 = network
  bool day_ended = false;
  std::vector<ListedStore> red;
  std::vector<ListedStore> black;
  Figures network;
  std::vector<Figures> regions;  // every region (network scope) or the scope's region
  std::vector<Alert> alerts;     // network alerts and the scope's store alerts
};

struct BoardInput {
  int32_t day = 0;
  bool day_ended = false;
  int region = -1;                          // -1 = network
  std::span<const StoreMeasure> today;      // one per store
  std::span<const StoreMeasure> yesterday;  // one per store, or empty on the first day
  std::span<const Alert> alerts;            // the day's alerts (all scopes)
};

Board make_board(const Feeds& feeds, const SupervisionRule& rule, const BoardInput& input);

// Figures of the stores of `region` (-1 = every campaign store) on the day.
Figures figures_of(const Feeds& feeds, const SupervisionRule& rule,
                   std::span<const StoreMeasure> today, std::span<const Alert> alerts, int region);

// The failures of one store on the day (black-list reasons), from its measures and alerts.
std::vector<Reason> failures_of(int store, const StoreMeasure& m, std::span<const Alert> alerts,
                                const SupervisionRule& rule);

}  // namespace pitwall::core::supervision
