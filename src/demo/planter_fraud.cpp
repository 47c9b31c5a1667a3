// Planted defects, second half: fraud patterns, amounts, references, times and cut-offs,
// re-export changes, collaboration splits and near misses (closeout.md §2-5).
#include <algorithm>

#include "core/base/check.hpp"
#include "demo/planter.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

void Planter::fraud() {
  // Mass cancellers: orders spread over the month with distinct packages 13 apart (so no
  // cancel-reorder link), all cancelled but the last.
  int k = kind("mass_cancel");
  const int kPatterns[3][2] = {{12, 1}, {20, 1}, {10, 0}};  // orders, last one paid?
  for (int64_t n = 0; n < g_.count(3); ++n) {
    const int* pat = kPatterns[n % 3];
    int store = g_.pick_store();
    int64_t c = reached(store);
    int first_pkg = static_cast<int>(g_.rng_.range(0, 12));
    std::vector<std::string> cancelled;
    for (int j = 0; j < pat[0]; ++j) {
      int64_t t =
          local_seconds(2023, 3, 1, 9) + j * (29 * kDay / pat[0]) + g_.rng_.range(0, 10 * kHour);
      int pkg = (first_pkg + j) % static_cast<int>(g_.net_.packages.size());
      Order o = g_.make(k, store, c, t, pkg);
      if (j + 1 < pat[0]) {
        o.cancelled = t + kMinute * g_.rng_.range(5, 90);
        cancelled.push_back(id(o));
      } else {
        if (pat[1] == 1) g_.pay(o, t + kMinute * g_.rng_.range(2, 30));
        add_case(k, {id(o)}, cancelled, {cid(c)},
                 fmt::format("{} of {} orders cancelled", pat[0] - 1, pat[0]));
      }
      g_.push(std::move(o));
    }
  }
  k = kind("cancel_reorder");
  for (int64_t n = g_.count(40); n > 0; --n) {
    int store = g_.pick_store();
    int pkg = g_.pick_package();
    int64_t c = reached(store);
    int64_t t = g_.day_time(1, 24, 9, 20);
    Order a = g_.make(k, store, c, t, pkg);
    a.cancelled = t + kMinute * g_.rng_.range(5, 90);
    Order b = g_.make(k, store, c, a.cancelled + g_.rng_.range(10 * kMinute, 6 * kDay), pkg);
    g_.pay(b, b.created + kMinute * g_.rng_.range(2, 50));
    add_case(k, {id(a), id(b)}, {}, {cid(c)});
    g_.push(std::move(a));
    g_.push(std::move(b));
  }
  // Fraud rings: different people (own phones and VINs) sharing one device, payment account
  // or address, one paid order each.
  k = kind("fraud_ring");
  struct Ring {
    const char* identifier;
    double rings;
    int members;
  };
  const Ring kRings[] = {{"device_id", 3, 4}, {"payment_account", 2, 3}, {"address", 2, 5}};
  int ring_no = 0;
  for (const Ring& r : kRings) {
    for (int64_t n = g_.count(r.rings); n > 0; --n, ++ring_no) {
      int store = g_.pick_store();
      std::string shared = std::string_view(r.identifier) == "device_id"
                               ? fmt::format("DEV-RING{:08X}", ring_no * 7919 + 17)
                           : std::string_view(r.identifier) == "payment_account"
                               ? fmt::format("wx_88{:010d}", ring_no * 104729 + 3)
                               : fmt::format("{}市{}区幸福路{}号{}栋101室",
                                             g_.net_.cities[g_.net_.stores[store].city].name,
                                             g_.net_.cities[g_.net_.stores[store].city]
                                                 .districts[g_.net_.stores[store].district],
                                             900 + ring_no, ring_no % 9 + 1);
      int64_t t = g_.day_time(3, 22, 9, 19);
      std::vector<std::string> orders, people;
      for (int m = 0; m < r.members; ++m) {
        int64_t c = g_.draws_.planted();
        auto& ov = g_.customers_.override_for(c);
        ov.home = store;
        if (std::string_view(r.identifier) == "device_id") ov.device = shared;
        if (std::string_view(r.identifier) == "payment_account") ov.payment = shared;
        if (std::string_view(r.identifier) == "address") ov.address = shared;
        Order o =
            g_.make(k, store, c, t + m * g_.rng_.range(3 * kHour, 30 * kHour), g_.pick_package());
        g_.pay(o, o.created + kMinute * g_.rng_.range(2, 40));
        if (std::string_view(r.identifier) == "device_id") o.channel = 1;
        if (std::string_view(r.identifier) == "address") o.flags |= kHasAddress;
        orders.push_back(id(o));
        people.push_back(cid(c));
        g_.push(std::move(o));
      }
      std::vector<std::string> first = {orders.front()};
      orders.erase(orders.begin());
      add_case(k, orders, first, people, fmt::format("{}={}", r.identifier, shared));
    }
  }
  k = kind("stack_return");
  for (int64_t n = g_.count(20); n > 0; --n) {
    int pkg;
    do pkg = g_.pick_package();
    while (g_.net_.packages[pkg].discount_basis == 0);
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(2, 24, 9, 20), pkg);
    o.refund_requested = o.paid + g_.rng_.range(kDay, 5 * kDay);
    o.refunded = o.refund_requested + g_.rng_.range(2 * kHour, 20 * kHour);
    add_case(k, {id(o)}, {}, {cid(o.customer)},
             fmt::format("discount {}.{:02d}", o.discount_fen / 100, o.discount_fen % 100));
  }
}

