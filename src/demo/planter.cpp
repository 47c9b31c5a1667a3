// The planted defects of closeout.md (issue 4 item 3), one function per family. Every planted
// order draws its own customer, so no two cases can interact; ordinary orders never carry
// anything a rule could catch (see customers.hpp and order_stream.cpp).
#include "demo/planter.hpp"

#include <algorithm>
#include <cmath>

#include "core/base/check.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

int64_t OrderGenerator::count(double default_count) const {
  if (default_count <= 0) return 0;
  return std::max<int64_t>(1, std::llround(default_count * scale_));
}

int64_t OrderGenerator::planted_customers_needed(double scale) {
  // shared accounts (52), test accounts (<= 50), rings (28), unknown customers (6), near misses
  auto n = [&](double c) { return std::max<int64_t>(1, std::llround(c * scale)); };
  return n(26) * 2 + std::min<int64_t>(n(6), 50) + n(3) * 4 + n(2) * 3 + n(2) * 5 + n(6) + 64;
}

int OrderGenerator::pick_store() {
  return static_cast<int>(pick_cumulative(net_.store_cumulative, rng_.bits()));
}
int OrderGenerator::pick_package() {
  return static_cast<int>(pick_cumulative(net_.package_cumulative, rng_.bits()));
}

int64_t OrderGenerator::day_time(int day_from, int day_to, int hour_from, int hour_to) {
  int day = static_cast<int>(rng_.range(day_from, day_to));
  return local_seconds(2023, 3, 1) + (day - 1) * kDay +
         rng_.range(hour_from * kHour, hour_to * kHour - 1);
}

Order OrderGenerator::make(int kind, int store, int64_t customer, int64_t created, int package) {
  Order o;
  o.kind = static_cast<int16_t>(kind);
  o.serial = next_serial_++;
  o.created = created;
  o.recorded = created + static_cast<int64_t>(below(mix(seed_, 31, o.serial), 91));
  o.store = store;
  o.customer = customer;
  o.home_store = customers_.home_store(customer);
  o.package = static_cast<int16_t>(package);
  const Package& p = net_.packages[package];
  o.gross_fen = p.list_fen;
  o.discount_fen = p.list_fen * p.discount_basis / 10000;
  o.paid_fen = o.gross_fen - o.discount_fen;
  if (o.discount_fen > 0) o.flags |= kHasCoupon;
  uint64_t h = mix(seed_, 32, o.serial);
  const Store& s = net_.stores[store];
  o.closer = s.first_adviser + static_cast<int>(below(h, s.adviser_count));
  int roles = static_cast<int>(below(mix64(h), 100));
  if (roles < 25) {
    o.receiver = s.first_adviser + static_cast<int>(below(mix64(h + 1), s.adviser_count));
  }
  int channel = static_cast<int>(below(mix64(h + 2), 100));
  o.channel = channel < 55 ? 0 : channel < 80 ? 1 : channel < 95 ? 2 : 3;
  if (below(mix64(h + 3), 100) < 20) o.flags |= kHasAddress;
  return o;
}

void OrderGenerator::pay(Order& o, int64_t paid) {
  o.paid = paid;
  int64_t approved =
      paid + kMinute * static_cast<int64_t>(10 + below(mix(seed_, 33, o.serial), 170));
  // A last-day order is approved before the store review cut-off unless planted late.
  if (o.created <= campaign_end() && approved > review_cutoff() - 30 * kMinute) {
    approved = std::max(paid + kMinute, review_cutoff() - 30 * kMinute);
  }
  o.approved = approved;
}

