#pragma once
// A workspace with the supervision fixture of tests/data/supervision (12 stores: 华东战区 E01-E05,
// 华南战区 S01-S04, 华北战区 N01-N03; campaign sup-week, 2023-03-01 to 03-07, feeds of the first
// three days) and one registered user per role and scope, made by the built pitwall binary.
// Use cases then run in-process on their own workspace handles.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "app/spawn_pitwall.hpp"
#include "io/text/iso_time.hpp"
#include "store/workspace.hpp"
#include "test_backends.hpp"

namespace pitwall::testing {

// The clock of the tests: day 3 of the campaign, after its feeds.
inline constexpr const char* kNow = "2023-03-03T20:00:00+08:00";

inline int64_t instant_of(const char* iso) { return io::parse_iso_instant(iso).value(); }

// Starts the built pitwall with `args` at kNow (stdout to `out_path`); returns its pid.
inline pid_t spawn_pitwall(const std::vector<std::string>& args, const std::string& out_path) {
  return spawn_pitwall_at(args, kNow, out_path);
}

inline int run_pitwall(const std::vector<std::string>& args) {
  return wait_pitwall(spawn_pitwall(args, "/dev/null"));
}

// A new workspace `name` on `backend` (a folder under the test's temporary folder, or a database
// on the test cluster), with the fixture imported and the users hq1 (hq), wang (region 华东战区),
// zhao (region 华南战区), li (store E05), zhou (store S01), fin (finance), arb (arbiter),
// dir (director), svc (service). Its location is returned.
inline std::string supervision_workspace(const std::string& name,
                                         Backend backend = Backend::kSqlite) {
  std::string dir = backend == Backend::kPostgres ? fresh_database("supervision_" + name)
                                                  : ::testing::TempDir() + "pitwall-app-" +
                                                        std::to_string(getpid()) + "-" + name;
  EXPECT_FALSE(dir.empty()) << "cannot create a database on the test cluster";
  if (backend == Backend::kSqlite) std::filesystem::remove_all(dir);
  const std::string data = std::string(PITWALL_TEST_DATA) + "/supervision/";
  EXPECT_EQ(run_pitwall({"init", dir}), 0);
  // The first user of a workspace is HQ (the bootstrap); HQ adds the files and the others.
  EXPECT_EQ(run_pitwall({"-w", dir, "user", "add", "hq1", "--role", "hq"}), 0);
  EXPECT_EQ(run_pitwall({"-w", dir, "campaign", "add", data + "campaign.toml", "--as", "hq1"}), 0);
  EXPECT_EQ(
      run_pitwall({"-w", dir, "import", "stores", data + "stores.csv", "--quiet", "--as", "hq1"}),
      0);
  for (const char* kind : {"store-day", "inspections", "complaints", "spot-checks", "survey"}) {
    EXPECT_EQ(run_pitwall({"-w", dir, "import", kind, data + kind + ".csv", "--campaign",
                           "sup-week", "--quiet", "--as", "hq1"}),
              0)
        << kind;
  }
  const std::vector<std::vector<std::string>> users = {
      {"wang", "region", "华东战区"}, {"zhao", "region", "华南战区"}, {"li", "store", "E05"},
      {"zhou", "store", "S01"},       {"fin", "finance", ""},         {"arb", "arbiter", ""},
      {"dir", "director", ""},        {"svc", "service", ""}};
  for (const auto& u : users) {
    std::vector<std::string> args = {"-w", dir, "user", "add", u[0], "--role", u[1], "--as", "hq1"};
    if (!u[2].empty()) args.insert(args.end(), {"--scope", u[2]});
    EXPECT_EQ(run_pitwall(args), 0) << u[0];
  }
  return dir;
}

// The session of `user` ("" = the local operator) on `ws` at kNow.
inline app::Session session_of(store::Workspace& ws, const std::string& user) {
  if (user.empty()) return app::local_session(ws, app::Lang::kEn, instant_of(kNow));
  auto s = app::user_session(ws, user, app::Lang::kEn, instant_of(kNow));
  EXPECT_TRUE(s.has_value()) << user;
  return s.value();
}

}  // namespace pitwall::testing
