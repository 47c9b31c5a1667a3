// ImportRequest::cancelled (the server's job cancel): asked between chunks, true stops the import
// and leaves the workspace as it was.
#include <gtest/gtest.h>

#include "app/workflow/workflow_fixture.hpp"
#include "app/workspace/workspace.hpp"

namespace pitwall::testing {
namespace {

using namespace workflow;

TEST(ImportCancel, ACancelledImportLeavesNoBatch) {
  std::string dir = demo_copy("import-cancel");
  auto ws = store::open_workspace(dir);
  ASSERT_TRUE(ws);
  app::Session hq = session_of(**ws, "hq");
  auto before = app::workspace::list_imports(hq);
  ASSERT_TRUE(before);
  int asked = 0;
  app::workspace::ImportRequest r;
  r.kind = "orders";
  r.path = dir + "/orders-2023-04-02.csv";
  r.campaign = kCampaign;
  r.force = true;
  r.chunk_bytes = 4096;  // many chunks
  r.cancelled = [&] { return ++asked >= 3; };
  auto outcome = app::workspace::import_file(hq, r);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, core::ErrorCode::kUnavailable) << outcome.error().message;
  EXPECT_GE(asked, 3);
  auto after = app::workspace::list_imports(hq);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->size(), before->size());

  // Not cancelled: the same import goes through.
  r.cancelled = [] { return false; };
  auto done = app::workspace::import_file(hq, r);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(app::workspace::list_imports(hq)->size(), before->size() + 1);
}

}  // namespace
}  // namespace pitwall::testing
