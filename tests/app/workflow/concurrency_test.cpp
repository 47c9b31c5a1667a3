// The workflow's writes at the same instant (issue "one application layer", Deliver 3; server.md
// §5): threads, each with its own workspace handle, and processes doing the same write at once.
// Nothing is lost, no identifier is given twice, the hash chain stays one chain, and where only
// one may win the other gets a clear refusal. On both backends: SQLite in a folder, and
// PostgreSQL on the test cluster (several servers against one database).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "app/closeout/run.hpp"
#include "app/workflow/records.hpp"
#include "app/workflow/workflow.hpp"
#include "app/workflow/workflow_fixture.hpp"
#include "app/workspace/workspace.hpp"
#include "core/workflow/seal.hpp"

namespace pitwall::testing {
namespace {

using namespace workflow;

// After the review window (2023-04-07 23:59:59): the freeze is allowed.
int64_t after_window() { return io::parse_iso_instant("2023-04-08T09:00:00+08:00").value(); }

// Runs `body(i)` on `n` threads at once, each with its own handle on `dir`.
template <typename Body>
void at_once(const std::string& dir, int n, Body body) {
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      auto ws = store::open_workspace(dir);
      ASSERT_TRUE(ws) << ws.error().message;
      ++ready;
      while (ready.load() < n) std::this_thread::yield();
      body(i, **ws);
    });
  }
  for (auto& t : threads) t.join();
}

// Each test on a copy of the demo workspace of its backend.
class WorkflowConcurrency : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { PW_REQUIRE_BACKEND(GetParam()); }
  std::string demo_copy(const std::string& name) { return workflow::demo_copy(GetParam(), name); }
  const std::string& demo_files() { return workflow::demo_files(GetParam()); }
};

core::workflow::ChainCheck chain_of(const std::string& dir) {
  auto ws = store::open_workspace(dir);
  EXPECT_TRUE(ws);
  auto links = app::workflow::read_chain(**ws, app::workflow::adjustments_log(kCampaign));
  EXPECT_TRUE(links);
  return core::workflow::check_chain(*links);
}

TEST_P(WorkflowConcurrency, StoresConfirmingAtOnceMakeOneChain) {
  std::string dir = demo_copy("confirm-at-once");
  const std::vector<std::string> stores = {"HB-BJ01", "HB-TJ01", "HD-SH01", "HD-HZ01",
                                           "HN-GZ01", "HN-SZ01", "XN-CD01", "XB-XA01"};
  std::vector<core::Status> done(stores.size());
  at_once(dir, static_cast<int>(stores.size()), [&](int i, store::Workspace& ws) {
    std::string user = "store-" + stores[i];
    for (char& c : user) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto r = app::workflow::confirm_store(session_of(ws, user), {kCampaign, stores[i], {}});
    done[i] = r ? core::Status() : core::Status(r.error());
  });
  for (size_t i = 0; i < stores.size(); ++i) {
    EXPECT_TRUE(done[i]) << stores[i] << ": " << (done[i] ? "" : done[i].error().message);
  }
  core::workflow::ChainCheck chain = chain_of(dir);
  EXPECT_TRUE(chain.ok) << chain.problem;
  EXPECT_EQ(chain.length, static_cast<int64_t>(stores.size()));
}

TEST_P(WorkflowConcurrency, RunsAtOnceGetDistinctNumbers) {
  std::string dir = demo_copy("runs-at-once");
  constexpr int kRuns = 3;
  std::vector<int64_t> numbers(kRuns, 0);
  at_once(dir, kRuns, [&](int i, store::Workspace& ws) {
    auto r = app::closeout::run_closeout(session_of(ws, i % 2 ? "finance" : "hq"), {kCampaign});
    ASSERT_TRUE(r) << r.error().message;
    numbers[i] = r->run;
  });
  std::set<int64_t> distinct(numbers.begin(), numbers.end());
  EXPECT_EQ(distinct, (std::set<int64_t>{2, 3, 4}));  // run 1 is the fixture's
}

