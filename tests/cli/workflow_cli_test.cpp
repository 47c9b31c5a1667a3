// The close-out workflow as people run it (issue 6 "Tests" and "Done when"), on a small demo
// network: 12 stores in 6 regions, about 2,000 orders, campaign 2023-03-01 .. 2023-03-31
// (+08:00), review window until 2023-04-07 23:59:59, freeze_days 7.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "app/workflow/workflow.hpp"
#include "cli/cli_harness.hpp"
#include "cli/context.hpp"
#include "io/json/json.hpp"
#include "io/table/table_source.hpp"
#include "io/xlsx/xlsx_writer.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/workspace.hpp"

namespace pitwall::testing {
namespace {

const std::string kCampaign = "2023-spring-renewal";
const std::string kReview = "2023-04-01T10:00:00+08:00";       // before the appeal cut-off
const std::string kAfterWindow = "2023-04-08T09:00:00+08:00";  // review window over
const std::string kFrozenWeek = "2023-04-15T10:00:00+08:00";   // 7 days after the freeze

class WorkflowCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = fresh_folder("workflow");
    act_as("hq");  // the demo registers HQ operations as "hq"
    auto r = run_pitwall({"demo", ws_, "--orders", "2000", "--stores", "12"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The numbers people confirm come from a stored, current close-out run.
    doc({"closeout", "run", "--campaign", kCampaign});
  }

  CliResult pw(std::vector<std::string> args, const std::string& now = kReview) {
    args.insert(args.begin(), {"-w", ws_, "--lang", "en"});
    return run_pitwall(args, now);
  }
  // Runs a --json command that must succeed and returns its document.
  io::Json doc(std::vector<std::string> args, const std::string& now = kReview) {
    args.push_back("--json");
    CliResult r = pw(args, now);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto parsed = io::Json::parse(r.out);
    EXPECT_TRUE(parsed.has_value()) << r.out;
    return parsed ? *parsed : io::Json();
  }
  std::vector<std::string> stores() {
    std::vector<std::string> out;
    io::Json users = doc({"user", "list"});
    for (const auto& u : users.items()) {
      if (u.get_string("role") == "store") out.push_back(u.get_string("scope"));
    }
    return out;
  }
  std::string workflow_workbook(app::Lang lang);
  static std::string user_of(std::string code) {
    for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return "store-" + code;
  }
  std::string counted_order(const std::string& store, size_t nth = 0) {
    io::Json list = doc({"confirm", "list", "--campaign", kCampaign, "--store", store});
    for (const auto& o : list.find("orders")->items()) {
      if (o.get_bool("counted") && nth-- == 0) return o.get_string("order_id");
    }
    ADD_FAILURE() << "no counted order at " << store;
    return "";
  }
  std::string store_status(const std::string& store, const std::string& now = kReview) {
    io::Json status = doc({"campaign", "status", "--campaign", kCampaign}, now);
    for (const auto& s : status.find("stores")->find("list")->items()) {
      if (s.get_string("store") == store) return s.get_string("status");
    }
    return "";
  }
  // Regions sign and finance signs after the review window (silent stores are deemed then).
  void sign_everything(const std::string& now) {
    io::Json status = doc({"campaign", "status", "--campaign", kCampaign}, now);
    for (const auto& s : status.find("signoffs")->items()) {
      if (s.get_string("kind") != "region") continue;
      std::string region = s.get_string("scope");
      std::string who;
      io::Json users = doc({"user", "list"});
      for (const auto& u : users.items()) {
        if (u.get_string("role") == "region" && u.get_string("scope") == region) {
          who = u.get_string("name");
        }
      }
      auto r =
          pw({"confirm", "region", "--campaign", kCampaign, "--region", region, "--as", who}, now);
      EXPECT_EQ(r.exit_code, 0) << r.err;
    }
    EXPECT_EQ(pw({"confirm", "finance", "--campaign", kCampaign, "--as", "finance"}, now).exit_code,
              0);
  }
  // Freezes after the window and seals a week later; returns the seal document.
  io::Json freeze_and_seal() {
    sign_everything(kAfterWindow);
    doc({"campaign", "freeze", "--campaign", kCampaign, "--as", "hq"}, kAfterWindow);
    return doc({"campaign", "seal", "--campaign", kCampaign, "--as", "hq"}, kFrozenWeek);
  }
  void sql(const std::string& statement) {
    auto db = store::sqlite::Database::open(ws_ + "/pitwall.db", false);
    ASSERT_TRUE(db) << db.error().to_string();
    auto done = (*db)->exec(statement);
    ASSERT_TRUE(done) << done.error().to_string();
  }
  io::Json verify(int expected_exit) {
    CliResult r = pw({"campaign", "verify", "--campaign", kCampaign, "--json"}, kFrozenWeek);
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    auto parsed = io::Json::parse(r.out);
    EXPECT_TRUE(parsed.has_value()) << r.out;
    return parsed ? *parsed : io::Json();
  }
  static bool has(const io::Json& list, const std::string& value) {
    for (const auto& v : list.items()) {
      if (v.as_string() == value) return true;
    }
    return false;
  }

  std::string ws_;
};

TEST_F(WorkflowCli, AStoreTouchesOnlyItsOwnOrdersAndClaimsOthers) {
  auto codes = stores();
  ASSERT_GE(codes.size(), 2u);
  std::string a = codes[0], b = codes[1];
  std::string theirs = counted_order(b);
  // Disputing another store's order as "not valid", or confirming for another store: refused.
  auto r = pw({"confirm", "store", "--campaign", kCampaign, "--store", a, "--as", user_of(a),
               "--dispute", theirs, "--claim", "not-valid", "--note", "x"});
  // Another store's order does not exist for a store manager (server.md §2: not found).
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("has no order \"" + theirs + "\""), std::string::npos) << r.err;
  EXPECT_EQ(
      pw({"confirm", "store", "--campaign", kCampaign, "--store", b, "--as", user_of(a)}).exit_code,
      1);
  EXPECT_EQ(store_status(a), "pending");  // nothing was recorded
  EXPECT_EQ(store_status(b), "pending");
  // Claiming it ("this order is mine") is the one thing a store may do about it.
  io::Json done = doc({"confirm", "store", "--campaign", kCampaign, "--store", a, "--as",
                       user_of(a), "--dispute", theirs, "--claim", "mine", "--note", "ours"});
  EXPECT_EQ(done.get_string("status"), "current");
  EXPECT_EQ(done.find("disputes")->size(), 1u);
  io::Json queue = doc({"arbitrate", "list", "--campaign", kCampaign});
  bool found = false;
  for (const auto& q : queue.items()) {
    if (q.get_string("order_id") != theirs) continue;
    found = true;
    EXPECT_TRUE(has(*q.find("reasons"), "dispute.mine"));
    EXPECT_TRUE(has(*q.find("claimants"), a));
    EXPECT_EQ(q.get_string("store"), b);
    EXPECT_EQ(q.get_string("status"), "open");
  }
  EXPECT_TRUE(found);
  // Appeals ("not valid") close at the appeal cut-off, 2023-04-01 18:00.
  std::string own = counted_order(a);
  r = pw({"confirm", "store", "--campaign", kCampaign, "--store", a, "--as", user_of(a),
          "--dispute", own, "--claim", "not-valid"},
         "2023-04-01T18:00:01+08:00");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("2023-04-01 18:00:00"), std::string::npos) << r.err;
}

