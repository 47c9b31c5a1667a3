#include "core/supervision/review.hpp"

#include <algorithm>

namespace pitwall::core::supervision {

namespace {

ReviewDay review_day(const Feeds& feeds, const Timeline& timeline, const SupervisionRule& rule,
                     int32_t day, std::vector<StoreHistory>& stores) {
  Board board = board_of(feeds, timeline, rule, day, -1);
  ReviewDay d;
  d.day = day;
  d.network = board.network;
  for (const ListedStore& l : board.red) {
    d.red.push_back(l.store);
    ++stores[l.store].red_days;
  }
  for (const ListedStore& l : board.black) {
    d.black.push_back(l.store);
    ++stores[l.store].black_days;
  }
  for (const Alert& a : timeline.alerts_of(day)) {
    ++d.alerts;
    ++d.alerts_by_kind[static_cast<int>(a.kind)];
    if (a.store < 0) d.network_alerts.push_back(a);
    if (a.kind == AlertKind::kSilent) ++stores[a.store].silent_days;
  }
  auto measures = timeline.measures_of(day);
  for (size_t s = 0; s < measures.size(); ++s) {
    const auto& p = measures[s].participation;
    if (p && *p >= rule.target_participation / 2) ++stores[s].executed_days;
  }
  return d;
}

}  // namespace

Review make_review(const Feeds& feeds, const Timeline& timeline, const SupervisionRule& rule,
                   std::span<const Problem> problems, std::span<const Practice> practices,
                   std::optional<DecayReport> decay) {
  Review r;
  r.first_day = timeline.first_day;
  r.last_day = timeline.last_day;
  r.now = timeline.now;
  r.target = rule.target_participation;
  r.stores.resize(feeds.stores.size());
  for (size_t s = 0; s < r.stores.size(); ++s) r.stores[s].store = static_cast<int>(s);
  for (int32_t day = timeline.first_day; day <= timeline.last_day; ++day) {
    r.days.push_back(review_day(feeds, timeline, rule, day, r.stores));
  }
  if (timeline.has_day(timeline.last_day)) {
    auto last = timeline.measures_of(timeline.last_day);
    auto alerts = timeline.alerts_of(timeline.last_day);
    r.network = figures_of(feeds, rule, last, alerts, -1);
    for (int g = 0; g < static_cast<int>(feeds.regions.size()); ++g) {
      r.regions.push_back(figures_of(feeds, rule, last, alerts, g));
    }
    for (size_t s = 0; s < last.size(); ++s) {
      r.stores[s].cum_participation = last[s].cum_participation;
      r.stores[s].cum_score = last[s].cum_score;
      const auto& p = last[s].cum_participation;
      if (p && *p >= rule.target_participation / 2) ++r.stores_executing;
    }
  }
  for (const StoreHistory& h : r.stores) {
    if (h.executed_days == 0) r.never_executed.push_back(h.store);
  }
  for (const Problem& p : problems) r.problems.push_back(&p);
  std::sort(r.problems.begin(), r.problems.end(),
            [](const Problem* a, const Problem* b) { return a->id < b->id; });
  r.problem_stats = problem_stats(problems, timeline.now);
  for (const Practice& p : practices) {
    r.practices.push_back({&p, compare_practice(feeds, p, timeline.last_day)});
  }
  r.decay = std::move(decay);
  return r;
}

}  // namespace pitwall::core::supervision
