#include "core/supervision/alerts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace pitwall::core::supervision {

namespace {

constexpr std::string_view kKindTokens[] = {"incident",          "network_burst", "complaint_burst",
                                            "checklist_failure", "lagging",       "silent"};
constexpr double kLaggingZ = -2.0;
constexpr int64_t kStoreBurstCount = 3;
constexpr int64_t kStoreBurstWindow = 24 * 3600;
constexpr int64_t kNetworkBurstWindow = 2 * 3600;
constexpr int kRedeemFailed = 2;      // words::kComplaintCategories
constexpr int kRedemptionSystem = 2;  // words::kChecklistItems

// Complaints in the window ending at each complaint (inclusive), for ascending times.
std::vector<int64_t> window_counts(std::span<const int64_t> times, int64_t window) {
  std::vector<int64_t> counts(times.size());
  size_t lo = 0;
  for (size_t j = 0; j < times.size(); ++j) {
    while (times[lo] < times[j] - window) ++lo;
    counts[j] = static_cast<int64_t>(j - lo + 1);
  }
  return counts;
}

void add_lagging(const Feeds& feeds, std::span<const StoreMeasure> measures, int32_t day,
                 std::vector<Alert>& out) {
  for (int r = 0; r < static_cast<int>(feeds.regions.size()); ++r) {
    std::vector<int> stores;
    std::vector<double> values;
    for (int s = 0; s < static_cast<int>(feeds.stores.size()); ++s) {
      if (feeds.stores[s].region_index != r || !measures[s].participation) continue;
      stores.push_back(s);
      values.push_back(*measures[s].participation);
    }
    RobustStats stats = robust_stats(values);
    for (size_t i = 0; i < stores.size(); ++i) {
      std::optional<double> z = robust_z(values[i], stats);
      if (!z || !(*z < kLaggingZ)) continue;
      Alert a;
      a.kind = AlertKind::kLagging;
      a.day = day;
      a.store = stores[i];
      a.value = values[i];
      a.median = stats.median;
      a.z = *z;
      out.push_back(a);
    }
  }
}

void add_store_bursts(const Feeds& feeds, int32_t day, std::vector<Alert>& out) {
  std::map<std::pair<int, int>, std::vector<const Complaint*>> groups;
  for (const Complaint& c : feeds.complaints) {
    // Only complaints within the window before the day can take part in today's bursts.
    if (c.day > day || c.time < feeds.day_start(day) - kStoreBurstWindow) continue;
    groups[{c.store, c.category}].push_back(&c);
  }
  for (auto& [key, list] : groups) {
    std::vector<int64_t> times;
    for (const Complaint* c : list) times.push_back(c->time);
    std::vector<int64_t> counts = window_counts(times, kStoreBurstWindow);
    Alert a;
    for (size_t j = 0; j < list.size(); ++j) {
      if (list[j]->day != day || counts[j] < kStoreBurstCount) continue;
      if (a.count == 0) a.time = list[j]->time;
      a.count = std::max(a.count, counts[j]);
    }
    if (a.count == 0) continue;
    a.kind = AlertKind::kComplaintBurst;
    a.day = day;
    a.store = key.first;
    a.category = key.second;
    out.push_back(a);
  }
}

void add_network_bursts(const Feeds& feeds, int32_t day, std::vector<Alert>& out) {
  const int64_t n = static_cast<int64_t>(feeds.stores.size());
  const int64_t threshold = std::max<int64_t>(3, (n + 19) / 20);  // ceil(5% of n), at least 3
  const int categories = static_cast<int>(std::size(words::kComplaintCategories));
  for (int category = 0; category < categories; ++category) {
    std::vector<const Complaint*> list;
    for (const Complaint& c : feeds.complaints) {
      if (c.category == category && c.day <= day && c.day >= day - 1) list.push_back(&c);
    }
    std::map<int, int64_t> in_window;  // store -> complaints in the window
    size_t lo = 0;
    Alert a;
    for (size_t j = 0; j < list.size(); ++j) {
      ++in_window[list[j]->store];
      while (list[lo]->time < list[j]->time - kNetworkBurstWindow) {
        if (--in_window[list[lo]->store] == 0) in_window.erase(list[lo]->store);
        ++lo;
      }
      auto distinct = static_cast<int64_t>(in_window.size());
      if (list[j]->day != day || distinct < threshold) continue;
      if (a.count == 0) a.time = list[j]->time;
      a.count = std::max(a.count, distinct);
    }
    if (a.count == 0) continue;
    a.kind = AlertKind::kNetworkBurst;
    a.day = day;
    a.category = category;
    a.of = n;
    out.push_back(a);
  }
}

void add_incident(const Feeds& feeds, int32_t day, std::vector<Alert>& out) {
  std::vector<char> hit(feeds.stores.size(), 0);
  for (const Complaint& c : feeds.complaints) {
    if (c.day == day && c.category == kRedeemFailed) hit[c.store] = 1;
  }
  for (const Check& c : feeds.checks) {
    if (c.day != day) continue;
    for (const ItemResult& i : c.items) {
      if (i.item == kRedemptionSystem && !i.pass) hit[c.store] = 1;
    }
  }
  auto count = static_cast<int64_t>(std::count(hit.begin(), hit.end(), 1));
  auto n = static_cast<int64_t>(feeds.stores.size());
  if (count == 0 || count * 5 < n) return;  // >= 20% of the campaign's stores
  Alert a;
  a.kind = AlertKind::kSystemIncident;
  a.day = day;
  a.count = count;
  a.of = n;
  out.push_back(a);
}

void add_checklist_failures(const Feeds& feeds, int32_t day, std::vector<Alert>& out) {
  std::map<std::pair<int, int>, bool> failed;  // (store, item)
  for (const Check& c : feeds.checks) {
    if (c.day != day) continue;
    for (const ItemResult& i : c.items) {
      bool critical =
          std::binary_search(feeds.critical_items.begin(), feeds.critical_items.end(), i.item);
      if (critical && !i.pass) failed[{c.store, i.item}] = true;
    }
  }
  for (auto& [key, unused] : failed) {
    Alert a;
    a.kind = AlertKind::kChecklistFailure;
    a.day = day;
    a.store = key.first;
    a.item = key.second;
    out.push_back(a);
  }
}

void add_silent(const Feeds& feeds, std::span<const StoreMeasure> measures, int32_t day,
                bool day_ended, std::vector<Alert>& out) {
  for (int s = 0; s < static_cast<int>(feeds.stores.size()); ++s) {
    const StoreMeasure& m = measures[s];
    bool no_row = !m.reported && day_ended;
    bool no_score = m.reported && !m.score;
    if (!no_row && !no_score) continue;
    Alert a;
    a.kind = AlertKind::kSilent;
    a.day = day;
    a.store = s;
    a.reported = m.reported;
    out.push_back(a);
  }
}

}  // namespace