TEST_F(WorkflowCli, ADecisionMakesSignoffsStaleAndSurvivesReRuns) {
  auto codes = stores();
  std::string a = codes[0], b = codes[1];
  std::string order = counted_order(b);
  doc({"confirm", "store", "--campaign", kCampaign, "--store", a, "--as", user_of(a), "--dispute",
       order, "--claim", "mine"});
  doc({"confirm", "store", "--campaign", kCampaign, "--store", b, "--as", user_of(b)});
  EXPECT_EQ(store_status(b), "current");
  // Only the arbiter decides.
  EXPECT_EQ(pw({"arbitrate", "decide", "--campaign", kCampaign, order, "--decision", "store:" + a,
                "--reason", "call log", "--as", "hq"})
                .exit_code,
            1);
  io::Json d = doc({"arbitrate", "decide", "--campaign", kCampaign, order, "--decision",
                    "store:" + a, "--reason", "call log", "--as", "arbiter"},
                   "2023-04-02T10:00:00+08:00");
  // Recording the decision does not run the pipeline: the stored run is no longer current, and
  // nobody signs on it until HQ or finance runs the close-out again.
  EXPECT_FALSE(d.get_bool("numbers_current"));
  EXPECT_EQ(d.find("run")->get_int("run"), 1);
  auto refused =
      pw({"confirm", "store", "--campaign", kCampaign, "--store", b, "--as", user_of(b)});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("not current"), std::string::npos) << refused.err;
  EXPECT_EQ(pw({"closeout", "run", "--campaign", kCampaign, "--as", user_of(a)}).exit_code, 1);
  io::Json rerun = doc({"closeout", "run", "--campaign", kCampaign, "--as", "finance"});
  EXPECT_EQ(rerun.get_int("run"), 2);
  EXPECT_EQ(store_status(a), "stale");
  EXPECT_EQ(store_status(b), "stale");
  // The new run applies the decision: the order moved to store a.
  bool moved = false;
  io::Json listed = doc({"confirm", "list", "--campaign", kCampaign, "--store", a});
  for (const auto& o : listed.find("orders")->items()) {
    moved = moved || o.get_string("order_id") == order;
  }
  EXPECT_TRUE(moved);
  // An order outside the queue is not for arbitration.
  std::string plain = counted_order(codes[2]);
  EXPECT_EQ(pw({"arbitrate", "decide", "--campaign", kCampaign, plain, "--decision", "exclude",
                "--reason", "x", "--as", "arbiter"})
                .exit_code,
            1);
  // The stale confirmation is given again.
  doc({"confirm", "store", "--campaign", kCampaign, "--store", b, "--as", user_of(b)});
  EXPECT_EQ(store_status(b), "current");
}

