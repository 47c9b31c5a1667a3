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

std::vector<StoreMeasure> measure_days(const Feeds& feeds, std::span<const Problem> problems,
                                       const SupervisionRule& rule, int32_t last_day) {
  last_day = std::min(last_day, feeds.last_day);
  const int n = static_cast<int>(feeds.stores.size());
  const int days = std::max(0, last_day - feeds.first_day + 1);
  std::vector<StoreMeasure> out(static_cast<size_t>(n) * days);
  std::vector<int64_t> feed_counts;
  if (feeds.has_complaint_feed) {
    feed_counts.assign(static_cast<size_t>(n) * feeds.day_count(), 0);
    for (const Complaint& c : feeds.complaints) {
      ++feed_counts[static_cast<size_t>(c.store) * feeds.day_count() + (c.day - feeds.first_day)];
    }
  }
  ProblemDays due = index_problems(feeds, problems);
  size_t next_check = 0;
  for (int s = 0; s < n; ++s) {
    StoreMeasure run;  // running sums of the store
    int latest = -1;
    size_t next_problem = 0;
    while (next_check < feeds.checks.size() && feeds.checks[next_check].store < s) ++next_check;
    for (int d = 0; d < days; ++d) {
      int32_t day = feeds.first_day + d;
      const DayRow& row = feeds.row(s, day);
      StoreMeasure m;
      m.reported = row.present;
      m.eligible = known(row.eligible);
      m.participants = known(row.participants);
      m.orders = known(row.orders);
      if (row.present && row.eligible != kNoInt && row.participants != kNoInt) {
        m.participation = ratio(row.participants, row.eligible);
        run.cum_eligible += row.eligible;
        run.cum_participants += row.participants;
      }
      run.cum_orders += m.orders;
      m.cum_eligible = run.cum_eligible;
      m.cum_participants = run.cum_participants;
      m.cum_orders = run.cum_orders;
      m.cum_participation = ratio(m.cum_participants, m.cum_eligible);

      if (feeds.has_complaint_feed) {
        m.complaints = feed_counts[static_cast<size_t>(s) * feeds.day_count() + d];
      } else if (row.present && row.complaints != kNoInt) {
        m.complaints = row.complaints;
      }
      if (m.complaints) run.cum_complaints = run.cum_complaints.value_or(0) + *m.complaints;
      m.cum_complaints = run.cum_complaints;
      m.complaint_rate = per_hundred(m.complaints, m.participants);
      m.cum_complaint_rate = per_hundred(m.cum_complaints, m.cum_participants);

      for (; next_check < feeds.checks.size() && feeds.checks[next_check].store == s &&
             feeds.checks[next_check].day <= day;
           ++next_check) {
        if (latest < 0 || is_newer(feeds.checks[next_check], feeds.checks[latest])) {
          latest = static_cast<int>(next_check);
        }
      }
      m.check = latest;
      if (latest >= 0 && !feeds.checks[latest].items.empty()) {
        m.checklist = ratio(feeds.checks[latest].passed(),
                            static_cast<int64_t>(feeds.checks[latest].items.size()));
      }

      const auto& store_problems = due.by_store[s];
      for (; next_problem < store_problems.size() &&
             store_problems[next_problem].first <= feeds.day_end(day);
           ++next_problem) {
        ++run.problems_due;
        if (store_problems[next_problem].second) ++run.problems_on_time;
      }
      m.problems_due = run.problems_due;
      m.problems_on_time = run.problems_on_time;

      const double target = rule.target_participation;
      m.parts = {participation_part(m.participation, target), m.checklist,
                 complaints_part(m.complaints, m.participants, rule.complaint_rate_cap),
                 problems_part(m.problems_on_time, m.problems_due)};
      m.cum_parts = {participation_part(m.cum_participation, target), m.checklist,
                     complaints_part(m.cum_complaints, m.cum_participants, rule.complaint_rate_cap),
                     m.parts[kProblemsPart]};
      m.score = execution_score(m.parts, rule);
      m.cum_score = execution_score(m.cum_parts, rule);
      out[static_cast<size_t>(d) * n + s] = std::move(m);
    }
  }
  return out;
}

}  // namespace pitwall::core::supervision
