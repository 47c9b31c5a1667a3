#pragma once
// Best practices (最佳实践, supervision.md "Best practices"): a practice found at a store (the
// seed's "save 300 + free 18-point safety check" script), the stores that adopted it and when,
// and whether adopters' conversion rose more than non-adopters' over the same days.
//
// Conversion is participants / eligible of the store-day feed. Each adopter's days split at its
// adoption day (before: earlier days; after: that day and later); non-adopters are pooled over
// the same two windows once per adopter, so both groups are compared over the same calendar.
// The difference in differences (after - before of adopters minus that of non-adopters, in
// percentage points) is the practice's lift. The store where the practice was found is left
// out of the comparison (it used the practice before anyone recorded it) but counts as adopted.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/supervision/feeds.hpp"

namespace pitwall::core::supervision {

struct Adoption {
  std::string store_code;
  int32_t day = 0;  // local day the store started using the practice
  std::string by;
  int64_t recorded_at = 0;
};

struct Practice {
  std::string id;  // BP001, ... per campaign
  std::string store_code;
  std::string title;
  std::string text;
  int32_t found_day = 0;
  std::string found_by;
  int64_t recorded_at = 0;
  std::vector<Adoption> adoptions;  // one per store, in the order recorded
};

struct PracticeEffect {
  int64_t campaign_stores = 0;
  int64_t adopters = 0;  // stores using it, the origin included
  int64_t compared = 0;  // adopters with data on both sides of their adoption day
  int64_t non_adopters = 0;
  std::optional<double> adopters_before, adopters_after;  // conversion
  std::optional<double> others_before, others_after;
  std::optional<double> lift_points;  // difference in differences x 100
};

// The effect of `practice` on the store-day figures up to `up_to_day` (inclusive).
PracticeEffect compare_practice(const Feeds& feeds, const Practice& practice, int32_t up_to_day);

}  // namespace pitwall::core::supervision