void Planter::amounts() {
  auto full_price = [](Order& o) {
    o.discount_fen = 0;
    o.flags &= static_cast<uint16_t>(~kHasCoupon);
  };
  auto package_at_least = [&](int64_t fen) {
    int p;
    do p = g_.pick_package();
    while (g_.net_.packages[p].list_fen < fen);
    return p;
  };
  int k = kind("zero_amount");
  for (int64_t n = g_.count(8); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20));
    full_price(o);
    o.paid_fen = 0;
    exclude(o);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid 0.00");
  }
  k = kind("amount_out_of_range");
  for (int64_t n = g_.count(5); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20));
    full_price(o);
    o.paid_fen = 5'200'000 + 100 * g_.rng_.range(1, 16'000) + 37;  // never 100 x a price
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid above 50,000");
  }
  k = kind("paid_gt_gross");
  for (int64_t n = g_.count(6); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20), package_at_least(88000));
    full_price(o);
    o.paid_fen = o.gross_fen + 20000;  // an add-on charged on the campaign order
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid = gross + 200.00");
  }
  k = kind("amount_unit_x100");
  for (int64_t n = g_.count(5); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20), package_at_least(68000));
    full_price(o);
    o.paid_fen = o.gross_fen * 100;
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid = 100 x list price");
  }
  k = kind("amount_unit_x001");
  for (int64_t n = g_.count(5); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20), package_at_least(68000));
    full_price(o);
    o.paid_fen = o.gross_fen / 100;
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid = 0.01 x list price");
  }
  k = kind("status_time_missing");
  for (int64_t n = g_.count(4); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20));
    o.flags |= kHidePaidAt;
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "status paid, paid_at empty");
  }
  k = kind("status_time_order");
  for (int64_t n = g_.count(4); n > 0; --n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(2, 30, 9, 20));
    o.paid = o.created - g_.rng_.range(60, 600);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "paid_at before created_at");
  }
}

