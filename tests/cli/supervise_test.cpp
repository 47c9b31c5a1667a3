// End-to-end: the built pitwall on tests/data/supervision (12 stores, 3 regions, a week's
// campaign with three days of feeds). Expected values are worked out by hand in the comments.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/json/json.hpp"

namespace pitwall {
namespace {

struct Outcome {
  int code = 0;
  std::string out, err;
  io::Json json() const {
    auto j = io::Json::parse(out);
    EXPECT_TRUE(j.has_value()) << out;
    return j ? *j : io::Json();
  }
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SuperviseCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/pitwall-supervise-XXXXXX";
    dir_ = mkdtemp(pattern);
    ws_ = dir_ + "/ws";
    const std::string data = std::string(PITWALL_TEST_DATA) + "/supervision/";
    ASSERT_EQ(run("init " + ws_).code, 0);
    ASSERT_EQ(run("user add hq1 --role hq").code, 0);  // the first user: HQ (bootstrap)
    ASSERT_EQ(run("campaign add " + data + "campaign.toml --as hq1").code, 0);
    ASSERT_EQ(run("import stores " + data + "stores.csv --as hq1").code, 0);
    for (const char* kind : {"store-day", "inspections", "complaints", "spot-checks", "survey"}) {
      Outcome r = run(std::string("import ") + kind + " " + data + kind +
                      ".csv --campaign sup-week --as hq1");
      ASSERT_EQ(r.code, 0) << r.err;
    }
    ASSERT_EQ(run("user add wang --role region --scope 华东战区 --as hq1").code, 0);
    ASSERT_EQ(run("user add li --role store --scope E05 --as hq1").code, 0);
    ASSERT_EQ(run("user add zhou --role store --scope S01 --as hq1").code, 0);
  }
  static void TearDownTestSuite() { std::system(("rm -rf " + dir_).c_str()); }

