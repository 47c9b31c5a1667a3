// Every close-out, workflow and workspace use case × every kind of person × in and out of scope
// (issue "one application layer", Deliver 2; server.md §2). Expected outcomes are the role table
// of server.md §2 by hand: "ok" (authorised; for a write, whatever its lifecycle then says, but
// never forbidden or not found), "forbidden" (the role lacks the permission) and "not found" (the
// object is outside the person's scope: it does not exist for them).
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "app/closeout/readings.hpp"
#include "app/closeout/run.hpp"
#include "app/workflow/export.hpp"
#include "app/workflow/workflow.hpp"
#include "app/workflow/workflow_fixture.hpp"
#include "app/workspace/workspace.hpp"

namespace pitwall::testing {
namespace {

using namespace workflow;  // the fixture

enum class Want { kOk, kForbidden, kNotFound };

// The people: network-wide roles, and a region and store manager inside and outside the scope
// of the object (store HB-BJ01 of 华北战区).
const char* const kPeople[] = {
    "hq",           "finance",      "director",      "arbiter",       "service",
    "region-north", "region-south", "store-hb-bj01", "store-hn-gz01", ""};
const std::string kStore = "HB-BJ01";
const std::string kRegion = "华北战区";

// Who gets what: `ok` and `not_found` list people; everyone else is forbidden.
struct Case {
  std::string name;
  std::set<std::string> ok;
  std::set<std::string> not_found;
  std::function<core::Status(const app::Session&)> call;
  bool write = false;
};

template <typename T>
core::Status status_of(core::Result<T> r) {
  if (!r) return r.error();
  return {};
}

const std::set<std::string> kReadAll = {"hq", "finance", "director", ""};
std::set<std::string> plus(std::set<std::string> a, std::initializer_list<std::string> b) {
  a.insert(b.begin(), b.end());
  return a;
}

std::vector<Case> reads() {
  namespace co = app::closeout;
  namespace wf = app::workflow;
  namespace ws = app::workspace;
  const co::ReadRequest run{kCampaign, 0};
  auto scoped = plus(kReadAll, {"region-north", "region-south", "store-hb-bj01", "store-hn-gz01"});
  return {
      {"closeout summary", scoped, {}, [=](auto& s) { return status_of(co::summary(s, run, {})); }},
      {"closeout settlement",
       scoped,
       {},
       [=](auto& s) { return status_of(co::open_reading(s, run)); }},
      {"closeout findings",
       scoped,
       {},
       [=](auto& s) { return status_of(co::findings(s, run, "")); }},
      {"closeout bridge of the store",
       plus(kReadAll, {"region-north", "store-hb-bj01"}),
       {"region-south", "store-hn-gz01"},
       [=](auto& s) {
         return status_of(co::bridge(s, run, {"it", "finance", "", kStore}));
       }},
      {"closeout workbook",
       kReadAll,
       {},
       [=](auto& s) { return status_of(co::workbook_run(s, run)); }},
      {"confirm list of the store",
       plus(kReadAll, {"region-north", "store-hb-bj01"}),
       {"region-south", "store-hn-gz01"},
       [=](auto& s) {
         return status_of(wf::store_orders(s, {kCampaign, kStore}));
       }},
      {"arbitration queue",
       plus(scoped, {"arbiter"}),
       {},
       [=](auto& s) { return status_of(wf::arbitration_queue(s, kCampaign, false)); }},
      {"campaign status",
       plus(scoped, {"arbiter"}),
       {},
       [=](auto& s) { return status_of(wf::campaign_status(s, kCampaign)); }},
      {"campaign verify",
       kReadAll,
       {},
       [=](auto& s) { return status_of(wf::verify_campaign(s, kCampaign)); }},
      {"closing plan",
       kReadAll,
       {},
       [=](auto& s) { return status_of(wf::closing_plan(s, kCampaign, "")); }},
      {"user list", kReadAll, {}, [=](auto& s) { return status_of(ws::list_users(s)); }},
      {"imports", kReadAll, {}, [=](auto& s) { return status_of(ws::list_imports(s)); }},
      {"campaign list",
       plus(scoped, {"arbiter", "service"}),
       {},
       [=](auto& s) { return status_of(ws::list_campaigns(s)); }},
  };
}

std::vector<Case> writes(const std::string& workspace) {
  namespace co = app::closeout;
  namespace wf = app::workflow;
  namespace ws = app::workspace;
  std::string definition = workspace + "/definitions/finance.toml";
  return {
      {"closeout run",
       {"hq", "finance"},
       {},
       [=](auto& s) { return status_of(co::run_closeout(s, {kCampaign})); },
       true},
      {"confirm the store",
       {"store-hb-bj01"},
       {"store-hn-gz01"},
       [=](auto& s) {
         return status_of(wf::confirm_store(s, {kCampaign, kStore, {}}));
       },
       true},
      {"sign the region",
       {"region-north"},
       {"region-south"},
       [=](auto& s) { return status_of(wf::sign_region(s, kCampaign, kRegion)); },
       true},
      {"sign finance",
       {"finance"},
       {},
       [=](auto& s) { return status_of(wf::sign_finance(s, kCampaign)); },
       true},
      {"decide",
       {"arbiter"},
       {},
       [=](auto& s) -> core::Status {
         // The first gray-zone item, read as HQ would.
         app::Session hq = s;
         hq.principal = {"hq", core::Role::kHq, ""};
         hq.local_operator = false;
         auto queue = wf::arbitration_queue(hq, kCampaign, false);
         if (!queue || queue->entries.empty())
           return core::make_error(core::ErrorCode::kInternal, "no queue");
         return status_of(wf::decide(
             s, {kCampaign, queue->entries[0].item.order_id, "count", "reviewed", false, {}}));
       },
       true},
      {"freeze",
       {"hq"},
       {},
       [=](auto& s) { return status_of(wf::freeze_campaign(s, kCampaign)); },
       true},
      {"seal",
       {"hq"},
       {},
       [=](auto& s) { return status_of(wf::seal_campaign(s, kCampaign)); },
       true},
      {"carry over",
       {"hq", "finance"},
       {},
       [=](auto& s) {
         return status_of(wf::carry_over(s, {kCampaign, "none", "1.00", "late refund"}));
       },
       true},
      {"retrospective note",
       {"hq"},
       {},
       [=](auto& s) {
         return status_of(wf::retrospective(s, {kCampaign, {"one set of numbers"}, {}, {}}));
       },
       true},
      {"definition add",
       {"hq"},
       {},
       [=](auto& s) { return status_of(ws::add_definition_file(s, definition)); },
       true},
      {"user add",
       {"hq"},
       {},
       [=](auto& s) {
         return ws::add_user(s, {"newcomer", "finance", "", 0});
       },
       true},
  };
}

// Every test on both backends: the demo workspace in a folder and in a database.
class WorkflowAuthorization : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { PW_REQUIRE_BACKEND(GetParam()); }
  const std::string& demo_workspace() { return workflow::demo_workspace(GetParam()); }
  const std::string& demo_files() { return workflow::demo_files(GetParam()); }
  std::string demo_copy(const std::string& name) { return workflow::demo_copy(GetParam(), name); }
};

Want want_of(const Case& c, const std::string& who) {
  if (c.not_found.count(who)) return Want::kNotFound;
  if (c.ok.count(who)) return Want::kOk;
  return Want::kForbidden;
}

void check(const Case& c, const std::string& who, const core::Status& got) {
  std::string label = c.name + " as " + (who.empty() ? "the local operator" : who);
  switch (want_of(c, who)) {
    case Want::kForbidden:
      ASSERT_FALSE(got) << label;
      EXPECT_EQ(got.error().code, core::ErrorCode::kForbidden)
          << label << ": " << got.error().message;
      break;
    case Want::kNotFound:
      ASSERT_FALSE(got) << label;
      EXPECT_EQ(got.error().code, core::ErrorCode::kNotFound)
          << label << ": " << got.error().message;
      break;
    case Want::kOk:
      if (c.write) {
        // Authorised: the lifecycle or the state may still refuse, never the role or scope.
        if (!got) {
          EXPECT_NE(got.error().code, core::ErrorCode::kForbidden)
              << label << ": " << got.error().message;
          EXPECT_NE(got.error().code, core::ErrorCode::kNotFound)
              << label << ": " << got.error().message;
        }
      } else {
        EXPECT_TRUE(got) << label << ": " << (got ? "" : got.error().message);
      }
      break;
  }
}

TEST_P(WorkflowAuthorization, EveryReadByEveryPerson) {
  auto ws = store::open_workspace(demo_workspace());
  ASSERT_TRUE(ws);
  for (const Case& c : reads()) {
    for (const char* who : kPeople) check(c, who, c.call(session_of(**ws, who)));
  }
}

TEST_P(WorkflowAuthorization, EveryWriteByEveryPerson) {
  for (const Case& c : writes(demo_files())) {
    for (const char* who : kPeople) {
      std::string dir = demo_copy("authorization");
      auto ws = store::open_workspace(dir);
      ASSERT_TRUE(ws);
      check(c, who, c.call(session_of(**ws, who)));
      ws->reset();
      remove_location(dir);
    }
  }
}

// Some writes do succeed for the right person: the rows they stored are theirs.
TEST_P(WorkflowAuthorization, AuthorisedWritesSucceed) {
  std::string dir = demo_copy("authorised");
  auto ws = store::open_workspace(dir);
  ASSERT_TRUE(ws);
  auto confirmed =
      app::workflow::confirm_store(session_of(**ws, "store-hb-bj01"), {kCampaign, kStore, {}});
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->confirmation.signoff->who, "store-hb-bj01");
  auto finance = app::workflow::sign_finance(session_of(**ws, "finance"), kCampaign);
  ASSERT_TRUE(finance) << finance.error().message;
  auto added = app::workspace::add_user(session_of(**ws, "hq"), {"newcomer", "finance", "", 0});
  EXPECT_TRUE(added) << (added ? "" : added.error().message);
}