TEST_F(WorkflowCli, LifecycleTransitionsAndRefusedWrites) {
  auto codes = stores();
  std::string silent = codes.back();
  for (const auto& s : codes) {
    if (s != silent)
      doc({"confirm", "store", "--campaign", kCampaign, "--store", s, "--as", user_of(s)});
  }
  // Review: no freeze before the window ends, no seal, no carry-over.
  io::Json status = doc({"campaign", "status", "--campaign", kCampaign});
  EXPECT_EQ(status.get_string("state"), "review");
  EXPECT_TRUE(status.find("planning")->get_bool("enough"));
  auto r = pw({"campaign", "freeze", "--campaign", kCampaign, "--as", "hq"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("2023-04-07 23:59:59"), std::string::npos) << r.err;
  EXPECT_EQ(pw({"campaign", "seal", "--campaign", kCampaign, "--as", "hq"}).exit_code, 1);
  std::string order = counted_order(codes[0]);
  EXPECT_EQ(pw({"campaign", "carry-over", "--campaign", kCampaign, order, "--amount", "-1.00",
                "--reason", "x", "--as", "finance"})
                .exit_code,
            1);
  // The silent store holds up its region until the window ends.
  io::Json silent_list = doc({"confirm", "list", "--campaign", kCampaign, "--store", silent});
  std::string silent_region = silent_list.get_string("region");
  std::string region_user;
  io::Json users = doc({"user", "list"});
  for (const auto& u : users.items()) {
    if (u.get_string("scope") == silent_region) region_user = u.get_string("name");
  }
  r = pw({"confirm", "region", "--campaign", kCampaign, "--region", silent_region, "--as",
          region_user});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(silent), std::string::npos) << r.err;

  // After the window: sign-offs, then the freeze (HQ only), which deems the silent store.
  sign_everything(kAfterWindow);
  EXPECT_EQ(pw({"campaign", "freeze", "--campaign", kCampaign, "--as", "finance"}, kAfterWindow)
                .exit_code,
            1);
  io::Json frozen =
      doc({"campaign", "freeze", "--campaign", kCampaign, "--as", "hq"}, kAfterWindow);
  EXPECT_TRUE(has(*frozen.find("deemed_stores"), silent));
  EXPECT_EQ(frozen.get_string("seal_allowed_from"), "2023-04-15T09:00:00+08:00");
  EXPECT_EQ(store_status(silent, kAfterWindow), "deemed");
  // Frozen: no imports, no rule changes, no re-confirmation of current numbers.
  r = pw({"import", "exceptions", ws_ + "/exceptions.csv", "--campaign", kCampaign, "--force"},
         kAfterWindow);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("frozen"), std::string::npos) << r.err;
  EXPECT_EQ(pw({"campaign", "add", ws_ + "/campaign.toml"}, kAfterWindow).exit_code, 1);
  EXPECT_EQ(pw({"confirm", "store", "--campaign", kCampaign, "--store", codes[0], "--as",
                user_of(codes[0])},
               kAfterWindow)
                .exit_code,
            1);
  // The seal waits for freeze_days ...
  r = pw({"campaign", "seal", "--campaign", kCampaign, "--as", "hq"}, "2023-04-14T10:00:00+08:00");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("2023-04-15 09:00:00"), std::string::npos) << r.err;
  // ... and for current sign-offs: a decision while frozen makes some stale.
  io::Json queue = doc({"arbitrate", "list", "--campaign", kCampaign}, kAfterWindow);
  ASSERT_GT(queue.size(), 0u);
  std::string gray;
  for (const auto& q : queue.items()) {
    if (q.get_bool("counted") && gray.empty()) gray = q.get_string("order_id");
  }
  io::Json d = doc({"arbitrate", "decide", "--campaign", kCampaign, gray, "--decision", "exclude",
                    "--reason", "fraud ring", "--as", "arbiter"},
                   "2023-04-10T10:00:00+08:00");
  EXPECT_FALSE(d.get_bool("numbers_current"));
  r = pw({"campaign", "seal", "--campaign", kCampaign, "--as", "hq"}, kFrozenWeek);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not current"), std::string::npos) << r.err;
  doc({"closeout", "run", "--campaign", kCampaign}, kFrozenWeek);  // the run is allowed frozen
  r = pw({"campaign", "seal", "--campaign", kCampaign, "--as", "hq"}, kFrozenWeek);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("finance (stale)"), std::string::npos) << r.err;
  sign_everything(kFrozenWeek);
  io::Json sealed = doc({"campaign", "seal", "--campaign", kCampaign, "--as", "hq"}, kFrozenWeek);
  EXPECT_EQ(sealed.get_string("snapshot_sha256").size(), 64u);
  EXPECT_EQ(doc({"campaign", "status", "--campaign", kCampaign}, kFrozenWeek).get_string("state"),
            "sealed");

  // Sealed: every write about the numbers is refused, by the program ...
  for (std::vector<std::string> write :
       {std::vector<std::string>{"arbitrate", "decide", "--campaign", kCampaign, gray, "--decision",
                                 "count", "--reason", "x", "--as", "arbiter"},
        {"confirm", "finance", "--campaign", kCampaign, "--as", "finance"},
        {"import", "orders", ws_ + "/orders-2023-04-02.csv", "--campaign", kCampaign, "--force"},
        {"campaign", "add", ws_ + "/campaign.toml"},
        {"campaign", "freeze", "--campaign", kCampaign, "--as", "hq"}}) {
    r = pw(write, "2023-04-20T10:00:00+08:00");
    EXPECT_EQ(r.exit_code, 1) << write[0] << " " << write[1];
    EXPECT_NE(r.err.find("sealed"), std::string::npos) << r.err;
  }
  // ... and by the database itself.
  auto ws = store::open_workspace(ws_);
  ASSERT_TRUE(ws);
  EXPECT_FALSE((*ws)->put_record("closeout.decisions", kCampaign + "/" + gray, "{}", 0));
  EXPECT_FALSE((*ws)->append_log(kCampaign + "/adjustments", "{}"));
  ws->reset();
  // A late refund is a carry-over, listed in the status.
  io::Json carried = doc({"campaign", "carry-over", "--campaign", kCampaign, order, "--amount",
                          "-120.50", "--reason", "refund after the seal", "--as", "finance"},
                         "2023-04-20T10:00:00+08:00");
  EXPECT_EQ(carried.get_int("amount_fen"), -12050);
  status = doc({"campaign", "status", "--campaign", kCampaign}, "2023-04-20T10:00:00+08:00");
  EXPECT_EQ(status.find("carry_overs")->get_int("total_fen"), -12050);
  EXPECT_TRUE(verify(0).get_bool("ok"));
}

