#include "io/csv/csv_reader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "io/encoding/gb18030.hpp"

namespace pitwall::io {
namespace {

struct ReadRow {
  int64_t line;
  std::vector<std::string> cells;
  bool operator==(const ReadRow&) const = default;
};

// Every row (or "ERROR@line" entry) of a source, read to the end.
struct ReadAll {
  std::vector<std::string> header;
  int64_t header_line = 0;
  std::vector<ReadRow> rows;
  std::vector<core::Error> errors;
  std::string encoding;
};

ReadAll read_all(TableSource& source) {
  ReadAll out;
  out.header = source.header();
  out.header_line = source.header_line();
  SourceRow row;
  for (int guard = 0; guard < 10000000; ++guard) {
    auto got = source.next(row);
    if (!got.has_value()) {
      out.errors.push_back(got.error());
      continue;
    }
    if (!*got) break;
    EXPECT_EQ(row.kinds.size(), row.cells.size());
    out.rows.push_back({row.line, {row.cells.begin(), row.cells.end()}});
  }
  out.encoding = std::string(source.encoding_name());
  return out;
}

ReadAll read_bytes(std::string_view bytes, CsvOptions options = {}) {
  auto source = open_csv_bytes(bytes, options, "t.csv");
  EXPECT_TRUE(source.has_value()) << source.error().to_string();
  if (!source.has_value()) return {};
  return read_all(**source);
}

std::string write_temp(std::string_view bytes) {
  static int counter = 0;
  std::string path = testing::TempDir() + "pitwall_csv_" + std::to_string(++counter) + ".csv";
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<long>(bytes.size()));
  return path;
}

ReadAll read_file(std::string_view bytes, CsvOptions options) {
  std::string path = write_temp(bytes);
  auto source = open_csv_file(path, options, "t.csv");
  EXPECT_TRUE(source.has_value()) << source.error().to_string();
  ReadAll out = source.has_value() ? read_all(**source) : ReadAll{};
  std::remove(path.c_str());
  return out;
}

using Cells = std::vector<std::string>;

TEST(CsvReader, ReadsHeaderAndRows) {
  ReadAll r = read_bytes("order_id,amount\nA1,12.30\nA2,5\n");
  EXPECT_EQ(r.header, (Cells{"order_id", "amount"}));
  EXPECT_EQ(r.header_line, 1);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0], (ReadRow{2, {"A1", "12.30"}}));
  EXPECT_EQ(r.rows[1], (ReadRow{3, {"A2", "5"}}));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.encoding, "utf-8");
}

TEST(CsvReader, StripsBomAndTrimsHeaderCells) {
  ReadAll r = read_bytes("\xEF\xBB\xBF订单号 , 金额\t,\xE3\x80\x80状态\xE3\x80\x80\n1,2,3\n");
  EXPECT_EQ(r.header, (Cells{"订单号", "金额", "状态"}));
  EXPECT_EQ(r.encoding, "utf-8");
}

TEST(CsvReader, HandlesCrlfAndCrLineEnds) {
  ReadAll crlf = read_bytes("a,b\r\n1,2\r\n3,4\r\n");
  EXPECT_EQ(crlf.rows, (std::vector<ReadRow>{{2, {"1", "2"}}, {3, {"3", "4"}}}));
  ReadAll cr = read_bytes("a,b\r1,2\r3,4");
  EXPECT_EQ(cr.rows, (std::vector<ReadRow>{{2, {"1", "2"}}, {3, {"3", "4"}}}));
}

TEST(CsvReader, LastRowWithoutLineBreak) {
  ReadAll r = read_bytes("a,b\n1,2");
  EXPECT_EQ(r.rows, (std::vector<ReadRow>{{2, {"1", "2"}}}));
}

TEST(CsvReader, DetectsTabAndSemicolonOutsideQuotes) {
  ReadAll tab = read_bytes("a\tb\tc\n1\t2,5\t3\n");
  EXPECT_EQ(tab.header, (Cells{"a", "b", "c"}));
  EXPECT_EQ(tab.rows[0].cells, (Cells{"1", "2,5", "3"}));
  // Two commas inside quotes, two semicolons outside: semicolon.
  ReadAll semi = read_bytes("\"x,y,z\";b;c\n1;2;3\n");
  EXPECT_EQ(semi.header, (Cells{"x,y,z", "b", "c"}));
  EXPECT_EQ(semi.rows[0].cells, (Cells{"1", "2", "3"}));
  ReadAll one = read_bytes("only\nvalue\n");
  EXPECT_EQ(one.rows[0].cells, (Cells{"value"}));
}

