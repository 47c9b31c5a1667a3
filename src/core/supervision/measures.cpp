#include "core/supervision/measures.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

namespace pitwall::core::supervision {

double round_half_away(double value, int places) {
  // Two steps: to an integer at 10^-(places + 4), which absorbs binary noise, then half away
  // from zero in integer arithmetic.
  constexpr int kGuard = 4;
  double scale = std::pow(10.0, places + kGuard);
  auto fine = static_cast<int64_t>(std::llround(value * scale));
  constexpr int64_t kStep = 10000;  // 10^kGuard
  int64_t half = kStep / 2;
  int64_t coarse = fine >= 0 ? (fine + half) / kStep : -((-fine + half) / kStep);
  return static_cast<double>(coarse) / std::pow(10.0, places);
}

std::optional<double> participation_part(std::optional<double> participation, double target) {
  if (!participation || !(target > 0)) return std::nullopt;
  return std::min(*participation / target, 1.0);
}

std::optional<double> complaints_part(std::optional<int64_t> complaints, int64_t participants,
                                      double cap) {
  if (!complaints) return std::nullopt;
  if (participants <= 0) return *complaints > 0 ? std::optional<double>(0.0) : std::nullopt;
  if (!(cap > 0)) return *complaints > 0 ? 0.0 : 1.0;
  double rate = static_cast<double>(*complaints) * 100.0 / static_cast<double>(participants);
  return 1.0 - std::min(rate / cap, 1.0);
}

std::optional<double> problems_part(int64_t on_time, int64_t due) {
  if (due <= 0) return std::nullopt;
  return static_cast<double>(on_time) / static_cast<double>(due);
}

std::optional<double> execution_score(const Components& parts, const SupervisionRule& rule) {
  const double weights[kPartCount] = {rule.weight_participation, rule.weight_checklist,
                                      rule.weight_complaints, rule.weight_problems};
  double sum = 0, weight = 0;
  for (int i = 0; i < kPartCount; ++i) {
    if (!parts[i]) continue;
    sum += weights[i] * *parts[i];
    weight += weights[i];
  }
  if (!(weight > 0)) return std::nullopt;
  return round_half_away(sum * 100.0 / weight, 2);
}

namespace {

std::optional<double> ratio(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> per_hundred(std::optional<int64_t> complaints, int64_t participants) {
  if (!complaints || participants <= 0) return std::nullopt;
  return static_cast<double>(*complaints) * 100.0 / static_cast<double>(participants);
}

int64_t known(int64_t v) { return v == kNoInt ? 0 : v; }

// The newer of two checks of one store: later day; same day, the inspection; then later time.
bool is_newer(const Check& a, const Check& b) {
  auto key = [](const Check& c) {
    return std::make_tuple(c.day, c.source == CheckSource::kInspection ? 1 : 0, c.time);
  };
  return key(a) > key(b);
}

// Due and on-time problems per store, by the day their due time falls on.
struct ProblemDays {
  std::vector<std::vector<std::pair<int64_t, bool>>> by_store;  // (due_at, on time), sorted
};

ProblemDays index_problems(const Feeds& feeds, std::span<const Problem> problems) {
  ProblemDays out;
  out.by_store.resize(feeds.stores.size());
  for (const Problem& p : problems) {
    int s = feeds.find_store(p.store_code);
    if (s >= 0) out.by_store[s].emplace_back(p.due_at, p.closed_on_time());
  }
  for (auto& v : out.by_store) std::sort(v.begin(), v.end());
  return out;
}

}  // namespace

namespace {

// Walks one store's days in order, carrying the running sums, the latest check and the problems
// due so far; each step fills one day's measure.
class StoreWalk {
 public:
  StoreWalk(const Feeds& feeds, const SupervisionRule& rule, int store,
            std::span<const std::pair<int64_t, bool>> due, const std::vector<int64_t>& counts)
      : feeds_(feeds), rule_(rule), store_(store), due_(due), counts_(counts) {
    first_check_ =
        static_cast<size_t>(std::lower_bound(feeds.checks.begin(), feeds.checks.end(), store,
                                             [](const Check& c, int s) { return c.store < s; }) -
                            feeds.checks.begin());
  }

