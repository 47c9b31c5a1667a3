// Ordinary orders and the two order exports (see orders.hpp).
#include <algorithm>
#include <cmath>

#include "core/base/check.hpp"
#include "core/base/instant.hpp"
#include "demo/order_rows.hpp"
#include "demo/orders.hpp"
#include "demo/planter.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

constexpr int kFirstHour = 7, kHoursPerDay = 17;  // ordinary orders 07:00-23:40
constexpr int kRangeADays = 22;                   // refunded ordinary orders: created by Mar 22

double day_weight(int day) {
  int64_t days = core::days_from_civil(2023, 3, day);
  int weekday = static_cast<int>((days + 4) % 7);  // 0 = Sunday
  double w = weekday == 6 ? 1.5 : weekday == 0 ? 1.35 : 1.0;
  if (day == 1) w *= 0.55;  // day 1: the redemption-system incident
  if (day == 2) w *= 0.75;
  if (day == 3) w *= 0.85;
  if (day >= 29) w *= 1.0 + 0.3 * (day - 28);  // the closing sprint
  return w;
}

double hour_weight(int day, int hour) {
  static const double kHours[kHoursPerDay] = {0.3, 0.8, 1.6, 2.2, 2.0, 1.0, 1.2, 1.8, 1.9,
                                              1.7, 1.3, 1.0, 1.4, 1.6, 1.3, 0.8, 0.3};
  double w = kHours[hour - kFirstHour];
  if (day == 31 && hour >= 21) w *= 3;  // the last hours' rush
  return w;
}

int64_t slot_start(int slot) {
  return local_seconds(2023, 3, 1 + slot / kHoursPerDay, kFirstHour + slot % kHoursPerDay);
}

int64_t slot_length(int slot) {
  return slot == 31 * kHoursPerDay - 1 ? 40 * 60 : 3600;  // Mar 31 23:00-23:40
}

}  // namespace

void OrderGenerator::size_ordinary() {
  OrderTargets base;
  auto target = [&](int64_t v) { return std::llround(static_cast<double>(v) * scale_); };
  int64_t p_it = 0, p_ops = 0, p_fin = 0;
  for (const Order& o : planted_) {
    Counted c = counted(o);
    p_it += c.it;
    p_ops += c.ops;
    p_fin += c.finance;
  }
  int64_t paid = target(base.finance) - p_fin;
  int64_t non_finance = target(base.ops) - p_ops - paid;
  int64_t cancelled = target(base.it) - p_it - paid - non_finance;
  PW_CHECK(paid >= 0 && non_finance >= 0 && cancelled >= 0, "planted orders exceed the targets");
  int64_t refunded = non_finance * 22 / 100, refunding = non_finance * 17 / 100;
  int64_t unpaid = non_finance - refunded - refunding;
  ordinary_ = paid + non_finance + cancelled;

  // Hour slots of March, sized by day and hour weights (largest remainder).
  int slots = 31 * kHoursPerDay;
  std::vector<double> weights(slots);
  double total = 0;
  for (int s = 0; s < slots; ++s) {
    int day = 1 + s / kHoursPerDay;
    weights[s] = day_weight(day) * hour_weight(day, kFirstHour + s % kHoursPerDay);
    total += weights[s];
  }
  std::vector<int64_t> counts(slots);
  std::vector<std::pair<double, int>> remainders;
  int64_t assigned = 0;
  for (int s = 0; s < slots; ++s) {
    double exact = weights[s] / total * static_cast<double>(ordinary_);
    counts[s] = static_cast<int64_t>(exact);
    assigned += counts[s];
    remainders.push_back({-(exact - static_cast<double>(counts[s])), s});
  }
  std::sort(remainders.begin(), remainders.end());
  for (int64_t i = 0; assigned < ordinary_; ++i, ++assigned) ++counts[remainders[i].second];
  slot_cumulative_.assign(1, 0);
  for (int s = 0; s < slots; ++s) slot_cumulative_.push_back(slot_cumulative_.back() + counts[s]);
  range_a_ = slot_cumulative_[kRangeADays * kHoursPerDay];
  PW_CHECK(refunded <= range_a_, "too few early orders for the refunds");

  // Classes: refunded all in range A; the others split between A and B in proportion.
  std::array<int64_t, 5> all = {paid, unpaid, refunding, refunded, cancelled};
  double share_a = static_cast<double>(range_a_ - refunded) /
                   static_cast<double>(std::max<int64_t>(1, ordinary_ - refunded));
  int64_t in_a = refunded;
  class_a_[kClassRefunded] = refunded;
  for (int c : {kClassUnpaid, kClassRefunding, kClassCancelled}) {
    class_a_[c] = std::llround(static_cast<double>(all[c]) * share_a);
    in_a += class_a_[c];
  }
  class_a_[kClassPaid] = range_a_ - in_a;
  for (int c = 0; c < 5; ++c) class_b_[c] = all[c] - class_a_[c];
  PW_CHECK(class_a_[kClassPaid] >= 0 && class_b_[kClassPaid] >= 0, "class split");
  perm_a_ = AffinePerm(static_cast<uint64_t>(std::max<int64_t>(1, range_a_)), mix(seed_, 41, 0));
  perm_b_ = AffinePerm(static_cast<uint64_t>(std::max<int64_t>(1, ordinary_ - range_a_)),
                       mix(seed_, 41, 1));
  next_serial_ = planted_.size();
}

