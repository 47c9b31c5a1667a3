// Job records (app/jobs.hpp): ids allocated in order, documents stored and read back, seen by
// their owner and HQ only, and the settling of what a stopped server left unfinished: an import
// whose batch was committed happened, everything else failed. On both backends.
#include "app/jobs.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "app/workflow/workflow_fixture.hpp"

namespace pitwall::testing {
namespace {

using namespace workflow;

class JobRecords : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    PW_REQUIRE_BACKEND(GetParam());
    std::string dir = fresh_location(GetParam(), "jobs");
    ASSERT_FALSE(dir.empty());
    ASSERT_TRUE(store::init_workspace(dir, 0));
    ws_ = store::open_workspace(dir).release_value();
    ASSERT_TRUE(ws_->add_user({"boss", "hq", "", 0}));
    ASSERT_TRUE(ws_->add_user({"li", "store", "S001", 0}));
    ASSERT_TRUE(ws_->add_user({"wang", "store", "S002", 0}));
  }
  // A job document as the server makes it (what this module needs of it: id, kind, state, by).
  static io::Json job(const std::string& id, const std::string& kind, const std::string& state,
                      const std::string& by) {
    return io::Json::object().set("id", id).set("kind", kind).set("state", state).set("by", by);
  }
  std::unique_ptr<store::Workspace> ws_;
};

TEST_P(JobRecords, IdsFollowOneAnotherAndDocumentsReadBack) {
  auto make = [](const std::string& by) {
    return [by](const std::string& id) { return job(id, "import", "queued", by); };
  };
  EXPECT_EQ(app::jobs::add(*ws_, make("li"), 10).value(), "J000001");
  EXPECT_EQ(app::jobs::add(*ws_, make("wang"), 11).value(), "J000002");
  EXPECT_EQ(app::jobs::add(*ws_, make("li"), 12).value(), "J000003");
  ASSERT_TRUE(app::jobs::save(*ws_, "J000001", job("J000001", "import", "succeeded", "li"), 13));

  app::Session li = session_of(*ws_, "li");
  EXPECT_EQ(app::jobs::find(li, "J000001").value().get_string("state"), "succeeded");
  EXPECT_EQ(app::jobs::list(li).value(), (std::vector<std::string>{"J000003", "J000001"}));
  // Someone else's job does not exist for a store manager; HQ sees every job.
  auto other = app::jobs::find(li, "J000002");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(other.error().where.column, "id");
  auto none = app::jobs::find(li, "J000009");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, core::ErrorCode::kNotFound);
  // Someone else's job is told of in the words of one that does not exist.
  EXPECT_EQ(other.error().message, app::jobs::unknown(li, "J000002").message);
  EXPECT_NE(other.error().message.find("J000002"), std::string::npos);
  EXPECT_EQ(app::jobs::list(session_of(*ws_, "boss")).value().size(), 3u);
}

TEST_P(JobRecords, SettlingMarksACommittedImportSucceededAndTheRestFailed) {
  auto add = [&](const std::string& kind, const std::string& state, const std::string& by) {
    return app::jobs::add(
               *ws_, [&](const std::string& id) { return job(id, kind, state, by); }, 1)
        .value();
  };
  std::string imported = add("import", "running", "li");     // J000001: its batch committed
  std::string lost = add("import", "running", "li");         // J000002: no batch
  std::string export_job = add("export", "queued", "wang");  // J000003
  std::string done = add("import", "succeeded", "wang");     // J000004: finished, left alone
  // The batch J000001's import committed before the process stopped.
  std::string source = ::testing::TempDir() + "orders-" + imported + ".csv";
  std::ofstream(source) << "order_id\n";
  store::BatchStart start{
      core::TableKind::kOrders, "c1", "orders-" + imported + ".csv", "sha", source, 1, "li", false};
  auto writer = ws_->begin_batch(start).release_value();
  ASSERT_TRUE(writer->commit({0, 0, 0}, ""));

  int64_t batch_seen = -1;
  auto settled = app::jobs::settle_unfinished(
      *ws_,
      [&](const io::Json& doc, const store::BatchInfo& batch) -> core::Result<io::Json> {
        batch_seen = batch.id;
        io::Json out = doc;
        return out.set("state", "succeeded");
      },
      [](const io::Json& doc) {
        io::Json out = doc;
        return out.set("state", "failed");
      },
      2);
  EXPECT_EQ(settled.value(), 3);
  EXPECT_EQ(batch_seen, 1);
  app::Session boss = session_of(*ws_, "boss");
  EXPECT_EQ(app::jobs::find(boss, imported)->get_string("state"), "succeeded");
  EXPECT_EQ(app::jobs::find(boss, lost)->get_string("state"), "failed");
  EXPECT_EQ(app::jobs::find(boss, export_job)->get_string("state"), "failed");
  EXPECT_EQ(app::jobs::find(boss, done)->get_string("state"), "succeeded");
  // Nothing is left to settle.
  EXPECT_EQ(
      app::jobs::settle_unfinished(
          *ws_,
          [](const io::Json& d, const store::BatchInfo&) -> core::Result<io::Json> { return d; },
          [](const io::Json& d) { return d; }, 3)
          .value(),
      0);
}

// A job's file (the workbook) kept in the workspace comes back the same bytes, in pieces larger
// than one read; a file never kept is not found.
TEST_P(JobRecords, AJobsFileKeptInTheWorkspaceComesBackWhole) {
  std::string made = ::testing::TempDir() + "made.xlsx";
  std::string bytes;
  for (int i = 0; bytes.size() < (size_t{9} << 20); ++i) bytes += std::to_string(i * 7919) + ",";
  std::ofstream(made, std::ios::binary) << bytes;
  ASSERT_TRUE(app::jobs::keep_file(*ws_, "J000001", "c1-closeout.xlsx", made));
  std::string back = ::testing::TempDir() + "back.xlsx";
  ASSERT_TRUE(app::jobs::copy_file(*ws_, "J000001", "c1-closeout.xlsx", back));
  std::ifstream in(back, std::ios::binary);
  std::string read((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(read.size(), bytes.size());
  EXPECT_TRUE(read == bytes);
  auto missing = app::jobs::copy_file(*ws_, "J000002", "c1-closeout.xlsx", back + ".2");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobRecords,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName());

}  // namespace
}  // namespace pitwall::testing
