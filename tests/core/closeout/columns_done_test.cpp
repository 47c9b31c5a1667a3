// CloseoutInputs::on_columns_done: the orders columns the pipeline names there are not read
// again. The test's orders columns are views over buffers it owns; when the pipeline says it is
// done with some, the test overwrites them — the result must be what it is without that.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "core/closeout/closeout.hpp"
#include "core/closeout/synthetic.hpp"

namespace pitwall::core::closeout {
namespace {

// Every orders column of `s` made a view over a copy of its bytes (kept in `buffers`).
void make_views(SyntheticCampaign& s, std::vector<std::vector<char>>& buffers) {
  buffers.resize(s.orders.columns.size());
  size_t rows = s.orders.rows();
  for (size_t c = 0; c < s.orders.columns.size(); ++c) {
    std::string_view bytes = s.orders.columns[c].raw_bytes();
    buffers[c].assign(bytes.begin(), bytes.end());
    s.orders.columns[c] =
        Column::view_of(s.orders.columns[c].type(), buffers[c].data(), rows, nullptr);
  }
}

// What a run decided, in numbers: every evaluation's totals, findings per rule, settlement.
std::vector<int64_t> outcome(const RunResult& r) {
  std::vector<int64_t> v;
  for (const Evaluation& e : r.evaluations) {
    v.push_back(e.total.orders);
    v.push_back(e.total.amount_fen);
    v.push_back(e.total.received_fen);
  }
  std::vector<int64_t> per_rule(kRuleCount, 0);
  for (const Finding& f : r.findings.items()) ++per_rule[static_cast<size_t>(f.rule)];
  v.insert(v.end(), per_rule.begin(), per_rule.end());
  v.push_back(r.settlement.total.payable_fen);
  v.push_back(r.settlement.total.clawback_fen);
  v.push_back(static_cast<int64_t>(r.settlement.staff.size()));
  v.push_back(static_cast<int64_t>(r.gray_zone.size()));
  v.push_back(static_cast<int64_t>(r.rings.size()));
  return v;
}

TEST(ColumnsDone, ColumnsNamedAreNotReadAgain) {
  FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  for (int threads : {1, 2}) {
    SyntheticOptions o;
    o.orders = 30000;
    SyntheticCampaign s = generate_synthetic(o);
    std::vector<std::vector<char>> buffers;
    make_views(s, buffers);
    CloseoutInputs in = s.inputs(zone);
    in.threads = threads;
    auto plain = run_closeout(in);
    ASSERT_TRUE(plain.has_value()) << plain.error().to_string();

    int calls = 0;
    std::vector<int> named;
    in.on_columns_done = [&](std::span<const int> columns) {
      ++calls;
      for (int c : columns) {
        named.push_back(c);
        // Text columns: every cell the pool's string 1; numbers: every cell 0. A stage that
        // still read them would see other customers, stores, times and amounts.
        std::vector<char>& b = buffers[static_cast<size_t>(c)];
        if (s.orders.columns[c].type() == ValueType::kText) {
          for (size_t i = 0; i + 4 <= b.size(); i += 4) {
            uint32_t one = 1;
            std::memcpy(b.data() + i, &one, 4);
          }
        } else {
          std::fill(b.begin(), b.end(), 0);
        }
      }
    };
    auto scribbled = run_closeout(in);
    ASSERT_TRUE(scribbled.has_value()) << scribbled.error().to_string();
    EXPECT_EQ(calls, 1);
    EXPECT_NE(std::find(named.begin(), named.end(), orders::kCustomerId), named.end());
    EXPECT_NE(std::find(named.begin(), named.end(), orders::kPhone), named.end());
    EXPECT_EQ(outcome(*scribbled), outcome(*plain)) << "threads " << threads;
    ASSERT_FALSE(plain->findings.items().empty());  // the comparison covers real findings
  }
}

}  // namespace
}  // namespace pitwall::core::closeout