TEST_F(WorkflowCli, VerifyCatchesATamperedRowAndATamperedLogEntry) {
  std::string order = counted_order(stores()[0]);
  io::Json queue = doc({"arbitrate", "list", "--campaign", kCampaign});
  std::string gray;  // a counted order of the queue: excluding it moves the numbers
  for (const auto& q : queue.items()) {
    if (q.get_bool("counted") && gray.empty()) gray = q.get_string("order_id");
  }
  ASSERT_FALSE(gray.empty());
  auto finance_cleaned = [&] {
    doc({"closeout", "run", "--campaign", kCampaign});
    io::Json summary = doc({"closeout", "summary", "--campaign", kCampaign});
    for (const auto& d : summary.find("definitions")->items()) {
      if (d.get_string("name") == "finance") return d.find("cleaned")->get_int("orders");
    }
    return int64_t{-1};
  };
  int64_t before = finance_cleaned();
  doc({"arbitrate", "decide", "--campaign", kCampaign, gray, "--decision", "exclude", "--reason",
       "reviewed", "--as", "arbiter"});
  // The close-out desk's own run applies the decision too: one order fewer.
  EXPECT_EQ(finance_cleaned(), before - 1);
  freeze_and_seal();
  EXPECT_TRUE(verify(0).get_bool("ok"));
  std::string db = ws_ + "/pitwall.db";
  std::string sealed_copy = ws_ + "/sealed.db";
  std::filesystem::copy_file(db, sealed_copy);

  // A decision changed in the database behind Pitwall's back (its trigger dropped first).
  sql("DROP TRIGGER sealed_records_update; UPDATE records SET json = replace(json, "
      "'\"decision\":\"exclude\"', '\"decision\":\"count\"') WHERE collection = "
      "'closeout.decisions'");
  io::Json report = verify(1);
  EXPECT_FALSE(report.get_bool("ok"));
  EXPECT_TRUE(has(*report.find("problems"), "snapshot:decisions"));
  EXPECT_TRUE(has(*report.find("problems"), "snapshot:orders"));
  EXPECT_GT(report.find("snapshot")->find("differences")->size(), 0u);

  // A log entry rewritten (the second: the decision).
  std::filesystem::copy_file(sealed_copy, db, std::filesystem::copy_options::overwrite_existing);
  EXPECT_TRUE(verify(0).get_bool("ok"));
  sql("DROP TRIGGER sealed_logs_change; UPDATE logs SET json = replace(json, 'reviewed', "
      "'approved') WHERE log = '" +
      kCampaign + "/adjustments' AND seq = 1");
  report = verify(1);
  EXPECT_TRUE(has(*report.find("problems"), "adjustment_log:1:hash_mismatch"));
  EXPECT_EQ(report.find("adjustment_log")->get_int("bad_seq"), 1);

  // The campaign file's row changed: the header section differs.
  std::filesystem::copy_file(sealed_copy, db, std::filesystem::copy_options::overwrite_existing);
  sql("DROP TRIGGER sealed_campaign_update; UPDATE campaigns SET toml = replace(toml, "
      "'rate = 0.05', 'rate = 0.06')");
  report = verify(1);
  EXPECT_TRUE(has(*report.find("problems"), "snapshot:header"));
  EXPECT_TRUE(has(*report.find("problems"), "snapshot:settlement"));
  (void)order;
}

