// `pitwall` against a PostgreSQL workspace (docs/postgres.md), as IT and finance use it: the demo
// in a database, finance's views read with a read-only role, a sealed campaign backed up with
// pg_dump and restored with pg_restore that still verifies (and still catches tampering), and
// two processes on two cache folders printing the same numbers (one after the other, and at once
// for several people, standing in for two servers).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/spawn_pitwall.hpp"
#include "cli/cli_harness.hpp"
#include "io/json/json.hpp"
#include "test_backends.hpp"

namespace pitwall::testing {
namespace {

const std::string kCampaign = "2023-spring-renewal";
const std::string kReview = "2023-04-01T10:00:00+08:00";
const std::string kAfterWindow = "2023-04-08T09:00:00+08:00";
const std::string kFrozenWeek = "2023-04-15T10:00:00+08:00";

class PostgresCli : public ::testing::Test {
 protected:
  void SetUp() override {
    PW_REQUIRE_BACKEND(Backend::kPostgres);
    url_ = fresh_location(Backend::kPostgres, "cli");
    ASSERT_FALSE(url_.empty());
    act_as("hq");
  }
  // Builds the demo (its files in a folder, its workspace in the database, or both in a folder
  // when `folder` is given) and runs the close-out.
  void demo(const std::vector<std::string>& size, const std::string& folder = {}) {
    std::vector<std::string> args = {"demo", fresh_folder("pg-demo-files"), "--database", url_};
    if (!folder.empty()) args = {"demo", folder};
    args.insert(args.end(), size.begin(), size.end());
    CliResult r = run_pitwall(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(pw({"closeout", "run", "--campaign", kCampaign}, kReview, folder).exit_code, 0);
  }
  CliResult pw(std::vector<std::string> args, const std::string& now, std::string url = {}) {
    args.insert(args.begin(), {"-w", url.empty() ? url_ : url, "--lang", "en"});
    return run_pitwall(args, now);
  }
  // After the review window every region signs (silent stores are deemed), finance signs and
  // HQ freezes; a week later HQ seals.
  void seal(const std::string& location) {
    io::Json status = json_of(
        pw({"campaign", "status", "--campaign", kCampaign, "--json"}, kAfterWindow, location));
    io::Json users = json_of(pw({"user", "list", "--json"}, kAfterWindow, location));
    for (const auto& s : status.find("signoffs")->items()) {
      if (s.get_string("kind") != "region") continue;
      for (const auto& u : users.items()) {
        if (u.get_string("role") != "region" || u.get_string("scope") != s.get_string("scope")) {
          continue;
        }
        EXPECT_EQ(pw({"confirm", "region", "--campaign", kCampaign, "--region",
                      s.get_string("scope"), "--as", u.get_string("name")},
                     kAfterWindow, location)
                      .exit_code,
                  0);
      }
    }
    EXPECT_EQ(pw({"confirm", "finance", "--campaign", kCampaign, "--as", "finance"}, kAfterWindow,
                 location)
                  .exit_code,
              0);
    ASSERT_EQ(pw({"campaign", "freeze", "--campaign", kCampaign}, kAfterWindow, location).exit_code,
              0);
    CliResult sealed = pw({"campaign", "seal", "--campaign", kCampaign}, kFrozenWeek, location);
    ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
  }
  std::string url_;
};

// Spec vector C1 (the default demo): 8,521 orders for IT, 8,347 for operations, 8,103 for
// finance, 7,983 after cleaning operations' orders; 218 stores. Finance reads them from
// pitwall_report with a login role that holds only pitwall_report_reader.
TEST_F(PostgresCli, FinanceReadsTheReportSchemaWithAReadOnlyRole) {
  demo({});
  std::string reader = fmt::format("finance_bi_{}", getpid());
  ASSERT_NE(psql(url_, fmt::format("CREATE ROLE {} LOGIN IN ROLE pitwall_report_reader", reader)),
            "ERROR");
  std::string as_reader = url_;
  as_reader.replace(as_reader.find("postgres@"), 8, reader);
  EXPECT_EQ(psql(as_reader,
                 "SELECT string_agg(definition || '=' || raw_orders, ' ' ORDER BY definition) "
                 "FROM pitwall_report.definition_summary"),
            "finance=8103 it=8521 ops=8347");
  EXPECT_EQ(psql(as_reader,
                 "SELECT cleaned_orders FROM pitwall_report.definition_summary "
                 "WHERE definition = 'ops'"),
            "7983");
  EXPECT_EQ(psql(as_reader, "SELECT count(*) FROM pitwall_report.store_settlement"), "218");
  // Every finding is counted under its rule: the counts add up to the run's total.
  EXPECT_EQ(psql(as_reader,
                 "SELECT (SELECT sum(findings) FROM pitwall_report.findings_by_rule) = "
                 "(SELECT findings FROM pitwall_report.runs WHERE reported)"),
            "t");
  EXPECT_EQ(psql(as_reader,
                 "SELECT stores_confirmed || ' ' || finance_signed || ' ' || (sealed_at IS NULL) "
                 "FROM pitwall_report.signoff_status"),
            "0 false true");
  // The role reads the views only: the tables are not its business.
  EXPECT_EQ(psql(as_reader, "SELECT count(*) FROM pitwall.records"), "ERROR");
}

// A sealed campaign backed up and restored verifies in the restored database, which still
// refuses writes to it and still catches a row changed behind Pitwall's back.
TEST_F(PostgresCli, ASealedCampaignRestoredFromADumpVerifies) {
  demo({"--orders", "2000", "--stores", "12"});
  seal(url_);

  std::string dump = fresh_folder("pg-dump") + ".dump";
  ASSERT_EQ(std::system(fmt::format("pg_dump -Fc -f '{}' '{}'", dump, url_).c_str()), 0);
  std::string restored = fresh_database("restored");
  ASSERT_FALSE(restored.empty());
  ASSERT_EQ(std::system(fmt::format("pg_restore -d '{}' '{}'", restored, dump).c_str()), 0);

  CliResult verified =
      pw({"campaign", "verify", "--campaign", kCampaign, "--json"}, kFrozenWeek, restored);
  EXPECT_EQ(verified.exit_code, 0) << verified.err << verified.out;
  EXPECT_EQ(psql(restored, "INSERT INTO pitwall.records VALUES('closeout.decisions', '" +
                               kCampaign + "/X', '{}', 0)"),
            "ERROR");
  // A superuser turns the trigger off and alters the first log entry: verify finds the hash
  // chain broken.
  ASSERT_NE(psql(restored,
                 "ALTER TABLE pitwall.logs DISABLE TRIGGER sealed_logs; UPDATE pitwall.logs SET "
                 "json = replace(json, '\\\"type\\\":\\\"', '\\\"type\\\":\\\"x') "
                 "WHERE seq = 1 AND log LIKE '%adjustments'"),
            "ERROR");
  EXPECT_EQ(
      psql(restored, "SELECT count(*) FROM pitwall.logs WHERE json LIKE '%\\\"type\\\":\\\"x%'"),
      "1");
  EXPECT_EQ(pw({"campaign", "verify", "--campaign", kCampaign, "--json"}, kFrozenWeek, restored)
                .exit_code,
            1);
}

// Two processes on one database, each with a cache folder of its own (two servers), run the
// close-out from the stored batches: the same result, digest for digest.
TEST_F(PostgresCli, TwoProcessesOnTwoCachesComputeTheSameNumbers) {
  demo({"--orders", "2000", "--stores", "12"});
  const char* previous = getenv("PITWALL_CACHE");
  std::string restore = previous != nullptr ? previous : "";
  auto run = [&](const std::string& cache) {
    setenv("PITWALL_CACHE", cache.c_str(), 1);
    io::Json record = json_of(pw({"closeout", "run", "--campaign", kCampaign, "--json"}, kReview));
    return record.get_string("result_digest");
  };
  std::string a = run(fresh_folder("cache-a"));
  std::string b = run(fresh_folder("cache-b"));
  setenv("PITWALL_CACHE", restore.c_str(), 1);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, b);
}

// Issue 19, "Done when": two servers on one database, each with its own cache folder, serve the
// same numbers to the same people. `pitwall serve` is not on this branch, so two pitwall
// processes stand in for the two servers: started at the same instant, each on an empty cache
// folder of its own (both fetch the batches at once), they print byte for byte the same readings
// for HQ, finance, a region manager and a store manager, and refuse the same out-of-scope one.
TEST_F(PostgresCli, TwoProcessesAtOnceOnTwoCachesServeTheSameReadingsToTheSamePeople) {
  demo({"--orders", "2000", "--stores", "12"});
  io::Json users = json_of(pw({"user", "list", "--json"}, kReview));
  std::string region, region_scope;
  for (const auto& u : users.items()) {
    if (u.get_string("role") == "region" && region.empty()) {
      region = u.get_string("name");
      region_scope = u.get_string("scope");
    }
  }
  ASSERT_FALSE(region.empty());
  const std::vector<std::vector<std::string>> readings = {
      {"closeout", "summary", "--campaign", kCampaign, "--json", "--as", "hq"},
      {"closeout", "settlement", "--campaign", kCampaign, "--json", "--as", "finance"},
      {"closeout", "settlement", "--campaign", kCampaign, "--json", "--as", region},
      {"campaign", "status", "--campaign", kCampaign, "--json", "--as", region},
      {"confirm", "list", "--campaign", kCampaign, "--store", "HB-BJ01", "--json", "--as",
       "store-hb-bj01"},
  };
  const char* previous = getenv("PITWALL_CACHE");
  std::string restore = previous != nullptr ? previous : "";
  std::string out = fresh_folder("two-processes");
  std::filesystem::create_directories(out);
  // Runs `args` in two processes at once on two fresh cache folders: their exit codes and output.
  auto twice = [&](const std::vector<std::string>& reading, int n) {
    std::vector<std::string> args = {"-w", url_};
    args.insert(args.end(), reading.begin(), reading.end());
    std::vector<pid_t> pids;
    std::vector<std::string> paths;
    for (const char* server : {"a", "b"}) {
      std::string cache = fresh_folder(fmt::format("cache-{}-{}", server, n));
      setenv("PITWALL_CACHE", cache.c_str(), 1);
      paths.push_back(fmt::format("{}/{}-{}.out", out, server, n));
      pids.push_back(spawn_pitwall_at(args, kReview, paths.back()));
    }
    std::vector<std::pair<int, std::string>> got;
    for (size_t i = 0; i < pids.size(); ++i) {
      int code = wait_pitwall(pids[i]);
      std::ifstream in(paths[i]);
      std::stringstream text;
      text << in.rdbuf();
      got.emplace_back(code, text.str());
    }
    return got;
  };
  int n = 0;
  for (const auto& reading : readings) {
    auto got = twice(reading, ++n);
    std::string label = fmt::format("{}", fmt::join(reading, " "));
    EXPECT_EQ(got[0].first, 0) << label;
    EXPECT_EQ(got[1].first, 0) << label;
    EXPECT_GT(got[0].second.size(), 100u) << label;
    EXPECT_EQ(got[0].second, got[1].second) << label;
  }
  // Another store's orders are refused to the store manager by both.
  auto refused = twice({"confirm", "list", "--campaign", kCampaign, "--store", "HB-BJ02", "--json",
                        "--as", "store-hb-bj01"},
                       ++n);
  EXPECT_NE(refused[0].first, 0);
  EXPECT_EQ(refused[0], refused[1]);
  setenv("PITWALL_CACHE", restore.c_str(), 1);
}

// `pitwall workspace copy`: a sealed workspace moved from SQLite to PostgreSQL and back gives the
// same numbers, the same imports and the same `verify`, and the copy's database keeps the seal.
TEST_F(PostgresCli, AWorkspaceCopiedToPostgresAndBackGivesTheSameNumbers) {
  std::string folder = fresh_folder("copy-source");
  demo({"--orders", "2000", "--stores", "12"}, folder);
  seal(folder);
  CliResult copied = run_pitwall({"workspace", "copy", folder, url_, "--json"});
  ASSERT_EQ(copied.exit_code, 0) << copied.err;
  EXPECT_EQ(json_of(copied).get_int("sealed"), 1);
  std::string back = fresh_folder("copy-back");
  ASSERT_EQ(run_pitwall({"workspace", "copy", url_, back}).exit_code, 0);
  auto same = [&](const std::vector<std::string>& args) {
    std::string source = pw(args, kFrozenWeek, folder).out;
    EXPECT_FALSE(source.empty());
    EXPECT_EQ(pw(args, kFrozenWeek).out, source);
    EXPECT_EQ(pw(args, kFrozenWeek, back).out, source);
  };
  same({"closeout", "summary", "--campaign", kCampaign, "--json"});
  same({"closeout", "settlement", "--campaign", kCampaign, "--json"});
  same({"campaign", "verify", "--campaign", kCampaign, "--json"});
  same({"imports", "--json"});
  EXPECT_EQ(pw({"campaign", "verify", "--campaign", kCampaign}, kFrozenWeek).exit_code, 0);
  EXPECT_EQ(psql(url_, "INSERT INTO pitwall.records VALUES('closeout.decisions', '" + kCampaign +
                           "/X', '{}', 0)"),
            "ERROR");
  // A copy never lands on a workspace: the target must be new.
  EXPECT_EQ(run_pitwall({"workspace", "copy", folder, url_}).exit_code, 1);
}

}  // namespace
}  // namespace pitwall::testing
