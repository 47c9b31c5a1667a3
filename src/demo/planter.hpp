#pragma once
// Planter: makes the planted orders of closeout.md's defect kinds for an OrderGenerator
// (internal to the demo; planter.cpp and planter_fraud.cpp).

#include <string>
#include <vector>

#include "demo/orders.hpp"
#include "demo/table_writer.hpp"

namespace pitwall::demo {

inline constexpr int64_t kMinute = 60, kHour = 3600, kDay = 86400;

class Planter {
 public:
  explicit Planter(OrderGenerator& g) : g_(g) {}

  void run() {
    duplicates();
    limits();
    tests();
    exceptions_and_blacklist();
    fraud();
    amounts();
    references();
    times();
    reexports();
    collaboration();
    near_misses();
  }

 private:
  int kind(const char* name) { return defect_kind_index(name); }
  Order& last() { return g_.planted_.back(); }
  std::string id(const Order& o) { return g_.id_of(o); }
  std::string cid(int64_t c) { return g_.customers_.id(c); }
  int64_t reached(int store) { return g_.draws_.reached(store); }

  // A simple paid order of a fresh customer at a store; returns it (already pushed).
  Order& paid_order(int k, int store, int64_t created, int package = -1) {
    if (package < 0) package = g_.pick_package();
    Order o = g_.make(k, store, reached(store), created, package);
    g_.pay(o, created + kMinute * g_.rng_.range(2, 50));
    g_.push(std::move(o));
    return last();
  }
  void add_case(int k, std::vector<std::string> targets, std::vector<std::string> related,
                std::vector<std::string> customers, std::string detail = "") {
    Case c;
    c.kind = k;
    c.targets = std::move(targets);
    c.related = std::move(related);
    c.customers = std::move(customers);
    c.detail = std::move(detail);
    g_.truth_.add(c);
  }
  void exclude(Order& o) { o.flags |= kExcluded; }
  int other_package(int p) {
    int q = g_.pick_package();
    return q == p ? (p + 1) % static_cast<int>(g_.net_.packages.size()) : q;
  }

  void duplicates();

  // Two paid orders of one identity (limits.per_customer / per_vin = 1): the later is excluded.
  void two_paid(int k, int64_t first_customer, int64_t second_customer, std::string detail);

  void limits();

  void tests();

  void exceptions_and_blacklist();

  void fraud();
  void amounts();
  void references();
  void times();
  void reexports();
  void collaboration();
  void near_misses();

  OrderGenerator& g_;
};

}  // namespace pitwall::demo
