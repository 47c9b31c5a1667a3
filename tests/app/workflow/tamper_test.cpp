// Tamper evidence over everything that decides money or a sign-off (issue 22, Deliver 4): after
// the seal, each kind of edit made behind Pitwall's back — database rows (with the sealing
// triggers dropped first), column-file bytes that move no total, the string pool, line numbers,
// the kept original — is named by `campaign verify`. Before, 19 of 41 such edits went unseen.
// On both backends: on PostgreSQL the rows are edited with the triggers off and the batch files
// in their stored chunks, while the local cache still holds the bytes as sealed.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "app/closeout/run.hpp"
#include "app/supervision/practices.hpp"
#include "app/supervision/problems.hpp"
#include "app/workflow/workflow.hpp"
#include "app/workflow/workflow_fixture.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "test_backends.hpp"

namespace pitwall::testing {
namespace {

using namespace workflow;

int64_t at(const char* iso) { return io::parse_iso_instant(iso).value(); }

// A sealed campaign with a dispute, a decision, every sign-off and a carry-over (made once per
// backend).
std::string make_sealed_workspace(Backend backend) {
  {
    std::string d = demo_copy(backend, "sealed");
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
  }
}
const std::string& sealed_workspace(Backend backend) {
  static const std::string folder = make_sealed_workspace(Backend::kSqlite);
  if (backend == Backend::kSqlite) return folder;
  static const std::string database = make_sealed_workspace(Backend::kPostgres);
  return database;
}

// A copy of the sealed workspace to tamper with: a folder, or a database.
std::string tampered_copy(Backend backend, const std::string& name) {
  if (backend == Backend::kPostgres) return copy_database(sealed_workspace(backend), name);
  std::string dir = temp_dir(name);
  std::filesystem::copy(sealed_workspace(backend), dir, std::filesystem::copy_options::recursive);
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

// Runs `statement` on the workspace database at `url` with every trigger off (the sealing ones
// too), as someone with the database's password could.
void pg_sql(const std::string& url, const std::string& statement) {
  auto db = store::postgres::Connection::open(url);
  ASSERT_TRUE(db) << db.error().to_string();
  auto done = (*db)->exec("SET session_replication_role = replica; " + statement);
  ASSERT_TRUE(done) << statement << ": " << done.error().to_string();
}

// Flips the last byte of stored file `file` of the first orders batch in the database.
void pg_flip(const std::string& url, const std::string& file) {
  pg_sql(url, fmt::format(
                  "UPDATE file_chunks c SET bytes = set_byte(c.bytes, length(c.bytes) - 1, "
                  "get_byte(c.bytes, length(c.bytes) - 1) # 1) FROM (SELECT upload FROM batches "
                  "WHERE kind = 'orders' ORDER BY id LIMIT 1) b WHERE c.upload = b.upload AND "
                  "c.file = '{0}' AND c.part = (SELECT max(part) FROM file_chunks WHERE upload = "
                  "b.upload AND file = '{0}')",
                  file));
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

// One edit made behind Pitwall's back, in each backend's terms: SQL on the SQLite database (its
// sealing triggers dropped first where they guard the table) and on PostgreSQL (triggers off), or
// the last byte of a file of the first orders batch flipped ("original" for the kept original).
struct Edit {
  std::string name;
  std::string sqlite;
  std::string postgres;
  std::string file;
  std::string problem;  // the problem verify must name
};

void apply(Backend backend, const std::string& location, const Edit& e) {
  if (e.file.empty()) {
    return backend == Backend::kSqlite ? sql(location, e.sqlite) : pg_sql(location, e.postgres);
  }
  if (backend == Backend::kPostgres) {
    return pg_flip(location, e.file == "original" ? e.file : "data/" + e.file);
  }
  if (e.file != "original") return flip(orders_batch_dir(location) + "/" + e.file);
  auto ws = store::open_workspace(location).value();
  std::vector<store::BatchInfo> batches = ws->list_batches().value();
  for (const auto& b : batches) {
    if (b.kind == "orders") flip(location + "/" + b.original_path);
  }
}

class Tamper : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { PW_REQUIRE_BACKEND(GetParam()); }
};

// A record edit: `sqlite_set` and `postgres_set` are the new json of the rows of `where`.
Edit record_edit(std::string name, std::string sqlite_set, std::string postgres_set,
                 const std::string& where, std::string problem) {
  return {std::move(name),
          "DROP TRIGGER sealed_records_update; UPDATE records SET json = " + sqlite_set +
              " WHERE " + where,
          "UPDATE records SET json = " + postgres_set + " WHERE " + where, "", std::move(problem)};
}

TEST_P(Tamper, Issue22VerifyNamesEveryKindOfEdit) {
  Backend backend = GetParam();
  ASSERT_TRUE(problems_of(sealed_workspace(backend)).empty());
  const std::vector<Edit> edits = {
      record_edit("a sign-off's signer",
                  "replace(json, '\"who\":\"finance\"', '\"who\":\"mallory\"')",
                  "replace(json, '\"who\":\"finance\"', '\"who\":\"mallory\"')",
                  "collection = 'workflow.signoff'", "snapshot:signoffs"),
      record_edit("a sign-off's digest", "json_set(json, '$.digest', '0')",
                  "jsonb_set(json::jsonb, '{digest}', '\"0\"')::text",
                  "collection = 'workflow.signoff' AND key LIKE '%/finance'", "snapshot:signoffs"),
      record_edit("a dispute's note", "json_set(json, '$.note', 'mine')",
                  "jsonb_set(json::jsonb, '{note}', '\"mine\"')::text",
                  "collection = 'workflow.dispute'", "snapshot:disputes"),
      record_edit("a decision", "json_set(json, '$.reason', 'none')",
                  "jsonb_set(json::jsonb, '{reason}', '\"none\"')::text",
                  "collection = 'closeout.decisions'", "snapshot:decisions"),
      record_edit("the freeze's person", "json_set(json, '$.freeze.by', 'mallory')",
                  "jsonb_set(json::jsonb, '{freeze,by}', '\"mallory\"')::text",
                  "collection = 'workflow.lifecycle'", "snapshot:freeze"),
      record_edit("the freeze's definition (no longer recomputes)",
                  "json_set(json, '$.freeze.definition', 'finance@000000')",
                  "jsonb_set(json::jsonb, '{freeze,definition}', '\"finance@000000\"')::text",
                  "collection = 'workflow.lifecycle'", "lifecycle:freeze_record_differs_from_log"),
      record_edit("the freeze's pins", "json_set(json, '$.freeze.pins[0].batches[0]', 999)",
                  "jsonb_set(json::jsonb, '{freeze,pins,0,batches,0}', '999')::text",
                  "collection = 'workflow.lifecycle'", "lifecycle:freeze_record_differs_from_log"),
      record_edit("the seal's own record", "json_set(json, '$.seal.run', 1)",
                  "jsonb_set(json::jsonb, '{seal,run}', '1')::text",
                  "collection = 'workflow.lifecycle'", "lifecycle:seal_record_differs_from_log"),
      {"a carry-over's amount",
       "UPDATE records SET json = json_set(json, '$.amount_fen', -99999) WHERE "
       "collection = 'workflow.carryover'",
       "UPDATE records SET json = jsonb_set(json::jsonb, '{amount_fen}', '-99999')::text WHERE "
       "collection = 'workflow.carryover'",
       "", "carryover:1:record_differs_from_log"},
      {"a batch's sha256 column", "UPDATE batches SET sha256 = 'x' WHERE kind = 'orders'",
       "UPDATE batches SET sha256 = 'x' WHERE kind = 'orders'", "", "snapshot:batches"},
      {"a batch's loaded count", "UPDATE batches SET loaded = loaded + 1 WHERE kind = 'stores'",
       "UPDATE batches SET loaded = loaded + 1 WHERE kind = 'stores'", "", "snapshot:batches"},
      {"a column that moves no total (address)", "", "", "lines.bin", "snapshot:batches"},
      {"the string pool", "", "", "pool.str", "snapshot:batches"},
      {"the kept original", "", "", "original", "snapshot:batches"},
  };
  for (const Edit& e : edits) {
    std::string location = tampered_copy(backend, "tampered");
    ASSERT_FALSE(location.empty()) << e.name;
    apply(backend, location, e);
    std::vector<std::string> problems = problems_of(location);
    EXPECT_NE(std::find(problems.begin(), problems.end(), e.problem), problems.end())
        << e.name << ": expected " << e.problem << ", verify said "
        << (problems.empty() ? "nothing" : problems[0]);
    remove_location(location);
  }
}

// A damaged decision record reads as damaged, not as "--decision: unknown decision": verify
// names it as a finding, a reading refuses it as damaged data.
TEST_P(Tamper, Issue22ADamagedRecordReadsAsDamaged) {
  Backend backend = GetParam();
  std::string location = tampered_copy(backend, "damaged-record");
  ASSERT_FALSE(location.empty());
  apply(backend, location,
        record_edit("a decision that is none", "json_set(json, '$.decision', 'xyz')",
                    "jsonb_set(json::jsonb, '{decision}', '\"xyz\"')::text",
                    "collection = 'closeout.decisions'", ""));
  auto ws = store::open_workspace(location).value();
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

// A sealed campaign's supervision records do not change either, and the refusal says so in
// words (not the database trigger's "campaign sealed" with the database's path).
TEST_P(Tamper, SupervisionWritesToASealedCampaignAreRefusedInWords) {
  Backend backend = GetParam();
  std::string location = tampered_copy(backend, "sealed-supervision");
  ASSERT_FALSE(location.empty());
  auto ws = store::open_workspace(location).value();
  for (app::Lang lang : {app::Lang::kEn, app::Lang::kZh}) {
    app::Session hq = session_of(*ws, "hq", at("2023-04-21T10:00:00+08:00"));
    hq.lang = lang;
    auto problem = app::supervision::open_problem(
        hq, {kCampaign, "", "HB-BJ01", "posters missing", "store-hb-bj01", ""});
    ASSERT_FALSE(problem);
    EXPECT_EQ(problem.error().code, core::ErrorCode::kStateForbids);
    auto practice = app::supervision::add_practice(
        hq, {kCampaign, "HB-BJ01", "WeCom on the spot", "", "2023-03-10"});
    ASSERT_FALSE(practice);
    EXPECT_EQ(practice.error().code, core::ErrorCode::kStateForbids);
    for (const core::Error& e : {problem.error(), practice.error()}) {
      EXPECT_NE(e.message.find(lang == app::Lang::kZh ? "已封版" : "is sealed"), std::string::npos)
          << e.message;
      EXPECT_EQ(e.message.find("database"), std::string::npos) << e.message;
      EXPECT_EQ(e.to_string().find(location), std::string::npos) << e.to_string();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Tamper, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName());

}  // namespace
}  // namespace pitwall::testing