// What a scoped reader sees: its store's rows only, totals over them, nothing of others.
TEST_P(WorkflowAuthorization, ScopedReadersSeeTheirRowsAndTotalsOnly) {
  auto ws = store::open_workspace(demo_workspace());
  ASSERT_TRUE(ws);
  namespace co = app::closeout;
  auto all = co::open_reading(session_of(**ws, "hq"), {kCampaign, 0});
  auto store = co::open_reading(session_of(**ws, "store-hb-bj01"), {kCampaign, 0});
  auto region = co::open_reading(session_of(**ws, "region-north"), {kCampaign, 0});
  ASSERT_TRUE(all && store && region);
  const io::Json& settlement = *store->stored.result().find("settlement");
  ASSERT_EQ(settlement.find("stores")->size(), 1u);
  const io::Json& row = settlement.find("stores")->items()[0];
  EXPECT_EQ(row.get_string("store"), kStore);
  // The store's total is its one row; the network's is larger.
  EXPECT_EQ(settlement.find("total")->get_int("payable_fen"), row.get_int("payable_fen"));
  EXPECT_GT(all->stored.result().find("settlement")->find("total")->get_int("payable_fen"),
            row.get_int("payable_fen"));
  EXPECT_EQ(settlement.find("unattributed")->get_int("orders"), 0);
  EXPECT_EQ(store->stored.result().find("rings")->size(), 0u);
  // The region: its stores, and its total is their sum.
  int64_t sum = 0;
  for (const auto& r : region->stored.result().find("settlement")->find("stores")->items()) {
    EXPECT_EQ(r.get_string("region"), kRegion);
    sum += r.get_int("orders");
  }
  EXPECT_EQ(region->stored.result().find("settlement")->find("total")->get_int("orders"), sum);
  // Findings: only on the store's orders.
  auto findings = co::findings(session_of(**ws, "store-hb-bj01"), {kCampaign, 0}, "");
  auto every = co::findings(session_of(**ws, "hq"), {kCampaign, 0}, "");
  ASSERT_TRUE(findings && every);
  EXPECT_LT(findings->stored.findings.size(), every->stored.findings.size());
  // The status lists its store alone.
  auto status = app::workflow::campaign_status(session_of(**ws, "store-hb-bj01"), kCampaign);
  ASSERT_TRUE(status);
  ASSERT_EQ(status->stores.size(), 1u);
  EXPECT_EQ(status->stores[0].store, kStore);
  // The queue: items of its store (or that it claims) only.
  auto queue = app::workflow::arbitration_queue(session_of(**ws, "region-north"), kCampaign, false);
  ASSERT_TRUE(queue);
  for (const auto& e : queue->entries) EXPECT_EQ(e.item.region, kRegion) << e.item.order_id;
}

// Out of scope reads exactly like absent: the same error and words for another store as for a
// store that exists nowhere.
TEST_P(WorkflowAuthorization, AnotherStoreReadsLikeNoStore) {
  auto ws = store::open_workspace(demo_workspace());
  ASSERT_TRUE(ws);
  app::Session s = session_of(**ws, "store-hb-bj01");
  auto other = app::workflow::store_orders(s, {kCampaign, "HN-GZ01"});
  auto none = app::workflow::store_orders(s, {kCampaign, "NOPE"});
  ASSERT_FALSE(other);
  ASSERT_FALSE(none);
  EXPECT_EQ(other.error().code, none.error().code);
  std::string a = other.error().message, b = none.error().message;
  EXPECT_EQ(a.replace(a.find("HN-GZ01"), 7, "X"), b.replace(b.find("NOPE"), 4, "X"));
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkflowAuthorization,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName());

}  // namespace
}  // namespace pitwall::testing
