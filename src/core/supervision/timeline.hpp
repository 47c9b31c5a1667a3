#pragma once
// Timeline: the measures and alerts of every campaign day up to a day, computed once, from
// which the daily board, the trend and the review report are read.

#include <cstdint>
#include <span>
#include <vector>

#include "core/supervision/alerts.hpp"
#include "core/supervision/board.hpp"
#include "core/supervision/feeds.hpp"
#include "core/supervision/measures.hpp"
#include "core/supervision/problem.hpp"

namespace pitwall::core::supervision {

struct Timeline {
  int32_t first_day = 0;
  int32_t last_day = 0;  // analysed up to this day (inclusive); < first_day when none
  int stores = 0;
  int64_t now = 0;
  std::vector<StoreMeasure> measures;      // [(day - first_day) * stores + store]
  std::vector<std::vector<Alert>> alerts;  // [day - first_day]

  bool has_day(int32_t day) const { return day >= first_day && day <= last_day; }
  std::span<const StoreMeasure> measures_of(int32_t day) const {
    return {measures.data() + static_cast<size_t>(day - first_day) * stores,
            static_cast<size_t>(stores)};
  }
  std::span<const Alert> alerts_of(int32_t day) const { return alerts[day - first_day]; }
  // Whether `day` has ended at `now` (a missing row then makes a store silent).
  bool day_ended(const Feeds& feeds, int32_t day) const { return now > feeds.day_end(day); }
};

// Measures and alerts of every campaign day from the first to `up_to` (clamped to the
// campaign's days).
Timeline analyse(const Feeds& feeds, std::span<const Problem> problems, const SupervisionRule& rule,
                 int32_t up_to, int64_t now);

// The board of one analysed day, network-wide (region -1) or for one region.
Board board_of(const Feeds& feeds, const Timeline& timeline, const SupervisionRule& rule,
               int32_t day, int region);

// The network's (or a region's) figures and list sizes by day (supervision.md "Trend").
struct TrendPoint {
  int32_t day = 0;
  Figures figures;
  int64_t red = 0;
  int64_t black = 0;
};
std::vector<TrendPoint> trend_of(const Feeds& feeds, const Timeline& timeline,
                                 const SupervisionRule& rule, int region);

}  // namespace pitwall::core::supervision
