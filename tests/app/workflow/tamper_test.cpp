// Tamper evidence over everything that decides money or a sign-off (issue 22, Deliver 4): after
// the seal, each kind of edit made behind Pitwall's back — database rows (with the sealing
// triggers dropped first), column-file bytes that move no total, the string pool, line numbers,
// the kept original — is named by `campaign verify`. Before, 19 of 41 such edits went unseen.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "app/closeout/run.hpp"
#include "app/workflow/workflow.hpp"
#include "app/workflow/workflow_fixture.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace pitwall::testing {
namespace {

using namespace workflow;

int64_t at(const char* iso) { return io::parse_iso_instant(iso).value(); }

// A sealed campaign with a dispute, a decision, every sign-off and a carry-over (made once).
const std::string& sealed_workspace() {
  static const std::string dir = [] {
    std::string d = demo_copy("sealed");
    auto ws = store::open_workspace(d).value();
    auto as = [&](const std::string& who, const char* when) {
      return session_of(*ws, who, at(when));
    };
    const char* review = kReviewText;
    auto queue = app::workflow::arbitration_queue(as("arbiter", review), kCampaign, false).value();
    std::string order = queue.entries.at(0).item.order_id;
    EXPECT_TRUE(app::workflow::decide(as("arbiter", review),
                                      {kCampaign, order, "exclude", "ring", false, {}}));
    EXPECT_TRUE(app::closeout::run_closeout(as("hq", review), {kCampaign}));
    auto listed = app::workflow::store_orders(as("store-hb-bj01", review), {kCampaign, "HB-BJ01"});
    EXPECT_TRUE(listed);
    EXPECT_TRUE(app::workflow::confirm_store(
        as("store-hb-bj01", review),
        {kCampaign, "HB-BJ01", {{listed->orders.at(0).order_id, "not-valid", "cancelled"}}}));
    const char* after = "2023-04-08T09:00:00+08:00";
    auto status = app::workflow::campaign_status(as("hq", after), kCampaign).value();
    std::vector<store::User> users = ws->list_users().value();
    for (const auto& v : status.signoffs) {
      if (v.kind != core::workflow::SignoffKind::kRegion) continue;
      for (const auto& u : users) {
        if (u.role == "region" && u.scope == v.scope) {
          EXPECT_TRUE(app::workflow::sign_region(as(u.name, after), kCampaign, v.scope));
        }
      }
    }
    EXPECT_TRUE(app::workflow::sign_finance(as("finance", after), kCampaign));
    EXPECT_TRUE(app::workflow::freeze_campaign(as("hq", after), kCampaign));
    const char* week = "2023-04-15T10:00:00+08:00";
    auto sealed = app::workflow::seal_campaign(as("hq", week), kCampaign);
    EXPECT_TRUE(sealed) << (sealed ? "" : sealed.error().message);
    EXPECT_TRUE(app::workflow::carry_over(as("finance", "2023-04-20T10:00:00+08:00"),
                                          {kCampaign, order, "-12.50", "late refund"}));
    return d;
  }();
  return dir;
}

std::vector<std::string> problems_of(const std::string& dir) {
  auto ws = store::open_workspace(dir).value();
  auto report = app::workflow::verify_campaign(
      session_of(*ws, "hq", at("2023-04-21T10:00:00+08:00")), kCampaign);
  EXPECT_TRUE(report) << (report ? "" : report.error().message);
  std::vector<std::string> out;
  if (!report) return {"(no report)"};
  for (const auto& p : report->find("problems")->items()) out.push_back(p.as_string());
  return out;
}

void sql(const std::string& dir, const std::string& statement) {
  auto db = store::sqlite::Database::open(dir + "/pitwall.db", false);
  ASSERT_TRUE(db) << db.error().to_string();
  auto done = (*db)->exec(statement);
  ASSERT_TRUE(done) << statement << ": " << done.error().to_string();
}

// Flips the last byte of a file of the first orders batch (or of `path` when absolute).
void flip(const std::string& path) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(f) << path;
  f.seekg(-1, std::ios::end);
  char c = 0;
  f.get(c);
  f.seekp(-1, std::ios::end);
  f.put(static_cast<char>(c ^ 0x01));
}

std::string orders_batch_dir(const std::string& dir) {
  auto ws = store::open_workspace(dir).value();
  std::vector<store::BatchInfo> batches = ws->list_batches().value();
  for (const auto& b : batches) {
    if (b.kind == "orders") return dir + "/batches/" + std::to_string(b.id);
  }
  return "";
}

struct Tamper {
  std::string name;
  std::function<void(const std::string& dir)> edit;
  std::string problem;  // the problem verify must name
};

