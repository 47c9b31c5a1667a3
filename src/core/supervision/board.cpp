#include "core/supervision/board.hpp"

#include <algorithm>
#include <tuple>

namespace pitwall::core::supervision {

namespace {

constexpr std::string_view kReasonTokens[] = {
    "low_participation",
    "lagging",
    "critical_item_failed",
    "complaint_burst",
    "silent",
    "no_score",
    "top_participation",
    "above_target",
    "best_improvement",
    "improved",
    "checklist_passed",
    "no_complaints",
    "top_staff",
    "problems_on_time",
    "no_eligible",
    "no_check",
    "no_complaint_data",
    "no_problems_due",
};

bool in_scope(const Feeds& feeds, int store, int region) {
  return region < 0 || feeds.stores[store].region_index == region;
}

Reason reason(ReasonCode code) {
  Reason r;
  r.code = code;
  return r;
}

std::vector<Reason> missing_of(const StoreMeasure& m) {
  std::vector<Reason> out;
  if (!m.reported) return out;  // silent already says it
  const ReasonCode codes[kPartCount] = {ReasonCode::kNoEligible, ReasonCode::kNoCheck,
                                        ReasonCode::kNoComplaintData, ReasonCode::kNoProblemsDue};
  for (int i = 0; i < kPartCount; ++i) {
    if (!m.parts[i]) out.push_back(reason(codes[i]));
  }
  return out;
}

std::optional<double> improvement(std::span<const StoreMeasure> yesterday, int s,
                                  const StoreMeasure& m) {
  if (yesterday.empty() || !m.participation || !yesterday[s].participation) return std::nullopt;
  return (*m.participation - *yesterday[s].participation) * 100.0;
}

// The best store in scope by `value` (ties: the lower store index, i.e. code); -1 when none.
template <typename F>
int best_store(const Feeds& feeds, int region, int n, F value) {
  int best = -1;
  double best_value = 0;
  for (int s = 0; s < n; ++s) {
    if (!in_scope(feeds, s, region)) continue;
    std::optional<double> v = value(s);
    if (v && (best < 0 || *v > best_value)) {
      best = s;
      best_value = *v;
    }
  }
  return best;
}

std::vector<Reason> praise_of(const Feeds& feeds, const SupervisionRule& rule, const BoardInput& in,
                              int s, int top, int most_improved) {
  const StoreMeasure& m = in.today[s];
  std::vector<Reason> out;
  if (s == top) {
    Reason r = reason(ReasonCode::kTopParticipation);
    r.value = *m.participation;
    out.push_back(r);
  } else if (m.participation && *m.participation >= rule.target_participation) {
    Reason r = reason(ReasonCode::kAboveTarget);
    r.value = *m.participation;
    r.reference = rule.target_participation;
    out.push_back(r);
  }
  if (std::optional<double> up = improvement(in.yesterday, s, m); up && *up > 0) {
    Reason r = reason(s == most_improved ? ReasonCode::kBestImprovement : ReasonCode::kImproved);
    r.value = *up;
    out.push_back(r);
  }
  if (const TopStaff* staff = feeds.top_staff_of(s, in.day)) {
    Reason r = reason(ReasonCode::kTopStaff);
    r.name = staff->name;
    r.count = staff->orders;
    out.push_back(r);
  }
  if (m.check >= 0 && m.checklist && *m.checklist >= 1.0) {
    Reason r = reason(ReasonCode::kChecklistPassed);
    r.count = feeds.checks[m.check].passed();
    r.of = static_cast<int64_t>(feeds.checks[m.check].items.size());
    out.push_back(r);
  }
  if (m.complaints && *m.complaints == 0 && m.participants > 0) {
    Reason r = reason(ReasonCode::kNoComplaints);
    r.count = m.participants;
    out.push_back(r);
  }
  if (m.problems_due > 0 && m.problems_on_time == m.problems_due) {
    Reason r = reason(ReasonCode::kProblemsOnTime);
    r.count = m.problems_on_time;
    r.of = m.problems_due;
    out.push_back(r);
  }
  return out;
}

// Sorts by score (descending for red, ascending for black, unscored last resp. first), then
// store code (the store index is in code order).
void rank(std::vector<ListedStore>& list, bool best_first) {
  std::sort(list.begin(), list.end(), [best_first](const ListedStore& a, const ListedStore& b) {
    if (a.score.has_value() != b.score.has_value()) return !a.score.has_value() != best_first;
    if (a.score && *a.score != *b.score)
      return best_first ? *a.score > *b.score : *a.score < *b.score;
    return a.store < b.store;
  });
}

}  // namespace

std::string_view reason_code_token(ReasonCode c) { return kReasonTokens[static_cast<int>(c)]; }

bool is_failure(ReasonCode c) { return c <= ReasonCode::kNoScore; }

std::vector<Reason> failures_of(int store, const StoreMeasure& m, std::span<const Alert> alerts,
                                const SupervisionRule& rule) {
  std::vector<Reason> out;
  if (m.participation && *m.participation < rule.target_participation / 2) {
    Reason r = reason(ReasonCode::kLowParticipation);
    r.value = *m.participation;
    r.reference = rule.target_participation;
    out.push_back(r);
  }
  for (const Alert& a : alerts) {
    if (a.store != store) continue;
    Reason r;
    switch (a.kind) {
      case AlertKind::kLagging:
        r = reason(ReasonCode::kLagging);
        r.value = a.value;
        r.reference = a.median;
        r.extra = a.z;
        break;
      case AlertKind::kChecklistFailure:
        r = reason(ReasonCode::kCriticalItemFailed);
        r.word = a.item;
        break;
      case AlertKind::kComplaintBurst:
        r = reason(ReasonCode::kComplaintBurst);
        r.word = a.category;
        r.count = a.count;
        break;
      case AlertKind::kSilent:
        r = reason(a.reported ? ReasonCode::kNoScore : ReasonCode::kSilent);
        break;
      default:
        continue;
    }
    out.push_back(r);
  }
  return out;
}

Figures figures_of(const Feeds& feeds, const SupervisionRule& rule,
                   std::span<const StoreMeasure> today, std::span<const Alert> alerts, int region) {
  Figures f;
  f.region = region;
  std::vector<double> scores;
  for (int s = 0; s < static_cast<int>(feeds.stores.size()); ++s) {
    if (!in_scope(feeds, s, region)) continue;
    const StoreMeasure& m = today[s];
    ++f.stores;
    if (m.reported) ++f.reporting;
    if (m.participation && *m.participation >= rule.target_participation / 2) ++f.executing;
    if (m.participation) {
      f.eligible += m.eligible;
      f.participants += m.participants;
    }
    f.cum_eligible += m.cum_eligible;
    f.cum_participants += m.cum_participants;
    if (m.complaints) f.complaints = f.complaints.value_or(0) + *m.complaints;
    if (m.cum_complaints) f.cum_complaints = f.cum_complaints.value_or(0) + *m.cum_complaints;
    if (m.score) scores.push_back(*m.score);
  }
  for (const Alert& a : alerts) {
    bool store_in = a.store >= 0 && in_scope(feeds, a.store, region);
    if (a.store < 0 || store_in) ++f.alerts;
    if (store_in && a.kind == AlertKind::kSilent) ++f.silent;
  }
  auto ratio = [](int64_t a, int64_t b) {
    return b > 0 ? std::optional<double>(static_cast<double>(a) / static_cast<double>(b))
                 : std::nullopt;
  };
  f.participation = ratio(f.participants, f.eligible);
  f.cum_participation = ratio(f.cum_participants, f.cum_eligible);
  if (f.complaints) f.complaint_rate = ratio(*f.complaints * 100, f.participants);
  if (f.cum_complaints) f.cum_complaint_rate = ratio(*f.cum_complaints * 100, f.cum_participants);
  if (!scores.empty()) {
    std::sort(scores.begin(), scores.end());
    double sum = 0;
    for (double v : scores) sum += v;
    f.mean_score = round_half_away(sum / static_cast<double>(scores.size()), 2);
  }
  return f;
}

Board make_board(const Feeds& feeds, const SupervisionRule& rule, const BoardInput& in) {
  Board b;
  b.day = in.day;
  b.region = in.region;
  b.day_ended = in.day_ended;
  const int n = static_cast<int>(feeds.stores.size());
  int64_t in_scope_count = 0;
  for (int s = 0; s < n; ++s) in_scope_count += in_scope(feeds, s, in.region) ? 1 : 0;
  const auto cap = static_cast<size_t>(std::min<int64_t>(rule.list_length, in_scope_count / 2));

  int top = best_store(feeds, in.region, n, [&](int s) { return in.today[s].participation; });
  int most_improved = best_store(feeds, in.region, n,
                                 [&](int s) { return improvement(in.yesterday, s, in.today[s]); });
  std::vector<ListedStore> red, black;
  for (int s = 0; s < n; ++s) {
    if (!in_scope(feeds, s, in.region)) continue;
    const StoreMeasure& m = in.today[s];
    ListedStore entry{s, m.score, m.cum_score, failures_of(s, m, in.alerts, rule)};
    bool failed = !entry.reasons.empty();
    if (!failed && !m.score) continue;  // not silent yet (the day has not ended): no list
    if (!failed) entry.reasons = praise_of(feeds, rule, in, s, top, most_improved);
    for (Reason& r : missing_of(m)) entry.reasons.push_back(std::move(r));
    (failed ? black : red).push_back(std::move(entry));
  }
  rank(red, true);
  rank(black, false);
  if (red.size() > cap) red.resize(cap);
  if (black.size() > cap) black.resize(cap);
  b.red = std::move(red);
  b.black = std::move(black);

  for (const Alert& a : in.alerts) {
    if (a.store < 0 || in_scope(feeds, a.store, in.region)) b.alerts.push_back(a);
  }
  b.network = figures_of(feeds, rule, in.today, in.alerts, -1);
  for (int r = 0; r < static_cast<int>(feeds.regions.size()); ++r) {
    if (in.region < 0 || in.region == r) {
      b.regions.push_back(figures_of(feeds, rule, in.today, in.alerts, r));
    }
  }
  return b;
}

}  // namespace pitwall::core::supervision
