// The win-back desk's writes under concurrency (server.md §5): several threads, each with its own
// workspace handle, doing the same thing at the same instant. Offer ids are allocated inside the
// transaction (distinct, nothing lost); two people approving one offer give one success and one
// kConflict; simultaneous creations never together pass the month's budget. On both backends:
// SQLite in a folder and PostgreSQL on the test cluster.
#include <gtest/gtest.h>

#include <latch>
#include <set>
#include <thread>

#include "app/winback/offers.hpp"
#include "app/winback/programme.hpp"
#include "app/winback/reports.hpp"
#include "app/winback/winback_fixture.hpp"
#include "test_backends.hpp"

namespace pitwall::app::winback {
namespace {

using testing::kWinbackNow;
using testing::session_of;
using testing::status_of;

// `count` churned customers C01.. of store S001, each like the seed's W001 but a regular
// customer: 6,000 a year, churned 4 months ago for service, low abuse risk, no anomaly.
std::string churned_csv(const std::string& dir, int count) {
  std::string text =
      "客户ID,门店,年均消费,毛利率,流失时长,流失原因,历史满意度,影响力,年消费次数,"
      "仅最低价项目占比,预约提前天数,只关心优惠,信息完整,车辆数据异常\n";
  for (int i = 1; i <= count; ++i) {
    text += fmt::format("C{:02},S001,6000,0.5,4,服务,5,普通,4,0,5,否,是,否\n", i);
  }
  std::string path = dir + "/churned-many.csv";
  testing::write_text(path, text);
  return path;
}

std::string customer(int i) { return fmt::format("C{:02}", i); }

// A workspace of `customers` customers of S001 on `backend`, its location returned.
std::string make_workspace(testing::Backend backend, const std::string& name, int customers) {
  std::string files = testing::fresh_dir(name + "-files");
  std::string dir = testing::fresh_location(backend, name);
  EXPECT_FALSE(dir.empty());
  testing::make_winback_workspace(dir, churned_csv(files, customers));
  return dir;
}

class WinbackConcurrency : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override { PW_REQUIRE_BACKEND(GetParam()); }
  std::string make_workspace(const std::string& name, int customers) {
    return winback::make_workspace(GetParam(), name, customers);
  }
};

// Runs `body(i)` on `n` threads released together, each with its own workspace handle.
template <typename Body>
void at_once(const std::string& dir, int n, Body body) {
  std::latch start(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      auto ws = store::open_workspace(dir);
      ASSERT_TRUE(ws.has_value());
      start.arrive_and_wait();
      body(i, **ws);
    });
  }
  for (auto& t : threads) t.join();
}

TEST_P(WinbackConcurrency, SimultaneousCreationsGetDistinctIdsAndNothingIsLost) {
  constexpr int kThreads = 8, kEach = 2;
  std::string dir = make_workspace("winback-ids", kThreads * kEach);
  std::vector<std::vector<std::string>> ids(kThreads);
  at_once(dir, kThreads, [&](int t, store::Workspace& ws) {
    Session s = session_of(ws, t % 2 ? "wang" : "wu");
    for (int k = 0; k < kEach; ++k) {
      auto made = create_offer(s, {customer(t * kEach + k + 1), core::Money::from_yuan(100), ""});
      ASSERT_TRUE(made.has_value()) << made.error().to_string();
      ids[t].push_back(made->offer.id);
    }
  });
  std::set<std::string> distinct;
  for (const auto& list : ids) distinct.insert(list.begin(), list.end());
  ASSERT_EQ(distinct.size(), size_t(kThreads * kEach));
  // Allocated from what each transaction read: WB-000001 .. WB-000016, no gap.
  EXPECT_EQ(*distinct.begin(), "WB-000001");
  EXPECT_EQ(*distinct.rbegin(), "WB-000016");
  auto ws = store::open_workspace(dir);
  auto stored = list_offers(session_of(**ws, "ops"), {});
  ASSERT_TRUE(stored.has_value());
  std::set<std::string> customers;
  for (const auto& o : stored->offers) customers.insert(o.customer_id);
  EXPECT_EQ(stored->offers.size(), size_t(kThreads * kEach));
  EXPECT_EQ(customers.size(), size_t(kThreads * kEach));
}

