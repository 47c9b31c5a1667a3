// Numbers that are current (issue "one application layer", Deliver 4 and 5; server.md §5): every
// stored run records the fingerprint of its inputs; a decision makes it stale without running
// anything; sign-offs need a current run; the seal keeps the run it sealed and every later
// reading and the workbook read that one; a sealed campaign runs no more, refused before anything
// is written. On both backends.
#include <gtest/gtest.h>

#include "app/closeout/readings.hpp"
#include "app/closeout/run.hpp"
#include "app/workflow/export.hpp"
#include "app/workflow/workflow.hpp"
#include "app/workflow/workflow_fixture.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::testing {
namespace {

using namespace workflow;

int64_t at(const char* iso) { return io::parse_iso_instant(iso).value(); }
const int64_t kAfterWindow = at("2023-04-08T09:00:00+08:00");
const int64_t kFrozenWeek = at("2023-04-15T10:00:00+08:00");

io::CloseoutWords english() {
  return {[](std::string_view k) { return app::message(app::Lang::kZh, k); },
          [](std::string_view k) { return app::message(app::Lang::kEn, k); }, true};
}

class CurrentNumbers : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    PW_REQUIRE_BACKEND(GetParam());
    dir_ = demo_copy(GetParam(), "current");
    auto ws = store::open_workspace(dir_);
    ASSERT_TRUE(ws);
    ws_ = std::move(*ws);
  }
  // The stored blobs (runs, snapshots): what a refused run must not add to.
  size_t blob_count() {
    auto blobs = ws_->list_blobs();
    EXPECT_TRUE(blobs) << blobs.error().message;
    return blobs ? blobs->size() : 0;
  }
  app::Session as(const std::string& who, int64_t now = review_now()) {
    return session_of(*ws_, who, now);
  }
  app::closeout::RunStatus latest_status() {
    auto open = app::closeout::open_reading(as("hq"), {kCampaign, 0});
    EXPECT_TRUE(open) << open.error().message;
    return open ? open->status : app::closeout::RunStatus();
  }
  // A gray-zone order of the queue, as the arbiter reads it.
  std::string gray_order() {
    auto queue = app::workflow::arbitration_queue(as("arbiter"), kCampaign, false);
    EXPECT_TRUE(queue && !queue->entries.empty());
    return queue->entries.at(0).item.order_id;
  }
  void sign_everything(int64_t now) {
    auto status = app::workflow::campaign_status(as("hq", now), kCampaign);
    ASSERT_TRUE(status);
    auto users = (*ws_).list_users();
    ASSERT_TRUE(users);
    for (const auto& v : status->signoffs) {
      if (v.kind != core::workflow::SignoffKind::kRegion) continue;
      for (const auto& u : *users) {
        if (u.role != "region" || u.scope != v.scope) continue;
        auto r = app::workflow::sign_region(as(u.name, now), kCampaign, v.scope);
        ASSERT_TRUE(r) << r.error().message;
      }
    }
    auto f = app::workflow::sign_finance(as("finance", now), kCampaign);
    ASSERT_TRUE(f) << f.error().message;
  }

  std::string dir_;
  std::unique_ptr<store::Workspace> ws_;
};

TEST_P(CurrentNumbers, ADecisionMakesTheRunStaleUntilTheNextRun) {
  app::closeout::RunStatus first = latest_status();
  EXPECT_EQ(first.run, 1);
  EXPECT_TRUE(first.current);
  auto decided = app::workflow::decide(
      as("arbiter"), {kCampaign, gray_order(), "exclude", "ring of accounts", false, {}});
  ASSERT_TRUE(decided) << decided.error().message;
  EXPECT_FALSE(decided->run.current);
  // Nothing ran: still run 1, now not current; readings say so.
  app::closeout::RunStatus after = latest_status();
  EXPECT_EQ(after.run, 1);
  EXPECT_FALSE(after.current);
  // Sign-offs wait for a current run.
  auto refused = app::workflow::sign_finance(as("finance"), kCampaign);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  auto run = app::closeout::run_closeout(as("finance"), {kCampaign});
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->run, 2);
  EXPECT_TRUE(latest_status().current);
  EXPECT_TRUE(app::workflow::sign_finance(as("finance"), kCampaign));
  // The same decision again moves no number: the run stays current.
  auto again = app::workflow::decide(
      as("arbiter"), {kCampaign, decided->order_id, "exclude", "reviewed again", false, {}});
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->run.current);
}