void Planter::duplicates() {
  int k = kind("double_submit");
  for (int64_t n = g_.count(90); n > 0; --n) {
    int store = g_.pick_store();
    int pkg = g_.pick_package();
    int64_t c = reached(store);
    int64_t t = g_.day_time(2, 30, 9, 20);
    Order p = g_.make(k, store, c, t, pkg);
    g_.pay(p, t + kMinute * g_.rng_.range(3, 40));
    Order d = g_.make(k, store, c, t + g_.rng_.range(60, 9 * kMinute), pkg);
    d.closer = p.closer;
    exclude(d);
    add_case(k, {id(d)}, {id(p)}, {cid(c)}, "second submit unpaid");
    g_.push(std::move(p));
    g_.push(std::move(d));
  }
  k = kind("double_submit_paid");
  for (int64_t n = g_.count(24); n > 0; --n) {
    int store = g_.pick_store();
    int pkg = g_.pick_package();
    int64_t c = reached(store);
    int64_t t = g_.day_time(2, 30, 9, 20);
    Order p = g_.make(k, store, c, t, pkg);
    g_.pay(p, t + g_.rng_.range(60, 4 * kMinute));
    Order d = g_.make(k, store, c, t + g_.rng_.range(2 * kMinute, 8 * kMinute), pkg);
    g_.pay(d, std::max(d.created, p.paid) + g_.rng_.range(30, 5 * kMinute));
    exclude(d);
    add_case(k, {id(d)}, {id(p)}, {cid(c)}, "both paid; the later payment is excluded");
    g_.push(std::move(p));
    g_.push(std::move(d));
  }
}

void Planter::two_paid(int k, int64_t first_customer, int64_t second_customer, std::string detail) {
  int store = g_.customers_.home_store(first_customer);
  int pkg = g_.pick_package();
  int64_t t1 = g_.day_time(1, 20, 9, 19);
  Order a = g_.make(k, store, first_customer, t1 + 15 * kMinute, pkg);
  g_.pay(a, a.created + kMinute * g_.rng_.range(2, 50));
  int64_t t2 = t1 + kDay * g_.rng_.range(2, 9);
  Order b = g_.make(k, store, second_customer, t2, other_package(pkg));
  g_.pay(b, t2 + kMinute * g_.rng_.range(2, 50));
  exclude(b);
  std::vector<std::string> people = {cid(first_customer)};
  if (second_customer != first_customer) people.push_back(cid(second_customer));
  add_case(k, {id(b)}, {id(a)}, people, std::move(detail));
  g_.push(std::move(a));
  g_.push(std::move(b));
}

void Planter::limits() {
  int k = kind("per_vehicle_overuse");
  for (int64_t n = g_.count(70); n > 0; --n) {
    int64_t c = reached(g_.pick_store());
    two_paid(k, c, c, "vin=" + g_.customers_.vin(c));
  }
  k = kind("shared_vin_accounts");
  for (int64_t n = g_.count(26); n > 0; --n) {
    int store = g_.pick_store();
    int64_t a = reached(store);
    int64_t b = g_.draws_.planted();
    auto& ov = g_.customers_.override_for(b);
    ov.vin = g_.customers_.vin(a);
    ov.home = store;
    two_paid(k, a, b, "vin=" + ov.vin);
  }
  k = kind("shared_phone_accounts");
  for (int64_t n = g_.count(26); n > 0; --n) {
    int store = g_.pick_store();
    int64_t a = reached(store);
    int64_t b = g_.draws_.planted();
    auto& ov = g_.customers_.override_for(b);
    ov.phone = g_.customers_.phone(a);
    ov.home = store;
    two_paid(k, a, b, "phone=" + ov.phone);
  }
}

void Planter::tests() {
  int k = kind("test_customer");
  int64_t n_accounts = std::min<int64_t>(g_.count(6), 50);
  for (int64_t n = 0; n < n_accounts; ++n) {
    int64_t c = g_.draws_.planted();
    auto& ov = g_.customers_.override_for(c);
    ov.test = true;
    ov.name = fmt::format("内部测试账号{:02d}", n + 1);
    int store = g_.net_.region_stores[n % 6][0];
    ov.home = store;
    g_.test_customers_.push_back(cid(c));
    Order o = g_.make(k, store, c, g_.day_time(1, 5, 10, 17), g_.pick_package());
    g_.pay(o, o.created + 2 * kMinute);
    o.flags |= kTestCustomer;
    exclude(o);
    add_case(k, {id(o)}, {}, {cid(c)});
    g_.push(std::move(o));
  }
  k = kind("test_staff");
  for (int64_t n = g_.count(4); n > 0; --n) {
    int staff = g_.net_.test_staff[n % g_.net_.test_staff.size()];
    Order& o = paid_order(k, g_.net_.staff[staff].store, g_.day_time(1, 6, 10, 17));
    o.closer = staff;
    o.receiver = -1;
    exclude(o);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "closer=" + g_.net_.staff[staff].id);
  }
  k = kind("test_amount");
  for (int64_t n = g_.count(6); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 8, 10, 17));
    o.paid_fen = 1;
    o.discount_fen = 0;
    o.flags &= static_cast<uint16_t>(~kHasCoupon);
    exclude(o);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid 0.01");
  }
}

