// Tests of the XLSX TableSource (io/table/table_source.hpp, io/xlsx/xlsx_reader.cpp) on
// workbooks saved by LibreOffice (tests/data/xlsx/README.md) and on parts crafted here.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/table/table_source.hpp"
#include "io/xlsx/workbook_parts.hpp"
#include "io/xlsx/zip_builder.hpp"

namespace pitwall::io {
namespace {

using testing::WorkbookParts;

const std::string kData = std::string(PITWALL_TEST_DATA) + "/xlsx/";

struct Row {
  int64_t line = 0;
  std::vector<std::string> cells;
  std::vector<CellKind> kinds;
};

std::vector<Row> read_all(TableSource& source) {
  std::vector<Row> rows;
  SourceRow row;
  while (true) {
    auto more = source.next(row);
    EXPECT_TRUE(more.has_value()) << more.error().to_string();
    if (!more.has_value() || !*more) break;
    Row copy{row.line, {row.cells.begin(), row.cells.end()}, row.kinds};
    EXPECT_EQ(copy.cells.size(), copy.kinds.size());
    rows.push_back(std::move(copy));
  }
  return rows;
}

std::unique_ptr<TableSource> open_bytes(const std::string& bytes, std::string_view sheet = {}) {
  auto source = open_xlsx_bytes(bytes, sheet, "crafted.xlsx");
  EXPECT_TRUE(source.has_value()) << source.error().to_string();
  return source.has_value() ? std::move(source).value() : nullptr;
}

// The bytes must outlive the source.
std::unique_ptr<TableSource> open_bytes(std::string&& bytes, std::string_view sheet = {}) = delete;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The error of opening `bytes` or of reading its rows; fails the test when there is none.
core::Error first_error(const std::string& bytes) {
  auto source = open_xlsx_bytes(bytes, "", "bad.xlsx");
  if (!source.has_value()) return source.error();
  SourceRow row;
  while (true) {
    auto more = (*source)->next(row);
    if (!more.has_value()) return more.error();
    if (!*more) break;
  }
  ADD_FAILURE() << "no error";
  return core::Error{};
}

using Cells = std::vector<std::string>;
using Kinds = std::vector<CellKind>;
constexpr CellKind T = CellKind::kText, N = CellKind::kNumber, D = CellKind::kDate,
                   B = CellKind::kBool, E = CellKind::kError;

TEST(XlsxReader, ReadsLibreOfficeWorkbookFromCsv) {
  auto source = open_xlsx_file(kData + "closeout.xlsx", "", "closeout.xlsx");
  ASSERT_TRUE(source.has_value()) << source.error().to_string();
  TableSource& s = **source;
  EXPECT_EQ(s.header(), (Cells{"门店编码", "门店名称", "实付金额", "支付时间", "是否到店"}));
  EXPECT_EQ(s.header_line(), 1);
  EXPECT_EQ(s.encoding_name(), "xlsx");
  auto rows = read_all(s);
  ASSERT_EQ(rows.size(), 2u);
  // 2023-03-31 is day 19447 after 1970-01-01, whose serial is 25569: 19447 + 25569 = 45016.
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[0].cells, (Cells{"S001", "北京朝阳店", "1234.5", "45016", "1"}));
  EXPECT_EQ(rows[0].kinds, (Kinds{T, T, N, D, B}));
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[1].cells, (Cells{"S002", "上海浦东店", "88", "45017", "0"}));
  EXPECT_DOUBLE_EQ(s.progress(), 1.0);
}

TEST(XlsxReader, FirstSheetByDefault) {
  auto source = open_xlsx_file(kData + "two_sheets.xlsx", "", "two_sheets.xlsx");
  ASSERT_TRUE(source.has_value()) << source.error().to_string();
  EXPECT_EQ((*source)->header(), (Cells{"门店编码", "战区"}));
  auto rows = read_all(**source);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{"S001", "华北"}));
}

TEST(XlsxReader, SecondSheetByNameWithFormulasErrorsAndGaps) {
  auto source = open_xlsx_file(kData + "two_sheets.xlsx", "订单", "two_sheets.xlsx");
  ASSERT_TRUE(source.has_value()) << source.error().to_string();
  // "  订单号 " is trimmed in the header.
  EXPECT_EQ((*source)->header(), (Cells{"订单号", "金额", "支付时间", "备注", "比值"}));
  auto rows = read_all(**source);
  ASSERT_EQ(rows.size(), 2u);
  // The number keeps its text as written; 2023-03-31 23:59:59 is 45016 + 86399/86400, which
  // LibreOffice writes with 15 significant digits. =CONCATENATE(...) is a string result, =1/0
  // an error cell.
  EXPECT_EQ(rows[0].cells,
            (Cells{"A-1", "1234.5000000001", "45016.9999884259", "门店", "#DIV/0!"}));
  EXPECT_EQ(rows[0].kinds, (Kinds{T, N, D, T, E}));
  // Row 3 is empty and absent from the file; row 4 has cells A4 and D4 only.
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[1].cells, (Cells{"A-2", "", "", "gap before"}));
}

