// The close-out in a worker process (issue "one application layer", Deliver 7): a long-lived
// process (the server) runs `closeout run` as a child, so that the close-out's process-wide
// memory policy (allocator, huge pages, page release) never touches its other requests.
#include <gtest/gtest.h>

#include "app/closeout/run.hpp"
#include "app/workflow/workflow_fixture.hpp"

namespace pitwall::testing {
namespace {

using namespace workflow;

TEST(CloseoutWorker, RunsInAChildAndRecordsTheSameRun) {
  std::string dir = demo_copy("worker");
  auto ws = store::open_workspace(dir);
  ASSERT_TRUE(ws);
  auto record =
      app::closeout::run_in_worker(session_of(**ws, "finance"), kCampaign, PITWALL_BINARY);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->run, 2);
  EXPECT_EQ(record->by, "finance");
  EXPECT_EQ(record->created_at, review_now());
  // Same inputs as run 1 (made in-process by the fixture's CLI call): same result, same
  // fingerprint.
  auto first =
      (*ws)->get_record(app::closeout::kRunsCollection, std::string(kCampaign) + "/000001");
  ASSERT_TRUE(first && *first);
  auto one = app::closeout::parse_run_record((*first)->json);
  ASSERT_TRUE(one);
  EXPECT_EQ(record->result_digest, one->result_digest);
  EXPECT_EQ(record->inputs_sha256, one->inputs_sha256);
}

TEST(CloseoutWorker, TheWorkersRefusalComesBackTyped) {
  std::string dir = demo_copy("worker-refused");
  auto ws = store::open_workspace(dir);
  ASSERT_TRUE(ws);
  auto refused =
      app::closeout::run_in_worker(session_of(**ws, "store-hb-bj01"), kCampaign, PITWALL_BINARY);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kForbidden) << refused.error().message;
  auto unknown =
      app::closeout::run_in_worker(session_of(**ws, "hq"), "no-such-campaign", PITWALL_BINARY);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound) << unknown.error().message;
  EXPECT_EQ(unknown.error().where.column, "--campaign");
}

TEST(CloseoutWorker, WatchedReportsEveryStageAndCancelStopsIt) {
  std::string dir = demo_copy("worker-watched");
  auto ws = store::open_workspace(dir);
  ASSERT_TRUE(ws);
  std::vector<std::string> stages;
  app::closeout::WorkerWatch watch;
  watch.on_stage = [&](const std::string& s) { stages.push_back(s); };
  auto record =
      app::closeout::run_in_worker(session_of(**ws, "hq"), kCampaign, PITWALL_BINARY, watch);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->run, 2);
  ASSERT_GE(stages.size(), 3u);
  EXPECT_EQ(stages.front(), "load inputs");
  EXPECT_NE(std::find(stages.begin(), stages.end(), "write parts"), stages.end());

  // Cancelled at once: the worker is stopped, no run 3 is recorded.
  app::closeout::WorkerWatch cancel;
  cancel.cancelled = [] { return true; };
  auto stopped =
      app::closeout::run_in_worker(session_of(**ws, "hq"), kCampaign, PITWALL_BINARY, cancel);
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code, core::ErrorCode::kUnavailable) << stopped.error().message;
  auto third =
      (*ws)->get_record(app::closeout::kRunsCollection, std::string(kCampaign) + "/000003");
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->has_value());
}

}  // namespace
}  // namespace pitwall::testing
