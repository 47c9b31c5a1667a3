#pragma once
// Review (复盘报告, supervision.md "Review report"), on D+1: targets vs actual, the red and black
// history, problems and closing times, incidents, best practices, stores that never executed.
//
// A store executed on a day when its participation reached half the target (the black-list
// threshold); it never executed when that happened on no analysed day. The core assembles
// numbers only; io/report lays them out (XLSX, HTML) and the faces word them.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/supervision/best_practice.hpp"
#include "core/supervision/board.hpp"
#include "core/supervision/decay.hpp"
#include "core/supervision/problem.hpp"
#include "core/supervision/timeline.hpp"

namespace pitwall::core::supervision {

struct ReviewDay {
  int32_t day = 0;
  Figures network;       // the day's figures
  std::vector<int> red;  // stores, in list order
  std::vector<int> black;
  std::vector<Alert> network_alerts;  // incidents and network-wide bursts
  int64_t alerts = 0;                 // every alert of the day
  int64_t alerts_by_kind[6] = {};     // by AlertKind
};

struct StoreHistory {
  int store = 0;
  int64_t red_days = 0;
  int64_t black_days = 0;
  int64_t silent_days = 0;
  int64_t executed_days = 0;  // participation at least half the target
  std::optional<double> cum_participation;
  std::optional<double> cum_score;
};

struct PracticeReview {
  const Practice* practice = nullptr;
  PracticeEffect effect;
};

struct Review {
  int32_t first_day = 0;
  int32_t last_day = 0;  // the last analysed day
  int64_t now = 0;       // the clock of the analysis (overdue problems)
  double target = 0;
  Figures network;               // cumulative figures at the last day
  std::vector<Figures> regions;  // the same per region
  int64_t stores_executing = 0;  // cumulative participation at least half the target
  std::vector<ReviewDay> days;
  std::vector<StoreHistory> stores;      // by store code
  std::vector<int> never_executed;       // by store code
  std::vector<const Problem*> problems;  // by id
  ProblemStats problem_stats;
  std::vector<PracticeReview> practices;
  std::optional<DecayReport> decay;
};

// The review of the analysed days. `practices` and `problems` must outlive the result.
Review make_review(const Feeds& feeds, const Timeline& timeline, const SupervisionRule& rule,
                   std::span<const Problem> problems, std::span<const Practice> practices,
                   std::optional<DecayReport> decay);

}  // namespace pitwall::core::supervision