TEST(XlsxReader, MissingSheetErrorNamesTheSheets) {
  auto source = open_xlsx_file(kData + "two_sheets.xlsx", "退款", "two_sheets.xlsx");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(source.error().where.file, "two_sheets.xlsx");
  EXPECT_NE(source.error().message.find("退款"), std::string::npos);
  EXPECT_NE(source.error().message.find("\"门店\""), std::string::npos);
  EXPECT_NE(source.error().message.find("\"订单\""), std::string::npos);
}

TEST(XlsxReader, Date1904SystemIsConvertedTo1900) {
  auto source = open_xlsx_file(kData + "date1904.xlsx", "", "date1904.xlsx");
  ASSERT_TRUE(source.has_value()) << source.error().to_string();
  auto rows = read_all(**source);
  ASSERT_EQ(rows.size(), 1u);
  // LibreOffice writes 2023-03-31 as 43554 in the 1904 system; 43554 + 1462 = 45016.
  EXPECT_EQ(rows[0].cells, (Cells{"45016", "7"}));
  EXPECT_EQ(rows[0].kinds, (Kinds{D, N}));
}

TEST(XlsxReader, BytesAndFileGiveTheSameRows) {
  std::string bytes = read_file(kData + "closeout.xlsx");
  auto source = open_bytes(bytes);
  ASSERT_NE(source, nullptr);
  auto rows = read_all(*source);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].cells, (Cells{"S002", "上海浦东店", "88", "45017", "0"}));
}

TEST(XlsxReader, NotAZipIsAnError) {
  std::string csv = "门店编码,金额\nS001,12.5\n";
  auto source = open_xlsx_bytes(csv, "", "orders.xlsx");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(source.error().where.file, "orders.xlsx");
  auto file = open_xlsx_file(kData + "closeout.csv", "", "closeout.csv");
  ASSERT_FALSE(file.has_value());
  EXPECT_EQ(file.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(file.error().where.file, "closeout.csv");
}

TEST(XlsxReader, MissingFileIsAnIoError) {
  auto source = open_xlsx_file(kData + "no_such.xlsx", "", "no_such.xlsx");
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, core::ErrorCode::kIo);
  EXPECT_EQ(source.error().where.file, "no_such.xlsx");
}

TEST(XlsxReader, TruncatedWorkbookIsAnError) {
  std::string bytes = read_file(kData + "two_sheets.xlsx");
  for (size_t keep : {bytes.size() / 2, bytes.size() - 30, size_t{100}}) {
    auto source = open_xlsx_bytes(std::string_view(bytes).substr(0, keep), "", "cut.xlsx");
    ASSERT_FALSE(source.has_value()) << keep;
    EXPECT_EQ(source.error().code, core::ErrorCode::kInvalidInput);
  }
}

TEST(XlsxReader, InlineStringsPrefixesAndMissingReferences) {
  WorkbookParts parts;
  parts.prefix = "x:";
  // Row 1 has no r (so it is row 1); its cells have no r either (A, B, C). Row 5 places cells by
  // reference, one of them lowercase; a row without r after it is row 6.
  parts.sheets = {{"Data",
                   "<x:row><x:c t=\"inlineStr\"><x:is><x:t> 门店 </x:t></x:is></x:c>"
                   "<x:c t=\"inlineStr\"><x:is><x:r><x:t>金</x:t></x:r><x:r><x:rPr/>"
                   "<x:t>额</x:t></x:r></x:is></x:c><x:c t=\"inlineStr\"><x:is><x:t>备注</x:t>"
                   "</x:is></x:c></x:row>"
                   "<x:row r=\"5\"><x:c r=\"c5\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">"
                   "  a&amp;b </x:t></x:is></x:c><x:c r=\"A5\"><x:v>12.50</x:v></x:c></x:row>"
                   "<x:row><x:c t=\"str\"><x:f>A5</x:f><x:v>line_x000D_</x:v></x:c>"
                   "<x:c t=\"b\"><x:v>1</x:v></x:c><x:c s=\"0\"/><x:c/></x:row>"}};
  std::string bytes = testing::build_workbook(parts);
  auto source = open_bytes(bytes);
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->header(), (Cells{"门店", "金额", "备注"}));
  EXPECT_EQ(source->header_line(), 1);
  auto rows = read_all(*source);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 5);
  EXPECT_EQ(rows[0].cells, (Cells{"12.50", "", "  a&b "}));
  EXPECT_EQ(rows[0].kinds, (Kinds{N, T, T}));
  // Formula string results keep their text, _x000D_ is a carriage return; the two trailing
  // empty cells are dropped.
  EXPECT_EQ(rows[1].line, 6);
  EXPECT_EQ(rows[1].cells, (Cells{"line\r", "1"}));
  EXPECT_EQ(rows[1].kinds, (Kinds{T, B}));
}

