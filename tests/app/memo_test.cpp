// The memo (app/memo.hpp): values made once from stored content and shared, within a byte
// budget, least recently used first out; and, on the demo, that readings served through it are
// the same documents as readings made without it, for every reader, on both backends.
#include "app/memo.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "app/closeout/closeout_json.hpp"
#include "app/closeout/readings.hpp"
#include "app/supervision/board.hpp"
#include "app/supervision/supervision_json.hpp"
#include "app/workflow/workflow.hpp"
#include "app/workflow/workflow_fixture.hpp"

namespace pitwall::testing {
namespace {

using app::Memo;

// A maker that counts its calls and makes a string of `bytes` bytes.
struct Maker {
  int calls = 0;
  std::function<core::Result<Memo::Made<std::string>>()> of(size_t bytes, char c) {
    return [this, bytes, c]() -> core::Result<Memo::Made<std::string>> {
      ++calls;
      return Memo::Made<std::string>{std::make_shared<const std::string>(bytes, c), bytes};
    };
  }
};

TEST(Memo, MakesOnceAndSharesTheValue) {
  Memo memo(1000);
  Maker m;
  auto first = memo.get<std::string>("a", m.of(10, 'a')).value();
  auto second = memo.get<std::string>("a", m.of(10, 'x')).value();
  EXPECT_EQ(m.calls, 1);
  EXPECT_EQ(first.get(), second.get());
  EXPECT_EQ(*second, std::string(10, 'a'));
  Memo::Stats st = memo.stats();
  EXPECT_EQ(st.entries, 1u);
  EXPECT_EQ(st.bytes, 10u);
  EXPECT_EQ(st.hits, 1u);
  EXPECT_EQ(st.misses, 1u);
}

TEST(Memo, KeepsWithinItsBudgetDroppingTheLeastRecentlyUsed) {
  Memo memo(100);
  Maker m;
  ASSERT_TRUE(memo.get<std::string>("a", m.of(40, 'a')));
  ASSERT_TRUE(memo.get<std::string>("b", m.of(40, 'b')));
  ASSERT_TRUE(memo.get<std::string>("a", m.of(40, 'a')));  // a is now the most recent
  ASSERT_TRUE(memo.get<std::string>("c", m.of(40, 'c')));  // 120 > 100: b goes
  EXPECT_EQ(m.calls, 3);
  EXPECT_EQ(memo.stats().bytes, 80u);
  ASSERT_TRUE(memo.get<std::string>("a", m.of(40, 'a')));
  EXPECT_EQ(m.calls, 3);  // still kept
  ASSERT_TRUE(memo.get<std::string>("b", m.of(40, 'b')));
  EXPECT_EQ(m.calls, 4);  // made again
}

TEST(Memo, AValueLargerThanTheBudgetIsHandedOutNotKept) {
  Memo memo(100);
  Maker m;
  auto big = memo.get<std::string>("big", m.of(101, 'z')).value();
  EXPECT_EQ(big->size(), 101u);
  EXPECT_EQ(memo.stats().entries, 0u);
  ASSERT_TRUE(memo.get<std::string>("big", m.of(101, 'z')));
  EXPECT_EQ(m.calls, 2);
}

TEST(Memo, AnErrorIsReturnedAndNothingKept) {
  Memo memo(100);
  int calls = 0;
  auto failing = [&]() -> core::Result<Memo::Made<std::string>> {
    ++calls;
    return core::make_error(core::ErrorCode::kCorrupt, "damaged");
  };
  auto r = memo.get<std::string>("k", failing);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kCorrupt);
  EXPECT_FALSE(memo.get<std::string>("k", failing));
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(memo.stats().entries, 0u);
}

// Threads asking at once for a value nobody has made yet: one makes it, the others wait and
// share it; a failure is shared the same way.
TEST(Memo, ThreadsAskingAtOnceShareOneMaking) {
  Memo memo(1000);
  std::atomic<int> calls{0};
  auto slow = [&]() -> core::Result<Memo::Made<std::string>> {
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return Memo::Made<std::string>{std::make_shared<const std::string>("made"), 4};
  };
  std::vector<std::shared_ptr<const std::string>> got(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] { got[i] = memo.get<std::string>("k", slow).value(); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls.load(), 1);
  for (const auto& g : got) EXPECT_EQ(g.get(), got[0].get());

  std::atomic<int> failures{0};
  auto failing = [&]() -> core::Result<Memo::Made<std::string>> {
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return core::make_error(core::ErrorCode::kCorrupt, "damaged");
  };
  threads.clear();
  calls = 0;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto r = memo.get<std::string>("bad", failing);
      if (!r && r.error().code == core::ErrorCode::kCorrupt) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 8);
  EXPECT_EQ(memo.stats().entries, 1u);  // "k" alone
}

using namespace workflow;

class MemoReadings : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { PW_REQUIRE_BACKEND(GetParam()); }
};

