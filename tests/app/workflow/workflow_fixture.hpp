#pragma once
// A small demo network for the close-out and workflow use-case tests: `pitwall demo` (12 stores in
// 6 regions, about 2,000 orders; users hq, finance, arbiter, director, service, a manager per
// region "region-<x>" and per store "store-<code>"), with close-out run 1 stored as HQ at kReview.
// Made once per test process; tests that write work on a copy. (Its own namespace: other
// fixtures of app_tests name their helpers alike.)

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "app/spawn_pitwall.hpp"
#include "io/text/iso_time.hpp"
#include "store/workspace.hpp"
#include "test_backends.hpp"

namespace pitwall::testing::workflow {

inline constexpr const char* kCampaign = "2023-spring-renewal";
// In the review window, before the appeal cut-off (2023-04-01 18:00).
inline constexpr const char* kReviewText = "2023-04-01T10:00:00+08:00";
inline int64_t review_now() { return io::parse_iso_instant(kReviewText).value(); }

// Runs the built pitwall (output discarded) at kReview; its exit code.
inline int pitwall(const std::vector<std::string>& args) {
  return wait_pitwall(spawn_pitwall_at(args, kReviewText, "/dev/null"));
}

inline std::string temp_dir(const std::string& name) {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() /
             (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(dir);
  return dir.string();
}

// The demo workspace with run 1 (made once).
inline const std::string& demo_workspace() {
  static const std::string dir = [] {
    std::string d = temp_dir("workflow-demo");
    EXPECT_EQ(pitwall({"demo", d, "--orders", "2000", "--stores", "12"}), 0);
    EXPECT_EQ(pitwall({"-w", d, "closeout", "run", "--campaign", kCampaign, "--as", "hq"}), 0);
    return d;
  }();
  return dir;
}

// A copy of the demo workspace for a test that writes.
inline std::string demo_copy(const std::string& name) {
  std::string dir = temp_dir(name);
  std::filesystem::copy(demo_workspace(), dir, std::filesystem::copy_options::recursive);
  return dir;
}

// The same demo on `backend`: a folder as above, or a database on the test cluster (made once),
// whose demo files are in demo_files(backend).
inline const std::string& demo_files(Backend backend) {
  static const std::string pg_files = temp_dir("workflow-demo-pg-files");
  return backend == Backend::kSqlite ? demo_workspace() : pg_files;
}
inline const std::string& demo_workspace(Backend backend) {
  if (backend == Backend::kSqlite) return demo_workspace();
  static const std::string url = [] {
    std::string db = fresh_database("workflow_demo");
    EXPECT_FALSE(db.empty());
    EXPECT_EQ(pitwall({"demo", demo_files(Backend::kPostgres), "--database", db, "--orders", "2000",
                       "--stores", "12"}),
              0);
    EXPECT_EQ(pitwall({"-w", db, "closeout", "run", "--campaign", kCampaign, "--as", "hq"}), 0);
    return db;
  }();
  return url;
}
// A copy of the demo workspace on `backend` for a test that writes.
inline std::string demo_copy(Backend backend, const std::string& name) {
  if (backend == Backend::kSqlite) return demo_copy(name);
  std::string copy = copy_database(demo_workspace(backend), name);
  EXPECT_FALSE(copy.empty()) << "cannot copy the demo database";
  return copy;
}

// The session of `user` ("" = the local operator) at `now`.
inline app::Session session_of(store::Workspace& ws, const std::string& user,
                               int64_t now = review_now()) {
  if (user.empty()) return app::local_session(ws, app::Lang::kEn, now);
  auto s = app::user_session(ws, user, app::Lang::kEn, now);
  EXPECT_TRUE(s.has_value()) << user;
  return s ? *s : app::local_session(ws, app::Lang::kEn, now);
}

}  // namespace pitwall::testing::workflow
