// The push scheduler (app/push/scheduler.hpp) on every backend, over the supervision fixture
// (campaign sup-week, 2023-03-01 to 03-07, Asia/Shanghai; incident, network burst and a critical
// checklist failure on 03-01, a complaint burst at S02 on 03-02), with a webhook of the test's
// own that records what would be posted and answers as told. The clock is the session's `now`.
#include "app/push/scheduler.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "app/push/push_json.hpp"
#include "app/supervision/supervision_fixture.hpp"
#include "app/workspace_handle.hpp"

namespace pitwall::testing {
namespace {

namespace push = app::push;

class FakeHook : public push::Webhook {
 public:
  struct Post {
    std::string url, body;
  };
  core::Result<Answer> post(const std::string& url, const std::string& body) override {
    std::this_thread::sleep_for(delay);
    std::lock_guard lock(mutex);
    posts.push_back({url, body});
    for (const auto& [part, status] : failing) {
      if (url.find(part) == std::string::npos) continue;
      if (status == 0) return core::make_error(core::ErrorCode::kUnavailable, "cannot reach it");
      return Answer{status, "server error"};
    }
    return Answer{200, R"({"errcode":0,"errmsg":"ok"})"};
  }
  int64_t wall_clock() override { return 1700000000; }
  size_t count(const std::string& part) {
    std::lock_guard lock(mutex);
    size_t n = 0;
    for (const auto& p : posts) n += p.url.find(part) != std::string::npos;
    return n;
  }
  std::mutex mutex;
  std::vector<Post> posts;
  std::vector<std::pair<std::string, int>> failing;  // url part -> status (0: unreachable)
  std::chrono::milliseconds delay{0};
};

class PushScheduler : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && postgres_admin_url().empty()) {
      GTEST_SKIP() << "no PostgreSQL test cluster";
    }
    // A database name is folded to lower case by PostgreSQL: the test's number names it.
    static int counter = 0;
    location_ = supervision_workspace(
        "push" + std::to_string(++counter) + "_" + backend_name(GetParam()), GetParam());
    ws_ = app::open_workspace(location_).value();
  }
  app::Session as(const std::string& user, const char* when) {
    app::Session s = session_of(*ws_, user);
    s.now = instant_of(when);
    return s;
  }
  std::string add(push::AddTargetRequest r) {
    auto t = push::add_target(as("hq1", kNow), r);
    EXPECT_TRUE(t.has_value()) << t.error().to_string();
    return t ? t->id : "";
  }
  std::vector<push::Delivery> pass(const char* when, FakeHook& hook) {
    app::Session s = push::push_session(*ws_, instant_of(when), nullptr);
    auto r = push::run_due(s, hook, push::PushOptions{});
    EXPECT_TRUE(r.has_value()) << r.error().to_string();
    for (const auto& e : r->errors) ADD_FAILURE() << e;
    return r ? r->attempted : std::vector<push::Delivery>{};
  }
  std::string location_;
  std::unique_ptr<store::Workspace> ws_;
};

push::AddTargetRequest target(std::string name, std::string messages, std::string region = "") {
  push::AddTargetRequest r;
  r.name = name;
  r.kind = "wecom";
  r.url = "http://127.0.0.1:1/" + name + "?key=k";
  r.region = std::move(region);
  r.messages = {std::move(messages)};
  r.lang = "en";
  return r;
}

TEST_P(PushScheduler, BoardGoesOutOnceAtNineLocalForTheDayThatEnded) {
  add(target("net", "board"));
  FakeHook hook;
  EXPECT_TRUE(pass("2023-03-02T08:59:59+08:00", hook).empty());
  auto sent = pass("2023-03-02T09:00:00+08:00", hook);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].key, "PT001/sup-week/board/2023-03-01");
  EXPECT_EQ(sent[0].status, push::DeliveryStatus::kSent);
  EXPECT_EQ(sent[0].title, "春季焕新服务周 red/black board 2023-03-01 · network");
  EXPECT_TRUE(pass("2023-03-02T09:00:30+08:00", hook).empty());
  EXPECT_TRUE(pass("2023-03-02T23:59:00+08:00", hook).empty());
  auto next = pass("2023-03-03T09:10:00+08:00", hook);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].subject, "2023-03-02");
  // No board before the campaign's first day ended.
  EXPECT_TRUE(pass("2023-03-01T09:00:00+08:00", hook).empty());
  EXPECT_EQ(hook.count("/net"), 2u);
}