TEST_P(WinbackConcurrency, TwoApproversOfOneOfferGiveOneSuccessAndOneConflict) {
  constexpr int kOffers = 5;
  std::string dir = make_workspace("winback-approve", kOffers);
  {
    auto ws = store::open_workspace(dir);
    Session wang = session_of(**ws, "wang");
    for (int i = 1; i <= kOffers; ++i) {  // 700: the store manager's level, pending
      auto made = create_offer(wang, {customer(i), core::Money::from_yuan(700), ""});
      ASSERT_TRUE(made.has_value()) << made.error().to_string();
      ASSERT_EQ(made->offer.status, wb::OfferStatus::kPending);
    }
  }
  for (int i = 1; i <= kOffers; ++i) {
    std::string id = fmt::format("WB-{:06}", i);
    std::vector<core::Status> results(2);
    at_once(dir, 2, [&](int t, store::Workspace& ws) {
      results[t] = status_of(approve_offer(session_of(ws, t ? "wang" : "wu"), {id}));
    });
    int ok = (results[0] ? 1 : 0) + (results[1] ? 1 : 0);
    ASSERT_EQ(ok, 1) << id;
    const core::Status& lost = results[0] ? results[1] : results[0];
    EXPECT_EQ(lost.error().code, core::ErrorCode::kConflict) << lost.error().to_string();
    auto ws = store::open_workspace(dir);
    auto shown = show_offer(session_of(**ws, "ops"), {id});
    ASSERT_TRUE(shown.has_value());
    EXPECT_EQ(shown->offer.status, wb::OfferStatus::kApproved);
    EXPECT_EQ(shown->offer.approval->by, results[0] ? "wu" : "wang");
  }
  // One approval and one refusal logged per offer.
  auto ws = store::open_workspace(dir);
  auto log = decision_log(session_of(**ws, "ops"), {});
  ASSERT_TRUE(log.has_value());
  int approvals = 0, refusals = 0;
  for (const auto& e : log->entries) {
    approvals += e.action == "approve";
    refusals += e.action == "refuse";
  }
  EXPECT_EQ(approvals, kOffers);
  EXPECT_EQ(refusals, kOffers);
}

TEST_P(WinbackConcurrency, SimultaneousCreationsStayWithinTheMonthsBudget) {
  constexpr int kThreads = 8;
  std::string dir = make_workspace("winback-budget", kThreads);
  {
    auto ws = store::open_workspace(dir);
    auto added = add_programme(session_of(**ws, "ops"),
                               {"small.toml", "id = \"small\"\n[budget]\nmonthly_yuan = 1000\n"});
    ASSERT_TRUE(added.has_value()) << added.error().to_string();
  }
  // 300 each, approved at creation (automatic level, no review): 3 × 300 = 900 fit in 1,000,
  // a fourth would make 1,200.
  std::vector<core::Status> results(kThreads);
  at_once(dir, kThreads, [&](int t, store::Workspace& ws) {
    results[t] = status_of(
        create_offer(session_of(ws, "wang"), {customer(t + 1), core::Money::from_yuan(300), ""}));
  });
  int ok = 0;
  for (const auto& r : results) {
    if (r) {
      ++ok;
    } else {
      EXPECT_EQ(r.error().code, core::ErrorCode::kConflict) << r.error().to_string();
    }
  }
  EXPECT_EQ(ok, 3);
  auto ws = store::open_workspace(dir);
  auto budget = show_budget(session_of(**ws, "ops"), {});
  ASSERT_TRUE(budget.has_value());
  EXPECT_EQ(budget->monitor.budget, core::Money::from_yuan(1000));
  EXPECT_EQ(budget->monitor.committed, core::Money::from_yuan(900));
  EXPECT_LE(budget->monitor.committed + budget->monitor.spent, budget->monitor.budget);
}

INSTANTIATE_TEST_SUITE_P(Backends, WinbackConcurrency,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         testing::BackendParamName());

}  // namespace
}  // namespace pitwall::app::winback