TEST_P(WorkflowConcurrency, NotesAtOnceAreAllKeptNumberedOnce) {
  std::string dir = demo_copy("notes-at-once");
  constexpr int kNotes = 8;
  at_once(dir, kNotes, [&](int i, store::Workspace& ws) {
    auto r = app::workflow::retrospective(session_of(ws, "hq"),
                                          {kCampaign, {"lesson " + std::to_string(i)}, {}, {}});
    EXPECT_TRUE(r) << r.error().message;
  });
  auto ws = store::open_workspace(dir);
  ASSERT_TRUE(ws);
  auto notes = app::workflow::load_retro(**ws, kCampaign);
  ASSERT_TRUE(notes);
  std::set<int64_t> numbers;
  std::set<std::string> texts;
  for (const auto& n : *notes) {
    numbers.insert(n.number);
    texts.insert(n.text);
  }
  EXPECT_EQ(notes->size(), static_cast<size_t>(kNotes));
  EXPECT_EQ(numbers.size(), static_cast<size_t>(kNotes));
  EXPECT_EQ(texts.size(), static_cast<size_t>(kNotes));
  EXPECT_EQ(*numbers.rbegin(), kNotes);
}

TEST_P(WorkflowConcurrency, TwoFreezesAtOnceOneWinsTheOtherIsRefused) {
  std::string dir = demo_copy("freeze-at-once");
  std::vector<core::Status> done(2);
  at_once(dir, 2, [&](int i, store::Workspace& ws) {
    auto r = app::workflow::freeze_campaign(session_of(ws, "hq", after_window()), kCampaign);
    done[i] = r ? core::Status() : core::Status(r.error());
  });
  int won = (done[0] ? 1 : 0) + (done[1] ? 1 : 0);
  EXPECT_EQ(won, 1);
  for (const auto& d : done) {
    if (!d) {
      EXPECT_EQ(d.error().code, core::ErrorCode::kStateForbids) << d.error().message;
    }
  }
  core::workflow::ChainCheck chain = chain_of(dir);
  EXPECT_TRUE(chain.ok);
  EXPECT_EQ(chain.length, 1);  // one freeze entry
}

// Two handles of one process import at once: each in a temporary folder of its own.
TEST_P(WorkflowConcurrency, ImportsFromTwoHandlesOfOneProcessAtOnce) {
  std::string dir = demo_copy("imports-at-once");
  std::vector<int64_t> ids(2, 0);
  at_once(dir, 2, [&](int i, store::Workspace& ws) {
    app::workspace::ImportRequest r;
    r.kind = i == 0 ? "stores" : "price-list";
    r.path = demo_files() + (i == 0 ? "/stores.csv" : "/price-list.csv");
    r.force = true;
    auto out = app::workspace::import_file(session_of(ws, "hq"), r);
    ASSERT_TRUE(out) << out.error().message;
    ids[i] = out->batch.id;
  });
  EXPECT_NE(ids[0], ids[1]);
  auto ws = store::open_workspace(dir);
  ASSERT_TRUE(ws);
  auto batches = (*ws)->list_batches();
  ASSERT_TRUE(batches);
  int found = 0;
  for (const auto& b : *batches) found += b.id == ids[0] || b.id == ids[1];
  EXPECT_EQ(found, 2);
}

// Processes: eight `pitwall confirm store` at once, all recorded in one chain.
TEST_P(WorkflowConcurrency, ProcessesConfirmingAtOnceAreAllRecorded) {
  std::string dir = demo_copy("processes-at-once");
  const std::vector<std::string> stores = {"HB-BJ01", "HB-TJ01", "HD-SH01", "HD-HZ01",
                                           "HN-GZ01", "HN-SZ01", "XN-CD01", "XB-XA01"};
  std::vector<std::thread> threads;
  std::vector<int> codes(stores.size(), -1);
  for (size_t i = 0; i < stores.size(); ++i) {
    threads.emplace_back([&, i] {
      std::string user = "store-" + stores[i];
      for (char& c : user) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      codes[i] = pitwall({"-w", dir, "confirm", "store", "--campaign", kCampaign, "--store",
                          stores[i], "--as", user});
    });
  }
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < stores.size(); ++i) EXPECT_EQ(codes[i], 0) << stores[i];
  core::workflow::ChainCheck chain = chain_of(dir);
  EXPECT_TRUE(chain.ok) << chain.problem;
  EXPECT_EQ(chain.length, static_cast<int64_t>(stores.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkflowConcurrency,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName());

}  // namespace
}  // namespace pitwall::testing