TEST_P(PushScheduler, ARegionsGroupSeesOnlyItsStores) {
  add(target("south", "board", "华南战区"));
  FakeHook hook;
  ASSERT_EQ(pass("2023-03-03T09:00:00+08:00", hook).size(), 1u);
  const std::string& body = hook.posts.at(0).body;
  EXPECT_NE(body.find("S02"), std::string::npos) << body;
  for (const char* other : {"E01", "E05", "N01", "N03"}) {
    EXPECT_EQ(body.find(other), std::string::npos) << other << " in " << body;
  }
  auto bad = push::add_target(as("hq1", kNow), target("x", "board", "无此战区"));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().where.column, "--region");
}

TEST_P(PushScheduler, CriticalAlertsGoOutOnceWithThePlaybook) {
  add(target("alerts", "alert"));
  FakeHook hook;
  auto sent = pass("2023-03-01T22:00:00+08:00", hook);
  std::vector<std::string> keys;
  for (const auto& d : sent) keys.push_back(d.subject);
  // Lagging and silent stores are on the board, not pushed as they happen.
  EXPECT_EQ(keys, (std::vector<std::string>{"incident/2023-03-01/network",
                                            "network_burst/2023-03-01/network/redeem_failed",
                                            "checklist_failure/2023-03-01/E05/materials"}));
  EXPECT_NE(hook.posts.at(0).body.find("Playbook: get IT to fix it now"), std::string::npos);
  EXPECT_TRUE(pass("2023-03-01T23:00:00+08:00", hook).empty());
  auto next_day = pass("2023-03-02T20:00:00+08:00", hook);
  ASSERT_EQ(next_day.size(), 1u);
  EXPECT_EQ(next_day[0].subject, "complaint_burst/2023-03-02/S02/rules_unclear");
}

TEST_P(PushScheduler, AFailingTargetIsRetriedWithBackoffAndNeverBlocksTheOthers) {
  add(target("broken", "alert"));
  add(target("fine", "alert"));
  FakeHook hook;
  hook.failing = {{"/broken", 500}};
  auto first = pass("2023-03-01T22:00:00+08:00", hook);
  // Broken: three attempts, each failed and waiting; fine: three sent.
  ASSERT_EQ(first.size(), 6u);
  EXPECT_EQ(first[0].status, push::DeliveryStatus::kRetry);
  EXPECT_EQ(first[0].error, "HTTP 500: server error");
  EXPECT_EQ(first[0].next_at, instant_of("2023-03-01T22:01:00+08:00"));
  EXPECT_EQ(first[5].status, push::DeliveryStatus::kSent);
  EXPECT_TRUE(pass("2023-03-01T22:00:59+08:00", hook).empty());  // backing off
  auto second = pass("2023-03-01T22:01:00+08:00", hook);
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[0].attempts, 2);
  EXPECT_EQ(second[0].next_at, instant_of("2023-03-01T22:03:00+08:00"));  // 2 minutes
  hook.failing.clear();
  auto third = pass("2023-03-01T22:03:00+08:00", hook);
  ASSERT_EQ(third.size(), 3u);
  EXPECT_EQ(third[0].status, push::DeliveryStatus::kSent);
  EXPECT_EQ(third[0].attempts, 3);
  // The log, as HQ reads it: every delivery sent, the broken target's after three attempts.
  auto log = push::list_deliveries(as("hq1", kNow), {"PT001", "", ""});
  ASSERT_TRUE(log.has_value());
  ASSERT_EQ(log->size(), 3u);
  for (const auto& d : *log) EXPECT_EQ(d.status, push::DeliveryStatus::kSent);
  // An unreachable robot is left after its first failure: one timeout per pass, not three.
  add(target("dead", "alert"));
  hook.failing = {{"/dead", 0}};
  auto dead = pass("2023-03-01T22:10:00+08:00", hook);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].error, "cannot reach it");
  // The log holds no URL, and the JSON of a target neither its key nor its secret.
  for (const auto& d : *log) EXPECT_EQ(push::to_json(d).dump().find("key=k\""), std::string::npos);
}

