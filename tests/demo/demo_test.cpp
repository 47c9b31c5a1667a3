// Tests of the demo generator (issue 4 item 8). The C1 counts are computed by a small counter
// written here from the generated FILES (its own CSV, GB18030 and XLSX reading), not from the
// generator's state; the ground truth is read back as JSON.
#include "demo/demo.hpp"

#include <gtest/gtest.h>
#include <iconv.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/base/instant.hpp"

namespace pitwall::demo {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string gb18030_to_utf8(const std::string& in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  std::string out(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  EXPECT_NE(r, static_cast<size_t>(-1)) << "not GB18030";
  out.resize(out.size() - dst_left);
  return out;
}

// CSV rows (comma separated, quoted fields; no embedded newlines in the demo's files).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cells.back() += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          cells.back() += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.emplace_back();
      } else {
        cells.back() += c;
      }
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::string unzip_entry(const fs::path& file, const char* entry) {
  unzFile zip = unzOpen(file.c_str());
  EXPECT_NE(zip, nullptr);
  EXPECT_EQ(unzLocateFile(zip, entry, 0), UNZ_OK);
  EXPECT_EQ(unzOpenCurrentFile(zip), UNZ_OK);
  std::string out;
  char buffer[65536];
  int n;
  while ((n = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0) out.append(buffer, n);
  unzCloseCurrentFile(zip);
  unzClose(zip);
  return out;
}

std::string xml_unescape(std::string s) {
  const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (auto [from, to] : kEntities) {
    for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, strlen(from), to);
  }
  return s;
}

// Rows of the first sheet (libxlsxwriter's inline strings and numbers), cells by column.
std::vector<std::vector<std::string>> parse_sheet(const std::string& xml) {
  std::vector<std::vector<std::string>> rows;
  size_t at = 0;
  while ((at = xml.find("<row ", at)) != std::string::npos) {
    size_t end = xml.find("</row>", at);
    std::vector<std::string> row;
    size_t c = at;
    while ((c = xml.find("<c r=\"", c)) != std::string::npos && c < end) {
      size_t ref = c + 6;
      int col = 0;
      while (xml[ref] >= 'A' && xml[ref] <= 'Z') col = col * 26 + (xml[ref++] - 'A' + 1);
      size_t gt = xml.find('>', c);
      size_t close = xml[gt - 1] == '/' ? gt : xml.find("</c>", c);
      std::string body = xml.substr(c, close - c);
      std::string value;
      size_t t = body.find("<t>"), v = body.find("<v>");
      if (t != std::string::npos) {
        value = xml_unescape(body.substr(t + 3, body.find("</t>") - t - 3));
      } else if (v != std::string::npos) {
        value = "#" + body.substr(v + 3, body.find("</v>") - v - 3);  // number marker
      }
      if (static_cast<int>(row.size()) < col) row.resize(col);
      row[col - 1] = value;
      c = close;
    }
    rows.push_back(std::move(row));
    at = end;
  }
  return rows;
}

constexpr int64_t kNoTime = INT64_MIN;

// "2023-03-06 09:30:15" (or an XLSX serial "#45000.5") as local seconds; nullopt when unreadable.
std::optional<int64_t> parse_time(const std::string& s) {
  if (s.empty()) return kNoTime;
  if (s[0] == '#') return std::llround((std::stod(s.substr(1)) - 25569.0) * 86400.0);
  int y, mo, d, h, mi, se;
  if (std::sscanf(s.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6 &&
      std::sscanf(s.c_str(), "%d/%d/%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > core::days_in_month(y, mo)) return std::nullopt;
  return core::days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

std::optional<std::string> parse_status(const std::string& s) {
  static const std::map<std::string, std::string> kWords = {
      {"待支付", "created"},      {"已下单", "created"},    {"已支付", "paid"},
      {"已核销", "redeemed"},     {"已完成", "redeemed"},   {"已取消", "cancelled"},
      {"退款中", "refunding"},    {"已退款", "refunded"},   {"created", "created"},
      {"paid", "paid"},           {"redeemed", "redeemed"}, {"cancelled", "cancelled"},
      {"refunding", "refunding"}, {"refunded", "refunded"}};
  auto it = kWords.find(s);
  if (it == kWords.end()) return std::nullopt;
  return it->second;
}

// The re-export: XLSX at small scales, UTF-8 CSV past 50,000 rows.
std::vector<std::vector<std::string>> reexport_rows(const fs::path& dir) {
  if (fs::exists(dir / "orders-reexport-2023-04-06.csv")) {
    return parse_csv(read_all(dir / "orders-reexport-2023-04-06.csv"));
  }
  return parse_sheet(
      unzip_entry(dir / "orders-reexport-2023-04-06.xlsx", "xl/worksheets/sheet1.xml"));
}

struct Row {
  std::string status;
  int64_t created, paid, recorded, updated;
};

struct Counts {
  int64_t it = 0, ops = 0, finance = 0, rejected = 0;
  std::set<std::string> ops_ids;
};

// The C1 counter: latest updated_at wins per order id (a tie: the later file); then the three
// definitions of vectors.md C1 over [2023-03-01 00:00:00, 2023-03-31 23:59:59] local.
Counts count_orders(const fs::path& dir) {
  std::map<std::string, Row> orders;
  Counts counts;
  auto take = [&](const std::vector<std::vector<std::string>>& rows) {
    for (size_t r = 1; r < rows.size(); ++r) {
      const auto& c = rows[r];
      if (c.size() < 9) continue;
      auto status = parse_status(c[3]);
      auto created = parse_time(c[4]), paid = parse_time(c[5]), recorded = parse_time(c[7]),
           updated = parse_time(c[8]);
      if (!status || !created || !paid || !recorded || !updated) {
        ++counts.rejected;
        continue;
      }
      Row row{*status, *created, *paid, *recorded == kNoTime ? *created : *recorded, *updated};
      auto it = orders.find(c[0]);
      if (it == orders.end() || row.updated >= it->second.updated) orders[c[0]] = row;
    }
  };
  take(parse_csv(gb18030_to_utf8(read_all(dir / "orders-2023-04-02.csv"))));
  take(reexport_rows(dir));
  const int64_t start = core::days_from_civil(2023, 3, 1) * 86400;
  const int64_t end = core::days_from_civil(2023, 3, 31) * 86400 + 86399;
  auto inside = [&](int64_t t) { return t != kNoTime && t >= start && t <= end; };
  for (const auto& [id, o] : orders) {
    counts.it += inside(o.recorded);
    if (o.status != "cancelled" && inside(o.created)) {
      ++counts.ops;
      counts.ops_ids.insert(id);
    }
    counts.finance += (o.status == "paid" || o.status == "redeemed") && inside(o.paid);
  }
  return counts;
}

class DemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / fmt_dir("a");
    fs::remove_all(dir_);
    DemoOptions options;
    options.dir = dir_.string();
    auto summary = generate_demo(options);
    ASSERT_TRUE(summary.has_value()) << summary.error().message;
  }
  static std::string fmt_dir(const char* tag) {
    return std::string("pitwall-demo-test-") + tag + "-" + std::to_string(::getpid());
  }
  static fs::path dir_;
};
fs::path DemoTest::dir_;

TEST_F(DemoTest, SameSeedWritesIdenticalBytes) {
  fs::path other = fs::temp_directory_path() / fmt_dir("b");
  fs::remove_all(other);
  DemoOptions options;
  options.dir = other.string();
  ASSERT_TRUE(generate_demo(options).has_value());
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
    if (!entry.is_regular_file()) continue;
    fs::path rel = fs::relative(entry.path(), dir_);
    EXPECT_EQ(read_all(entry.path()), read_all(other / rel)) << rel;
    ++compared;
  }
  EXPECT_GE(compared, 20);
  fs::remove_all(other);
}

TEST_F(DemoTest, FilesGiveVectorC1RawCounts) {
  Counts c = count_orders(dir_);
  EXPECT_EQ(c.it, 8521);       // vectors.md C1, IT: all statuses by recorded_at
  EXPECT_EQ(c.ops, 8347);      // operations: not cancelled, by created_at
  EXPECT_EQ(c.finance, 8103);  // finance: paid or redeemed, by paid_at
  EXPECT_EQ(c.rejected, 2);    // the two planted unreadable re-export rows
}

TEST_F(DemoTest, GroundTruthPlants364OpsExclusions) {
  auto truth = nlohmann::json::parse(read_all(dir_ / "ground-truth.json"));
  Counts c = count_orders(dir_);
  std::set<std::string> excluded;
  for (const auto& k : truth["cases"]) {
    if (k["action"] == "exclude") {
      for (const auto& id : k["targets"]) excluded.insert(id.get<std::string>());
    }
  }
  int64_t among_ops = 0;
  for (const auto& id : excluded) among_ops += c.ops_ids.count(id);
  EXPECT_EQ(among_ops, 8347 - 7983);  // 364: ops raw minus ops cleaned (C1)
  EXPECT_EQ(truth["expected_counts"]["ops_cleaned"], 7983);
  EXPECT_EQ(truth["expected_counts"]["ops_planted_exclusions"], 364);
}

TEST_F(DemoTest, GroundTruthListsEveryDefectKind) {
  auto truth = nlohmann::json::parse(read_all(dir_ / "ground-truth.json"));
  std::set<std::string> planted;
  for (const auto& k : truth["cases"]) planted.insert(k["kind"].get<std::string>());
  ASSERT_GE(truth["kinds"].size(), 40u);
  for (const auto& k : truth["kinds"]) {
    EXPECT_TRUE(planted.count(k["kind"].get<std::string>())) << k["kind"];
  }
  ASSERT_EQ(truth["import_errors"].size(), 2u);
  EXPECT_EQ(truth["import_errors"][0]["file"], "orders-reexport-2023-04-06.xlsx");
}

TEST_F(DemoTest, SurveyAveragesAreVectorS5) {
  auto rows = parse_sheet(unzip_entry(dir_ / "survey.xlsx", "xl/worksheets/sheet1.xml"));
  std::map<std::string, std::pair<double, double>> sums;
  std::map<std::string, int> n;
  for (size_t r = 1; r < rows.size(); ++r) {
    sums[rows[r][0]].first += std::stod(rows[r][3].substr(1));
    sums[rows[r][0]].second += std::stod(rows[r][4].substr(1));
    ++n[rows[r][0]];
  }
  // vectors.md S5: completeness 100/85/65/40, willingness 100/90/70/50.
  EXPECT_EQ(sums["总部"].first / n["总部"], 100);
  EXPECT_EQ(sums["区域"].first / n["区域"], 85);
  EXPECT_EQ(sums["店长"].first / n["店长"], 65);
  EXPECT_EQ(sums["一线"].first / n["一线"], 40);
  EXPECT_EQ(sums["区域"].second / n["区域"], 90);
  EXPECT_EQ(sums["店长"].second / n["店长"], 70);
  EXPECT_EQ(sums["一线"].second / n["一线"], 50);
}

// A scaled demo (issue 4 item 7): 50,000 orders, about 5.87 times the default. C1's counts
// scale with it, every defect kind is planted in proportion, ordinary orders still have a
// customer each, and the bytes do not depend on the threads.
class ScaledDemoTest : public ::testing::Test {
 protected:
  static constexpr int64_t kOrders = 50000;
  static void SetUpTestSuite() {
    scaled_ = generate("scaled", kOrders, 2);
    default_ = generate("default", kDefaultOrders, 2);
  }
  static void TearDownTestSuite() {
    fs::remove_all(scaled_);
    fs::remove_all(default_);
  }
  static fs::path generate(const char* tag, int64_t orders, int threads) {
    fs::path dir = fs::temp_directory_path() /
                   (std::string("pitwall-demo-") + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    DemoOptions options;
    options.dir = dir.string();
    options.orders = orders;
    options.threads = threads;
    auto summary = generate_demo(options);
    EXPECT_TRUE(summary.has_value()) << summary.error().message;
    return dir;
  }
  static std::map<std::string, int64_t> cases_per_kind(const nlohmann::json& truth) {
    std::map<std::string, int64_t> n;
    for (const auto& k : truth["cases"]) ++n[k["kind"].get<std::string>()];
    return n;
  }
  static fs::path scaled_, default_;
};
fs::path ScaledDemoTest::scaled_, ScaledDemoTest::default_;

TEST_F(ScaledDemoTest, SameBytesOnOneThreadAsOnTwo) {
  fs::path one = generate("one-thread", kOrders, 1);
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(scaled_)) {
    if (!entry.is_regular_file()) continue;
    fs::path rel = fs::relative(entry.path(), scaled_);
    EXPECT_TRUE(read_all(entry.path()) == read_all(one / rel)) << rel;
    ++compared;
  }
  EXPECT_GE(compared, 20);
  fs::remove_all(one);
}

TEST_F(ScaledDemoTest, FilesGiveTheScaledC1Counts) {
  Counts c = count_orders(scaled_);
  // The targets scale with the orders: it 50,000; ops 8,347 x 50,000 / 8,521 = 48,978.99 ->
  // 48,979; finance 8,103 x 50,000 / 8,521 = 47,547.24 -> 47,547.
  EXPECT_EQ(c.it, 50000);
  EXPECT_EQ(c.ops, 48979);
  EXPECT_EQ(c.finance, 47547);
  EXPECT_EQ(c.rejected, 2);  // the two planted unreadable re-export rows, at every scale
  auto truth = nlohmann::json::parse(read_all(scaled_ / "ground-truth.json"));
  std::set<std::string> excluded;
  for (const auto& k : truth["cases"]) {
    if (k["action"] != "exclude") continue;
    for (const auto& id : k["targets"]) excluded.insert(id.get<std::string>());
  }
  int64_t among_ops = 0;
  for (const auto& id : excluded) among_ops += c.ops_ids.count(id);
  EXPECT_EQ(among_ops, truth["expected_counts"]["ops_planted_exclusions"].get<int64_t>());
  // In proportion: 364 x 50,000 / 8,521 = 2,135.9; the planter rounds each kind's count.
  EXPECT_NEAR(static_cast<double>(among_ops), 2135.9, 2135.9 * 0.02);
}

TEST_F(ScaledDemoTest, PlantsEveryKindInProportion) {
  auto scaled = nlohmann::json::parse(read_all(scaled_ / "ground-truth.json"));
  auto base = nlohmann::json::parse(read_all(default_ / "ground-truth.json"));
  std::map<std::string, int64_t> n = cases_per_kind(scaled), n0 = cases_per_kind(base);
  const double scale = 50000.0 / 8521.0;
  int proportional = 0;
  for (const auto& k : scaled["kinds"]) {
    std::string kind = k["kind"].get<std::string>();
    EXPECT_GT(n[kind], 0) << kind;
    // Close-out kinds planted by count: each default count x scale, rounded.
    if (k["desk"] != "closeout" || n0[kind] < 20) continue;
    EXPECT_NEAR(static_cast<double>(n[kind]), n0[kind] * scale, n0[kind] * scale * 0.02) << kind;
    ++proportional;
  }
  EXPECT_GE(proportional, 12);
}

TEST_F(ScaledDemoTest, OrdinaryOrdersHaveCustomersOfTheirOwn) {
  // Every customer with two or more orders is one a planted case names (per-customer limit 1:
  // nothing unplanted may trip it).
  std::map<std::string, std::set<std::string>> orders_of;
  auto take = [&](const std::vector<std::vector<std::string>>& rows) {
    for (size_t r = 1; r < rows.size(); ++r) orders_of[rows[r][1]].insert(rows[r][0]);
  };
  take(parse_csv(gb18030_to_utf8(read_all(scaled_ / "orders-2023-04-02.csv"))));
  take(reexport_rows(scaled_));
  auto truth = nlohmann::json::parse(read_all(scaled_ / "ground-truth.json"));
  std::set<std::string> planted;
  for (const auto& k : truth["cases"]) {
    for (const auto& c : k["customers"]) planted.insert(c.get<std::string>());
  }
  int64_t repeated = 0;
  for (const auto& [customer, orders] : orders_of) {
    if (orders.size() < 2) continue;
    ++repeated;
    EXPECT_TRUE(planted.count(customer)) << customer << " has " << orders.size() << " orders";
  }
  EXPECT_GT(repeated, 0);  // the planted repeat customers are there
  // Customers: max(120,000, 1.2 x 50,000) = 120,000, of which the planted "unknown" ones are
  // not in the master file.
  auto rows = parse_csv(read_all(scaled_ / "customers.csv"));
  int64_t unknown = cases_per_kind(truth)["unknown_customer"];
  EXPECT_EQ(static_cast<int64_t>(rows.size()) - 1 + unknown, 120000);
}

TEST_F(ScaledDemoTest, ImportErrorsPointAtTheGarbledRows) {
  for (const fs::path& dir : {scaled_, default_}) {
    auto truth = nlohmann::json::parse(read_all(dir / "ground-truth.json"));
    auto rows = reexport_rows(dir);
    ASSERT_EQ(truth["import_errors"].size(), 2u);
    for (const auto& e : truth["import_errors"]) {
      size_t line = e["line"].get<size_t>();  // 1-based, the header is line 1
      ASSERT_LE(line, rows.size());
      const auto& row = rows[line - 1];
      bool found = std::find(row.begin(), row.end(), e["value"].get<std::string>()) != row.end();
      EXPECT_TRUE(found) << dir << " line " << line;
    }
  }
}

// FIXME: enable once a second import in one process no longer crashes (io header matching,
// trim_text via match_header on the import after stores.csv; each file imports alone).
TEST(DemoCommand, ImportsWithOnlyThePlantedRowErrors) {
  fs::path dir = fs::temp_directory_path() / ("pitwall-demo-cli-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::string cmd = std::string(PITWALL_BINARY) + " --lang en demo " + dir.string() + " > " +
                    (dir.string() + ".log") + " 2>&1";
  int rc = std::system(cmd.c_str());
  // `pitwall demo` exits 1 when the import rejects other rows than the two planted ones.
  EXPECT_EQ(rc, 0) << read_all(dir.string() + ".log");
  fs::remove_all(dir);
  fs::remove(dir.string() + ".log");
}

}  // namespace
}  // namespace pitwall::demo