TEST(XlsxReader, SharedStringsWithRunsPhoneticsAndWhitespace) {
  WorkbookParts parts;
  parts.shared_strings =
      "<si><t>门店</t></si>"
      "<si><r><rPr><b/></rPr><t>华</t></r><r><t xml:space=\"preserve\"> 北</t></r></si>"
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><t xml:space=\"preserve\"> </t></si>"
      "<si><t>_x005F_x0041_</t></si>";
  parts.sheets = {{"S",
                   "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                   "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>2</v></c>"
                   "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\" t=\"s\"><v>4</v></c></row>"}};
  std::string bytes = testing::build_workbook(parts);
  auto source = open_bytes(bytes);
  ASSERT_NE(source, nullptr);
  auto rows = read_all(*source);
  ASSERT_EQ(rows.size(), 1u);
  // Runs are concatenated, the phonetic guide is not text, a lone space is kept, and _x005F_
  // escapes the underscore of a literal "_x0041_".
  EXPECT_EQ(rows[0].cells, (Cells{"华 北", "東京", " ", "_x0041_"}));
}

TEST(XlsxReader, SkipsEmptyRowsAndFindsHeaderBelowThem) {
  WorkbookParts parts;
  parts.sheets = {{"S",
                   "<row r=\"1\"/><row r=\"2\"><c r=\"B2\" s=\"1\"/></row>"
                   "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>编码</t></is></c></row>"
                   "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t></t></is></c></row>"
                   "<row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t>S9</t></is></c></row>"}};
  std::string bytes = testing::build_workbook(parts);
  auto source = open_bytes(bytes);
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->header(), (Cells{"", "编码"}));
  EXPECT_EQ(source->header_line(), 3);
  auto rows = read_all(*source);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 7);
  EXPECT_EQ(rows[0].cells, (Cells{"", "S9"}));
}

TEST(XlsxReader, DateStylesFromBuiltInAndCustomFormats) {
  WorkbookParts parts;
  parts.styles =
      "<styleSheet><numFmts count=\"3\">"
      "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"&quot;day &quot;0.00\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[Red]#,##0.00\"/></numFmts>"
      "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
      "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"57\"/></cellXfs></styleSheet>";
  parts.date1904 = true;
  parts.sheets = {{"S",
                   "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"
                   "<row r=\"2\"><c s=\"0\"><v>1</v></c><c s=\"1\"><v>0.5</v></c>"
                   "<c s=\"2\"><v>2</v></c><c s=\"3\"><v>3</v></c><c s=\"4\"><v>4</v></c>"
                   "<c s=\"5\"><v>5</v></c><c s=\"99\"><v>6</v></c></row>"}};
  std::string bytes = testing::build_workbook(parts);
  auto source = open_bytes(bytes);
  ASSERT_NE(source, nullptr);
  auto rows = read_all(*source);
  ASSERT_EQ(rows.size(), 1u);
  // Date cells move from the 1904 system by 1462 days: 0.5 -> 1462.5, 2 -> 1464, 5 -> 1467.
  EXPECT_EQ(rows[0].cells, (Cells{"1", "1462.5", "1464", "3", "4", "1467", "6"}));
  EXPECT_EQ(rows[0].kinds, (Kinds{N, D, D, N, N, D, N}));
}

TEST(XlsxReader, IsDateFormat) {
  using xlsx::is_date_format;
  for (int id : {14, 17, 22, 27, 36, 45, 47, 50, 58}) EXPECT_TRUE(is_date_format(id, "")) << id;
  for (int id : {0, 1, 2, 9, 10, 13, 23, 26, 37, 44, 48, 49, 59, 164}) {
    EXPECT_FALSE(is_date_format(id, "")) << id;
  }
  EXPECT_TRUE(is_date_format(164, "yyyy\\-mm\\-dd"));
  EXPECT_TRUE(is_date_format(164, "[h]:mm:ss"));
  EXPECT_TRUE(is_date_format(164, "[$-804]m\"月\"d\"日\""));
  EXPECT_TRUE(is_date_format(14, "YYYY/M/D"));
  EXPECT_FALSE(is_date_format(164, "General"));
  EXPECT_FALSE(is_date_format(164, "0.00E+00"));
  EXPECT_FALSE(is_date_format(164, "#,##0.00\"元\";[Red]-#,##0.00\"元\""));
  EXPECT_FALSE(is_date_format(164, "\\d0_)"));
  EXPECT_FALSE(is_date_format(164, "[Red"));  // unterminated bracket
  EXPECT_FALSE(is_date_format(14, "@"));      // a custom code overrides the built-in id
}