std::string_view alert_kind_token(AlertKind k) { return kKindTokens[static_cast<int>(k)]; }

std::string Alert::key(const Feeds& feeds) const {
  std::string out =
      fmt::format("{}/{}/{}", alert_kind_token(kind), format_date(civil_from_days(day)),
                  store >= 0 ? feeds.stores[store].code : std::string("network"));
  if (category >= 0) out += fmt::format("/{}", words::kComplaintCategories[category]);
  if (item >= 0) out += fmt::format("/{}", words::kChecklistItems[item]);
  return out;
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

RobustStats robust_stats(std::span<const double> values) {
  RobustStats s;
  if (values.empty()) return s;
  s.median = median_of({values.begin(), values.end()});
  std::vector<double> deviations;
  for (double v : values) deviations.push_back(std::fabs(v - s.median));
  std::sort(deviations.begin(), deviations.end());
  double sum = 0;
  for (double d : deviations) sum += d;  // ascending: a fixed order
  s.mean_abs_deviation = sum / static_cast<double>(deviations.size());
  s.mad = median_of(std::move(deviations));
  return s;
}

std::optional<double> robust_z(double x, const RobustStats& stats) {
  constexpr double kZero = 1e-12;  // below any real spread of participation rates
  if (stats.mad > kZero) return 0.6745 * (x - stats.median) / stats.mad;
  if (stats.mean_abs_deviation > kZero) {
    return (x - stats.median) / (1.2533 * stats.mean_abs_deviation);
  }
  return std::nullopt;
}

std::vector<size_t> burst_completions(std::span<const int64_t> times, int64_t min_count,
                                      int64_t window_seconds) {
  std::vector<int64_t> counts = window_counts(times, window_seconds);
  std::vector<size_t> out;
  for (size_t j = 0; j < counts.size(); ++j) {
    if (counts[j] >= min_count) out.push_back(j);
  }
  return out;
}

std::vector<Alert> detect_alerts(const Feeds& feeds, std::span<const StoreMeasure> measures,
                                 int32_t day, bool day_ended) {
  std::vector<Alert> network, stores;
  add_incident(feeds, day, network);
  add_network_bursts(feeds, day, network);
  add_store_bursts(feeds, day, stores);
  add_checklist_failures(feeds, day, stores);
  add_lagging(feeds, measures, day, stores);
  add_silent(feeds, measures, day, day_ended, stores);
  std::stable_sort(stores.begin(), stores.end(), [](const Alert& a, const Alert& b) {
    return std::tie(a.store, a.kind, a.category, a.item) <
           std::tie(b.store, b.kind, b.category, b.item);
  });
  network.insert(network.end(), stores.begin(), stores.end());
  return network;
}

}  // namespace pitwall::core::supervision
