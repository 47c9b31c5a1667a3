// The win-back desk shared by several people (server.md §1, §5): several `pitwall` processes
// creating offers at once all get stored under distinct ids, and every --json result is the same
// document under --lang zh and --lang en (tokens and numbers, never words).
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_harness.hpp"
#include "io/json/json.hpp"

namespace pitwall {
namespace {

using testing::run_pitwall;

const std::string kData = std::string(PITWALL_TEST_DATA) + "/winback/";
const std::string kNow = "2023-06-22T10:00:00+08:00";

// A workspace with the win-back fixture (or `churned` as the churned list) and its people.
std::string make_workspace(const std::string& name, const std::string& churned = "") {
  std::string ws = testing::fresh_folder(name) + "/ws";
  testing::act_as("");
  EXPECT_EQ(run_pitwall({"init", ws}).exit_code, 0);
  EXPECT_EQ(run_pitwall({"-w", ws, "user", "add", "hq", "--role", "hq"}).exit_code, 0);
  testing::act_as("hq");
  const std::pair<const char*, std::string> files[] = {
      {"stores", kData + "stores.csv"},
      {"churned", churned.empty() ? kData + "churned.csv" : churned},
      {"winback-visits", kData + "visits.csv"},
      {"blacklist", kData + "blacklist.csv"},
      {"winback-history", kData + "history.csv"}};
  for (const auto& [kind, file] : files) {
    auto r = run_pitwall({"-w", ws, "import", kind, file, "--quiet"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  const std::vector<std::vector<std::string>> users = {
      {"ops", "--role", "hq"},
      {"lin", "--role", "service"},
      {"wang", "--role", "store", "--scope", "S001"},
      {"zhou", "--role", "store", "--scope", "S003"},
      {"li", "--role", "director"}};
  for (const auto& u : users) {
    std::vector<std::string> args = {"-w", ws, "user", "add"};
    args.insert(args.end(), u.begin(), u.end());
    EXPECT_EQ(run_pitwall(args).exit_code, 0);
  }
  return ws;
}

// A started pitwall process and where its output goes.
struct Started {
  pid_t pid = -1;
  std::string out;
};

// Starts the built pitwall without waiting for it (the test thread forks; nothing else runs).
Started start_pitwall(const std::vector<std::string>& args) {
  Started s;
  s.out = testing::fresh_folder("winback-process") + ".out";
  s.pid = fork();
  if (s.pid == 0) {
    int out = ::open(s.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open((s.out + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    setenv("PITWALL_NOW", kNow.c_str(), 1);
    std::string binary = PITWALL_BINARY;
    std::vector<std::string> copy = args;
    std::vector<char*> argv = {binary.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return s;
}

int wait_for(const Started& s) {
  int status = 0;
  waitpid(s.pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(WinbackShared, ProcessesCreatingOffersAtOnceGetDistinctIds) {
  constexpr int kProcesses = 8;
  std::string churned = testing::fresh_folder("winback-many") + ".csv";
  std::string text =
      "客户ID,门店,年均消费,毛利率,流失时长,流失原因,历史满意度,影响力,年消费次数,"
      "仅最低价项目占比,预约提前天数,只关心优惠,信息完整,车辆数据异常\n";
  for (int i = 1; i <= kProcesses; ++i) {
    text += fmt::format("C{:02},S001,6000,0.5,4,服务,5,普通,4,0,5,否,是,否\n", i);
  }
  testing::write_bytes(churned, text);
  std::string ws = make_workspace("winback-processes", churned);
  std::vector<Started> started;
  for (int i = 1; i <= kProcesses; ++i) {
    started.push_back(
        start_pitwall({"-w", ws, "winback", "offer", "create", fmt::format("C{:02}", i), "--amount",
                       "100", "--as", "wang", "--json"}));
  }
  std::set<std::string> ids;
  for (const auto& s : started) {
    EXPECT_EQ(wait_for(s), 0) << testing::read_file(s.out + ".err");
    auto j = io::Json::parse(testing::read_file(s.out));
    ASSERT_TRUE(j.has_value()) << testing::read_file(s.out + ".err");
    ids.insert(j->get_string("id"));
  }
  EXPECT_EQ(ids.size(), size_t(kProcesses));
  EXPECT_EQ(*ids.begin(), "WB-000001");
  EXPECT_EQ(*ids.rbegin(), "WB-000008");
  io::Json list =
      testing::json_of(run_pitwall({"-w", ws, "winback", "offer", "list", "--json"}, kNow));
  EXPECT_EQ(list.size(), size_t(kProcesses));
}

TEST(WinbackShared, JsonIsTheSameInEveryLanguage) {
  std::string ws = make_workspace("winback-lang");
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"-w", ws, "winback"});
    auto r = run_pitwall(args, kNow);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  run({"offer", "create", "W001", "--as", "wang"});
  run({"offer", "approve", "WB-000001", "--as", "wang"});
  run({"offer", "release", "WB-000001", "1", "--as", "lin"});
  run({"offer", "create", "W007", "--as", "zhou"});
  // Refused (a refusal is logged with its key and values, not words).
  EXPECT_EQ(
      run_pitwall({"-w", ws, "winback", "offer", "create", "W008", "--as", "lin"}, kNow).exit_code,
      1);
  const std::vector<std::vector<std::string>> reads = {
      {"programme", "show"},
      {"calc", "--annual", "6000", "--months", "4", "--reason", "service", "--koc"},
      {"calc", "--customer", "W001"},
      {"score"},
      {"models"},
      {"offer", "list"},
      {"offer", "show", "WB-000001"},
      {"budget", "--month", "2023-06"},
      {"report", "monthly", "--month", "2023-06"},
      {"report", "audit", "--quarter", "2023-Q2"},
      {"report", "cohorts"},
      {"report", "experiments"},
      {"log"}};
  for (auto args : reads) {
    args.push_back("--json");
    auto zh = args, en = args;
    zh.insert(zh.end(), {"--lang", "zh"});
    en.insert(en.end(), {"--lang", "en"});
    std::string zh_out = run(zh), en_out = run(en);
    EXPECT_FALSE(zh_out.empty()) << args[0];
    EXPECT_EQ(zh_out, en_out) << args[0] << " " << args[1];
  }
  // Times in the programme's zone (Asia/Shanghai), ISO 8601 with the offset.
  io::Json offer = io::Json::parse(run({"offer", "show", "WB-000001", "--json"})).value();
  EXPECT_EQ(offer.find("created")->get_string("at"), "2023-06-22T10:00:00+08:00");
  io::Json log = io::Json::parse(run({"log", "--json"})).value();
  EXPECT_EQ(log.items()[0].get_string("at"), "2023-06-22T10:00:00+08:00");
}

}  // namespace
}  // namespace pitwall