TEST(XlsxReader, BadSharedStringIndexNamesRowAndColumn) {
  WorkbookParts parts;
  parts.shared_strings = "<si><t>a</t></si>";
  parts.sheets = {{"S",
                   "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                   "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>7</v></c>"
                   "</row>"}};
  std::string bytes = testing::build_workbook(parts);
  auto source = open_bytes(bytes);
  ASSERT_NE(source, nullptr);
  SourceRow row;
  auto more = source->next(row);
  ASSERT_FALSE(more.has_value());
  EXPECT_EQ(more.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(more.error().where.file, "crafted.xlsx");
  EXPECT_EQ(more.error().where.line, 2);
  EXPECT_EQ(more.error().where.column, "C");
}

TEST(XlsxReader, MalformedPartsAreErrors) {
  WorkbookParts row_xml;
  row_xml.sheets = {{"S", "<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>1</c></row>"}};
  WorkbookParts bad_ref;
  bad_ref.sheets = {{"S", "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"}};
  WorkbookParts bad_row;
  bad_row.sheets = {{"S", "<row r=\"-3\"><c><v>1</v></c></row>"}};
  WorkbookParts unterminated;
  unterminated.sheets = {{"S", "<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c>"}};
  WorkbookParts bad_utf8;
  bad_utf8.sheets = {{"S", "<row><c t=\"inlineStr\"><is><t>\xE9\x97</t></is></c></row>"}};
  for (const auto* parts : {&row_xml, &bad_ref, &bad_row, &unterminated, &bad_utf8}) {
    core::Error error = first_error(testing::build_workbook(*parts));
    EXPECT_EQ(error.code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(error.where.file, "bad.xlsx");
  }
}

TEST(XlsxReader, MissingPartsAndEmptySheetsAreErrors) {
  std::string no_workbook = testing::ZipBuilder().add("hello.txt", "hi").build();
  WorkbookParts empty;
  empty.sheets = {{"S", "<row r=\"1\"/>"}};
  std::string no_sheet_part =
      testing::ZipBuilder()
          .add("xl/workbook.xml", "<workbook><sheets><sheet name=\"A\"/></sheets></workbook>")
          .build();
  std::string bad_workbook_xml =
      testing::ZipBuilder().add("xl/workbook.xml", "<workbook><sheets>").build();
  for (const std::string& bytes :
       {no_workbook, testing::build_workbook(empty), no_sheet_part, bad_workbook_xml}) {
    auto source = open_xlsx_bytes(bytes, "", "bad.xlsx");
    ASSERT_FALSE(source.has_value());
    EXPECT_EQ(source.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(source.error().where.file, "bad.xlsx");
  }
}

TEST(XlsxReader, DamagedStoredDataFailsTheCrc) {
  WorkbookParts parts;
  parts.sheets = {
      {"S", "<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>12345</v></c></row>"}};
  std::string bytes = testing::build_workbook(parts);
  size_t at = bytes.find("12345");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = '9';
  core::Error error = first_error(bytes);
  EXPECT_EQ(error.code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(error.where.file, "bad.xlsx");
}

TEST(XlsxReader, StreamsManyRows) {
  // 200,000 rows of three cells: the sheet part is about 14 MB and is read through a buffer of
  // a few hundred kilobytes.
  constexpr int kRows = 200000;
  std::string data = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>n</t></is></c></row>";
  for (int i = 2; i <= kRows + 1; ++i) {
    std::string n = std::to_string(i);
    data += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>" + n + "</v></c><c r=\"B" + n +
            "\"><v>0.5</v></c><c r=\"C" + n + "\" t=\"b\"><v>0</v></c></row>";
  }
  WorkbookParts parts;
  parts.sheets = {{"S", data}};
  std::string bytes = testing::build_workbook(parts);
  auto source = open_bytes(bytes);
  ASSERT_NE(source, nullptr);
  SourceRow row;
  int64_t count = 0;
  int64_t sum = 0;
  while (source->next(row).value()) {
    ++count;
    sum += row.line;
    ASSERT_EQ(row.cells[0], std::to_string(row.line));
  }
  EXPECT_EQ(count, kRows);
  // Lines 2..200001: (2 + 200001) * 200000 / 2 = 20000300000.
  EXPECT_EQ(sum, 20000300000);
}

}  // namespace
}  // namespace pitwall::io
