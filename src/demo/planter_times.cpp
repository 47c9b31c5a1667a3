// Planted defects, third part: cross-period orders, late reviews, the cut-offs, orders outside
// the window, re-export changes, collaboration splits and near misses (closeout.md §2, §5, §7).
#include <algorithm>

#include "demo/planter.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {
std::string which(const Order& o) {
  Counted c = counted(o);
  return fmt::format("it={} ops={} finance={}", c.it ? 1 : 0, c.ops ? 1 : 0, c.finance ? 1 : 0);
}
}  // namespace

void Planter::times() {
  int k = kind("cross_period_created_before");
  for (int64_t n = g_.count(30); n > 0; --n) {
    int store = g_.pick_store();
    int64_t t = local_seconds(2023, 2, 24) + g_.rng_.range(0, 4) * kDay +
                g_.rng_.range(9 * kHour, 20 * kHour);
    Order o = g_.make(k, store, reached(store), t, g_.pick_package());
    g_.pay(o, local_seconds(2023, 3, 1, 0, 20) + g_.rng_.range(0, 2 * kDay));
    add_case(k, {id(o)}, {}, {cid(o.customer)}, which(o));
    g_.push(std::move(o));
  }
  k = kind("cross_period_paid_after");
  for (int64_t n = g_.count(25); n > 0; --n) {
    int store = g_.pick_store();
    int64_t t = local_seconds(2023, 3, 31, 18) + g_.rng_.range(0, 5 * kHour + 30 * kMinute);
    Order o = g_.make(k, store, reached(store), t, g_.pick_package());
    g_.pay(o, local_seconds(2023, 4, 1, 0, 15) + g_.rng_.range(0, 32 * kHour));
    o.approved = kNone;  // approved in the back office, not by the store
    add_case(k, {id(o)}, {}, {cid(o.customer)}, which(o));
    g_.push(std::move(o));
  }
  k = kind("cross_period_redeemed_after");
  for (int64_t n = g_.count(150); n > 0; --n) {
    int64_t t = g_.day_time(24, 31, 9, 21);
    Order& o = paid_order(k, g_.pick_store(), t);
    o.paid = std::min(o.paid, campaign_end() - 20 * kMinute);
    o.approved = std::min(o.approved, review_cutoff() - 30 * kMinute);
    o.redeemed = first_export() + g_.rng_.range(2 * kHour, 3 * kDay);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "redeemed " + format_time(o.redeemed));
  }
  k = kind("late_review");
  for (int64_t n = g_.count(8); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(),
                          local_seconds(2023, 3, 31, 10) + g_.rng_.range(0, 11 * kHour));
    o.approved = review_cutoff() + g_.rng_.range(30 * kMinute, 5 * kHour);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "approved " + format_time(o.approved));
  }
  // The cut-offs (vector C6 and the gray zone of closeout.md §7), fixed at every scale.
  k = kind("near_cutoff");
  struct Edge {
    int64_t created, recorded_lag, paid;  // paid: kNone = unpaid
  };
  const Edge kEdges[] = {
      {local_seconds(2023, 3, 31, 23, 52, 10), 20, local_seconds(2023, 3, 31, 23, 58, 40)},
      {campaign_end(), 0, kNone},
      {local_seconds(2023, 4, 1), 0, local_seconds(2023, 4, 1, 0, 1, 30)},
      {local_seconds(2023, 4, 1, 0, 3), 15, kNone},
      {campaign_start(), 0, local_seconds(2023, 3, 1, 0, 2)},
      {local_seconds(2023, 2, 28, 23, 59, 59), 0, local_seconds(2023, 3, 1, 0, 0, 40)},
      {local_seconds(2023, 3, 31, 23, 57), 62, kNone},  // recorded after the end
  };
  for (const Edge& e : kEdges) {
    int store = g_.pick_store();
    Order o = g_.make(k, store, reached(store), e.created, g_.pick_package());
    o.recorded = e.created + e.recorded_lag;
    if (e.paid != kNone) {
      o.paid = e.paid;
      o.approved = e.paid + 40 * kMinute;
    }
    add_case(k, {id(o)}, {}, {cid(o.customer)}, which(o));
    g_.push(std::move(o));
  }
  k = kind("outside_window");
  for (int64_t n = 0; n < g_.count(12) + g_.count(40); ++n) {
    bool before = n < g_.count(12);
    int64_t t = before ? local_seconds(2023, 2, 20) + g_.rng_.range(0, 7) * kDay
                       : local_seconds(2023, 4, 1) + g_.rng_.range(0, 4) * kDay;
    t += g_.rng_.range(9 * kHour, 19 * kHour);
    Order& o = paid_order(k, g_.pick_store(), t);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, which(o));
  }
}

