#pragma once
// The campaign's orders (issue 4 item 3): the planted defects of closeout.md and the ordinary
// orders around them, written as the business system's main export (GB18030 CSV, Chinese
// headers) and a later re-export (XLSX with other header aliases; CSV past a million rows).
//
// Counts: the planted orders are made first and counted under C1's three definitions; the
// ordinary orders (paid, unpaid, refunding, refunded, cancelled) are then sized so that the
// totals are exactly the targets — 8,521 / 8,347 / 8,103 at the default scale — and every
// `exclude` finding the spec implies hits a planted order (364 among ops-counted ones).
//
// Memory: planted orders (a few percent) are held; ordinary orders are generated an hour of
// the campaign at a time and streamed out, so 10^7 orders need no table of all orders.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/base/result.hpp"
#include "demo/customers.hpp"
#include "demo/ground_truth.hpp"
#include "demo/network.hpp"
#include "demo/order_model.hpp"
#include "demo/random.hpp"

namespace pitwall::demo {

enum class ExportStyle : uint8_t;  // order_rows.hpp

struct OrderTargets {
  int64_t it = 8521, ops = 8347, finance = 8103, ops_exclusions = 364;
};

struct BlacklistEntry {
  std::string kind, value, reason;
};
struct ExceptionRow {
  std::string order_id, reason, source;
};
struct CorrectionRow {
  std::string order_id, field, value, reason, store_code;
};

// Per store and campaign day: orders created (not cancelled) and redemptions.
struct StoreDayCounts {
  std::vector<std::array<int32_t, 31>> orders, redemptions;
};

struct OrderFiles {
  std::string main_file, reexport_file;
  int64_t main_rows = 0, reexport_rows = 0;
  bool reexport_is_xlsx = true;
};

class OrderGenerator {
 public:
  // `scale` = 1 is the seed's campaign (C1); other scales plant every kind in proportion.
  OrderGenerator(const Network& net, CustomerBook& customers, uint64_t seed, double scale,
                 GroundTruth& truth);

  // Makes the planted orders and their ground-truth cases, then sizes the ordinary ones.
  void plant();
  // Writes both exports into `dir`; `progress` gets the orders written so far; `threads` 2
  // formats big batches on two threads (same bytes as 1). Fills the ground truth's counts.
  core::Result<OrderFiles> write(const std::string& dir,
                                 const std::function<void(int64_t)>& progress, int threads);

  const std::vector<BlacklistEntry>& blacklist() const { return blacklist_; }
  const std::vector<ExceptionRow>& exceptions() const { return exceptions_; }
  const std::vector<CorrectionRow>& corrections() const { return corrections_; }
  const std::vector<std::string>& test_customer_ids() const { return test_customers_; }
  const StoreDayCounts& store_days() const { return store_days_; }
  int64_t total_orders() const { return static_cast<int64_t>(planted_.size()) + ordinary_; }
  // Estimated planted customers needed at a scale (for sizing the CustomerBook).
  static int64_t planted_customers_needed(double scale);

 private:
  friend class Planter;
  struct OrdinaryPlan;

  // planter.cpp
  Order make(int kind, int store, int64_t customer, int64_t created, int package);
  void pay(Order& o, int64_t paid);
  void push(Order o) { planted_.push_back(std::move(o)); }
  std::string id_of(const Order& o) const { return order_id(o.serial, o.created); }
  int pick_store();
  int pick_package();
  int64_t day_time(int day_from, int day_to, int hour_from, int hour_to);  // March days
  int64_t count(double default_count) const;

  // order_export.cpp
  struct ExportState;
  void fill_batch(int64_t hour, std::vector<Order>& batch, size_t& next_planted);
  void route_batch(const std::vector<Order>& batch, ExportState& st, const OrderFiles& files,
                   ExportStyle re_style);
  void record_counts(const ExportState& st);

  // order_stream.cpp
  void size_ordinary();
  Order ordinary(int64_t k);
  int ordinary_class(int64_t k) const;

  const Network& net_;
  CustomerBook& customers_;
  CustomerDraws draws_;
  uint64_t seed_;
  double scale_;
  GroundTruth& truth_;
  Rng rng_;
  uint64_t next_serial_ = 0;
  std::vector<Order> planted_;
  std::vector<BlacklistEntry> blacklist_;
  std::vector<ExceptionRow> exceptions_;
  std::vector<CorrectionRow> corrections_;
  std::vector<std::string> test_customers_;
  StoreDayCounts store_days_;

  // Ordinary orders: count, per hour slot, and class counts per range (A: to March 22; B: after).
  int64_t ordinary_ = 0;
  std::vector<int64_t> slot_cumulative_;          // ordinary orders before each hour slot of March
  int64_t range_a_ = 0;                           // ordinary orders created by the end of March 22
  std::array<int64_t, 5> class_a_{}, class_b_{};  // paid, unpaid, refunding, refunded, cancelled
  AffinePerm perm_a_, perm_b_;
};

enum OrdinaryClass { kClassPaid, kClassUnpaid, kClassRefunding, kClassRefunded, kClassCancelled };

}  // namespace pitwall::demo