TEST(CsvReader, ExplicitSeparator) {
  CsvOptions options;
  options.separator = '|';
  ReadAll r = read_bytes("a|b\n1,5|2\n", options);
  EXPECT_EQ(r.rows[0].cells, (Cells{"1,5", "2"}));
}

TEST(CsvReader, QuotedFieldsWithSeparatorsQuotesAndNewlines) {
  std::string csv =
      "id,note,x\n"                     // line 1
      "1,\"a,b\",\"say \"\"hi\"\"\"\n"  // line 2
      "2,\"two\nlines\",y\n"            // lines 3-4
      "3,\"crlf\r\ninside\r\n\",z\n"    // lines 5-7
      "4,\"\",\"\"\"\"\n";              // line 8
  ReadAll r = read_bytes(csv);
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0], (ReadRow{2, {"1", "a,b", "say \"hi\""}}));
  EXPECT_EQ(r.rows[1], (ReadRow{3, {"2", "two\nlines", "y"}}));
  EXPECT_EQ(r.rows[2], (ReadRow{5, {"3", "crlf\r\ninside\r\n", "z"}}));
  EXPECT_EQ(r.rows[3], (ReadRow{8, {"4", "", "\""}}));
}

TEST(CsvReader, ToleratesStrayQuotes) {
  ReadAll r = read_bytes("a,b\n5\" tyre,x\n\"ab\"cd,y\n");
  EXPECT_EQ(r.rows[0].cells, (Cells{"5\" tyre", "x"}));
  EXPECT_EQ(r.rows[1].cells, (Cells{"abcd", "y"}));
  EXPECT_TRUE(r.errors.empty());
}

TEST(CsvReader, SkipsBlankRowsButCountsTheirLines) {
  ReadAll r = read_bytes("\n\na,b\n\n1,2\n,\n  ,\t\n\"\",\"\"\n3,4\n\n");
  EXPECT_EQ(r.header_line, 3);
  EXPECT_EQ(r.rows, (std::vector<ReadRow>{{5, {"1", "2"}}, {9, {"3", "4"}}}));
}

TEST(CsvReader, KeepsRaggedRows) {
  ReadAll r = read_bytes("a,b,c\n1\n1,2,3,4\n1,2,\n");
  EXPECT_EQ(r.rows[0].cells, (Cells{"1"}));
  EXPECT_EQ(r.rows[1].cells, (Cells{"1", "2", "3", "4"}));
  EXPECT_EQ(r.rows[2].cells, (Cells{"1", "2", ""}));
}

TEST(CsvReader, UnterminatedQuoteIsAnErrorAndReadingGoesOn) {
  ReadAll r = read_bytes("id,name\n1,ok\n2,\"abc\n3,def\n4,ghi\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(r.errors[0].where.file, "t.csv");
  EXPECT_EQ(r.errors[0].where.line, 3);
  EXPECT_NE(r.errors[0].message.find("not closed"), std::string::npos);
  EXPECT_EQ(r.rows, (std::vector<ReadRow>{{2, {"1", "ok"}}, {4, {"3", "def"}}, {5, {"4", "ghi"}}}));
}

TEST(CsvReader, InvalidUtf8CellIsARowErrorNamingTheColumn) {
  // Detection would call this whole file GB18030, so the encoding is given.
  CsvOptions utf8;
  utf8.encoding = Encoding::kUtf8;
  ReadAll r = read_bytes("订单号,门店\nA1,北京\nA2,\xFF\xFE\nA3,上海\n", utf8);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].where.line, 3);
  EXPECT_EQ(r.errors[0].where.column, "门店");
  EXPECT_NE(r.errors[0].message.find("FF FE"), std::string::npos);
  EXPECT_NE(r.errors[0].message.find("UTF-8"), std::string::npos);
  EXPECT_EQ(r.rows, (std::vector<ReadRow>{{2, {"A1", "北京"}}, {4, {"A3", "上海"}}}));
}