void Planter::reexports() {
  int k = kind("reexport_changed");
  for (int64_t n = g_.count(10); n > 0; --n) {  // unpaid at the first export, paid later
    int store = g_.pick_store();
    Order o = g_.make(k, store, reached(store), g_.day_time(27, 31, 9, 21), g_.pick_package());
    g_.pay(o, first_export() + g_.rng_.range(2 * kHour, 3 * kDay));
    o.approved = kNone;
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "created -> paid after the end; " + which(o));
    g_.push(std::move(o));
  }
  for (int64_t n = g_.count(12); n > 0; --n) {  // unpaid, then cancelled by the system
    int store = g_.pick_store();
    Order o = g_.make(k, store, reached(store), g_.day_time(27, 31, 9, 21), g_.pick_package());
    o.cancelled = first_export() + g_.rng_.range(kHour, 3 * kDay);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "created -> cancelled; " + which(o));
    g_.push(std::move(o));
  }
  for (int64_t n = g_.count(8); n > 0; --n) {  // paid, refund requested after the export
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(10, 28, 9, 20));
    o.refund_requested = first_export() + g_.rng_.range(2 * kHour, 3 * kDay);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid -> refunding; " + which(o));
  }
  for (int64_t n = g_.count(6); n > 0; --n) {  // paid, refunded after the export (> 7 days)
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(5, 20, 9, 20));
    o.refund_requested = first_export() + g_.rng_.range(kHour, kDay);
    o.refunded = o.refund_requested + g_.rng_.range(4 * kHour, 2 * kDay);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid -> refunded; " + which(o));
  }
}

void Planter::collaboration() {
  int k = kind("collaboration");
  for (int64_t n = 0; n < g_.count(30); ++n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20));
    const Store& s = g_.net_.stores[o.store];
    int a = s.first_adviser, count = s.adviser_count;
    int inviter = s.first_staff + s.staff_count - 1;  // the store's customer-service agent
    std::string detail;
    if (n % 6 < 4) {
      o.inviter = inviter;
      o.receiver = a + (n % count);
      o.closer = a + ((n + 1) % count);
      detail = "inviter, receiver, closer: three people (5:3:2)";
    } else if (n % 6 == 4) {
      o.inviter = o.closer = a + (n % count);
      o.receiver = a + ((n + 1) % count);
      detail = "inviter and closer the same person (vector C3)";
    } else {
      o.inviter = inviter;
      o.receiver = a + (n % count);
      o.closer = -1;
      detail = "no closer: its share goes by missing_role_goes_to";
    }
    add_case(k, {id(o)}, {}, {cid(o.customer)}, detail);
  }
}

void Planter::near_misses() {
  int k = kind("near_miss");
  {  // two accounts sharing a device: not a ring (3 needed)
    int store = g_.pick_store();
    std::string device = "DEV-FAMILY0000000001";
    std::vector<std::string> orders, people;
    for (int m = 0; m < 2; ++m) {
      int64_t c = g_.draws_.planted();
      auto& ov = g_.customers_.override_for(c);
      ov.device = device;
      ov.home = store;
      Order o = g_.make(k, store, c, g_.day_time(5, 25, 10, 18), g_.pick_package());
      g_.pay(o, o.created + 10 * kMinute);
      o.channel = 1;
      orders.push_back(id(o));
      people.push_back(cid(c));
      g_.push(std::move(o));
    }
    add_case(k, orders, {}, people, "two accounts share a device: below ring_min_accounts");
  }
  {  // 8 of 10 cancelled: below the 90% of fraud.mass_cancel
    int store = g_.pick_store();
    int64_t c = reached(store);
    std::vector<std::string> orders;
    for (int j = 0; j < 10; ++j) {
      int64_t t = local_seconds(2023, 3, 2, 10) + j * 3 * kDay;
      Order o = g_.make(k, store, c, t, j);
      if (j < 8) o.cancelled = t + 30 * kMinute;
      orders.push_back(id(o));
      g_.push(std::move(o));
    }
    add_case(k, orders, {}, {cid(c)}, "8 of 10 cancelled: below mass_cancel_ratio");
  }
  {  // same customer, store and package 11 minutes apart: not a double submit
    int store = g_.pick_store();
    int64_t c = reached(store);
    int pkg = g_.pick_package();
    int64_t t = g_.day_time(5, 25, 10, 18);
    Order p = g_.make(k, store, c, t, pkg);
    g_.pay(p, t + 5 * kMinute);
    Order d = g_.make(k, store, c, t + 11 * kMinute, pkg);
    add_case(k, {id(p), id(d)}, {}, {cid(c)}, "11 minutes apart: outside double_submit_minutes");
    g_.push(std::move(p));
    g_.push(std::move(d));
  }
  {  // refunded 8 days after payment with a discount: not a stack-and-return
    int pkg;
    do pkg = g_.pick_package();
    while (g_.net_.packages[pkg].discount_basis == 0);
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(3, 15, 10, 18), pkg);
    o.refund_requested = o.paid + 7 * kDay;
    o.refunded = o.paid + 8 * kDay + kHour;
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "refunded 8 days after payment");
  }
}

}  // namespace pitwall::demo