// Every reader's board, alerts, trend, store orders, settlement and summary: the same bytes with
// the memo (asked twice: made, then kept) as without it.
TEST_P(MemoReadings, ReadingsThroughTheMemoAreTheReadingsWithoutIt) {
  auto ws = store::open_workspace(demo_workspace(GetParam()));
  ASSERT_TRUE(ws);
  Memo memo(size_t{256} << 20);
  std::vector<store::User> users = (*ws)->list_users().value();
  size_t stores = 0, readers = 0, boards = 0;
  // Asked again, a reading makes nothing: everything it needs is kept.
  auto made = [&] { return memo.stats().misses; };
  for (const store::User& u : users) {
    app::Session plain = session_of(**ws, u.name);
    app::Session memoised = plain;
    memoised.memo = &memo;
    app::closeout::ReadRequest run{kCampaign, 0};
    auto reading = [&](const app::Session& s) {
      auto open = app::closeout::open_reading(s, run);
      return open ? app::closeout::settlement_json(*open).dump() +
                        app::closeout::summary_json(*open, {}).dump()
                  : open.error().message;
    };
    auto supervision = [&](const app::Session& s) {
      namespace sv = app::supervision;
      auto b = sv::read_board(s, {kCampaign, "2023-03-02", "", -1});
      auto a = sv::list_alerts(s, {kCampaign, "2023-03-02", ""});
      auto t = sv::read_trend(s, {kCampaign, "2023-03-09", ""});
      return (b ? sv::to_json(*b).dump() : b.error().message) +
             (a ? sv::to_json(*a).dump() : a.error().message) +
             (t ? sv::to_json(*t).dump() : t.error().message);
    };
    std::string expected_board = supervision(plain);
    EXPECT_EQ(supervision(memoised), expected_board) << u.name;
    uint64_t before = made();
    EXPECT_EQ(supervision(memoised), expected_board) << u.name;
    EXPECT_EQ(made(), before) << u.name;
    if (app::supervision::read_board(plain, {kCampaign, "2023-03-02", "", -1})) ++boards;
    std::string expected = reading(plain);
    if (app::closeout::open_reading(plain, run)) ++readers;
    EXPECT_EQ(reading(memoised), expected) << u.name;
    before = made();
    EXPECT_EQ(reading(memoised), expected) << u.name;
    EXPECT_EQ(made(), before) << u.name;
    if (u.role != "store") continue;
    ++stores;
    auto orders = [&](const app::Session& s) {
      auto r = app::workflow::store_orders(s, {kCampaign, u.scope});
      return r ? app::workflow::to_json(*r).dump() : r.error().message;
    };
    std::string listed = orders(plain);
    EXPECT_NE(listed.find("\"orders\""), std::string::npos) << listed;
    EXPECT_EQ(orders(memoised), listed) << u.name;
    before = made();
    EXPECT_EQ(orders(memoised), listed) << u.name;
    EXPECT_EQ(made(), before) << u.name;
  }
  EXPECT_EQ(stores, 12u);
  EXPECT_GE(readers, stores);
  EXPECT_GE(boards, stores);
  // Each value made once (nothing was dropped within the budget): the run, its orders by store,
  // the campaign's file, two sets of feeds (the board's with orders, the alerts' and trend's
  // without), three analyses (one per feeds and day), a view per store manager, ...
  Memo::Stats st = memo.stats();
  EXPECT_EQ(st.misses, st.entries);
  EXPECT_GE(st.entries, 3u + 2u + 3u + stores);
  EXPECT_GT(st.hits, 10 * st.misses);
}

// A day's analysis depends on the clock only through the days that have ended: read during the
// day and after it, the memo gives each time what a reading without it gives, and the alerts
// say whether the day has ended.
TEST_P(MemoReadings, TheDaysEndedByTheClockAreOfTheKey) {
  auto ws = store::open_workspace(demo_workspace(GetParam()));
  ASSERT_TRUE(ws);
  Memo memo(size_t{256} << 20);
  auto alerts = [&](int64_t now, bool with_memo) {
    app::Session s = session_of(**ws, "hq", now);
    if (with_memo) s.memo = &memo;
    auto r = app::supervision::list_alerts(s, {kCampaign, "2023-03-02", ""});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? app::supervision::to_json(*r).dump() : std::string();
  };
  const int64_t during = 1677729600;  // 2023-03-02T12:00:00+08:00
  const int64_t after = during + 3 * 86400;
  std::string open = alerts(during, false), ended = alerts(after, false);
  EXPECT_NE(open.find("\"day_ended\":false"), std::string::npos) << open.substr(0, 400);
  EXPECT_NE(ended.find("\"day_ended\":true"), std::string::npos) << ended.substr(0, 400);
  EXPECT_EQ(alerts(during, true), open);
  uint64_t made = memo.stats().misses;
  EXPECT_EQ(alerts(after, true), ended);
  EXPECT_EQ(memo.stats().misses, made + 2);      // another analysis and its view
  EXPECT_EQ(alerts(during + 3600, true), open);  // the first analysis, kept
  EXPECT_EQ(memo.stats().misses, made + 2);
  EXPECT_EQ(memo.stats().misses, memo.stats().entries);
}

INSTANTIATE_TEST_SUITE_P(Backends, MemoReadings,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName());

}  // namespace
}  // namespace pitwall::testing
