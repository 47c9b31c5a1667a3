#pragma once
// Alerts (supervision.md "Alerts"): lagging store, complaint burst at a store and network-wide,
// system incident, critical checklist failure, silent store.
//
//   lagging store    robust z of the day's participation within its region < -2 (vector S1)
//   complaint burst  3 complaints of one category at a store within 24 hours (S2); network:
//                    one category from >= max(3, 5% of the campaign's stores) within 2 hours
//   system incident  >= 20% of the campaign's stores with a redeem_failed complaint or a failed
//                    redemption_system item on one day (S3), with the playbook
//   checklist        a critical item ([supervision] critical_items) fails in a check
//   silent store     no store-day row for a day that has ended, or no score at all
//
// Alerts are values with a stable key ("lagging/2023-03-02/S012") so a problem can be opened
// from one in one step and never twice.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/supervision/feeds.hpp"
#include "core/supervision/measures.hpp"

namespace pitwall::core::supervision {

enum class AlertKind : uint8_t {
  kSystemIncident,
  kNetworkBurst,
  kComplaintBurst,
  kChecklistFailure,
  kLagging,
  kSilent,
};
// incident | network_burst | complaint_burst | checklist_failure | lagging | silent
std::string_view alert_kind_token(AlertKind k);

struct Alert {
  AlertKind kind = AlertKind::kSilent;
  int32_t day = 0;
  int store = -1;         // -1 for network alerts
  int category = -1;      // complaint bursts: index into words::kComplaintCategories
  int item = -1;          // checklist failures: index into words::kChecklistItems
  int64_t time = 0;       // bursts: the complaint that completed the burst (UTC)
  int64_t count = 0;      // bursts: complaints (store) or stores (network); incident: stores
  int64_t of = 0;         // incident: the campaign's stores
  double value = 0;       // lagging: the store's participation
  double median = 0;      // lagging: the region's median
  double z = 0;           // lagging: robust z
  bool reported = false;  // silent: the store sent a row but no component had data
  // Stable key: kind/date/store-or-network[/category-or-item].
  std::string key(const Feeds& feeds) const;
};

// Robust z-scores (vectors.md "Robust z"): 0.6745 x (x - median) / MAD; with MAD 0,
// (x - median) / (1.2533 x mean absolute deviation around the median); with that 0 too, none
// (nullopt: nobody is flagged).
struct RobustStats {
  double median = 0;
  double mad = 0;
  double mean_abs_deviation = 0;
};
RobustStats robust_stats(std::span<const double> values);
std::optional<double> robust_z(double x, const RobustStats& stats);
double median_of(std::vector<double> values);

// Complaint bursts at one store's complaints of one category: the indices (into `times`,
// ascending UTC) of complaints that complete 3 within 24 hours (window inclusive).
std::vector<size_t> burst_completions(std::span<const int64_t> times, int64_t min_count = 3,
                                      int64_t window_seconds = 24 * 3600);

// Every alert of `day`, in a fixed order: network alerts (incident, network bursts), then store
// alerts by store code and kind. `measures` are the day's measures (one per store); `day_ended`
// says whether a missing row makes a store silent.
std::vector<Alert> detect_alerts(const Feeds& feeds, std::span<const StoreMeasure> measures,
                                 int32_t day, bool day_ended);

}  // namespace pitwall::core::supervision
