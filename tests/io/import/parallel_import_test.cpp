// import_csv_file: the same rows, errors and pool whatever the thread count and chunk size,
// and the same rows and errors as the one-row-at-a-time importer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "io/encoding/gb18030.hpp"
#include "io/import/importer.hpp"

namespace pitwall::io {
namespace {

const core::FixedOffsetZone kShanghai("Asia/Shanghai", 8 * 3600);

struct Imported {
  core::Table table = core::Table::empty(core::TableKind::kOrders);
  ImportStats stats;
  std::vector<std::string> errors;  // "file:line: column: message"
  std::vector<std::string> kinds;
};

ImportSettings settings_for(Imported& out) {
  ImportSettings settings;
  settings.kind = core::TableKind::kOrders;
  settings.display_name = "orders.csv";
  settings.zone = &kShanghai;
  settings.on_row_error = [&out](const core::Error& e, const std::string& kind) {
    out.errors.push_back(e.to_string());
    out.kinds.push_back(kind);
  };
  return settings;
}

Imported import_parallel(const std::string& path, int threads, size_t chunk_bytes) {
  Imported out;
  ImportSettings settings = settings_for(out);
  settings.threads = threads;
  settings.chunk_bytes = chunk_bytes;
  TableCollector sink(core::TableKind::kOrders);
  out.stats = import_csv_file(path, CsvOptions{}, settings, sink).release_value();
  out.table = std::move(sink.table());
  return out;
}

Imported import_sequential(const std::string& path) {
  Imported out;
  ImportSettings settings = settings_for(out);
  settings.chunk_rows = 3;
  TableCollector sink(core::TableKind::kOrders);
  auto source = open_csv_file(path, Encoding::kAuto, "orders.csv").release_value();
  out.stats = import_rows(*source, settings, sink).release_value();
  out.table = std::move(sink.table());
  return out;
}

// A file with Chinese headers, quoted line breaks (some right where chunks are cut), CRLF and
// LF line ends, blank lines, bad amounts, a missing order id and bytes that are not UTF-8.
std::string test_csv() {
  std::string csv = "订单号,客户ID,门店编码,订单状态,下单时间,实付金额,地址,手机号\n";
  for (int i = 0; i < 300; ++i) {
    std::string id = "O" + std::to_string(1000 + i);
    std::string amount = i % 17 == 5 ? "12.3x" : "\"¥1," + std::to_string(100 + i) + ".50\"";
    std::string address = i % 3 == 0 ? "\"北京市\n朝阳区 " + std::to_string(i) + "号\n\"\"门\"\"\""
                                     : "上海市" + std::to_string(i % 7);
    if (i % 23 == 7) id = "";
    csv += id + ",C" + std::to_string(i % 40) + ",S00" + std::to_string(i % 5) + ",已支付," +
           "2023-03-" + std::to_string(10 + i % 9) + " 09:30," + amount + "," + address + "," +
           "1380000" + std::to_string(1000 + i) + (i % 4 == 1 ? "\r\n" : "\n");
    if (i % 50 == 9) csv += "\n,,,\n";
    if (i == 123) csv += "O9999,C1,S001,已支付,2023-03-10 09:30,1.00,\xFF\xFE,138\n";
  }
  return csv;
}

std::string write_temp(const std::string& name, const std::string& bytes) {
  auto path = std::filesystem::temp_directory_path() /
              ("pitwall-parallel-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

// Each value of row r of column c as text, so that tables with different pools compare.
std::string cell(const core::Table& t, size_t c, size_t r) {
  const auto& col = t.columns[c];
  switch (col.type()) {
    case core::ValueType::kText:
      return std::string(t.pool.view(col.text()[r]));
    case core::ValueType::kTime:
    case core::ValueType::kMoney:
    case core::ValueType::kInt:
      return std::to_string(col.i64()[r]);
    case core::ValueType::kReal:
      return std::to_string(col.f64()[r]);
    default:
      return std::to_string(col.i32()[r]);
  }
}

void expect_same_rows(const Imported& a, const Imported& b) {
  EXPECT_EQ(a.stats.rows_read, b.stats.rows_read);
  EXPECT_EQ(a.stats.loaded, b.stats.loaded);
  EXPECT_EQ(a.stats.rejected, b.stats.rejected);
  EXPECT_EQ(a.errors, b.errors);
  EXPECT_EQ(a.kinds, b.kinds);
  ASSERT_EQ(a.table.lines, b.table.lines);
  for (size_t c = 0; c < a.table.columns.size(); ++c) {
    for (size_t r = 0; r < a.table.rows(); ++r) {
      ASSERT_EQ(cell(a.table, c, r), cell(b.table, c, r)) << "column " << c << " row " << r;
    }
  }
}

void expect_same_bytes(const Imported& a, const Imported& b) {
  expect_same_rows(a, b);
  for (size_t c = 0; c < a.table.columns.size(); ++c) {
    EXPECT_EQ(a.table.columns[c].raw_bytes(), b.table.columns[c].raw_bytes()) << "column " << c;
  }
  EXPECT_EQ(a.table.pool.bytes(), b.table.pool.bytes());
  EXPECT_TRUE(std::equal(a.table.pool.offsets().begin(), a.table.pool.offsets().end(),
                         b.table.pool.offsets().begin(), b.table.pool.offsets().end()));
}

void check_file(const std::string& path) {
  Imported reference = import_sequential(path);
  for (size_t chunk_bytes : {size_t{61}, size_t{256}, size_t{4096}, size_t{1} << 20}) {
    SCOPED_TRACE(chunk_bytes);
    Imported one = import_parallel(path, 1, chunk_bytes);
    expect_same_rows(reference, one);
    for (int threads : {2, 3}) {
      SCOPED_TRACE(threads);
      expect_same_bytes(one, import_parallel(path, threads, chunk_bytes));
    }
  }
}

TEST(ParallelImport, Utf8SameForAnyThreadCountAndChunkSize) {
  // The BOM keeps the bytes FF FE from making the file read as GB18030.
  std::string path = write_temp("utf8.csv", "\xEF\xBB\xBF" + test_csv());
  Imported r = import_parallel(path, 2, 256);
  // 300 rows + the non-UTF-8 row; bad: i % 17 == 5 (18 rows), i % 23 == 7 (13 rows), both for
  // i = 260 (one row), and the bytes FF FE: 18 + 13 - 1 + 1 = 31.
  EXPECT_EQ(r.stats.rows_read, 301);
  EXPECT_EQ(r.stats.rejected, 31);
  EXPECT_EQ(r.stats.loaded, 270);
  // Row 0 is on line 2; its address spans lines 2-4, so row 1 starts on line 5.
  ASSERT_GE(r.table.rows(), 2u);
  EXPECT_EQ(r.table.lines[0], 2);
  EXPECT_EQ(r.table.lines[1], 5);
  EXPECT_EQ(r.table.text(core::orders::kAddress, 0), "北京市\n朝阳区 0号\n\"门\"");
  check_file(path);
  std::filesystem::remove(path);
}

TEST(ParallelImport, Gb18030SameForAnyThreadCountAndChunkSize) {
  std::string utf8 = test_csv();
  // The non-UTF-8 row cannot be converted; GB18030 reads FF FE as bad bytes too.
  size_t bad = utf8.find("\xFF\xFE");
  std::string head = utf8.substr(0, bad);
  std::string tail = utf8.substr(bad + 2);
  std::string bytes =
      utf8_to_gb18030(head).release_value() + "\xFF\xFE" + utf8_to_gb18030(tail).release_value();
  std::string path = write_temp("gb18030.csv", bytes);
  Imported r = import_parallel(path, 2, 256);
  EXPECT_EQ(r.stats.rows_read, 301);
  EXPECT_EQ(r.stats.rejected, 31);
  EXPECT_EQ(r.table.text(core::orders::kAddress, 0), "北京市\n朝阳区 0号\n\"门\"");
  check_file(path);
  std::filesystem::remove(path);
}

TEST(ParallelImport, UnterminatedQuoteAtTheEndIsOneErrorAndTheLineAfterIsRead) {
  std::string csv = "订单号,客户ID,门店编码,订单状态,下单时间\nO1,C1,S1,已支付,2023-03-10 09:30\n";
  csv += "O2,\"C2,S1,已支付,2023-03-10 09:30\nO3,C3,S1,已支付,2023-03-10 09:30\n";
  std::string path = write_temp("open-quote.csv", csv);
  Imported r = import_parallel(path, 2, 16);
  EXPECT_EQ(r.stats.loaded, 2);  // O1, and O3 read again after line 3's error
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].rfind("orders.csv:3:", 0), 0u) << r.errors[0];
  check_file(path);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace pitwall::io

namespace pitwall::io {
namespace {

// A sink that, like a workspace's batch, has no pool before its first prepare().
class LazySink final : public TableSink {
 public:
  core::Status prepare() override {
    if (!rows_) rows_.emplace(core::TableKind::kOrders);
    return {};
  }
  core::StringPool& pool() override {
    if (!rows_) {
      ADD_FAILURE() << "the pool was asked for before prepare()";
      rows_.emplace(core::TableKind::kOrders);
    }
    return rows_->pool();
  }
  core::Status append(const core::Table& chunk) override { return rows_->append(chunk); }
  int64_t rows() { return rows_ ? static_cast<int64_t>(rows_->table().rows()) : 0; }

 private:
  std::optional<TableCollector> rows_;
};

// Issue 22: a file whose first chunk held only rejected rows asked the sink for its pool before
// any chunk had rows (exit 70 from `pitwall import`, "writer_ != nullptr").
TEST(ParallelImport, Issue22FirstChunkOnlyRejectedRows) {
  std::string csv = "订单号,客户ID,门店编码,订单状态,下单时间,实付金额\n";
  for (int i = 0; i < 200; ++i)
    csv += "B" + std::to_string(i) + ",C1,S001,已支付,2023-03-10 09:30,12.3x\n";
  for (int i = 0; i < 50; ++i)
    csv += "G" + std::to_string(i) + ",C1,S001,已支付,2023-03-10 09:30,1.00\n";
  std::string path = write_temp("first-chunk-rejected.csv", csv);
  for (int threads : {1, 2}) {
    Imported out;
    ImportSettings settings = settings_for(out);
    settings.threads = threads;
    settings.chunk_bytes = 1024;  // the first chunks hold bad rows only
    LazySink sink;
    auto stats = import_csv_file(path, CsvOptions{}, settings, sink);
    ASSERT_TRUE(stats) << stats.error().to_string();
    EXPECT_EQ(stats->rejected, 200);
    EXPECT_EQ(stats->loaded, 50);
    EXPECT_EQ(sink.rows(), 50);
  }
}

}  // namespace
}  // namespace pitwall::io
