// The supervision desk on the default demo network (issue 8 "Done when"): every alert the demo
// planted in its feeds (ground-truth.json, desk "supervision") is raised on the board of its day
// — lagging and silent stores, complaint bursts at a store and across the network, the day-1
// redemption incident, critical checklist failures — and the stores that really ran the campaign
// fill the red list, never the black one.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli/cli_harness.hpp"
#include "io/json/json.hpp"

namespace pitwall::testing {
namespace {

constexpr const char* kCampaign = "2023-spring-renewal";

// The board's alert kind for a ground-truth case kind (docs/supervision.md, alerts[].kind).
std::string alert_kind(const std::string& truth_kind) {
  static const std::map<std::string, std::string> kinds = {
      {"lagging_store", "lagging"},           {"silent_store", "silent"},
      {"complaint_burst", "complaint_burst"}, {"network_complaint_burst", "network_burst"},
      {"system_incident", "incident"},        {"checklist_failure", "checklist_failure"}};
  auto it = kinds.find(truth_kind);
  return it == kinds.end() ? "" : it->second;
}

TEST(SuperviseDemo, EveryPlantedAlertIsRaisedOnItsDay) {
  std::string dir = fresh_folder("supervise-demo");
  act_as("hq");  // the demo registers HQ operations as "hq"
  CliResult demo = run_pitwall({"demo", dir});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  io::Json truth = read_json_file(dir + "/ground-truth.json");

  // date -> expected (kind, store) pairs; the store is "" for network-wide alerts.
  std::map<std::string, std::set<std::pair<std::string, std::string>>> expected;
  std::set<std::string> executing;
  size_t planted = 0;
  for (const io::Json& c : truth.find("cases")->items()) {
    std::string kind = c.get_string("kind");
    if (kind == "executing_store") executing.insert(c.get_string("store"));
    std::string alert = alert_kind(kind);
    if (alert.empty()) continue;
    std::string date = c.get_string("date").substr(0, 10);  // bursts carry a time of day
    expected[date].insert({alert, c.get_string("store")});
    ++planted;
  }
  // The demo plants each kind (docs/demo.md): at least one of every alert kind.
  ASSERT_GE(planted, 6u);
  ASSERT_FALSE(executing.empty());

  size_t found = 0;
  for (const auto& [date, wanted] : expected) {
    CliResult r = run_pitwall(
        {"-w", dir, "supervise", "board", "--campaign", kCampaign, "--date", date, "--json"},
        "2023-04-02T10:00:00+08:00");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto board = io::Json::parse(r.out);
    ASSERT_TRUE(board.has_value());
    std::set<std::pair<std::string, std::string>> raised;
    for (const io::Json& a : board->find("alerts")->items()) {
      const io::Json* store = a.find("store_code");
      raised.insert({a.get_string("kind"), store ? store->as_string() : ""});
    }
    for (const auto& w : wanted) {
      EXPECT_TRUE(raised.count(w))
          << date << ": no " << w.first << " alert for store '" << w.second << "'";
      found += raised.count(w);
    }
  }
  EXPECT_EQ(found, [&] {
    size_t n = 0;
    for (const auto& [date, wanted] : expected) n += wanted.size();
    return n;
  }());

  // The last day's cumulative board: red-list stores ran the campaign; none of them is black.
  CliResult r = run_pitwall(
      {"-w", dir, "supervise", "board", "--campaign", kCampaign, "--date", "2023-03-31", "--json"},
      "2023-04-02T10:00:00+08:00");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  io::Json board = *io::Json::parse(r.out);
  ASSERT_GT(board.find("red")->size(), 0u);
  for (const io::Json& s : board.find("red")->items()) {
    EXPECT_TRUE(executing.count(s.get_string("store_code"))) << s.get_string("store_code");
  }
  for (const io::Json& s : board.find("black")->items()) {
    EXPECT_FALSE(executing.count(s.get_string("store_code"))) << s.get_string("store_code");
  }
}

}  // namespace
}  // namespace pitwall::testing