std::string gb(std::string_view utf8) {
  auto out = utf8_to_gb18030(utf8);
  EXPECT_TRUE(out.has_value());
  return *out;
}

TEST(CsvReader, ReadsGb18030) {
  // 𠀀 is a four-byte GB18030 code, € a two-byte one.
  std::string csv = gb("订单号,门店,备注\nA1,北京店,\"价格€5, 𠀀\"\nA2,上海店,普通\n");
  ReadAll r = read_bytes(csv);
  EXPECT_EQ(r.encoding, "gb18030");
  EXPECT_EQ(r.header, (Cells{"订单号", "门店", "备注"}));
  EXPECT_EQ(r.rows, (std::vector<ReadRow>{{2, {"A1", "北京店", "价格€5, 𠀀"}},
                                          {3, {"A2", "上海店", "普通"}}}));
}

TEST(CsvReader, InvalidGb18030CellIsARowError) {
  std::string csv = gb("订单号,门店\nA1,北京\n") + "A2,\xD6\xFF\n" + gb("A3,上海\n");
  ReadAll r = read_bytes(csv);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].where.line, 3);
  EXPECT_NE(r.errors[0].message.find("GB18030"), std::string::npos);
  EXPECT_EQ(r.rows.size(), 2u);
}

TEST(CsvReader, GivenEncodingOverridesDetection) {
  std::string csv = gb("门店\n北京\n");
  auto as_utf8 = open_csv_bytes(csv, Encoding::kUtf8, "t.csv");
  ASSERT_FALSE(as_utf8.has_value());  // the header itself is not UTF-8
  EXPECT_NE(as_utf8.error().message.find("--encoding gb18030"), std::string::npos);
  auto as_gb = open_csv_bytes(csv, Encoding::kGb18030, "t.csv");
  ASSERT_TRUE(as_gb.has_value());
  EXPECT_EQ((*as_gb)->header(), (Cells{"门店"}));
}

TEST(CsvReader, AsciiSampleThenGbkRowsSwitchToGb18030) {
  std::string csv = "id,name\n";
  while (csv.size() < (size_t{1} << 20) + 100) csv += "1234567890,abcdefghij\n";
  size_t ascii_rows = 0;
  for (char c : csv) ascii_rows += c == '\n';
  csv += gb("X,北京\n");
  ReadAll r = read_bytes(csv);
  ASSERT_TRUE(r.errors.empty());
  EXPECT_EQ(r.encoding, "gb18030");
  EXPECT_EQ(r.rows.back().cells, (Cells{"X", "北京"}));
  EXPECT_EQ(r.rows.back().line, static_cast<int64_t>(ascii_rows) + 1);
}

TEST(CsvReader, EmptyFileIsAnError) {
  auto source = open_csv_bytes("", Encoding::kAuto, "t.csv");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().where.file, "t.csv");
  auto blank = open_csv_bytes("\n\r\n", Encoding::kAuto, "t.csv");
  EXPECT_FALSE(blank.has_value());
}

TEST(CsvReader, RefusesWorkbooksAndUtf16) {
  EXPECT_FALSE(open_csv_bytes("PK\x03\x04zzz", Encoding::kAuto, "t.csv").has_value());
  EXPECT_FALSE(open_csv_bytes("\xFF\xFE"
                              "a",
                              Encoding::kAuto, "t.csv")
                   .has_value());
}

TEST(CsvReader, ProgressEndsAtOne) {
  std::string csv = "a\n1\n2\n";
  auto source = open_csv_bytes(csv, Encoding::kAuto, "t.csv");
  ASSERT_TRUE(source.has_value());
  EXPECT_LT((*source)->progress(), 1.0);
  SourceRow row;
  while (*(*source)->next(row)) {
  }
  EXPECT_DOUBLE_EQ((*source)->progress(), 1.0);
}

TEST(CsvReader, MissingFileIsAnIoError) {
  auto source = open_csv_file("/nonexistent/pitwall.csv", Encoding::kAuto, "x.csv");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, core::ErrorCode::kIo);
  EXPECT_EQ(source.error().where.file, "x.csv");
}