TEST_F(WorkflowCli, TheSealedDigestIsDeterministic) {
  std::string first = ws_;
  std::string a = freeze_and_seal().get_string("snapshot_sha256");
  SetUp();  // a second demo workspace from the same seed
  ASSERT_NE(ws_, first);
  std::string b = freeze_and_seal().get_string("snapshot_sha256");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 64u);
}

TEST_F(WorkflowCli, RetrospectiveTemplateAndClosingPlan) {
  io::Json retro = doc({"campaign", "retrospective", "--campaign", kCampaign, "--as", "hq",
                        "--went-right", "one set of numbers", "--went-wrong", "late confirmations",
                        "--recommend", "a", "--recommend", "b", "--recommend", "c"});
  const io::Json& f = *retro.find("funnel");
  EXPECT_GT(f.get_int("reached"), f.get_int("ordered"));
  EXPECT_GE(f.get_int("ordered"), f.get_int("paid"));
  EXPECT_GE(f.get_int("paid"), f.get_int("redeemed"));
  EXPECT_EQ(retro.find("recommendations")->size(), 3u);
  ASSERT_EQ(retro.find("went_right")->size(), 1u);
  ASSERT_EQ(retro.find("went_wrong")->size(), 1u);
  EXPECT_EQ(retro.find("went_right")->items()[0].get_string("text"), "one set of numbers");
  EXPECT_EQ(retro.find("went_wrong")->items()[0].get_int("number"), 1);
  EXPECT_EQ(retro.find("tiers")->size(), 5u);
  auto r =
      pw({"campaign", "retrospective", "--campaign", kCampaign, "--as", "hq", "--recommend", "d"});
  EXPECT_EQ(r.exit_code, 1);
  // Lessons are HQ's to record.
  EXPECT_EQ(pw({"campaign", "retrospective", "--campaign", kCampaign, "--as", user_of(stores()[0]),
                "--went-right", "x"})
                .exit_code,
            1);

  std::string out = fresh_folder("template");
  io::Json files = doc({"campaign", "template", "--campaign", kCampaign, "--out", out});
  EXPECT_EQ(files.find("files")->size(), 4u);  // campaign.toml and three definitions
  std::string next = fresh_folder("next");
  act_as("");  // a new workspace: its first HQ user registers, then acts
  ASSERT_EQ(run_pitwall({"init", next}).exit_code, 0);
  ASSERT_EQ(run_pitwall({"-w", next, "user", "add", "hq", "--role", "hq"}).exit_code, 0);
  act_as("hq");
  EXPECT_EQ(run_pitwall({"-w", next, "campaign", "add", out + "/campaign.toml"}).exit_code, 0);
  EXPECT_EQ(
      run_pitwall({"-w", next, "definition", "add", out + "/definitions/finance.toml"}).exit_code,
      0);

  std::string csv = fresh_folder("csv");
  io::Json plan = doc({"campaign", "closing-plan", "--campaign", kCampaign, "--csv", csv});
  ASSERT_EQ(plan.find("messages")->size(), 4u);
  for (const auto& m : plan.find("messages")->items()) {
    std::string path = m.get_string("file");
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    EXPECT_GT(m.get_int("recipients"), 0) << m.get_string("id");
  }
  EXPECT_EQ(plan.find("messages")->items()[0].get_int("recipients"), 12);  // store notices
  EXPECT_EQ(plan.find("cutoffs")->get_string("appeal"), "2023-04-01T18:00:00+08:00");
}