void Planter::exceptions_and_blacklist() {
  static const char* kReasons[] = {"客户否认下单", "系统重复推送订单", "员工代客下单未经同意",
                                   "虚假订单（门店刷单）", "支付渠道异常，款项已原路退回"};
  int k = kind("cs_exception");
  int64_t paid = g_.count(60), unpaid = g_.count(18), cancelled = g_.count(5);
  for (int64_t n = 0; n < paid + unpaid + cancelled; ++n) {
    int store = g_.pick_store();
    int64_t t = g_.day_time(1, 30, 9, 21);
    Order o = g_.make(k, store, reached(store), t, g_.pick_package());
    if (n < paid) g_.pay(o, t + kMinute * g_.rng_.range(2, 90));
    if (n >= paid + unpaid) o.cancelled = t + kMinute * g_.rng_.range(5, 120);
    exclude(o);
    const char* reason = kReasons[n % std::size(kReasons)];
    g_.exceptions_.push_back({id(o), reason, "客服中心"});
    add_case(k, {id(o)}, {}, {cid(o.customer)}, reason);
    g_.push(std::move(o));
  }
  k = kind("blacklist");
  struct B {
    const char* kind;
    double count;
  };
  const B kKinds[] = {
      {"customer_id", 10}, {"phone", 6}, {"vin", 5}, {"device_id", 3}, {"payment_account", 2}};
  for (const B& b : kKinds) {
    for (int64_t n = g_.count(b.count); n > 0; --n) {
      Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 21));
      std::string_view bk = b.kind;
      const CustomerBook& cb = g_.customers_;
      std::string value = bk == "customer_id" ? cid(o.customer)
                          : bk == "phone"     ? cb.phone(o.customer)
                          : bk == "vin"       ? cb.vin(o.customer)
                          : bk == "device_id" ? cb.device(o.customer)
                                              : cb.payment(o.customer);
      if (bk == "device_id") o.channel = 1;  // the app shows the device
      exclude(o);
      g_.blacklist_.push_back({b.kind, value, "历史恶意退单，列入黑名单"});
      add_case(k, {id(o)}, {}, {cid(o.customer)}, fmt::format("{}={}", b.kind, value));
    }
  }
  // Blacklisted and cross-period: counted by finance raw only, excluded cleaned.
  for (int64_t n = g_.count(2); n > 0; --n) {
    int store = g_.pick_store();
    int64_t t = local_seconds(2023, 2, 26 + static_cast<int>(n % 3), 15);
    Order o = g_.make(k, store, reached(store), t, g_.pick_package());
    g_.pay(o, local_seconds(2023, 3, 1, 10) + kMinute * g_.rng_.range(0, 300));
    exclude(o);
    g_.blacklist_.push_back({"customer_id", cid(o.customer), "疑似职业羊毛党"});
    add_case(k, {id(o)}, {}, {cid(o.customer)},
             "customer_id=" + cid(o.customer) + "; also time.cross_period");
    g_.push(std::move(o));
  }
}

void OrderGenerator::plant() {
  Planter(*this).run();
  std::stable_sort(planted_.begin(), planted_.end(), [](const Order& a, const Order& b) {
    return a.created < b.created || (a.created == b.created && a.serial < b.serial);
  });
  size_ordinary();
}

}  // namespace pitwall::demo