void Planter::references() {
  int k_store = kind("missing_store"), k_both = kind("missing_store_and_staff");
  int k_staff = kind("missing_staff"), k_fix = kind("store_correction");
  int64_t corrected_store = g_.count(4), corrected_staff = g_.count(5);
  for (int64_t n = 0; n < g_.count(12); ++n) {
    Order& o = paid_order(k_store, g_.pick_store(), g_.day_time(1, 30, 9, 20));
    o.store_form = StoreForm::kEmpty;
    const Store& s = g_.net_.stores[o.store];
    add_case(k_store, {id(o)}, {}, {cid(o.customer)}, "filled from closer: " + s.code);
    if (n < corrected_store) {
      g_.corrections_.push_back(
          {id(o), "store_code", s.code, "订单未带门店编码，门店补录", s.code});
      add_case(k_fix, {id(o)}, {}, {}, "store_code=" + s.code);
    }
  }
  for (int64_t n = g_.count(4); n > 0; --n) {
    int store = g_.pick_store();
    int64_t c = reached(store);
    Order o = g_.make(k_both, store, c, g_.day_time(1, 30, 9, 20), g_.pick_package());
    g_.pay(o, o.created + 10 * kMinute);
    o.store_form = StoreForm::kEmpty;
    o.closer = o.receiver = o.inviter = -1;
    add_case(k_both, {id(o)}, {}, {cid(c)},
             "filled from home store: " + g_.net_.stores[o.home_store].code);
    g_.push(std::move(o));
  }
  for (int64_t n = 0; n < g_.count(15); ++n) {
    Order& o = paid_order(k_staff, g_.pick_store(), g_.day_time(1, 30, 9, 20));
    o.closer = o.receiver = o.inviter = -1;
    add_case(k_staff, {id(o)}, {}, {cid(o.customer)});
    if (n < corrected_staff) {
      const Store& s = g_.net_.stores[o.store];
      const std::string& adviser = g_.net_.staff[s.first_adviser].id;
      g_.corrections_.push_back({id(o), "closer", adviser, "系统漏录成交顾问，门店补录", s.code});
      add_case(k_fix, {id(o)}, {}, {}, "closer=" + adviser);
    }
  }
  int k = kind("unknown_staff");
  for (int64_t n = 0; n < g_.count(6); ++n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20));
    if (n % 2 == 0) {
      o.flags |= kUnknownStaff;  // an id no staff list has
      add_case(k, {id(o)}, {}, {cid(o.customer)}, "closer id not in the staff file");
    } else {
      const Store& other = g_.net_.stores[(o.store + 1) % g_.net_.stores.size()];
      o.closer = other.first_adviser;  // an adviser of another store
      add_case(k, {id(o)}, {}, {cid(o.customer)},
               "closer " + g_.net_.staff[o.closer].id + " works at " + other.code);
    }
  }
  k = kind("old_store_code");
  std::vector<int> with_old;
  for (size_t s = 0; s < g_.net_.stores.size(); ++s) {
    if (!g_.net_.stores[s].old_code.empty()) with_old.push_back(static_cast<int>(s));
  }
  for (int64_t n = 0; n < g_.count(15); ++n) {
    int store = with_old[static_cast<size_t>(n) % with_old.size()];
    Order& o = paid_order(k, store, g_.day_time(1, 30, 9, 20));
    o.store_form = StoreForm::kOldCode;
    const Store& s = g_.net_.stores[store];
    add_case(k, {id(o)}, {}, {cid(o.customer)}, s.old_code + " -> " + s.code);
  }
  k = kind("malformed_phone");
  for (int64_t n = 0; n < g_.count(20); ++n) {
    Order& o = paid_order(k, g_.pick_store(), g_.day_time(1, 30, 9, 20));
    o.phone_form = static_cast<PhoneForm>(1 + n % 4);
    add_case(k, {id(o)}, {}, {cid(o.customer)}, "-> " + g_.customers_.phone(o.customer));
  }
  k = kind("unknown_customer");
  for (int64_t n = g_.count(6); n > 0; --n) {
    int store = g_.pick_store();
    int64_t c = g_.draws_.planted();
    auto& ov = g_.customers_.override_for(c);
    ov.in_master = false;
    ov.home = store;
    Order o = g_.make(k, store, c, g_.day_time(20, 30, 9, 20), g_.pick_package());
    g_.pay(o, o.created + 5 * kMinute);
    add_case(k, {id(o)}, {}, {cid(c)}, "registered in the app, not yet in the customer master");
    g_.push(std::move(o));
  }
}

}  // namespace pitwall::demo