// A file with every construct, read from memory and from a file in chunks of 1..40 bytes:
// rows crossing chunk boundaries anywhere must read the same.
std::string tricky_csv() {
  return "\xEF\xBB\xBF订单号,门店,备注\r\n"
         "A1,北京店,\"多行\r\n备注, 含逗号\"\r\n"
         "\r\n"
         "A2,\"上海\"\"店\"\"\",x\r"
         "A3,,\"\"\r\n"
         "A4,广州,\"\xFF\"\r\n"  // invalid UTF-8: a row error
         "A5,深圳,\"end\"";
}

TEST(CsvReader, ChunkBoundariesDoNotChangeWhatIsRead) {
  ReadAll whole = read_bytes(tricky_csv());
  ASSERT_EQ(whole.rows.size(), 4u);
  EXPECT_EQ(whole.rows[0], (ReadRow{2, {"A1", "北京店", "多行\r\n备注, 含逗号"}}));
  EXPECT_EQ(whole.rows[1], (ReadRow{5, {"A2", "上海\"店\"", "x"}}));
  EXPECT_EQ(whole.rows[2], (ReadRow{6, {"A3", "", ""}}));
  EXPECT_EQ(whole.rows[3], (ReadRow{8, {"A5", "深圳", "end"}}));
  ASSERT_EQ(whole.errors.size(), 1u);
  EXPECT_EQ(whole.errors[0].where.line, 7);
  for (size_t chunk = 1; chunk <= 40; ++chunk) {
    CsvOptions options;
    options.chunk_bytes = chunk;
    ReadAll part = read_file(tricky_csv(), options);
    EXPECT_EQ(part.header, whole.header) << "chunk " << chunk;
    EXPECT_EQ(part.rows, whole.rows) << "chunk " << chunk;
    ASSERT_EQ(part.errors.size(), 1u) << "chunk " << chunk;
    EXPECT_EQ(part.errors[0].where.line, 7) << "chunk " << chunk;
  }
}

TEST(CsvReader, Gb18030AcrossChunks) {
  std::string csv = gb("订单号,门店\n");
  for (int i = 0; i < 50; ++i) csv += gb("A" + std::to_string(i) + ",门店𠀀€\n");
  ReadAll whole = read_bytes(csv);
  ASSERT_EQ(whole.rows.size(), 50u);
  for (size_t chunk : {1, 2, 3, 5, 7, 13}) {
    CsvOptions options;
    options.chunk_bytes = chunk;
    ReadAll part = read_file(csv, options);
    EXPECT_EQ(part.rows, whole.rows) << "chunk " << chunk;
    EXPECT_EQ(part.encoding, "gb18030");
  }
}

TEST(CsvReader, OverlongRowIsAnErrorAndReadingGoesOn) {
  // With rows limited to 64 bytes, the unclosed quote on line 3 cannot swallow the file.
  std::string csv = "a,b\n1,x\n2,\"never closed\n";
  for (int i = 0; i < 20; ++i) csv += "3,filler filler filler\n";
  CsvOptions options;
  options.chunk_bytes = 16;
  options.max_row_bytes = 64;
  ReadAll r = read_file(csv, options);
  ASSERT_GE(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].where.line, 3);
  ASSERT_GE(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0], (ReadRow{2, {"1", "x"}}));
  EXPECT_EQ(r.rows.back(), (ReadRow{23, {"3", "filler filler filler"}}));
}

TEST(CsvReader, FileLargerThanTheDefaultChunk) {
  // 9 MiB of rows crosses the default 8 MiB read size once; a quoted line break sits on it.
  std::string csv = "id,note\n";
  int rows = 0;
  while (csv.size() < (size_t{9} << 20)) {
    csv += std::to_string(rows) + ",\"门店\n备注 " + std::to_string(rows) + "\"\n";
    ++rows;
  }
  ReadAll r = read_file(csv, CsvOptions{});
  ASSERT_EQ(r.rows.size(), static_cast<size_t>(rows));
  EXPECT_TRUE(r.errors.empty());
  // Row k starts on line 2 + 2k (each row spans two lines).
  const ReadRow& last = r.rows.back();
  EXPECT_EQ(last.line, 2 + 2 * static_cast<int64_t>(rows - 1));
  EXPECT_EQ(last.cells[1], "门店\n备注 " + std::to_string(rows - 1));
}