  StoreMeasure day(int32_t day) {
    StoreMeasure m;
    figures(feeds_.row(store_, day), m);
    complaints(feeds_.row(store_, day), day, m);
    checklist(day, m);
    problems(day, m);
    const double target = rule_.target_participation, cap = rule_.complaint_rate_cap;
    m.parts = {participation_part(m.participation, target), m.checklist,
               complaints_part(m.complaints, m.participants, cap),
               problems_part(m.problems_on_time, m.problems_due)};
    m.cum_parts = {participation_part(m.cum_participation, target), m.checklist,
                   complaints_part(m.cum_complaints, m.cum_participants, cap),
                   m.parts[kProblemsPart]};
    m.score = execution_score(m.parts, rule_);
    m.cum_score = execution_score(m.cum_parts, rule_);
    return m;
  }

 private:
  void figures(const DayRow& row, StoreMeasure& m) {
    m.reported = row.present;
    m.eligible = known(row.eligible);
    m.participants = known(row.participants);
    m.orders = known(row.orders);
    if (row.present && row.eligible != kNoInt && row.participants != kNoInt) {
      m.participation = ratio(row.participants, row.eligible);
      run_.cum_eligible += row.eligible;
      run_.cum_participants += row.participants;
    }
    run_.cum_orders += m.orders;
    m.cum_eligible = run_.cum_eligible;
    m.cum_participants = run_.cum_participants;
    m.cum_orders = run_.cum_orders;
    m.cum_participation = ratio(m.cum_participants, m.cum_eligible);
  }

  void complaints(const DayRow& row, int32_t day, StoreMeasure& m) {
    if (feeds_.has_complaint_feed) {
      m.complaints =
          counts_[static_cast<size_t>(store_) * feeds_.day_count() + (day - feeds_.first_day)];
    } else if (row.present && row.complaints != kNoInt) {
      m.complaints = row.complaints;
    }
    if (m.complaints) run_.cum_complaints = run_.cum_complaints.value_or(0) + *m.complaints;
    m.cum_complaints = run_.cum_complaints;
    m.complaint_rate = per_hundred(m.complaints, m.participants);
    m.cum_complaint_rate = per_hundred(m.cum_complaints, m.cum_participants);
  }

  void checklist(int32_t day, StoreMeasure& m) {
    const auto& checks = feeds_.checks;
    for (; first_check_ < checks.size() && checks[first_check_].store == store_ &&
           checks[first_check_].day <= day;
         ++first_check_) {
      if (latest_ < 0 || is_newer(checks[first_check_], checks[latest_])) {
        latest_ = static_cast<int>(first_check_);
      }
    }
    m.check = latest_;
    if (latest_ >= 0 && !checks[latest_].items.empty()) {
      m.checklist =
          ratio(checks[latest_].passed(), static_cast<int64_t>(checks[latest_].items.size()));
    }
  }

  void problems(int32_t day, StoreMeasure& m) {
    for (; next_problem_ < due_.size() && due_[next_problem_].first <= feeds_.day_end(day);
         ++next_problem_) {
      ++run_.problems_due;
      if (due_[next_problem_].second) ++run_.problems_on_time;
    }
    m.problems_due = run_.problems_due;
    m.problems_on_time = run_.problems_on_time;
  }

  const Feeds& feeds_;
  const SupervisionRule& rule_;
  const int store_;
  std::span<const std::pair<int64_t, bool>> due_;
  const std::vector<int64_t>& counts_;
  StoreMeasure run_;  // running sums
  size_t first_check_ = 0;
  int latest_ = -1;
  size_t next_problem_ = 0;
};

}  // namespace

std::vector<StoreMeasure> measure_days(const Feeds& feeds, std::span<const Problem> problems,
                                       const SupervisionRule& rule, int32_t last_day) {
  last_day = std::min(last_day, feeds.last_day);
  const int n = static_cast<int>(feeds.stores.size());
  const int days = std::max(0, last_day - feeds.first_day + 1);
  std::vector<StoreMeasure> out(static_cast<size_t>(n) * days);
  std::vector<int64_t> counts;  // complaints of the feed per store and day
  if (feeds.has_complaint_feed) {
    counts.assign(static_cast<size_t>(n) * feeds.day_count(), 0);
    for (const Complaint& c : feeds.complaints) {
      ++counts[static_cast<size_t>(c.store) * feeds.day_count() + (c.day - feeds.first_day)];
    }
  }
  ProblemDays due = index_problems(feeds, problems);
  for (int s = 0; s < n; ++s) {
    StoreWalk walk(feeds, rule, s, due.by_store[s], counts);
    for (int d = 0; d < days; ++d)
      out[static_cast<size_t>(d) * n + s] = walk.day(feeds.first_day + d);
  }
  return out;
}

}  // namespace pitwall::core::supervision
