#include "core/supervision/timeline.hpp"

#include <algorithm>

namespace pitwall::core::supervision {

Timeline analyse(const Feeds& feeds, std::span<const Problem> problems, const SupervisionRule& rule,
                 int32_t up_to, int64_t now) {
  Timeline t;
  t.first_day = feeds.first_day;
  t.last_day = std::min(up_to, feeds.last_day);
  t.stores = static_cast<int>(feeds.stores.size());
  t.now = now;
  t.measures = measure_days(feeds, problems, rule, t.last_day);
  for (int32_t day = t.first_day; day <= t.last_day; ++day) {
    t.alerts.push_back(detect_alerts(feeds, t.measures_of(day), day, t.day_ended(feeds, day)));
  }
  return t;
}

Board board_of(const Feeds& feeds, const Timeline& timeline, const SupervisionRule& rule,
               int32_t day, int region) {
  BoardInput in;
  in.day = day;
  in.day_ended = timeline.day_ended(feeds, day);
  in.region = region;
  in.today = timeline.measures_of(day);
  if (timeline.has_day(day - 1)) in.yesterday = timeline.measures_of(day - 1);
  in.alerts = timeline.alerts_of(day);
  return make_board(feeds, rule, in);
}

std::vector<TrendPoint> trend_of(const Feeds& feeds, const Timeline& timeline,
                                 const SupervisionRule& rule, int region) {
  std::vector<TrendPoint> out;
  for (int32_t day = timeline.first_day; day <= timeline.last_day; ++day) {
    Board b = board_of(feeds, timeline, rule, day, region);
    TrendPoint p;
    p.day = day;
    p.figures = region < 0 ? b.network : b.regions.front();
    p.red = static_cast<int64_t>(b.red.size());
    p.black = static_cast<int64_t>(b.black.size());
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace pitwall::core::supervision