TEST(CsvReader, LongRowsGrowTheBuffer) {
  std::string long_cell(5000, 'x');
  std::string csv = "a,b\n1," + long_cell + "\n2,y\n";
  CsvOptions options;
  options.chunk_bytes = 64;
  ReadAll r = read_file(csv, options);
  EXPECT_EQ(r.rows, (std::vector<ReadRow>{{2, {"1", long_cell}}, {3, {"2", "y"}}}));
}

TEST(CsvReader, CellsOfEveryLengthAcrossScanBlocks) {
  // Cells of 0..150 bytes put separators and line breaks at every offset of the 64-byte blocks
  // the scanner works in; a multi-byte character sits at the end of each long cell.
  std::string csv = "a,b\n";
  std::vector<ReadRow> expected;
  int64_t line = 2;
  for (size_t n = 0; n <= 150; ++n) {
    std::string cell(n, 'x');
    if (n >= 3) cell.replace(n - 3, 3, "门");
    csv += cell + "," + std::to_string(n) + (n % 2 ? "\r\n" : "\n");
    if (n > 0) expected.push_back({line, {cell, std::to_string(n)}});
    if (n == 0) expected.push_back({line, {"", "0"}});
    ++line;
  }
  ReadAll r = read_bytes(csv);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.rows, expected);
}

TEST(CsvReader, InvalidByteFarIntoALongCellIsFound) {
  CsvOptions utf8;
  utf8.encoding = Encoding::kUtf8;
  for (size_t at : {0, 15, 16, 63, 64, 65, 127, 128, 200}) {
    std::string cell(210, 'y');
    cell[at] = '\xFF';
    ReadAll r = read_bytes("a,b\n1," + cell + "\n2,ok\n", utf8);
    ASSERT_EQ(r.errors.size(), 1u) << at;
    EXPECT_EQ(r.errors[0].where.line, 2) << at;
    EXPECT_EQ(r.errors[0].where.column, "b") << at;
    EXPECT_EQ(r.rows, (std::vector<ReadRow>{{3, {"2", "ok"}}})) << at;
  }
}

// The same orders export as UTF-8 with BOM and CRLF, as GBK, and tab-separated (fixtures in
// tests/data/csv/; the expected cells are what Python's csv module reads from the UTF-8 file).
TEST(CsvReader, FixturesInEveryEncodingAndSeparatorReadAlike) {
  const Cells header = {"订单号",   "客户ID",   "门店编码", "订单状态", "下单时间",
                        "支付时间", "实付金额", "税率",     "地址"};
  const std::vector<ReadRow> rows = {
      {2,
       {"SO001", "C001", "S001", "已支付", "2023-03-01 10:00:00", "2023/3/1 10:05", "1,234.50",
        "6%", "北京市朝阳区1号, 2楼"}},
      {3,
       {"SO002", "C002", "S002", "已核销", "2023-03-02 09:30", "2023-03-02T09:31:00+08:00",
        "￥99.00", "0.06", "上海\"浦东\""}},
      {5, {"SO003", "C003", "", "已取消", "2023-03-03", "", "", "", "广州市\r\n天河区"}},
  };
  for (const char* name : {"orders_utf8_bom.csv", "orders_gbk.csv", "orders_tab.tsv"}) {
    std::string path = std::string(PITWALL_TEST_DATA) + "/csv/" + name;
    auto source = open_csv_file(path, Encoding::kAuto, name);
    ASSERT_TRUE(source.has_value()) << source.error().to_string();
    ReadAll r = read_all(**source);
    EXPECT_EQ(r.header, header) << name;
    EXPECT_EQ(r.rows, rows) << name;
    EXPECT_TRUE(r.errors.empty()) << name;
    EXPECT_EQ(r.encoding, std::string_view(name) == "orders_gbk.csv" ? "gb18030" : "utf-8");
  }
}

TEST(DetectSeparator, CountsOutsideQuotesOnTheFirstRow) {
  bool complete = false;
  EXPECT_EQ(detect_separator("a;b;c,d\n1,2,3,4,5,6\n", complete), ';');
  EXPECT_TRUE(complete);
  EXPECT_EQ(detect_separator("\"a\tb\tc\",d\n", complete), ',');
  EXPECT_EQ(detect_separator("a\tb", complete), '\t');
  EXPECT_FALSE(complete);
  EXPECT_EQ(detect_separator("a,b;c\tx", complete), ',');  // ties: comma first
}

}  // namespace
}  // namespace pitwall::io
