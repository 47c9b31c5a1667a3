// Scoring the churned list: one row per customer, ranked by score with deterministic ties,
// blacklisted customers flagged, the same result on one or two threads.
#include "core/winback/scoring.hpp"

#include <gtest/gtest.h>

#include "churned_builder.hpp"
#include "core/winback/blacklist.hpp"

namespace pitwall::core::winback {
namespace {

using testing::ChurnedRow;

Table churned_of(std::initializer_list<ChurnedRow> rows) {
  Table t = Table::empty(TableKind::kChurned);
  for (const auto& r : rows) add_row(t, r);
  return t;
}

ChurnedRow row(std::string id, int64_t annual_yuan, int32_t influence = 2) {
  ChurnedRow r;
  r.customer_id = std::move(id);
  r.annual_fen = annual_yuan * 100;
  r.influence = influence;
  return r;
}

TEST(WinbackScoring, RanksByScoreThenAnnualValueThenFileOrder) {
  Programme p;
  // B and A have the same inputs: equal scores and values, the file order decides (B first).
  // C has more value: first. E and F are above 10,000 a year, where the value term is capped at
  // 1: equal scores, the higher annual value (F) first. D has the least value: last.
  Table t = churned_of({row("B", 5000), row("A", 5000), row("C", 9000), row("D", 1000),
                        row("E", 12000), row("F", 15000)});
  Ranking r = score_churned(p, t, {});
  ASSERT_EQ(r.rows.size(), 6u);
  std::vector<std::string_view> order;
  for (uint32_t row : r.rows) order.push_back(t.text(churned::kCustomerId, row));
  EXPECT_EQ(order, (std::vector<std::string_view>{"F", "E", "C", "B", "A", "D"}));
  EXPECT_EQ(r.summary.customers, 6);
  EXPECT_EQ(r.summary.by_tier[static_cast<int>(Tier::kStar)], 3);
}

TEST(WinbackScoring, LastRowOfACustomerCounts) {
  Programme p;
  Table t = churned_of({row("A", 1000), row("B", 3000), row("A", 9000)});
  Ranking r = score_churned(p, t, {});
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0], 2u);  // A's second row (9000) ranks first
}

TEST(WinbackScoring, BlacklistedCustomerIsFlaggedAndGetsNoPlan) {
  Programme p;
  Table t = churned_of({row("A", 6000), row("B", 6000)});
  Blacklist list;
  list.add({"customer_id", "B", "coupon abuse", "import"});
  list.finish();
  std::vector<uint8_t> flags = list.flag_customer_ids(t, nullptr);
  ScoreOptions o;
  o.blacklisted_ids = flags;
  Ranking r = score_churned(p, t, o);
  EXPECT_EQ(r.summary.blacklisted, 1);
  Evaluation e = evaluate(p, read_customer(t, 1, p), row_options(t, 1, o));
  EXPECT_EQ(e.gate, PlanGate::kBlacklisted);
  EXPECT_EQ(e.plan_total_yuan, 0);
}

TEST(WinbackScoring, BlacklistByPhoneThroughCustomerMasterData) {
  Table customers = Table::empty(TableKind::kCustomers);
  auto push = [&](const char* id, const char* phone) {
    customers.columns[customers::kCustomerId].push_text(customers.pool.intern(id));
    customers.columns[customers::kName].push_text(0);
    customers.columns[customers::kPhone].push_text(customers.pool.intern(phone));
    customers.columns[customers::kVin].push_text(0);
    customers.columns[customers::kHomeStoreCode].push_text(0);
    customers.columns[customers::kLanguage].push_i32(kNoSmall);
    customers.columns[customers::kAnnualValue].push_i64(kNoFen);
    customers.lines.push_back(2);
    customers.batches.push_back(1);
  };
  push("A", "13800000001");
  push("B", "13800000002");
  Blacklist list;
  list.add({"phone", "13800000002", "resold vouchers", "arbiter"});
  list.finish();
  EXPECT_EQ(list.hit("A", &customers), nullptr);
  ASSERT_NE(list.hit("B", &customers), nullptr);
  EXPECT_EQ(list.hit("B", &customers)->reason, "resold vouchers");
  Table t = churned_of({row("A", 6000), row("B", 6000)});
  auto flags = list.flag_customer_ids(t, &customers);
  EXPECT_EQ(flags[t.columns[churned::kCustomerId].text()[0]], 0);
  EXPECT_EQ(flags[t.columns[churned::kCustomerId].text()[1]], 1);
}

// 200,000 customers "C<i>" over 12,000 distinct annual values, months and reasons cycling: many
// equal scores across many chunks, and more than 65536 keys to sort.
Table many_customers() {
  Table t = Table::empty(TableKind::kChurned);
  for (int i = 0; i < 200'000; ++i) {
    ChurnedRow r = row("C" + std::to_string(i), 500 + (i * 7919) % 12000, i % 3);
    r.months = double(i % 30);
    r.reason = i % 4;
    add_row(t, r);
  }
  return t;
}

TEST(WinbackScoring, SameRankingOnOneAndTwoThreads) {  // also sorts more than 65536 keys
  Programme p;
  Table t = many_customers();
  ScoreOptions one;
  one.threads = 1;
  ScoreOptions two;
  two.threads = 2;
  Ranking a = score_churned(p, t, one);
  Ranking b = score_churned(p, t, two);
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.summary.plan_total_yuan, b.summary.plan_total_yuan);
  EXPECT_EQ(a.summary.by_band[0], b.summary.by_band[0]);
}

// The terminal asks for the first rows only: the same rows in the same order as the full
// ranking of RanksByScoreThenAnnualValueThenFileOrder (F E C B A D), ties included, while the
// summary still counts all six customers.
TEST(WinbackScoring, TopKeepsTheFirstRowsOfTheRanking) {
  Programme p;
  Table t = churned_of({row("B", 5000), row("A", 5000), row("C", 9000), row("D", 1000),
                        row("E", 12000), row("F", 15000)});
  for (size_t top : {1u, 4u, 5u}) {
    ScoreOptions o;
    o.top = top;
    Ranking r = score_churned(p, t, o);
    std::vector<std::string_view> order;
    for (uint32_t row : r.rows) order.push_back(t.text(churned::kCustomerId, row));
    std::vector<std::string_view> want = {"F", "E", "C", "B", "A", "D"};
    want.resize(top);
    EXPECT_EQ(order, want) << "top " << top;
    EXPECT_EQ(r.summary.customers, 6);
  }
  ScoreOptions more;
  more.top = 10;  // more than there are: everyone
  EXPECT_EQ(score_churned(p, t, more).rows.size(), 6u);
}

// Many equal scores across many chunks (200,000 rows, 12,000 distinct values): the best 3 and the
// best 5,000 are the first 3 and 5,000 of the full ranking, on one thread and on two.
TEST(WinbackScoring, TopMatchesTheFullRankingAcrossChunks) {
  Programme p;
  Table t = many_customers();
  Ranking full = score_churned(p, t, {});
  for (size_t top : {3u, 5000u}) {
    std::vector<uint32_t> first(full.rows.begin(), full.rows.begin() + std::ptrdiff_t(top));
    for (int threads : {1, 2}) {
      ScoreOptions o;
      o.threads = threads;
      o.top = top;
      Ranking r = score_churned(p, t, o);
      EXPECT_EQ(r.rows, first) << "top " << top << ", " << threads << " threads";
      EXPECT_EQ(r.summary.customers, full.summary.customers);
      EXPECT_EQ(r.summary.plan_total_yuan, full.summary.plan_total_yuan);
    }
  }
}

}  // namespace
}  // namespace pitwall::core::winback