  // Runs pitwall with `args` at the clock `now` (local +08:00).
  static Outcome run(const std::string& args,
                     const std::string& now = "2023-03-03T20:00:00+08:00") {
    static int n = 0;
    std::string out = dir_ + "/out" + std::to_string(++n), err = out + ".err";
    std::string cmd = "PITWALL_LANG=en PITWALL_NOW=" + now + " " + PITWALL_BINARY + " -w " +
                      (ws_.empty() ? "." : ws_) + " " + args + " >" + out + " 2>" + err;
    int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), read_all(out), read_all(err)};
  }

  static std::vector<std::string> strings(const io::Json* arr) {
    std::vector<std::string> out;
    if (arr) {
      for (const auto& v : arr->items()) out.push_back(v.as_string());
    }
    return out;
  }
  static const io::Json* find_store(const io::Json& list, std::string_view code) {
    for (const auto& e : list.items()) {
      if (e.get_string("store_code") == code) return &e;
    }
    return nullptr;
  }

  static std::string dir_, ws_;
};
std::string SuperviseCli::dir_, SuperviseCli::ws_;

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_F(SuperviseCli, BoardOfDayOne) {
  Outcome r = run("supervise board --campaign sup-week --date 2023-03-01 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  io::Json b = r.json();
  // Black: N03 sent nothing (silent, no score, first); E05 at 8% fails three ways.
  const io::Json& black = *b.find("black");
  ASSERT_EQ(black.size(), 2u);
  EXPECT_EQ(black.items()[0].get_string("store_code"), "N03");
  EXPECT_TRUE(black.items()[0].find("score")->is_null());
  EXPECT_EQ(strings(black.items()[0].find("reason_codes")), std::vector<std::string>{"silent"});
  const io::Json& e05 = black.items()[1];
  EXPECT_EQ(e05.get_string("store_code"), "E05");
  // 40 x 0.08 / 0.40 = 8, checklist 3 of 5 -> 18, no complaints -> 20; no problems due:
  // 46 / 90 x 100 = 51.11.
  EXPECT_DOUBLE_EQ(e05.get_double("score"), 51.11);
  auto codes = strings(e05.find("reason_codes"));
  EXPECT_TRUE(contains(codes, "low_participation"));
  EXPECT_TRUE(contains(codes, "critical_item_failed"));
  EXPECT_TRUE(contains(codes, "lagging"));
  EXPECT_EQ(strings(e05.find("reasons")).size(), codes.size());
  // Red: list_length 3; never a black store.
  const io::Json& red = *b.find("red");
  EXPECT_EQ(red.size(), 3u);
  EXPECT_EQ(red.items()[0].get_string("store_code"), "E03");  // 42%: 100.00
  for (const auto& x : red.items())
    EXPECT_EQ(find_store(black, x.get_string("store_code")), nullptr);
  // Alerts: the incident (3 of 12 stores could not redeem), the network burst, E05's checklist
  // failure and lagging (0.6745 x (0.08 - 0.38) / 0.02 = -10.12), N03 silent.
  std::vector<std::string> keys;
  for (const auto& a : b.find("alerts")->items()) keys.push_back(a.get_string("key"));
  EXPECT_EQ(keys, (std::vector<std::string>{"incident/2023-03-01/network",
                                            "network_burst/2023-03-01/network/redeem_failed",
                                            "checklist_failure/2023-03-01/E05/materials",
                                            "lagging/2023-03-01/E05", "silent/2023-03-01/N03"}));
  const io::Json& incident = b.find("alerts")->items()[0];
  EXPECT_EQ(incident.get_int("stores_affected"), 3);
  EXPECT_EQ(incident.get_int("stores"), 12);
  EXPECT_EQ(incident.find("store_code"), nullptr);
  EXPECT_DOUBLE_EQ(b.find("alerts")->items()[3].get_double("z"), -10.12);
  // Figures: 11 of 12 reported; 337 of 1100 took part.
  const io::Json& net = *b.find("network");
  EXPECT_EQ(net.get_int("reporting"), 11);
  EXPECT_EQ(net.get_int("participants"), 40 + 38 + 42 + 36 + 8 + 30 + 28 + 33 + 31 + 25 + 26);
  EXPECT_EQ(net.get_int("eligible"), 1100);
  // The unknown store X99 of the store-day feed is a note, not an error.
  ASSERT_EQ(b.find("notes")->size(), 1u);
  EXPECT_EQ(b.find("notes")->items()[0].get_string("example"), "X99");
  EXPECT_EQ(b.find("notes")->items()[0].get_int("first_line"), 28);
}

TEST_F(SuperviseCli, MeasuresOfEveryStore) {
  Outcome r = run("supervise measures --campaign sup-week --date 2023-03-01 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  io::Json m = r.json();
  const io::Json& stores = *m.find("stores");
  ASSERT_EQ(stores.size(), 12u);
  // E01: 40% (part 1 -> 40), checklist 5 of 5 (30), one redeem_failed complaint from 40
  // participants = 2.5 per 100 -> 1 - 2.5 / 5 = 0.5 (10); no problems: 80 / 90 = 88.89.
  const io::Json* e01 = find_store(stores, "E01");
  ASSERT_NE(e01, nullptr);
  EXPECT_DOUBLE_EQ(e01->get_double("score"), 88.89);
  EXPECT_DOUBLE_EQ(e01->get_double("complaint_rate_per_100"), 2.5);
  EXPECT_TRUE(e01->find("parts")->find("problems")->is_null());
  // N03 sent nothing on day 1: no participation rate, not 0%.
  const io::Json* n03 = find_store(stores, "N03");
  EXPECT_FALSE(n03->get_bool("reported"));
  EXPECT_TRUE(n03->find("participation")->is_null());
  EXPECT_TRUE(n03->find("score")->is_null());
}

TEST_F(SuperviseCli, RegionBoardOfDayTwo) {
  Outcome r = run("supervise board --campaign sup-week --date 2023-03-02 --region 华南战区 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  io::Json b = r.json();
  EXPECT_EQ(b.get_string("region"), "华南战区");
  ASSERT_EQ(b.find("regions")->size(), 1u);
  // S02: three rules_unclear complaints (09:00, 13:00, 17:30) and 27% against a median of 34%
  // (MAD 1.5: z = 0.6745 x -7 / 1.5 = -3.15).
  const io::Json& black = *b.find("black");
  ASSERT_EQ(black.size(), 1u);
  EXPECT_EQ(black.items()[0].get_string("store_code"), "S02");
  auto codes = strings(black.items()[0].find("reason_codes"));
  EXPECT_TRUE(contains(codes, "complaint_burst"));
  EXPECT_TRUE(contains(codes, "lagging"));
  // At most floor(4 / 2) = 2 on the red list.
  EXPECT_EQ(b.find("red")->size(), 2u);
}

TEST_F(SuperviseCli, UsageAndInputErrors) {
  EXPECT_EQ(run("supervise board --campaign sup-week --date 2023-04-01").code, 2);
  EXPECT_EQ(run("supervise board --campaign sup-week --date 2023-3-1").code, 2);
  EXPECT_EQ(run("supervise board --campaign sup-week --region 火星").code, 2);
  EXPECT_EQ(run("supervise board --campaign nope").code, 1);
  EXPECT_EQ(run("supervise sample --campaign sup-week --n 0").code, 2);
}

TEST_F(SuperviseCli, AProblemFromAlertToVerified) {
  const std::string alert = "checklist_failure/2023-03-01/E05/materials";
  Outcome open = run("supervise problem open --campaign sup-week --alert " + alert +
                         " --owner li --as wang --json",
                     "2023-03-01T21:00:00+08:00");
  ASSERT_EQ(open.code, 0) << open.err;
  io::Json p = open.json();
  const std::string id = p.get_string("id");
  EXPECT_EQ(p.get_string("store_code"), "E05");
  EXPECT_EQ(p.get_string("status"), "open");
  // Instants in the campaign's zone (Asia/Shanghai), as the clock gave them.
  EXPECT_EQ(p.get_string("opened_at"), "2023-03-01T21:00:00+08:00");
  EXPECT_EQ(p.get_string("due_at"), "2023-03-02T21:00:00+08:00");  // 24 hours
  // The same alert cannot open a second problem.
  EXPECT_EQ(
      run("supervise problem open --campaign sup-week --alert " + alert + " --owner li --as wang")
          .code,
      1);
  // A store manager of another store may not touch it.
  EXPECT_EQ(
      run("supervise problem update --campaign sup-week " + id + " --action x --as zhou").code, 1);
  Outcome update = run(
      "supervise problem update --campaign sup-week " + id + " --action 补贴海报 --as li --json",
      "2023-03-02T08:30:00+08:00");
  ASSERT_EQ(update.code, 0) << update.err;
  EXPECT_EQ(update.json().get_string("status"), "in_progress");
  ASSERT_EQ(run("supervise problem close --campaign sup-week " + id + " --note 已张贴 --as li",
                "2023-03-02T10:00:00+08:00")
                .code,
            0);
  // Whoever closed it does not verify it.
  EXPECT_EQ(run("supervise problem verify --campaign sup-week " + id + " --as li").code, 1);
  Outcome verify = run(
      "supervise problem verify --campaign sup-week " + id + " --note 视频确认 --as wang --json",
      "2023-03-02T11:00:00+08:00");
  ASSERT_EQ(verify.code, 0) << verify.err;
  io::Json v = verify.json();
  EXPECT_EQ(v.get_string("status"), "verified");
  EXPECT_EQ(v.get_string("first_response_at"), "2023-03-02T08:30:00+08:00");
  EXPECT_EQ(v.get_string("closed_at"), "2023-03-02T10:00:00+08:00");
  EXPECT_EQ(v.find("events")->size(), 4u);
  // Statistics: first response 11.5 hours, closed after 13 hours (on time).
  Outcome list = run("supervise problem list --campaign sup-week --json");
  ASSERT_EQ(list.code, 0);
  io::Json listed = list.json();
  const io::Json& stats = *listed.find("stats");
  EXPECT_GE(stats.get_int("verified"), 1);
  Outcome show = run("supervise problem show --campaign sup-week " + id + " --json");
  ASSERT_EQ(show.code, 0);
  EXPECT_EQ(show.json().get_string("alert_key"), alert);
  // Reopen: back to open, counted, due again.
  Outcome reopen = run("supervise problem verify --campaign sup-week " + id +
                           " --reopen --note 又掉了 --as hq1 --json",
                       "2023-03-03T09:00:00+08:00");
  ASSERT_EQ(reopen.code, 0) << reopen.err;
  io::Json reopened = reopen.json();
  EXPECT_EQ(reopened.get_string("status"), "open");
  EXPECT_EQ(reopened.get_int("reopened"), 1);
  EXPECT_EQ(reopened.get_string("due_at"), "2023-03-04T09:00:00+08:00");
}

TEST_F(SuperviseCli, SampleIsReproducibleAndSumsToN) {
  Outcome a = run("supervise sample --campaign sup-week --date 2023-03-02 --n 5 --seed 7 --json");
  Outcome b = run("supervise sample --campaign sup-week --date 2023-03-02 --n 5 --seed 7 --json");
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  io::Json plan = a.json();
  int64_t quotas = 0;
  for (const auto& s : plan.find("strata")->items()) quotas += s.get_int("quota");
  EXPECT_EQ(quotas, 5);
  EXPECT_EQ(plan.find("calls")->size(), 5u);
  // 12 stores over 华东 5 / 华北 3 / 华南 4: exact 2.08 / 1.25 / 1.67 -> floors 2 / 1 / 1, the
  // one left to 华南's .67.
  std::vector<int64_t> q;
  for (const auto& s : plan.find("strata")->items()) q.push_back(s.get_int("quota"));
  EXPECT_EQ(q, (std::vector<int64_t>{2, 1, 2}));
}

TEST_F(SuperviseCli, DecayPhaseTrendAndReview) {
  Outcome decay = run("supervise decay --campaign sup-week --json");
  ASSERT_EQ(decay.code, 0) << decay.err;
  std::vector<double> completeness;
  io::Json levels = *decay.json().find("levels");
  for (const auto& l : levels.items()) {
    completeness.push_back(l.get_double("completeness_index"));
  }
  EXPECT_EQ(completeness, (std::vector<double>{100, 85, 65, 40}));  // S5

  ASSERT_EQ(
      run("supervise phase done --campaign sup-week --task prelaunch.materials --as hq1").code, 0);
  EXPECT_EQ(run("supervise phase done --campaign sup-week --task nothing --as hq1").code, 2);
  Outcome phases = run("supervise phase list --campaign sup-week --json");
  io::Json plan = phases.json();
  const io::Json& first = plan.find("phases")->items()[0];
  EXPECT_EQ(first.get_string("label"), "D-1");
  EXPECT_TRUE(first.find("tasks")->items()[0].get_bool("done"));

  Outcome trend = run("supervise trend --campaign sup-week --json");
  ASSERT_EQ(trend.code, 0);
  EXPECT_EQ(trend.json().find("days")->size(), 3u);  // up to today, 2023-03-03

  std::string html = dir_ + "/review.html", xlsx = dir_ + "/review.xlsx";
  Outcome review =
      run("supervise review --campaign sup-week --html " + html + " --xlsx " + xlsx + " --json",
          "2023-03-08T10:00:00+08:00");
  ASSERT_EQ(review.code, 0) << review.err;
  io::Json rv = review.json();
  EXPECT_EQ(rv.find("days")->size(), 7u);
  // E05 never reached 20% before day 2 (8%, then exactly 20%): it executed on day 2. N03 never
  // had a participation rate at all.
  EXPECT_EQ(strings(rv.find("never_executed")), std::vector<std::string>{"N03"});
  std::string page = read_all(html);
  EXPECT_NE(page.find("<svg "), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(read_all(xlsx).substr(0, 2), "PK");
}

}  // namespace
}  // namespace pitwall
