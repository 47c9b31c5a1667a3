// The supervision desk's JSON is language-neutral (server.md §1): every --json reading prints
// the same bytes under --lang zh and --lang en — tokens and numbers, never words.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cli_harness.hpp"

namespace pitwall::testing {
namespace {

constexpr const char* kNowText = "2023-03-03T20:00:00+08:00";

std::vector<std::string> with(std::vector<std::string> args, const std::string& ws) {
  args.insert(args.begin(), {"-w", ws});
  return args;
}

TEST(SuperviseJson, SameBytesInChineseAndEnglish) {
  std::string ws = fresh_folder("supervise-json");
  const std::string data = std::string(PITWALL_TEST_DATA) + "/supervision/";
  act_as("");
  ASSERT_EQ(run_pitwall({"init", ws}).exit_code, 0);
  ASSERT_EQ(run_pitwall(with({"user", "add", "hq1", "--role", "hq"}, ws)).exit_code, 0);
  act_as("hq1");
  ASSERT_EQ(run_pitwall(with({"campaign", "add", data + "campaign.toml"}, ws)).exit_code, 0);
  ASSERT_EQ(run_pitwall(with({"import", "stores", data + "stores.csv"}, ws)).exit_code, 0);
  for (const char* kind : {"store-day", "inspections", "complaints", "spot-checks", "survey"}) {
    auto r = run_pitwall(with({"import", kind, data + kind + ".csv", "--campaign", "sup-week"}, ws),
                         kNowText);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Something in every collection: a problem from an alert with an action, a practice with an
  // adopter, a task done.
  const std::vector<std::vector<std::string>> writes = {
      {"supervise", "problem", "open", "--campaign", "sup-week", "--alert",
       "lagging/2023-03-01/E05", "--owner", "li", "--as", "hq1"},
      {"supervise", "problem", "update", "--campaign", "sup-week", "P0001", "--action", "call",
       "--as", "hq1"},
      {"supervise", "practice", "add", "--campaign", "sup-week", "--store", "E01", "--title",
       "script", "--date", "2023-03-01", "--as", "hq1"},
      {"supervise", "practice", "adopt", "--campaign", "sup-week", "BP001", "--stores", "E02",
       "--date", "2023-03-02", "--as", "hq1"},
      {"supervise", "phase", "done", "--campaign", "sup-week", "--task", "prelaunch.materials",
       "--as", "hq1"},
  };
  for (const auto& w : writes) {
    auto r = run_pitwall(with(w, ws), kNowText);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const std::vector<std::vector<std::string>> reads = {
      {"board", "--date", "2023-03-01"},
      {"board", "--date", "2023-03-02", "--region", "华南战区"},
      {"measures", "--date", "2023-03-01"},
      {"alerts", "--date", "2023-03-01"},
      {"trend"},
      {"sample", "--date", "2023-03-02", "--n", "5", "--seed", "7"},
      {"problem", "list"},
      {"problem", "show", "P0001"},
      {"practice", "list"},
      {"phase", "list"},
      {"decay"},
      {"review", "--to", "2023-03-03"},
  };
  for (const auto& read : reads) {
    std::string label;
    std::vector<std::string> args = {"supervise"};
    for (const auto& a : read) args.push_back(a), label += a + " ";
    args.insert(args.end(), {"--campaign", "sup-week", "--json"});
    std::vector<std::string> zh_args = {"--lang", "zh", "-w", ws};
    std::vector<std::string> en_args = {"--lang", "en", "-w", ws};
    zh_args.insert(zh_args.end(), args.begin(), args.end());
    en_args.insert(en_args.end(), args.begin(), args.end());
    CliResult in_zh = run_pitwall(zh_args, kNowText), in_en = run_pitwall(en_args, kNowText);
    ASSERT_EQ(in_zh.exit_code, 0) << label << in_zh.err;
    ASSERT_EQ(in_en.exit_code, 0) << label << in_en.err;
    EXPECT_FALSE(in_zh.out.empty()) << label;
    EXPECT_EQ(in_zh.out, in_en.out) << label;
  }
}

}  // namespace
}  // namespace pitwall::testing
