// Every word a user reads (issue 23): --help in Chinese from top to bottom, and each refusal the
// docs describe worded in Chinese under --lang zh, naming what was wrong and where; in English
// no internal token (dispute_validity) is shown as a word.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <regex>
#include <sstream>

#include "cli/cli_harness.hpp"

namespace pitwall::testing {
namespace {

const std::string kExamples = std::string(PITWALL_SOURCE_DIR) + "/examples";

bool has_cjk(std::string_view text) {
  for (unsigned char c : text) {
    if ((c >= 0xE3 && c <= 0xE9) || c == 0xEF) return true;
  }
  return false;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// Runs `pitwall <path> --help` in `lang` for every command below `path`; calls `check` with each
// command's path and help text.
void walk_help(const std::vector<std::string>& path, const std::string& lang,
               const std::function<void(const std::string&, const std::string&)>& check) {
  std::vector<std::string> args = {"--lang", lang};
  args.insert(args.end(), path.begin(), path.end());
  args.push_back("--help");
  CliResult r = run_pitwall(args);
  std::string where;
  for (const auto& p : path) where += " " + p;
  ASSERT_EQ(r.exit_code, 0) << where << ": " << r.err;
  check(where, r.out);
  std::string subcommands = lang == "zh" ? "命令:" : "Subcommands:";
  bool in_subcommands = false;
  for (const std::string& line : lines_of(r.out)) {
    if (line.back() == ':' && line.front() != ' ') {
      in_subcommands = line == subcommands;
      continue;
    }
    if (!in_subcommands || line.rfind("  ", 0) != 0 || line[2] == ' ') continue;
    std::string name = line.substr(2, line.find(' ', 2) - 2);
    auto next = path;
    next.push_back(name);
    walk_help(next, lang, check);
  }
}

TEST(Words, HelpIsChineseFromTopToBottom) {
  int commands = 0;
  walk_help({}, "zh", [&](const std::string& where, const std::string& text) {
    ++commands;
    for (const std::string& line : lines_of(text)) {
      // Lines that describe: the command's own, and every option's and subcommand's after its
      // name (two spaces or more apart, or alone on the next line when the name is long).
      static const std::regex described("^ *\\S.*\\S {2,}(\\S.*)$");
      std::smatch m;
      std::string description;
      if (std::regex_match(line, m, described)) description = m[1].str();
      if (line.rfind(std::string(40, ' '), 0) == 0) description = line;
      if (description.empty()) continue;
      EXPECT_TRUE(has_cjk(description)) << "pitwall" << where << " --help: " << line;
    }
  });
  EXPECT_GT(commands, 80);
}

// The option column is aligned by display width: 必填 (required) is four columns wide, not the
// six bytes CLI11 counts, so descriptions start at column 30 (CLI11's width) on every line.
TEST(Words, ChineseHelpAlignsByDisplayWidth) {
  CliResult r = run_pitwall({"--lang", "zh", "closeout", "export", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // "  --campaign TEXT 必填" is 2 + 10 + 1 + 4 + 1 + 4 = 22 columns, then 8 spaces.
  EXPECT_NE(r.out.find("\n  --campaign TEXT 必填        活动编号\n"), std::string::npos) << r.out;
  // "  --run INT" is 11 columns, then 19 spaces.
  EXPECT_NE(r.out.find("\n  --run INT                   运行序号"), std::string::npos) << r.out;
}

TEST(Words, HelpInEnglishIsEnglish) {
  walk_help({"closeout"}, "en", [&](const std::string& where, const std::string& text) {
    EXPECT_FALSE(has_cjk(text)) << "pitwall" << where << " --help:\n" << text;
  });
}

// A workspace with the example campaign and its definitions, HQ and finance registered.
std::string example_workspace() {
  static std::string made;
  if (!made.empty()) return made;
  std::string ws = fresh_folder("words");
  act_as("");
  EXPECT_EQ(run_pitwall({"init", ws}).exit_code, 0);
  EXPECT_EQ(run_pitwall({"-w", ws, "user", "add", "hq", "--role", "hq"}).exit_code, 0);
  act_as("hq");
  EXPECT_EQ(run_pitwall({"-w", ws, "user", "add", "fin", "--role", "finance"}).exit_code, 0);
  EXPECT_EQ(run_pitwall({"-w", ws, "campaign", "add", kExamples + "/campaign.toml"}).exit_code, 0);
  for (const char* d : {"it", "ops", "finance"}) {
    std::string file = kExamples + "/definitions/" + d + ".toml";
    EXPECT_EQ(run_pitwall({"-w", ws, "definition", "add", file}).exit_code, 0);
  }
  act_as("");
  made = ws;
  return ws;
}

struct Refusal {
  std::vector<std::string> args;
  int exit_code;
  std::string names;  // a word the refusal must name (the unknown word, the key, the file)
};

TEST(Words, EveryDocumentedRefusalIsChineseAndSaysWhatAndWhere) {
  std::string ws = example_workspace();
  std::string dir = fresh_folder("words-files");
  std::filesystem::create_directories(dir);
  write_bytes(dir + "/typo.toml",
              "name = \"typo\"\ntitle = \"错字\"\ntime_bases = \"paid_at\"\n"
              "statuses = [\"paid\"]\n");
  write_bytes(dir + "/broken.toml", "id = \"x\"\nname = \n");
  write_bytes(dir + "/unknown.toml",
              "name = \"unknown\"\ntime_basis = \"paid_at\"\nstatuses = [\"paid\"]\ncolour = 1\n");
  write_bytes(dir + "/dates.csv",
              "订单号,客户ID,门店编码,订单状态,下单时间,实付金额\n"
              "O1,C1,S001,已支付,03/05/2023 10:00,100\n"
              "O2,C2,S001,已支付,2023-03-05 10:00,12.3x\n");
  write_bytes(dir + "/columns.csv", "客户ID,门店编码\nC1,S001\n");
  write_bytes(dir + "/shares.toml", "id = \"h2\"\n\n[plan]\nrelease_shares = [0.4, 0.4, 0.3]\n");
  const std::string c = "2023-spring-renewal";
  std::vector<Refusal> refusals = {
      // Lifecycle: a campaign in its review window.
      {{"campaign", "seal", "--campaign", c, "--as", "hq"}, 1, ""},
      {{"campaign", "freeze", "--campaign", c, "--as", "hq"}, 1, ""},
      // Permission and the named person.
      {{"campaign", "freeze", "--campaign", c, "--as", "fin"}, 1, "fin"},
      {{"campaign", "freeze", "--campaign", c}, 1, "--as"},
      // Usage.
      {{"frobnicate"}, 2, "frobnicate"},
      {{"closeout", "sumary"}, 2, "summary"},
      {{"closeout", "export", "--campaign", c}, 2, "--xlsx"},
      {{"closeout", "summary", "--campaing", c}, 2, "--campaign"},
      {{"--now", "yesterday", "campaign", "list"}, 2, "yesterday"},
      // Files: TOML and imports.
      {{"definition", "add", dir + "/typo.toml", "--as", "hq"}, 1, "time_basis"},
      {{"definition", "add", dir + "/broken.toml", "--as", "hq"}, 1, "broken.toml:2"},
      {{"definition", "add", dir + "/unknown.toml", "--as", "hq"}, 1, "unknown.toml:4"},
      {{"import", "orders", dir + "/dates.csv", "--campaign", c, "--as", "hq"}, 1, "03/05/2023"},
      {{"import", "orders", dir + "/columns.csv", "--campaign", c, "--as", "hq"}, 1, "order_id"},
      {{"winback", "programme", "add", dir + "/shares.toml", "--as", "hq"},
       1,
       "shares.toml:4: plan.release_shares"},
  };
  for (const Refusal& r : refusals) {
    std::vector<std::string> args = {"-w", ws, "--lang", "zh"};
    args.insert(args.end(), r.args.begin(), r.args.end());
    CliResult out = run_pitwall(args);
    std::string shown;
    for (const auto& a : r.args) shown += " " + a;
    SCOPED_TRACE("pitwall" + shown);
    EXPECT_EQ(out.exit_code, r.exit_code) << out.err;
    ASSERT_FALSE(out.err.empty());
    for (const std::string& line : lines_of(out.err)) {
      EXPECT_TRUE(has_cjk(line)) << "an English sentence: " << line;
    }
    EXPECT_NE(out.err.find(r.names), std::string::npos) << out.err;
  }
  // In English, the lifecycle's refusal names the action in words, not by its token.
  CliResult en =
      run_pitwall({"-w", ws, "--lang", "en", "campaign", "seal", "--campaign", c, "--as", "hq"});
  EXPECT_NE(en.err.find("sealing is not allowed"), std::string::npos) << en.err;
  EXPECT_EQ(en.err.find("_"), std::string::npos) << en.err;
}

// A folder that holds no workspace is named, in Chinese, with how to make or name one.
TEST(Words, MissingWorkspaceIsRefusedInChinese) {
  std::string dir = fresh_folder("words-no-workspace");
  std::filesystem::create_directories(dir);
  CliResult r = run_pitwall({"-w", dir, "--lang", "zh", "campaign", "list"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(dir + ": 这里没有 Pitwall 工作区（用 pitwall init 目录 新建一个"),
            std::string::npos)
      << r.err;
}

TEST(Words, UnknownLanguageIsRefused) {
  CliResult r = run_pitwall({"--lang", "fr", "campaign", "list"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("\"fr\""), std::string::npos) << r.err;
  EXPECT_EQ(run_pitwall({"--lang", "zh_CN.UTF-8", "--help"}).exit_code, 0);
}

}  // namespace
}  // namespace pitwall::testing
