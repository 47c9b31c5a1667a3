// Several people writing the supervision desk at the same instant (server.md §5): every new
// problem gets its own id, inside the write's transaction, whether the writers are threads with
// their own workspace handles or separate pitwall processes; changes to one problem apply one
// after the other (none is lost), or the later one is refused with kConflict. On both backends.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <latch>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/supervision/practices.hpp"
#include "app/supervision/problems.hpp"
#include "app/supervision/supervision_fixture.hpp"
#include "io/json/json.hpp"
#include "test_backends.hpp"

namespace pitwall::app::supervision {
namespace {

namespace sv = core::supervision;
using testing::session_of;

constexpr int kWriters = 6;

// Runs `body(i)` on kWriters threads, each with its own workspace handle, released together.
template <typename Body>
void at_once(const std::string& dir, Body body) {
  std::latch ready(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      auto ws = store::open_workspace(dir);
      ready.arrive_and_wait();
      if (!ws) {
        ADD_FAILURE() << ws.error().to_string();
        return;
      }
      body(i, session_of(**ws, "hq1"));
    });
  }
  for (auto& t : threads) t.join();
}

std::vector<sv::Problem> stored_problems(const std::string& dir) {
  auto ws = store::open_workspace(dir);
  EXPECT_TRUE(ws.has_value());
  auto list = list_problems(session_of(**ws, "hq1"), {"sup-week", "", "", false});
  EXPECT_TRUE(list.has_value());
  return list.has_value() ? list->problems : std::vector<sv::Problem>();
}

class SupervisionConcurrency : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override { PW_REQUIRE_BACKEND(GetParam()); }
  std::string workspace(const std::string& name) {
    return testing::supervision_workspace(name, GetParam());
  }
};

std::set<std::string> ids_of(const std::vector<sv::Problem>& problems) {
  std::set<std::string> ids;
  for (const auto& p : problems) ids.insert(p.id);
  return ids;
}

TEST_P(SupervisionConcurrency, ThreadsOpeningProblemsAtOnceGetDistinctIds) {
  std::string dir = workspace("threads");
  std::vector<std::string> ids(kWriters);
  std::vector<std::string> errors(kWriters);
  at_once(dir, [&](int i, const Session& s) {
    auto r = open_problem(s, {"sup-week", "", "E0" + std::to_string(i % 5 + 1),
                              "problem " + std::to_string(i), "li", ""});
    if (r) {
      ids[i] = r->problem.id;
    } else {
      errors[i] = r.error().to_string();
    }
  });
  for (int i = 0; i < kWriters; ++i) EXPECT_EQ(errors[i], "") << i;
  std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kWriters));
  // P0001 .. P0006, each stored with the title its writer gave.
  auto stored = stored_problems(dir);
  ASSERT_EQ(stored.size(), static_cast<size_t>(kWriters));
  EXPECT_EQ(ids_of(stored),
            (std::set<std::string>{"P0001", "P0002", "P0003", "P0004", "P0005", "P0006"}));
  std::set<std::string> titles;
  for (const auto& p : stored) titles.insert(p.title);
  EXPECT_EQ(titles.size(), static_cast<size_t>(kWriters));
}

TEST_P(SupervisionConcurrency, OneAlertOpensOneProblemEvenAtOnce) {
  std::string dir = workspace("alert");
  std::vector<int> ok(kWriters, 0), taken(kWriters, 0);
  at_once(dir, [&](int i, const Session& s) {
    auto r = open_problem(s, {"sup-week", "lagging/2023-03-01/E05", "", "", "li", ""});
    if (r) {
      ok[i] = 1;
    } else if (r.error().code == core::ErrorCode::kAlreadyExists) {
      taken[i] = 1;
    }
  });
  int oks = 0, refused = 0;
  for (int i = 0; i < kWriters; ++i) oks += ok[i], refused += taken[i];
  EXPECT_EQ(oks, 1);
  EXPECT_EQ(refused, kWriters - 1);
  EXPECT_EQ(stored_problems(dir).size(), 1u);
}