TEST(Tamper, Issue22VerifyNamesEveryKindOfEdit) {
  ASSERT_TRUE(problems_of(sealed_workspace()).empty());
  const std::string records = "DROP TRIGGER sealed_records_update; UPDATE records SET json = ";
  const std::vector<Tamper> tampers = {
      {"a sign-off's signer",
       [&](auto& d) {
         sql(d, records +
                    "replace(json, '\"who\":\"finance\"', '\"who\":\"mallory\"') "
                    "WHERE collection = 'workflow.signoff'");
       },
       "snapshot:signoffs"},
      {"a sign-off's digest",
       [&](auto& d) {
         sql(d, records +
                    "json_set(json, '$.digest', '0') WHERE collection = "
                    "'workflow.signoff' AND key LIKE '%/finance'");
       },
       "snapshot:signoffs"},
      {"a dispute's note",
       [&](auto& d) {
         sql(d, records +
                    "json_set(json, '$.note', 'mine') WHERE collection = "
                    "'workflow.dispute'");
       },
       "snapshot:disputes"},
      {"a decision",
       [&](auto& d) {
         sql(d, records +
                    "json_set(json, '$.reason', 'none') WHERE collection = "
                    "'closeout.decisions'");
       },
       "snapshot:decisions"},
      {"the freeze's person",
       [&](auto& d) {
         sql(d, records +
                    "json_set(json, '$.freeze.by', 'mallory') WHERE "
                    "collection = 'workflow.lifecycle'");
       },
       "snapshot:freeze"},
      {"the freeze's definition (no longer recomputes)",
       [&](auto& d) {
         sql(d, records +
                    "json_set(json, '$.freeze.definition', 'finance@000000') WHERE "
                    "collection = 'workflow.lifecycle'");
       },
       "lifecycle:freeze_record_differs_from_log"},
      {"the freeze's pins",
       [&](auto& d) {
         sql(d, records +
                    "json_set(json, '$.freeze.pins[0].batches[0]', 999) WHERE "
                    "collection = 'workflow.lifecycle'");
       },
       "lifecycle:freeze_record_differs_from_log"},
      {"the seal's own record",
       [&](auto& d) {
         sql(d, records +
                    "json_set(json, '$.seal.run', 1) WHERE collection = "
                    "'workflow.lifecycle'");
       },
       "lifecycle:seal_record_differs_from_log"},
      {"a carry-over's amount",
       [&](auto& d) {
         sql(d,
             "UPDATE records SET json = json_set(json, '$.amount_fen', -99999) WHERE "
             "collection = 'workflow.carryover'");
       },
       "carryover:1:record_differs_from_log"},
      {"a batch's sha256 column",
       [&](auto& d) { sql(d, "UPDATE batches SET sha256 = 'x' WHERE kind = 'orders'"); },
       "snapshot:batches"},
      {"a batch's loaded count",
       [&](auto& d) { sql(d, "UPDATE batches SET loaded = loaded + 1 WHERE kind = 'stores'"); },
       "snapshot:batches"},
      {"a column that moves no total (address)",
       [&](auto& d) { flip(orders_batch_dir(d) + "/lines.bin"); }, "snapshot:batches"},
      {"the string pool", [&](auto& d) { flip(orders_batch_dir(d) + "/pool.str"); },
       "snapshot:batches"},
      {"the kept original",
       [&](auto& d) {
         auto ws = store::open_workspace(d).value();
         std::vector<store::BatchInfo> batches = ws->list_batches().value();
         for (const auto& b : batches) {
           if (b.kind == "orders") flip(d + "/" + b.original_path);
         }
       },
       "snapshot:batches"},
  };
  for (const Tamper& t : tampers) {
    std::string dir = temp_dir("tampered");
    std::filesystem::copy(sealed_workspace(), dir, std::filesystem::copy_options::recursive);
    t.edit(dir);
    std::vector<std::string> problems = problems_of(dir);
    EXPECT_NE(std::find(problems.begin(), problems.end(), t.problem), problems.end())
        << t.name << ": expected " << t.problem << ", verify said "
        << (problems.empty() ? "nothing" : problems[0]);
    std::filesystem::remove_all(dir);
  }
}

// A damaged decision record reads as damaged, not as "--decision: unknown decision": verify
// names it as a finding, a reading refuses it as damaged data.
TEST(Tamper, Issue22ADamagedRecordReadsAsDamaged) {
  std::string dir = temp_dir("damaged-record");
  std::filesystem::copy(sealed_workspace(), dir, std::filesystem::copy_options::recursive);
  sql(dir,
      "DROP TRIGGER sealed_records_update; UPDATE records SET json = json_set(json, "
      "'$.decision', 'xyz') WHERE collection = 'closeout.decisions'");
  auto ws = store::open_workspace(dir).value();
  app::Session hq = session_of(*ws, "hq", at("2023-04-21T10:00:00+08:00"));
  auto report = app::workflow::verify_campaign(hq, kCampaign);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->get_bool("ok"));
  std::vector<std::string> problems;
  for (const auto& p : report->find("problems")->items()) problems.push_back(p.as_string());
  EXPECT_EQ(problems, std::vector<std::string>{"snapshot:cannot_recompute"});
  std::string why = report->find("snapshot")->get_string("error");
  EXPECT_NE(why.find("damaged"), std::string::npos) << why;
  EXPECT_EQ(why.find("--decision"), std::string::npos) << why;
  auto queue = app::workflow::arbitration_queue(hq, kCampaign, false);
  ASSERT_FALSE(queue);
  EXPECT_EQ(queue.error().code, core::ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace pitwall::testing
