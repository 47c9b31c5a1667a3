// pitwall closeout ... end to end on the demo network: vector C1, every planted defect found and
// nothing else excluded (the demo's ground truth, default and three other seeds and sizes),
// bridges that add up, determinism, the workbook read back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli/cli_harness.hpp"
#include "core/closeout/rules.hpp"
#include "io/json/json.hpp"
#include "io/table/table_source.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace pitwall::testing {
namespace {

constexpr const char* kCampaign = "2023-spring-renewal";

// A demo workspace with one close-out run, made once per options.
std::string demo_with_run(const std::vector<std::string>& options) {
  static std::map<std::vector<std::string>, std::string> made;
  auto it = made.find(options);
  if (it != made.end()) return it->second;
  std::string dir = fresh_folder("closeout-demo");
  act_as("hq");  // the demo registers HQ operations as "hq"
  std::vector<std::string> args = {"demo", dir};
  args.insert(args.end(), options.begin(), options.end());
  CliResult demo = run_pitwall(args);
  EXPECT_EQ(demo.exit_code, 0) << demo.err;
  CliResult run = run_pitwall({"-w", dir, "closeout", "run", "--campaign", kCampaign, "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  made[options] = dir;
  return dir;
}

const io::Json* definition(const io::Json& summary, std::string_view name) {
  for (const io::Json& d : summary.find("definitions")->items()) {
    if (d.get_string("name") == name) return &d;
  }
  ADD_FAILURE() << "no definition " << name;
  return nullptr;
}

TEST(CloseoutCli, VectorC1OnTheDemo) {
  std::string dir = demo_with_run({});
  io::Json s =
      json_of(run_pitwall({"-w", dir, "closeout", "summary", "--campaign", kCampaign, "--json"}));
  EXPECT_EQ(definition(s, "it")->get_int("orders"), 8521);
  EXPECT_EQ(definition(s, "ops")->get_int("orders"), 8347);
  EXPECT_EQ(definition(s, "finance")->get_int("orders"), 8103);
  const io::Json* ops = definition(s, "ops");
  EXPECT_EQ(ops->find("cleaned")->get_int("orders"), 7983);
  // (7983 - 8347) / 8347 = -0.043608... -> -0.0436
  EXPECT_DOUBLE_EQ(ops->get_double("difference_rate"), -0.0436);
  EXPECT_EQ(ops->get_string("tag"), "ops@" + ops->get_string("version"));
}

TEST(CloseoutCli, EveryBridgeAddsUp) {
  std::string dir = demo_with_run({});
  const char* names[] = {"it", "ops", "finance", "ops/cleaned", "finance/cleaned"};
  for (const char* a : names) {
    for (const char* b : names) {
      io::Json br = json_of(run_pitwall({"-w", dir, "closeout", "bridge", "--campaign", kCampaign,
                                         "--from", a, "--to", b, "--json"}));
      int64_t orders = br.find("from_total")->get_int("orders");
      int64_t amount = br.find("from_total")->get_int("amount_fen");
      std::set<std::string> seen;
      for (const io::Json& step : br.find("steps")->items()) {
        orders += step.get_int("orders");
        amount += step.get_int("amount_fen");
        for (const io::Json& id : step.find("order_ids")->items()) {
          EXPECT_TRUE(seen.insert(id.as_string()).second) << a << "->" << b;
        }
      }
      EXPECT_EQ(orders, br.find("to_total")->get_int("orders")) << a << "->" << b;
      EXPECT_EQ(amount, br.find("to_total")->get_int("amount_fen")) << a << "->" << b;
      EXPECT_TRUE(br.get_bool("adds_up"));
    }
  }
  io::Json region = json_of(
      run_pitwall({"-w", dir, "closeout", "bridge", "--campaign", kCampaign, "--from", "finance",
                   "--to", "finance/cleaned", "--region", "华东战区", "--json"}));
  EXPECT_EQ(region.find("scope")->get_string("kind"), "region");
  EXPECT_TRUE(region.get_bool("adds_up"));
}

// Ground truth: every planted case's rule fires on its targets; the orders excluded by the run
// are exactly the planted exclusions; near misses trip nothing but the re-export merge.
void check_ground_truth(const std::string& dir) {
  io::Json truth = *io::Json::parse(read_file(dir + "/ground-truth.json"));
  io::Json found =
      json_of(run_pitwall({"-w", dir, "closeout", "findings", "--campaign", kCampaign, "--json"}));
  std::map<std::string, std::set<std::pair<std::string, std::string>>> by_order;
  std::set<std::string> excluded;
  for (const io::Json& f : found.find("findings")->items()) {
    by_order[f.get_string("order_id")].insert({f.get_string("rule"), f.get_string("action")});
    if (f.get_string("action") == "exclude") excluded.insert(f.get_string("order_id"));
  }
  std::set<std::string> planted;
  int checked = 0;
  for (const io::Json& c : truth.find("cases")->items()) {
    std::string rule = c.get_string("rule");
    std::string kind = c.get_string("kind");
    for (const io::Json& t : c.find("targets")->items()) {
      std::string order = t.as_string();
      if (c.get_string("action") == "exclude") planted.insert(order);
      if (kind == "near_miss") {
        for (const auto& [r, a] : by_order[order]) {
          EXPECT_EQ(r, "dup.same_id") << "near miss " << order << " tripped " << r;
        }
        continue;
      }
      if (!core::closeout::parse_rule(rule) || rule == "dup.same_id") continue;
      bool hit = false;
      for (const auto& [r, a] : by_order[order]) hit |= r == rule;
      EXPECT_TRUE(hit) << kind << " " << order << " lacks " << rule;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
  EXPECT_EQ(excluded, planted);
}

TEST(CloseoutCli, DemoGroundTruthDefaultScale) { check_ground_truth(demo_with_run({})); }

TEST(CloseoutCli, DemoGroundTruthOtherSeedsAndSizes) {
  check_ground_truth(demo_with_run({"--seed", "7", "--orders", "3000", "--stores", "60"}));
  check_ground_truth(demo_with_run({"--seed", "11", "--orders", "5000"}));
  check_ground_truth(demo_with_run({"--seed", "99", "--orders", "2500", "--stores", "40"}));
}

TEST(CloseoutCli, SameInputsGiveTheSameResultBytes) {
  std::string dir = demo_with_run({});
  io::Json second =
      json_of(run_pitwall({"-w", dir, "closeout", "run", "--campaign", kCampaign, "--json"}));
  io::Json first = json_of(run_pitwall(
      {"-w", dir, "closeout", "summary", "--campaign", kCampaign, "--run", "1", "--json"}));
  EXPECT_GE(second.get_int("run"), 2);
  EXPECT_EQ(second.get_string("result_digest"), first.get_string("result_digest"));
}

TEST(CloseoutCli, ExportWritesTheWorkbookOfFormatsMd) {
  std::string dir = demo_with_run({});
  std::string path = dir + "/closeout-en.xlsx";
  CliResult r = run_pitwall(
      {"-w", dir, "closeout", "export", "--campaign", kCampaign, "--xlsx", path, "--lang", "en"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* sheet :
       {"Summary", "Bridge", "Stores", "Regions", "Staff", "Findings", "Arbitration", "Errors"}) {
    auto source = io::open_xlsx_file(path, sheet, "closeout.xlsx");
    ASSERT_TRUE(source.has_value()) << sheet;
  }
  auto summary = io::open_xlsx_file(path, "Summary", "closeout.xlsx");
  EXPECT_EQ((*summary)->header()[0], "definition");
  io::SourceRow row;
  std::map<std::string, std::string> orders;
  while (*(*summary)->next(row)) orders[std::string(row.cells[0])] = std::string(row.cells[2]);
  EXPECT_EQ(orders["it"], "8521");
  EXPECT_EQ(orders["ops"], "8347");
  std::string zh = dir + "/closeout-zh.xlsx";
  ASSERT_EQ(run_pitwall({"-w", dir, "--lang", "zh", "closeout", "export", "--campaign", kCampaign,
                         "--xlsx", zh})
                .exit_code,
            0);
  // In Chinese the sheets are named in Chinese too, as the other workbooks' are.
  for (const char* sheet : {"口径汇总", "口径差异桥", "门店", "战区", "员工", "清洗发现",
                            "数据问题", "封面", "仲裁", "确认签字", "复盘"}) {
    EXPECT_TRUE(io::open_xlsx_file(zh, sheet, "closeout.xlsx").has_value()) << sheet;
  }
  auto stores = io::open_xlsx_file(zh, "门店", "closeout.xlsx");
  ASSERT_TRUE(stores.has_value());
  EXPECT_EQ((*stores)->header()[0], "门店编码");
  // Findings name the changed column as users write it: 支付时间, not paid_at.
  auto findings = io::open_xlsx_file(zh, "清洗发现", "closeout.xlsx");
  ASSERT_TRUE(findings.has_value());
  std::set<std::string> fields;
  while (*(*findings)->next(row)) fields.insert(std::string(row.cells[5]));
  EXPECT_TRUE(fields.count("支付时间"));
  EXPECT_FALSE(fields.count("paid_at"));
}

TEST(CloseoutCli, FindingsCsvAndRuleFilter) {
  std::string dir = demo_with_run({});
  io::Json ring = json_of(run_pitwall({"-w", dir, "closeout", "findings", "--campaign", kCampaign,
                                       "--rule", "fraud.ring", "--json"}));
  EXPECT_GT(ring.get_int("count"), 0);
  for (const io::Json& f : ring.find("findings")->items())
    EXPECT_EQ(f.get_string("rule"), "fraud.ring");
  std::string csv = dir + "/findings.csv";
  ASSERT_EQ(run_pitwall({"-w", dir, "closeout", "findings", "--campaign", kCampaign, "--csv", csv})
                .exit_code,
            0);
  std::string text = read_file(csv);
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(text.find("dup.double_submit"), std::string::npos);
}

// A run stored in format_version 1 (an earlier Pitwall) is refused, asking to run again; a
// damaged per-order part is corrupt data naming the part, while the document still reads.
TEST(CloseoutCli, OldFormatRefusedDamagedPartNamed) {
  std::string dir = demo_with_run({"--seed", "5", "--orders", "2000"});  // this test's own
  // The run's blobs are named by the run's record ("blob"); run 1 is the only one here.
  std::string base;
  for (const auto& entry :
       std::filesystem::directory_iterator(dir + "/blobs/closeout/" + kCampaign)) {
    std::string name = entry.path().string();
    if (name.ends_with(".json")) base = name.substr(0, name.size() - 5);
  }
  ASSERT_FALSE(base.empty());
  std::string doc = read_file(base + ".json");
  std::string part = read_file(base + ".evaluation-0.bin");
  std::ofstream(base + ".evaluation-0.bin", std::ios::binary) << part.substr(0, part.size() / 2);
  // Evaluation 0 is the first definition by name: finance.
  CliResult bridge = run_pitwall({"-w", dir, "closeout", "bridge", "--campaign", kCampaign,
                                  "--from", "finance", "--to", "ops"});
  EXPECT_EQ(bridge.exit_code, 1);
  EXPECT_NE(bridge.err.find("evaluation-0"), std::string::npos) << bridge.err;
  CliResult summary =
      run_pitwall({"-w", dir, "closeout", "summary", "--campaign", kCampaign, "--json"});
  EXPECT_EQ(summary.exit_code, 0) << summary.err;
  // A run an earlier Pitwall stored: format_version 1, and its record without the workflow's
  // parts (the light document among them) that this version adds.
  std::ofstream(base + ".json", std::ios::binary)
      << "{\"format\":\"pitwall.closeout.run\",\"format_version\":1,\"meta\":{}}";
  {
    auto db = store::sqlite::Database::open(dir + "/pitwall.db", false);
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        (*db)->exec("UPDATE records SET json = json_remove(json, '$.workflow_parts') "
                    "WHERE collection = 'closeout.runs'"));
  }
  CliResult old = run_pitwall(
      {"-w", dir, "--lang", "en", "closeout", "summary", "--campaign", kCampaign, "--json"});
  EXPECT_EQ(old.exit_code, 1);
  EXPECT_NE(old.err.find("closeout run --campaign 2023-spring-renewal"), std::string::npos)
      << old.err;
}

TEST(CloseoutCli, ErrorsNameWhatIsWrong) {
  std::string dir = demo_with_run({});
  CliResult unknown = run_pitwall({"-w", dir, "closeout", "bridge", "--campaign", kCampaign,
                                   "--from", "payroll", "--to", "it"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("payroll"), std::string::npos);
  CliResult both = run_pitwall({"-w", dir, "closeout", "bridge", "--campaign", kCampaign, "--from",
                                "it", "--to", "ops", "--region", "x", "--store", "y"});
  EXPECT_EQ(both.exit_code, 2);
  CliResult rule = run_pitwall(
      {"-w", dir, "closeout", "findings", "--campaign", kCampaign, "--rule", "fraud.nope"});
  EXPECT_EQ(rule.exit_code, 2);
  CliResult run =
      run_pitwall({"-w", dir, "closeout", "summary", "--campaign", kCampaign, "--run", "999"});
  EXPECT_EQ(run.exit_code, 1);
  // A negative run number was read as "the latest" (issue 22).
  CliResult negative = run_pitwall(
      {"-w", dir, "--lang", "en", "closeout", "summary", "--campaign", kCampaign, "--run=-3"});
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_NE(negative.err.find("--run is a run's number"), std::string::npos) << negative.err;
}

}  // namespace
}  // namespace pitwall::testing