TEST_P(SupervisionConcurrency, ProcessesOpeningProblemsAtOnceAreAllStored) {
  std::string dir = workspace("processes");
  std::string outputs = testing::fresh_location(testing::Backend::kSqlite, "processes-out");
  std::filesystem::create_directories(outputs);
  std::vector<pid_t> pids;
  std::vector<std::string> outs;
  for (int i = 0; i < kWriters; ++i) {
    outs.push_back(outputs + "/open-" + std::to_string(i) + ".json");
    pids.push_back(testing::spawn_pitwall(
        {"-w", dir, "supervise", "problem", "open", "--campaign", "sup-week", "--store", "E01",
         "--title", "problem " + std::to_string(i), "--owner", "li", "--as", "hq1", "--json"},
        outs.back()));
  }
  std::set<std::string> printed;
  for (int i = 0; i < kWriters; ++i) {
    EXPECT_EQ(testing::wait_pitwall(pids[i]), 0) << i;
    std::ifstream in(outs[i]);
    std::stringstream text;
    text << in.rdbuf();
    auto j = io::Json::parse(text.str());
    ASSERT_TRUE(j.has_value()) << text.str();
    printed.insert(j->get_string("id"));
  }
  EXPECT_EQ(printed.size(), static_cast<size_t>(kWriters));
  auto stored = stored_problems(dir);
  EXPECT_EQ(stored.size(), static_cast<size_t>(kWriters));
  EXPECT_EQ(ids_of(stored), printed);
}

TEST_P(SupervisionConcurrency, ActionsOnOneProblemAtOnceAreAllKept) {
  std::string dir = workspace("actions");
  {
    auto ws = store::open_workspace(dir);
    ASSERT_TRUE(ws.has_value());
    ASSERT_TRUE(open_problem(session_of(**ws, "hq1"), {"sup-week", "", "E05", "t", "li", ""}));
  }
  std::vector<std::string> errors(kWriters);
  at_once(dir, [&](int i, const Session& s) {
    UpdateProblemRequest r{
        "sup-week", "P0001", ProblemChange::kUpdate, "action " + std::to_string(i), "", ""};
    auto done = update_problem(s, r);
    if (!done) errors[i] = done.error().to_string();
  });
  for (int i = 0; i < kWriters; ++i) EXPECT_EQ(errors[i], "") << i;
  auto stored = stored_problems(dir);
  ASSERT_EQ(stored.size(), 1u);
  // The open event and one action per writer: no update lost.
  std::set<std::string> actions;
  for (const auto& e : stored[0].events) {
    if (e.kind == sv::ProblemEventKind::kAction) actions.insert(e.text);
  }
  EXPECT_EQ(actions.size(), static_cast<size_t>(kWriters));
  EXPECT_EQ(stored[0].events.size(), static_cast<size_t>(kWriters) + 1);
}

TEST_P(SupervisionConcurrency, ClosingOneProblemAtOnceSucceedsOnce) {
  std::string dir = workspace("close");
  {
    auto ws = store::open_workspace(dir);
    ASSERT_TRUE(ws.has_value());
    ASSERT_TRUE(open_problem(session_of(**ws, "hq1"), {"sup-week", "", "E05", "t", "li", ""}));
  }
  std::vector<int> ok(kWriters, 0), conflict(kWriters, 0);
  at_once(dir, [&](int i, const Session& s) {
    auto done = update_problem(s, {"sup-week", "P0001", ProblemChange::kClose, "", "", "fixed"});
    if (done) {
      ok[i] = 1;
    } else if (done.error().code == core::ErrorCode::kConflict) {
      conflict[i] = 1;
    }
  });
  int oks = 0, conflicts = 0;
  for (int i = 0; i < kWriters; ++i) oks += ok[i], conflicts += conflict[i];
  EXPECT_EQ(oks, 1);
  EXPECT_EQ(conflicts, kWriters - 1);
  auto stored = stored_problems(dir);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].status, sv::ProblemStatus::kResolved);
  EXPECT_EQ(stored[0].events.size(), 2u);  // open, one close
}

TEST_P(SupervisionConcurrency, PracticesAddedAtOnceGetDistinctIds) {
  std::string dir = workspace("practices");
  std::vector<std::string> ids(kWriters);
  at_once(dir, [&](int i, const Session& s) {
    auto r = add_practice(s, {"sup-week", "E01", "practice " + std::to_string(i), "", ""});
    if (r) ids[i] = r->entry.practice.id;
  });
  std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct,
            (std::set<std::string>{"BP001", "BP002", "BP003", "BP004", "BP005", "BP006"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, SupervisionConcurrency,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         testing::BackendParamName());

}  // namespace
}  // namespace pitwall::app::supervision
