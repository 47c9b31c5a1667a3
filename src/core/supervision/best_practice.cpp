#include "core/supervision/best_practice.hpp"

#include <algorithm>

namespace pitwall::core::supervision {

namespace {

struct Pool {
  int64_t eligible = 0, participants = 0;
  void add(const DayRow& row) {
    if (!row.present || row.eligible == kNoInt || row.participants == kNoInt) return;
    eligible += row.eligible;
    participants += row.participants;
  }
  std::optional<double> rate() const {
    return eligible > 0 ? std::optional<double>(static_cast<double>(participants) /
                                                static_cast<double>(eligible))
                        : std::nullopt;
  }
};

// Adds the store's rows of [from, to] to `pool`.
void add_days(const Feeds& feeds, int store, int32_t from, int32_t to, Pool& pool) {
  for (int32_t day = std::max(from, feeds.first_day); day <= std::min(to, feeds.last_day); ++day) {
    pool.add(feeds.row(store, day));
  }
}

}  // namespace

PracticeEffect compare_practice(const Feeds& feeds, const Practice& practice, int32_t up_to_day) {
  PracticeEffect e;
  const int n = static_cast<int>(feeds.stores.size());
  e.campaign_stores = n;
  std::vector<int32_t> adopted_on(n, INT32_MAX);
  int origin = feeds.find_store(practice.store_code);
  for (const Adoption& a : practice.adoptions) {
    int s = feeds.find_store(a.store_code);
    if (s >= 0) adopted_on[s] = std::min(adopted_on[s], a.day);
  }
  if (origin >= 0) adopted_on[origin] = std::min(adopted_on[origin], practice.found_day);
  std::vector<int> others;
  for (int s = 0; s < n; ++s) {
    if (adopted_on[s] == INT32_MAX) {
      others.push_back(s);
    } else {
      ++e.adopters;
    }
  }
  e.non_adopters = static_cast<int64_t>(others.size());
  Pool ab, aa, ob, oa;
  for (int s = 0; s < n; ++s) {
    if (s == origin || adopted_on[s] == INT32_MAX) continue;
    Pool before, after;
    add_days(feeds, s, feeds.first_day, adopted_on[s] - 1, before);
    add_days(feeds, s, adopted_on[s], up_to_day, after);
    if (before.eligible == 0 || after.eligible == 0) continue;
    ++e.compared;
    ab.eligible += before.eligible, ab.participants += before.participants;
    aa.eligible += after.eligible, aa.participants += after.participants;
    for (int o : others) {
      add_days(feeds, o, feeds.first_day, adopted_on[s] - 1, ob);
      add_days(feeds, o, adopted_on[s], up_to_day, oa);
    }
  }
  e.adopters_before = ab.rate();
  e.adopters_after = aa.rate();
  e.others_before = ob.rate();
  e.others_after = oa.rate();
  if (e.adopters_before && e.adopters_after && e.others_before && e.others_after) {
    e.lift_points =
        ((*e.adopters_after - *e.adopters_before) - (*e.others_after - *e.others_before)) * 100.0;
  }
  return e;
}

}  // namespace pitwall::core::supervision