TEST_P(CurrentNumbers, TheSealKeepsItsRunAndRefusesAnotherBeforeWritingAnything) {
  sign_everything(kAfterWindow);
  ASSERT_TRUE(app::workflow::freeze_campaign(as("hq", kAfterWindow), kCampaign));
  auto sealed = app::workflow::seal_campaign(as("hq", kFrozenWeek), kCampaign);
  ASSERT_TRUE(sealed) << sealed.error().message;
  EXPECT_EQ(sealed->seal.run, 1);
  EXPECT_EQ(sealed->seal.result_digest, latest_status().result_digest);
  // Every reading reads the sealed run, and says so.
  auto open = app::closeout::open_reading(as("finance", kFrozenWeek), {kCampaign, 0});
  ASSERT_TRUE(open);
  EXPECT_TRUE(open->status.sealed);
  EXPECT_EQ(open->status.run, 1);
  // A run after the seal is refused in the reader's language, before anything is written.
  size_t before = blob_count();
  app::Session zh = as("hq", kFrozenWeek);
  zh.lang = app::Lang::kZh;
  auto run = app::closeout::run_closeout(zh, {kCampaign});
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, core::ErrorCode::kStateForbids);
  EXPECT_NE(run.error().message.find("已封版"), std::string::npos) << run.error().message;
  EXPECT_EQ(blob_count(), before);
}

// The workbook names its run and carries the evidence people signed (Deliver 5).
TEST_P(CurrentNumbers, TheWorkbookHasCoverSignoffsDecisionsAndRetrospective) {
  auto decided = app::workflow::decide(
      as("arbiter"), {kCampaign, gray_order(), "count", "the call log shows it", false, {}});
  ASSERT_TRUE(decided);
  ASSERT_TRUE(app::closeout::run_closeout(as("hq"), {kCampaign}));
  ASSERT_TRUE(app::workflow::retrospective(as("hq"), {kCampaign, {}, {}, {"plan the peak"}}));
  ASSERT_TRUE(app::workflow::sign_finance(as("finance"), kCampaign));
  std::string path = temp_dir("book") + ".xlsx";
  auto written = app::workflow::export_workbook(as("finance"), {kCampaign, 0}, path, english());
  ASSERT_TRUE(written) << written.error().message;
  // Every row of a sheet as "cell|cell|...".
  auto rows = [&](const std::string& sheet) {
    std::vector<std::string> out;
    auto source = io::open_xlsx_file(path, sheet, "book.xlsx");
    EXPECT_TRUE(source) << sheet;
    if (!source) return out;
    io::SourceRow row;
    for (auto more = (*source)->next(row); more && *more; more = (*source)->next(row)) {
      std::string line;
      for (const auto& cell : row.cells) line += std::string(cell) + "|";
      out.push_back(line);
    }
    return out;
  };
  std::string cover;
  for (const auto& r : rows("Cover")) cover += r + "\n";
  EXPECT_NE(cover.find("Close-out run|2|"), std::string::npos) << cover;
  EXPECT_NE(cover.find(latest_status().result_digest), std::string::npos) << cover;
  EXPECT_NE(cover.find("Current numbers|Yes|"), std::string::npos) << cover;
  bool decision = false;
  for (const auto& r : rows("Arbitration")) {
    decision = decision || (r.find(decided->order_id) != std::string::npos &&
                            r.find("the call log shows it") != std::string::npos &&
                            r.find("arbiter") != std::string::npos);
  }
  EXPECT_TRUE(decision);
  bool finance = false;
  // The kind in words (issue 23), not the token "finance".
  for (const auto& r : rows("Sign-offs")) finance = finance || r.starts_with("finance sign-off|");
  EXPECT_TRUE(finance);
  bool recommendation = false;
  for (const auto& r : rows("Retrospective")) {
    recommendation = recommendation || r.find("plan the peak") != std::string::npos;
  }
  EXPECT_TRUE(recommendation);
}

INSTANTIATE_TEST_SUITE_P(Backends, CurrentNumbers,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName());

}  // namespace
}  // namespace pitwall::testing