TEST_P(PushScheduler, GivesUpAfterTheLastAttempt) {
  add(target("broken", "alert"));
  FakeHook hook;
  hook.failing = {{"/broken", 500}};
  app::Session s = push::push_session(*ws_, instant_of("2023-03-01T22:00:00+08:00"), nullptr);
  push::PushOptions once;
  once.max_attempts = 1;
  auto r = push::run_due(s, hook, once);
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->attempted.empty());
  EXPECT_EQ(r->attempted[0].status, push::DeliveryStatus::kFailed);
  EXPECT_TRUE(pass("2023-03-09T22:00:00+08:00", hook).empty());
}

TEST_P(PushScheduler, TwoServersOnOneStoreSendEachMessageOnce) {
  add(target("a", "alert"));
  add(target("b", "board"));
  FakeHook hook;
  hook.delay = std::chrono::milliseconds(20);
  // Two servers share one clock: both make each pass at the same instant. (Were one already at
  // 20:00 while the other still sent at 09:00, the first would take over a delivery whose lease
  // had run out by its clock: the double send the lease allows for a server that died.)
  auto a = app::open_workspace(location_).value();
  auto b = app::open_workspace(location_).value();
  for (const char* when : {"2023-03-02T09:00:00+08:00", "2023-03-02T20:00:00+08:00"}) {
    auto run = [&](store::Workspace& ws) {
      app::Session s = push::push_session(ws, instant_of(when), nullptr);
      auto r = push::run_due(s, hook, push::PushOptions{});
      EXPECT_TRUE(r.has_value()) << r.error().to_string();
    };
    std::thread one([&] { run(*a); }), two([&] { run(*b); });
    one.join();
    two.join();
  }
  EXPECT_EQ(hook.count("/a?"), 1u);  // the complaint burst of 03-02
  EXPECT_EQ(hook.count("/b?"), 1u);  // the board of 03-01
}

TEST_P(PushScheduler, RemindsOfTheClosingCutOffsTheDayBefore) {
  add(target("close", "reminder"));
  FakeHook hook;
  // sup-week ends 03-07 23:59:59; the store audit (03-08 12:00) and dispute (03-08 18:00)
  // cut-offs are the next day.
  EXPECT_TRUE(pass("2023-03-06T09:00:00+08:00", hook).empty());
  auto sent = pass("2023-03-07T09:00:00+08:00", hook);
  std::vector<std::string> subjects;
  for (const auto& d : sent) subjects.push_back(d.subject);
  EXPECT_EQ(subjects, (std::vector<std::string>{"store_audit", "dispute"}));
  EXPECT_NE(hook.posts.at(0).body.find("2023-03-08 12:00"), std::string::npos);
}

TEST_P(PushScheduler, OnlyHqConfiguresAndReadsPushes) {
  auto t = push::add_target(as("wang", kNow), target("x", "board"));
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().code, core::ErrorCode::kForbidden);
  for (const char* user : {"wang", "li", "fin", "dir", "svc", "arb"}) {
    EXPECT_EQ(push::list_targets(as(user, kNow)).error().code, core::ErrorCode::kForbidden) << user;
    EXPECT_EQ(push::list_deliveries(as(user, kNow), {}).error().code, core::ErrorCode::kForbidden)
        << user;
  }
  push::AddTargetRequest r = target("signed", "board");
  r.kind = "dingtalk";
  r.secret = "SECsecret-value";
  add(r);
  auto listed = push::list_targets(as("hq1", kNow));
  ASSERT_TRUE(listed.has_value());
  std::string shown = push::to_json(*listed).dump();
  EXPECT_EQ(shown.find("SECsecret-value"), std::string::npos);
  EXPECT_NE(shown.find(R"("secret_set":true)"), std::string::npos) << shown;
  EXPECT_EQ(push::remove_target(as("hq1", kNow), "PT999").error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(push::remove_target(as("hq1", kNow), "PT001").has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, PushScheduler,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName());

}  // namespace
}  // namespace pitwall::testing
