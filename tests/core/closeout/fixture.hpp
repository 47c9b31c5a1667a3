#pragma once
// Hand-built close-out inputs for tests: tables from rows of {column, text} cells, parsed the
// way the importer would (times local in UTC+8, amounts in yuan), and a campaign for March 2023.

#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/base/rate.hpp"
#include "core/closeout/closeout.hpp"
#include "core/closeout/values.hpp"

namespace pitwall::core::closeout::testing {

using Cells = std::vector<std::pair<std::string, std::string>>;

inline const FixedOffsetZone& shanghai() {
  static const FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  return zone;
}

inline int64_t at(const std::string& local) {
  auto t = parse_time(local, shanghai());
  EXPECT_TRUE(t.has_value()) << local;
  return t.value_or(0);
}

class TableBuilder {
 public:
  explicit TableBuilder(TableKind kind) : table_(Table::empty(kind)) {}

  TableBuilder& row(const Cells& cells, uint32_t batch = 1) {
    const auto& schema = table_.schema();
    std::map<std::string, std::string> by_name(cells.begin(), cells.end());
    for (const auto& [name, value] : by_name) {
      EXPECT_GE(schema.column_index(name), 0) << "no column " << name;
    }
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      auto it = by_name.find(std::string(schema.columns[c].name));
      push(c, schema.columns[c], it == by_name.end() ? std::string() : it->second);
    }
    table_.lines.push_back(static_cast<int64_t>(table_.lines.size()) + 2);
    table_.batches.push_back(batch);
    return *this;
  }
  Table build() { return std::move(table_); }

 private:
  void push(size_t c, const ColumnDef& def, const std::string& v) {
    Column& col = table_.columns[c];
    if (v.empty() && def.type != ValueType::kText) return col.push_null();
    switch (def.type) {
      case ValueType::kText:
        col.push_text(table_.pool.intern(v));
        break;
      case ValueType::kTime:
        col.push_i64(at(v));
        break;
      case ValueType::kMoney:
        col.push_i64(parse_yuan(v).value());
        break;
      case ValueType::kInt:
        col.push_i64(std::stoll(v));
        break;
      case ValueType::kRate:
        col.push_i32(static_cast<int32_t>(Rate::parse(v)->basis()));
        break;
      case ValueType::kBool:
        col.push_i32(v == "true" || v == "1");
        break;
      case ValueType::kStatus:
        col.push_i32(static_cast<int32_t>(parse_status(v).value()));
        break;
      case ValueType::kWord: {
        int32_t index = -1;
        for (size_t i = 0; i < def.words.size(); ++i) {
          if (def.words[i] == v) index = static_cast<int32_t>(i);
        }
        EXPECT_GE(index, 0) << v;
        col.push_i32(index);
        break;
      }
      case ValueType::kDate:
      case ValueType::kReal:
        col.push_null();
        break;
    }
  }
  Table table_;
};

inline MetricDefinition definition(std::string name, TimeBasis basis,
                                   std::initializer_list<OrderStatus> statuses, bool cleaned) {
  MetricDefinition d;
  d.name = std::move(name);
  d.time_basis = basis;
  for (OrderStatus s : statuses) d.statuses[static_cast<int>(s)] = true;
  d.cleaned = cleaned;
  return d;
}

inline MetricDefinition finance() {
  return definition("finance", TimeBasis::kPaidAt, {OrderStatus::kPaid, OrderStatus::kRedeemed},
                    false);
}

inline Campaign march_campaign() {
  Campaign c;
  c.id = "2023-spring-renewal";
  c.name = "test";
  c.start = at("2023-03-01 00:00:00");
  c.end = at("2023-03-31 23:59:59");
  c.store_review_cutoff = at("2023-04-01 12:00:00");
  c.appeal_cutoff = at("2023-04-01 18:00:00");
  return c;
}

// A paid order in March with every usual field; `extra` overrides or adds cells.
inline Cells paid_order(const std::string& id, const std::string& customer, Cells extra = {}) {
  Cells cells = {{"order_id", id},
                 {"customer_id", customer},
                 {"store_code", "S1"},
                 {"status", "paid"},
                 {"created_at", "2023-03-10 10:00:00"},
                 {"paid_at", "2023-03-10 10:05:00"},
                 {"package", "P1"},
                 {"paid_amount", "100.00"}};
  for (auto& [name, value] : extra) {
    bool replaced = false;
    for (auto& cell : cells) {
      if (cell.first == name) {
        cell.second = value;
        replaced = true;
      }
    }
    if (!replaced) cells.emplace_back(name, value);
  }
  return cells;
}

// Inputs over tables owned by the fixture.
struct Fixture {
  Campaign campaign = march_campaign();
  Table orders = Table::empty(TableKind::kOrders);
  Table stores = TableBuilder(TableKind::kStores)
                     .row({{"store_code", "S1"},
                           {"store_name", "One"},
                           {"region", "East"},
                           {"old_codes", "OLD1;OLD1b"}})
                     .row({{"store_code", "S2"}, {"store_name", "Two"}, {"region", "East"}})
                     .row({{"store_code", "S3"}, {"store_name", "Three"}, {"region", "West"}})
                     .build();
  Table staff = Table::empty(TableKind::kStaff);
  Table customers = Table::empty(TableKind::kCustomers);
  Table price_list = Table::empty(TableKind::kPriceList);
  Table blacklist = Table::empty(TableKind::kBlacklist);
  Table corrections = Table::empty(TableKind::kCorrections);
  Table exceptions = Table::empty(TableKind::kExceptions);
  std::vector<MetricDefinition> definitions = {finance()};
  std::vector<ArbitrationDecision> decisions;
  std::vector<BlacklistEntry> extra_blacklist;
  int threads = 1;
  CloseoutInputs::KeepOrders keep_orders = CloseoutInputs::KeepOrders::kDeclared;

  CloseoutInputs inputs() const {
    CloseoutInputs in;
    in.campaign = &campaign;
    in.zone = &shanghai();
    in.orders = &orders;
    in.stores = &stores;
    in.staff = &staff;
    in.customers = &customers;
    in.price_list = &price_list;
    in.blacklist = &blacklist;
    in.corrections = &corrections;
    in.exceptions = &exceptions;
    in.definitions = definitions;
    in.decisions = decisions;
    in.extra_blacklist = extra_blacklist;
    in.threads = threads;
    in.keep_orders = keep_orders;
    return in;
  }
  RunResult run() const {
    auto r = run_closeout(inputs());
    EXPECT_TRUE(r.has_value()) << (r.has_value() ? "" : r.error().to_string());
    return std::move(r).release_value();
  }
};

// Findings of `rule`, as (order id, action) pairs in list order.
inline std::vector<std::pair<std::string, Action>> findings_of(const RunResult& r, Rule rule) {
  std::vector<std::pair<std::string, Action>> out;
  for (const Finding& f : r.findings.items()) {
    if (f.rule == rule) out.emplace_back(std::string(r.orders.order_id(f.order)), f.action);
  }
  return out;
}

inline const Finding* find_finding(const RunResult& r, const std::string& order, Rule rule) {
  for (const Finding& f : r.findings.items()) {
    if (f.rule == rule && r.orders.order_id(f.order) == order) return &f;
  }
  return nullptr;
}

inline uint32_t order_index(const RunResult& r, const std::string& id) {
  for (uint32_t k = 0; k < r.orders.size(); ++k) {
    if (r.orders.order_id(k) == id) return k;
  }
  ADD_FAILURE() << "no order " << id;
  return 0;
}

}  // namespace pitwall::core::closeout::testing
