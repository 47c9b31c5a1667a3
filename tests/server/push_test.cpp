// Pushing from `pitwall serve` (issue 21, Done when; docs/push.md): on the demo, a WeCom and a
// DingTalk target for one region (and a Feishu bot for the network, and one whose robot fails),
// configured through the API, get each day's board once — in their robots' formats, signed,
// checked by a robot on this machine (robot_receiver.hpp) — while the server's clock steps over
// the campaign's days; a failing target is retried and logged; a restarted server sends nothing
// twice; and the scheduler's own thread does the same inside a running server. No request leaves
// loopback.
#include <gtest/gtest.h>

#include <set>

#include "app/workspace_handle.hpp"
#include "server/push_loop.hpp"
#include "server/robot_receiver.hpp"
#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

constexpr const char* kEastSecret = "SECeast-0123456789";
constexpr const char* kFeishuSecret = "feishu-secret-42";

std::string add_target(Harness& h, io::Json body) {
  auto r = h.as(h.who("hq"), "POST", "/api/v1/push/targets", body.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return parse(r.body).get_string("id");
}

// The local day `day` (1 = 2023-03-01) at hh:mm, Asia/Shanghai.
int64_t march(int day, int hour, int minute = 0) {
  return at("2023-03-01T00:00:00+08:00") + (day - 1) * 86400 + hour * 3600 + minute * 60;
}

// The dates of the boards a robot received ("2023-03-05"), in order.
std::vector<std::string> boards_of(const std::vector<RobotReceiver::Received>& got,
                                   const std::string& prefix) {
  std::vector<std::string> dates;
  for (const auto& r : got) {
    size_t at = r.body.find("红黑榜 2023-");
    if (!r.path.starts_with(prefix) || at == std::string::npos) continue;
    dates.push_back(r.body.substr(at + std::string("红黑榜 ").size(), 10));
  }
  return dates;
}

TEST(ServerPush, EachDaysBoardOnceInTheRobotsFormatsOverTheCampaign) {
  RobotReceiver robot({{"/dingtalk/east", kEastSecret}, {"/feishu/hq", kFeishuSecret}});
  std::string ws = demo_copy("push");
  auto h = std::make_unique<Harness>(ws, march(1, 8));
  add_target(*h, io::Json::object()
                     .set("name", "华东战区企业微信群")
                     .set("kind", "wecom")
                     .set("url", robot.url("/wecom/east/send?key=east-key"))
                     .set("region", "华东战区"));
  add_target(*h, io::Json::object()
                     .set("name", "华东战区钉钉群")
                     .set("kind", "dingtalk")
                     .set("url", robot.url("/dingtalk/east/robot/send?access_token=tok"))
                     .set("secret", kEastSecret)
                     .set("region", "华东战区"));
  add_target(*h, io::Json::object()
                     .set("name", "HQ Feishu")
                     .set("kind", "feishu")
                     .set("url", robot.url("/feishu/hq/open-apis/bot/v2/hook/abcdef"))
                     .set("secret", kFeishuSecret)
                     .set("lang", "en")
                     .set("messages", io::Json::array().push("board"))
                     .set("board_time", "08:30"));
  std::string failing = add_target(*h, io::Json::object()
                                           .set("name", "broken")
                                           .set("kind", "wecom")
                                           .set("url", robot.url("/fail/send?key=x"))
                                           .set("messages", io::Json::array().push("board")));
  // The listing shows neither the keys nor the secrets.
  auto listed = h->as(h->who("hq"), "GET", "/api/v1/push/targets");
  EXPECT_EQ(listed.status, 200);
  for (const char* hidden : {"east-key", "tok\"", kEastSecret, kFeishuSecret, "abcdef"}) {
    EXPECT_EQ(listed.body.find(hidden), std::string::npos) << hidden << " in " << listed.body;
  }

  // 2023-03-01 .. 04-01, before and at each day's board time.
  for (int day = 1; day <= 32; ++day) {
    for (auto [hour, minute] : {std::pair{8, 29}, {8, 30}, {8, 59}, {9, 0}, {9, 1}}) {
      h->set_now(march(day, hour, minute));
      auto r = h->server().push().pass();
      ASSERT_TRUE(r.has_value()) << r.error().to_string();
      EXPECT_TRUE(r->errors.empty()) << r->errors.front();
    }
  }
  auto got = robot.received();
  EXPECT_TRUE(robot.violations().empty()) << robot.violations().front();
  std::vector<std::string> expected;
  for (int day = 1; day <= 31; ++day) expected.push_back(fmt::format("2023-03-{:02}", day));
  EXPECT_EQ(boards_of(got, "/wecom/east/"), expected);
  EXPECT_EQ(boards_of(got, "/dingtalk/east/"), expected);
  // The region's groups see only their region's stores (华东战区: HD-*).
  for (const auto& r : got) {
    if (!r.path.starts_with("/wecom/east/") && !r.path.starts_with("/dingtalk/east/")) continue;
    for (const char* other : {"HB-", "HN-", "HZ-", "XB-", "XN-"}) {
      EXPECT_EQ(r.body.find(other), std::string::npos) << other << " in " << r.body.substr(0, 400);
    }
  }
  // Feishu's network board in English at 08:30, once a day.
  size_t feishu = 0;
  for (const auto& r : got) feishu += r.path.starts_with("/feishu/hq/");
  EXPECT_EQ(feishu, 31u);

  // The failing target: retried with backoff, its failures logged for HQ.
  auto log = h->as(h->who("hq"), "GET", "/api/v1/push/deliveries?target=" + failing);
  ASSERT_EQ(log.status, 200) << log.body;
  io::Json entries = parse(log.body);
  ASSERT_GT(entries.size(), 0u);
  for (const auto& d : entries.items()) {
    EXPECT_NE(d.get_string("status"), "sent");
    EXPECT_EQ(d.get_string("error").substr(0, 8), "HTTP 500") << d.dump();
  }
  size_t fails = 0;
  for (const auto& r : got) fails += r.path.starts_with("/fail/");
  EXPECT_GT(fails, 31u);  // more than one attempt for some days
  EXPECT_EQ(h->as(h->who("finance"), "GET", "/api/v1/push/deliveries").status, 403);

  // A restart: the same day's passes send nothing again.
  size_t before = robot.received().size();
  h.reset();
  h = std::make_unique<Harness>(ws, march(32, 9, 5));
  ASSERT_TRUE(h->server().push().pass().has_value());
  size_t resent = 0;
  for (const auto& r : robot.received()) {
    resent += !r.path.starts_with("/fail/");
  }
  size_t before_ok = 0;
  for (size_t i = 0; i < before; ++i) before_ok += !got[i].path.starts_with("/fail/");
  EXPECT_EQ(resent, before_ok);
}

TEST(ServerPush, TheSchedulerRunsInsideServeAndTheTestRouteSends) {
  RobotReceiver robot;
  Harness h(demo_copy("push-loop"), march(2, 9, 0),
            [](pitwall::server::ServerConfig& c) { c.push_tick_ms = 20; });
  std::string id = add_target(h, io::Json::object()
                                     .set("name", "east")
                                     .set("kind", "wecom")
                                     .set("url", robot.url("/wecom/loop/send?key=k"))
                                     .set("region", "华东战区")
                                     .set("messages", io::Json::array().push("board")));
  auto test = h.as(h.who("hq"), "POST", "/api/v1/push/targets/" + id + "/test");
  ASSERT_EQ(test.status, 200) << test.body;
  EXPECT_EQ(parse(test.body).get_string("status"), "sent");
  h.listen();
  for (int i = 0; i < 500 && robot.received().size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a few more passes
  h.stop();
  auto got = robot.received();
  ASSERT_EQ(got.size(), 2u);  // the test message, then the board of 03-01, once
  EXPECT_NE(got[0].body.find("Pitwall 推送测试"), std::string::npos);
  EXPECT_EQ(boards_of(got, "/wecom/loop/"), std::vector<std::string>{"2023-03-01"});
  EXPECT_TRUE(robot.violations().empty());
}

// The data rows of a CSV recipient list (after its BOM and header).
std::vector<std::string> rows_of(const std::string& csv) {
  std::vector<std::string> rows;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_TRUE(line.starts_with("\xEF\xBB\xBFphone,member_id,name,language,store,campaign,end,"))
      << line;
  while (std::getline(in, line)) rows.push_back(line);
  return rows;
}

TEST(ServerPush, NoticeListsLeaveOutBlacklistedAndOptedOutCustomers) {
  Harness h(demo_copy("push-notices"));
  std::string url = std::string("/api/v1/campaigns/") + kCampaign + "/notices/thanks";
  auto first = h.as(h.who("hq"), "GET", url);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.content_type, "text/csv; charset=utf-8");
  std::vector<std::string> rows = rows_of(first.body);
  ASSERT_GT(rows.size(), 100u);
  EXPECT_EQ(header_of(first, "x-recipients"), std::to_string(rows.size()));
  // One customer opts out by member id; another's phone is put on the blacklist.
  std::string member = rows[0].substr(rows[0].find(',') + 1, 9);  // C + 8 digits
  std::string phone = rows[1].substr(0, rows[1].find(','));
  auto opt = h.as(h.who("hq"), "POST", "/api/v1/push/opt-outs",
                  io::Json::object()
                      .set("values", io::Json::array().push(member))
                      .set("reason", "replied TD")
                      .dump());
  ASSERT_EQ(opt.status, 201) << opt.body;
  {
    auto ws = app::open_workspace(h.workspace()).value();
    io::Json entry = io::Json::object()
                         .set("kind", "phone")
                         .set("value", phone)
                         .set("reason", "test")
                         .set("source", "hq");
    ASSERT_TRUE(ws->put_record("blacklist", "phone:" + phone, entry.dump(), h.now()).has_value());
  }
  auto second = h.as(h.who("hq"), "GET", url);
  std::vector<std::string> left = rows_of(second.body);
  EXPECT_EQ(left.size(), rows.size() - 2);
  EXPECT_EQ(second.body.find(member), std::string::npos);
  EXPECT_EQ(second.body.find(phone), std::string::npos);
  // The same list as a workbook, for finance too; not for a region manager.
  auto xlsx = h.as(h.who("finance"), "GET", url + "?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  EXPECT_EQ(h.as(h.who("region-east"), "GET", url).status, 403);
  EXPECT_EQ(h.as(h.who("hq"), "GET", url + "?format=pdf").status, 400);
}

}  // namespace
}  // namespace pitwall::testing::server
