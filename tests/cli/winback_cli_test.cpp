// End-to-end: the built pitwall on tests/data/winback (8 churned customers in 3 stores, visits,
// a blacklist and 8 history rows). Expected values are worked out by hand in the comments.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_harness.hpp"
#include "io/json/json.hpp"

namespace pitwall {
namespace {

using testing::run_pitwall;

const std::string kData = std::string(PITWALL_TEST_DATA) + "/winback/";
const std::string kNow = "2023-06-22T10:00:00+08:00";

// A new, existing folder.
std::string made_folder(const std::string& name) {
  std::string dir = testing::fresh_folder(name);
  std::filesystem::create_directories(dir);
  return dir;
}

// The JSON a command printed, whatever its exit code.
io::Json printed_json(const testing::CliResult& r) {
  auto j = io::Json::parse(r.out);
  EXPECT_TRUE(j.has_value()) << r.out << r.err;
  return j ? *j : io::Json();
}

// A workspace with the fixture files imported and the desk's people registered.
std::string make_workspace(const std::string& name) {
  std::string ws = testing::fresh_folder(name) + "/ws";
  testing::act_as("");
  EXPECT_EQ(run_pitwall({"init", ws}).exit_code, 0);
  EXPECT_EQ(run_pitwall({"-w", ws, "user", "add", "hq", "--role", "hq"}).exit_code, 0);
  testing::act_as("hq");
  const std::pair<const char*, const char*> files[] = {{"stores", "stores.csv"},
                                                       {"churned", "churned.csv"},
                                                       {"winback-visits", "visits.csv"},
                                                       {"blacklist", "blacklist.csv"},
                                                       {"winback-history", "history.csv"}};
  for (const auto& [kind, file] : files) {
    auto r = run_pitwall({"-w", ws, "import", kind, kData + file, "--quiet"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  const std::vector<std::vector<std::string>> users = {
      {"ops", "--role", "hq"},
      {"lin", "--role", "service"},
      {"wang", "--role", "store", "--scope", "S001"},
      {"zhou", "--role", "store", "--scope", "S003"},
      {"chen", "--role", "region", "--scope", "华北战区"},
      {"li", "--role", "director"}};
  for (const auto& u : users) {
    std::vector<std::string> args = {"-w", ws, "user", "add"};
    args.insert(args.end(), u.begin(), u.end());
    EXPECT_EQ(run_pitwall(args).exit_code, 0);
  }
  return ws;
}

testing::CliResult wb(const std::string& ws, std::vector<std::string> args,
                      const std::string& now = kNow) {
  args.insert(args.begin(), {"-w", ws, "winback"});
  return run_pitwall(args, now);
}

TEST(WinbackCli, CalcReproducesW1) {
  auto r = run_pitwall({"-w", "/nonexistent", "winback", "calc", "--annual", "6000", "--margin",
                        "0.5", "--months", "4", "--reason", "service", "--satisfaction", "5",
                        "--koc", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  io::Json j = printed_json(r);
  EXPECT_EQ(j.get_double("success"), 0.55);
  EXPECT_EQ(j.get_double("retention"), 0.75);
  EXPECT_EQ(j.get_double("clv_yuan"), 9152.34);
  EXPECT_EQ(j.get_double("cap_per_year_yuan"), 549.14);
  EXPECT_EQ(j.get_double("koc_cap_per_year_yuan"), 732.19);
  EXPECT_EQ(j.get_double("hard_cap_yuan"), 1800);
  EXPECT_EQ(j.get_double("score"), 0.655);
  EXPECT_EQ(j.get_string("band"), "standard");
  EXPECT_EQ(j.get_string("tier"), "potential");
  EXPECT_EQ(j.get_string("roi_band"), "strong");
  const io::Json* plan = j.find("plan");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(plan->get_int("total_yuan"), 732);
  EXPECT_EQ(plan->get_string("approver"), "store_manager");
  EXPECT_EQ(plan->find("stages")->items()[0].get_double("amount_yuan"), 293);
}

TEST(WinbackCli, CalcRejectsAnUnknownReason) {
  auto r = run_pitwall({"-w", "/nonexistent", "winback", "calc", "--annual", "6000", "--months",
                        "4", "--reason", "weather"});
  EXPECT_EQ(r.exit_code, 2);
}

// Every number the calculator takes is a number in the churned list's stated range (issue 22):
// --months nan gave a 50% success with "nan months", -5 and 1e300 were taken as given.
TEST(WinbackCli, Issue22CalcNumbersAreFiniteAndInRange) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
      {{"--months", "nan"}, "--months must be a number"},
      {{"--months", "-5"}, "--months must be between 0 and 1200"},
      {{"--months", "1e300"}, "--months must be between 0 and 1200"},
      {{"--months", "inf"}, "--months must be a number"},
      {{"--months", "3", "--satisfaction", "11"}, "--satisfaction must be between 0 and 10"},
      {{"--months", "3", "--satisfaction", "nan"}, "--satisfaction must be a number"},
      {{"--months", "3", "--visits", "-1"}, "--visits must be between 0 and 366"},
      {{"--months", "3", "--booking-lead", "-1e308"}, "--booking-lead must be between 0 and 3650"},
      {{"--months", "3", "--cheapest-share", "2"}, "--cheapest-share must be between 0 and 1"},
      {{"--months", "3", "--margin", "5"}, "--margin must be between 0 and 1"},
  };
  for (const auto& [options, words] : refused) {
    std::vector<std::string> args = {"-w",      "/nonexistent", "--lang",   "en",
                                     "winback", "calc",         "--annual", "6000"};
    args.insert(args.end(), options.begin(), options.end());
    auto r = run_pitwall(args);
    EXPECT_NE(r.exit_code, 0) << options[1];
    EXPECT_NE(r.err.find(words), std::string::npos) << options[1] << ": " << r.err;
  }
  auto big = run_pitwall({"-w", "/nonexistent", "--lang", "en", "winback", "calc", "--annual",
                          "10000000001", "--months", "3"});
  EXPECT_NE(big.err.find("--annual must be between 0 and 10000000000"), std::string::npos)
      << big.err;
  // The edges themselves are taken.
  auto edge = run_pitwall({"-w", "/nonexistent", "winback", "calc", "--annual", "10000000000",
                           "--months", "1200", "--satisfaction", "10", "--visits", "0",
                           "--booking-lead", "3650", "--cheapest-share", "1", "--margin", "0"});
  EXPECT_EQ(edge.exit_code, 0) << edge.err;
}

TEST(WinbackCli, ScoreRanksTheChurnedListWithPlans) {
  std::string ws = make_workspace("winback-score");
  auto r = wb(ws, {"score", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  io::Json j = printed_json(r);
  // Scores (default programme, tables: 8 history rows are under min_rows 100):
  // W007 .845, W002 .785, W001 .655, W004 .64 (.38 + .3×.2 + .2×.75 + .05), W006 .51,
  // W008 .505, W003 .385, W005 .252.
  std::vector<std::string> order;
  for (const auto& c : j.find("customers")->items()) order.push_back(c.get_string("customer_id"));
  EXPECT_EQ(order, (std::vector<std::string>{"W007", "W002", "W001", "W004", "W006", "W008", "W003",
                                             "W005"}));
  const auto& items = j.find("customers")->items();
  EXPECT_EQ(items[0].find("plan")->get_int("total_yuan"), 2745);  // KOC cap 2745.70
  EXPECT_EQ(items[0].find("plan")->get_string("approver"), "director");
  EXPECT_EQ(items[5].find("plan")->get_string("gate"), "blacklisted");
  EXPECT_EQ(items[7].find("plan")->get_string("gate"), "do_not");
  EXPECT_EQ(j.find("models")->find("success")->get_string("table_reason"), "too_few_rows");
  EXPECT_EQ(j.find("summary")->get_int("blacklisted"), 1);

  std::string csv = made_folder("winback-csv") + "/score.csv";
  ASSERT_EQ(wb(ws, {"score", "--csv", csv}).exit_code, 0);
  std::ifstream in(csv);
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(lines, 9);  // header + 8 customers
}

// The queue's filters (web.md "Win-back"): the ranking above by hand, bands by score (> 0.7 high
// priority, 0.5–0.7 standard, 0.3–<0.5 low cost, < 0.3 do not), tiers by annual value (star
// above 8,000: W007 25,000, W002 12,000, W004 9,500). Each row keeps its rank in the whole queue.
TEST(WinbackCli, ScoreFiltersKeepTheWholeRanking) {
  std::string ws = make_workspace("winback-score-filters");
  auto shown = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"score", "--json"});
    auto r = wb(ws, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    io::Json j = printed_json(r);
    EXPECT_EQ(j.find("summary")->get_int("customers"), 8);  // the whole scope, filtered or not
    std::vector<std::string> rows;
    for (const auto& c : j.find("customers")->items()) {
      rows.push_back(fmt::format("{}:{}", c.get_int("rank"), c.get_string("customer_id")));
    }
    return rows;
  };
  EXPECT_EQ(shown({"--tier", "star"}), (std::vector<std::string>{"1:W007", "2:W002", "4:W004"}));
  EXPECT_EQ(shown({"--band", "standard", "--store", "S001"}),
            (std::vector<std::string>{"3:W001", "6:W008"}));
  EXPECT_EQ(shown({"--band", "standard", "--limit", "1"}), (std::vector<std::string>{"3:W001"}));
  EXPECT_EQ(shown({"--band", "do_not"}), (std::vector<std::string>{"8:W005"}));
  EXPECT_EQ(wb(ws, {"score", "--band", "high"}).exit_code, 2);
  EXPECT_EQ(wb(ws, {"score", "--tier", "gold"}).exit_code, 2);
}

// The score sheet's plan components and review reasons are words in the reader's language, not
// the programme's tokens (issue 23): W007, a star, gets the star plan's five components.
TEST(WinbackCli, ScoreSheetNamesComponentsInWords) {
  std::string ws = make_workspace("winback-score-words");
  std::string dir = made_folder("winback-csv-words");
  auto second_line = [&](const std::string& lang) {
    std::string csv = dir + "/score-" + lang + ".csv";
    auto r = run_pitwall({"-w", ws, "--lang", lang, "winback", "score", "--csv", csv}, kNow);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    std::getline(in, line);
    return line;
  };
  std::string zh = second_line("zh");
  EXPECT_EQ(zh.rfind("1,W007,", 0), 0u) << zh;
  EXPECT_NE(zh.find("问题解决 "), std::string::npos) << zh;
  EXPECT_NE(zh.find("；终身VIP服务 "), std::string::npos) << zh;
  EXPECT_EQ(zh.find("problem_resolution"), std::string::npos) << zh;
  std::string en = second_line("en");
  EXPECT_NE(en.find("problem resolution "), std::string::npos) << en;
  EXPECT_EQ(en.find("problem_resolution"), std::string::npos) << en;
}

TEST(WinbackCli, ProgrammeFileErrorsNameFileLineAndKey) {
  std::string ws = make_workspace("winback-programme");
  std::string path = made_folder("winback-bad") + "/bad.toml";
  testing::write_bytes(path, "id = \"bad\"\n[tiers]\nstar_cap = 0.4\n");
  // Adding a programme is HQ's write (server.md §2): without a named person it is refused.
  testing::act_as("");
  auto unnamed = wb(ws, {"programme", "add", path});
  testing::act_as("hq");
  EXPECT_EQ(unnamed.exit_code, 1);
  EXPECT_NE(unnamed.err.find("PITWALL_AS"), std::string::npos) << unnamed.err;
  auto r = wb(ws, {"programme", "add", path, "--as", "ops"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.toml:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("tiers.star_cap"), std::string::npos) << r.err;
}

TEST(WinbackCli, OffersFlowThroughEveryLevelWithThePause) {
  std::string ws = make_workspace("winback-offers");
  ASSERT_EQ(wb(ws, {"programme", "add", kData + "winback.toml", "--as", "ops"}).exit_code,
            0);  // 3,000 a month
  // A blacklisted customer is refused with the reason, and the refusal is logged.
  auto refused = wb(ws, {"offer", "create", "W008", "--as", "lin"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("W008"), std::string::npos);
  // Customer service makes offers under 500 only (server.md §2); the plan total 732 is refused.
  EXPECT_EQ(wb(ws, {"offer", "create", "W001", "--as", "lin"}).exit_code, 1);
  // 732 → store manager of S001, made by that store manager.
  io::Json o1 = printed_json(wb(ws, {"offer", "create", "W001", "--as", "wang", "--json"}));
  EXPECT_EQ(o1.get_string("id"), "WB-000001");
  EXPECT_EQ(o1.get_string("approver"), "store_manager");
  EXPECT_EQ(o1.get_int("amount_fen"), 73200);
  // W004 is S003's customer: not there for S001's manager.
  EXPECT_EQ(wb(ws, {"offer", "create", "W004", "--as", "wang"}).exit_code, 1);
  // 1000 → region manager plus the in-person review (high value).
  io::Json o2 = printed_json(
      wb(ws, {"offer", "create", "W004", "--amount", "1000", "--as", "zhou", "--json"}));
  EXPECT_EQ(o2.get_string("id"), "WB-000002");
  EXPECT_EQ(o2.get_string("approver"), "region_manager");
  EXPECT_EQ(o2.find("review_reasons")->items()[0].as_string(), "high_value");
  // 2745 → director, and review (high value, vehicle anomaly). Budget: nothing spent or
  // committed yet, 2745 ≤ 3000.
  io::Json o3 = printed_json(wb(ws, {"offer", "create", "W007", "--as", "zhou", "--json"}));
  EXPECT_EQ(o3.get_string("approver"), "director");
  // S003's manager does not see S001's offer.
  EXPECT_EQ(wb(ws, {"offer", "approve", "WB-000001", "--as", "zhou"}).exit_code, 1);
  EXPECT_EQ(printed_json(wb(ws, {"offer", "approve", "WB-000001", "--as", "wang", "--json"}))
                .get_string("status"),
            "approved");
  EXPECT_EQ(wb(ws, {"offer", "approve", "WB-000003", "--as", "chen"}).exit_code, 1);
  ASSERT_EQ(wb(ws, {"offer", "approve", "WB-000003", "--as", "li"}).exit_code, 0);
  EXPECT_EQ(printed_json(
                wb(ws, {"offer", "approve", "WB-000003", "--as", "zhou", "--in-person", "--json"}))
                .get_string("status"),
            "approved");
  // Committed 732 + 2745 = 3477 of 3000: a new offer does not fit (W003's plan total 249:
  // 3477 + 249 = 3726 > 3000).
  auto over = wb(ws, {"offer", "create", "W003", "--as", "lin"});
  EXPECT_EQ(over.exit_code, 1);
  EXPECT_NE(over.err.find("3000.00"), std::string::npos) << over.err;
  // Usage 115.9% > 85%: approvals ≥ 1000 pause.
  ASSERT_EQ(wb(ws, {"offer", "approve", "WB-000002", "--as", "zhou", "--in-person"}).exit_code, 0);
  auto paused = wb(ws, {"offer", "approve", "WB-000002", "--as", "chen"});
  EXPECT_EQ(paused.exit_code, 1);
  EXPECT_NE(paused.err.find("paused"), std::string::npos) << paused.err;
  EXPECT_EQ(wb(ws, {"override", "--month", "2023-06", "--as", "wang", "--reason", "x"}).exit_code,
            1);
  // The director named by PITWALL_AS instead of --as.
  testing::act_as("li");
  auto lifted = wb(ws, {"override", "--month", "2023-06", "--reason", "quarter end"});
  testing::act_as("hq");
  ASSERT_EQ(lifted.exit_code, 0) << lifted.err;
  EXPECT_EQ(printed_json(wb(ws, {"offer", "approve", "WB-000002", "--as", "chen", "--json"}))
                .get_string("status"),
            "approved");
  // Budget: committed 732 + 1000 + 2745 = 4477; usage 4477 ÷ 3000 = 1.4923; day 22 of 30.
  io::Json budget = printed_json(wb(ws, {"budget", "--month", "2023-06", "--json"}));
  const io::Json* m = budget.find("monitor");
  EXPECT_EQ(m->get_int("budget_fen"), 300000);
  EXPECT_EQ(m->get_int("committed_fen"), 447700);
  EXPECT_EQ(m->get_double("usage"), 1.4923);
  EXPECT_EQ(m->get_int("days_left"), 8);
  EXPECT_TRUE(m->find("alerts")->items()[0].get_bool("active"));
  EXPECT_FALSE(m->get_bool("large_approvals_paused"));  // overridden
  // Stage 1 on return; stage 2 waits for a second visit (W001 has none).
  ASSERT_EQ(wb(ws, {"offer", "release", "WB-000001", "1", "--as", "lin"}).exit_code, 0);
  EXPECT_EQ(wb(ws, {"offer", "release", "WB-000001", "2", "--as", "lin"}).exit_code, 1);
  ASSERT_EQ(wb(ws, {"offer", "outcome", "WB-000001", "--won-back", "--retained", "--as", "lin"})
                .exit_code,
            0);
  // Monthly: 1 won back of target 2; released 293 (40% of 732, 292.8 → 293 by the largest
  // remainder); hidden 3 offers × 200 = 600; true cost 893; ROI = (6000 × 5 × 1.0 − 893) ÷ 893 =
  // 32.5946.
  io::Json monthly = printed_json(wb(ws, {"report", "monthly", "--month", "2023-06", "--json"}));
  EXPECT_EQ(monthly.get_int("won_back"), 1);
  EXPECT_EQ(monthly.get_double("completion"), 0.5);
  EXPECT_EQ(monthly.get_int("explicit_cost_fen"), 29300);
  EXPECT_EQ(monthly.get_int("true_cost_fen"), 89300);
  EXPECT_EQ(monthly.get_double("estimated_roi"), 32.5946);
  io::Json audit = printed_json(wb(ws, {"report", "audit", "--quarter", "2023-Q2", "--json"}));
  EXPECT_EQ(audit.find("checks")->size(), 6u);
  io::Json experiments = printed_json(wb(ws, {"report", "experiments", "--json"}));
  EXPECT_EQ(experiments.get_string("baseline"), "cash");
  EXPECT_EQ(experiments.find("arms")->size(), 5u);  // cash, gift, mixed, service, three_step
  ASSERT_EQ(wb(ws, {"report", "cohorts", "--json"}).exit_code, 0);
  // Every decision is in the log, refusals included.
  io::Json log = printed_json(wb(ws, {"log", "--json"}));
  std::vector<std::string> actions;
  for (const auto& e : log.items()) actions.push_back(e.get_string("action"));
  // Refusals of the desk's rules are logged; refusals of the authorisation check (a role that
  // may not, an object out of scope) are not the desk's decisions.
  std::vector<std::string> expected = {"programme", "refuse",  "refuse", "create",   "create",
                                       "create",    "approve", "refuse", "approve",  "review",
                                       "refuse",    "review",  "refuse", "override", "approve",
                                       "release",   "refuse",  "outcome"};
  EXPECT_EQ(actions, expected);
}

}  // namespace
}  // namespace pitwall