// The header and rows of `sheet` in the workbook at `path`.
struct SheetCells {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
SheetCells sheet_cells(const std::string& path, const std::string& sheet) {
  SheetCells out;
  auto source = io::open_xlsx_file(path, sheet, "book.xlsx");
  EXPECT_TRUE(source) << sheet;
  if (!source) return out;
  out.header = (*source)->header();
  io::SourceRow row;
  for (auto more = (*source)->next(row); more && *more; more = (*source)->next(row)) {
    out.rows.emplace_back(row.cells.begin(), row.cells.end());
  }
  return out;
}

// The first store confirms, HQ writes a recommendation, and the workflow's sheets are written in
// `lang` to a new workbook, whose path is returned.
std::string WorkflowCli::workflow_workbook(app::Lang lang) {
  std::string store = stores()[0];
  doc({"confirm", "store", "--campaign", kCampaign, "--store", store, "--as", user_of(store)});
  doc({"campaign", "retrospective", "--campaign", kCampaign, "--as", "hq", "--recommend", "plan"});
  auto ws = store::open_workspace(ws_);
  EXPECT_TRUE(ws);
  if (!ws) return {};
  auto session = app::user_session(**ws, "hq", lang, cli::parse_now(kReview).value());
  EXPECT_TRUE(session);
  std::string path = fresh_folder("book") + ".xlsx";
  auto writer = io::XlsxWriter::create(path, 0);
  EXPECT_TRUE(writer);
  if (!session || !writer) return {};
  auto appended = app::workflow::append_workflow_sheets(*session, kCampaign, *writer);
  EXPECT_TRUE(appended) << appended.error().to_string();
  EXPECT_TRUE(writer->close());
  return path;
}

TEST_F(WorkflowCli, TheWorkbookGainsArbitrationSignoffAndRetrospectiveSheets) {
  std::string path = workflow_workbook(app::Lang::kEn);
  io::Json queue = doc({"arbitrate", "list", "--campaign", kCampaign});
  SheetCells arbitration = sheet_cells(path, "Arbitration");
  EXPECT_EQ(arbitration.rows.size(), queue.size());
  ASSERT_FALSE(arbitration.header.empty());
  EXPECT_EQ(arbitration.header[0], "Order");
  // 12 stores, 6 regions and finance.
  SheetCells signoffs = sheet_cells(path, "Sign-offs");
  EXPECT_EQ(signoffs.rows.size(), 12u + 6 + 1);
  ASSERT_FALSE(signoffs.header.empty());
  EXPECT_EQ(signoffs.header[0], "Kind");
  // 5 funnel steps, 5 tiers, 1 recommendation.
  EXPECT_EQ(sheet_cells(path, "Retrospective").rows.size(), 11u);
}

// A store's order list in Chinese: statuses and the reasons an order is not counted in words.
TEST_F(WorkflowCli, StoreOrdersAreListedInWords) {
  std::string store = stores()[0];
  CliResult r = run_pitwall({"-w", ws_, "--lang", "zh", "confirm", "list", "--campaign", kCampaign,
                             "--store", store, "--as", user_of(store)},
                            kReview);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  int orders = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  SO", 0) != 0 || line.find(" C") == std::string::npos) continue;
    ++orders;
    bool worded = false;
    for (const char* status : {"已下单", "已支付", "已核销", "已取消", "退款中", "已退款"}) {
      worded = worded || line.find(status) != std::string::npos;
    }
    EXPECT_TRUE(worded) << line;
    for (const char* token : {" paid ", " redeemed ", " refunded ", "outside_window", " status"}) {
      EXPECT_EQ(line.find(token), std::string::npos) << line;
    }
  }
  EXPECT_GT(orders, 0) << r.out;
}