int OrderGenerator::ordinary_class(int64_t k) const {
  bool a = k < range_a_;
  uint64_t p = a ? perm_a_(static_cast<uint64_t>(k)) : perm_b_(static_cast<uint64_t>(k - range_a_));
  const auto& counts = a ? class_a_ : class_b_;
  int64_t edge = 0;
  for (int c = 0; c < 5; ++c) {
    edge += counts[c];
    if (static_cast<int64_t>(p) < edge) return c;
  }
  return kClassPaid;
}

Order OrderGenerator::ordinary(int64_t k) {
  int slot =
      static_cast<int>(std::upper_bound(slot_cumulative_.begin(), slot_cumulative_.end(), k) -
                       slot_cumulative_.begin()) -
      1;
  uint64_t h = mix(seed_, 42, static_cast<uint64_t>(k));
  int64_t created = slot_start(slot) + static_cast<int64_t>(below(h, slot_length(slot)));
  int store = static_cast<int>(pick_cumulative(net_.store_cumulative, mix64(h + 1)));
  int draw = static_cast<int>(below(mix64(h + 2), 100));
  int64_t customer;
  if (draw < 85) {
    customer = draws_.reached(store);
  } else if (draw < 95) {
    customer = draws_.walk_in(store);
  } else {
    const auto& peers = net_.region_stores[net_.stores[store].region];
    customer = draws_.reached(peers[below(mix64(h + 3), peers.size())]);
  }
  int package = static_cast<int>(pick_cumulative(net_.package_cumulative, mix64(h + 4)));
  Order o = make(-1, store, customer, created, package);
  int cls = ordinary_class(k);
  uint64_t t = mix64(h + 5);
  if (cls == kClassCancelled) {
    o.cancelled = created + 300 + static_cast<int64_t>(below(t, 2 * kHour));
    return o;
  }
  if (cls == kClassUnpaid) return o;
  int64_t lag = below(t, 100) < 70 ? 60 + static_cast<int64_t>(below(mix64(t), 59 * kMinute))
                                   : kHour + static_cast<int64_t>(below(mix64(t), 5 * kHour));
  pay(o, std::min(created + lag, campaign_end() - 15 * kMinute));
  uint64_t r = mix64(t + 1);
  if (cls == kClassRefunding) {
    int64_t latest = first_export() - kHour;
    int64_t want = o.paid + 2 * kDay + static_cast<int64_t>(below(r, 8 * kDay));
    o.refund_requested = want <= latest ? want : o.paid + (latest - o.paid) / 2;
  } else if (cls == kClassRefunded) {
    o.refund_requested = o.paid + 8 * kDay + static_cast<int64_t>(below(r, 20 * kHour));
    o.refunded = o.refund_requested + 2 * kHour + static_cast<int64_t>(below(mix64(r), 18 * kHour));
  } else if (below(r, 100) < 75) {
    int64_t day = (o.paid / kDay) + 1 + static_cast<int64_t>(below(mix64(r), 18));
    int64_t redeemed =
        day * kDay + 9 * kHour + static_cast<int64_t>(below(mix64(r + 1), 9 * kHour));
    if (redeemed <= local_seconds(2023, 3, 31, 21)) o.redeemed = redeemed;
  }
  return o;
}

}  // namespace pitwall::demo