// The workflow sheets in Chinese say what the terminal says: states, kinds, rules, sections and
// steps in words, never their tokens (issue 23).
TEST_F(WorkflowCli, TheWorkbooksWorkflowSheetsAreInWords) {
  std::string path = workflow_workbook(app::Lang::kZh);
  std::string store = stores()[0];
  auto cells = [&](const std::string& sheet) { return sheet_cells(path, sheet).rows; };
  auto signoffs = cells("确认签字");
  ASSERT_EQ(signoffs.size(), 12u + 6 + 1);
  EXPECT_EQ(signoffs[0][0], "门店确认");
  EXPECT_EQ(signoffs[0][1], store);
  EXPECT_EQ(signoffs[0][2], "已确认");
  EXPECT_EQ(signoffs[1][2], "待确认");
  EXPECT_EQ(signoffs[12][0], "战区签字");
  EXPECT_EQ(signoffs.back()[0], "财务签字");
  auto queue = cells("仲裁");
  ASSERT_FALSE(queue.empty());
  for (const auto& row : queue) {
    EXPECT_TRUE(row[5] == "是" || row[5] == "否") << row[5];
    EXPECT_EQ(row[9], "待裁决");
    EXPECT_EQ(row[6].find('.'), std::string::npos) << "a rule id: " << row[6];
  }
  auto retro = cells("复盘");
  ASSERT_EQ(retro.size(), 11u);
  EXPECT_EQ(retro[0][0], "转化漏斗");
  EXPECT_EQ(retro[0][1], "触达");
  EXPECT_EQ(retro[4][1], "核销");
  EXPECT_EQ(retro[5][0], "客户分层");
  EXPECT_EQ(retro[5][1], "明星客户");
  EXPECT_EQ(retro[10][0], "三条建议");
}

}  // namespace
}  // namespace pitwall::testing
