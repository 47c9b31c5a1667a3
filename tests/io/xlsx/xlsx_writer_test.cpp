// Tests of XlsxWriter (io/xlsx/xlsx_writer.hpp): written workbooks are read back with our reader,
// inspected part by part, and (when LibreOffice is installed) converted to CSV by LibreOffice.

#include "io/xlsx/xlsx_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/table/table_source.hpp"
#include "io/xlsx/zip_archive.hpp"

namespace pitwall::io {
namespace {

namespace fs = std::filesystem;

const core::FixedOffsetZone kShanghai("Asia/Shanghai", 8 * 3600);
// 2023-03-31 is day 19447 after 1970-01-01 (19447 * 86400 = 1680220800). 23:59:59 in Shanghai
// is 1680220800 + 86399 - 8 * 3600 = 1680278399 UTC.
constexpr int64_t kLastSecondOfMarch = 1680278399;
constexpr int64_t kCreated = 1677628800;  // 2023-03-01T00:00:00Z

std::string temp_path(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / ("pitwall-xlsx-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return (dir / name).string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string read_part(const std::string& path, const std::string& part) {
  auto zip = xlsx::ZipArchive::open_file(path, path);
  EXPECT_TRUE(zip.has_value());
  auto text = zip->read(part, 1 << 20);
  EXPECT_TRUE(text.has_value()) << part;
  return text.has_value() ? *text : std::string();
}

struct Sheet {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<CellKind>> kinds;
};

Sheet read_sheet(const std::string& path, std::string_view name = {}) {
  Sheet out;
  auto source = open_xlsx_file(path, name, "written.xlsx");
  EXPECT_TRUE(source.has_value()) << source.error().to_string();
  if (!source.has_value()) return out;
  out.header = (*source)->header();
  SourceRow row;
  while ((*source)->next(row).value()) {
    out.rows.emplace_back(row.cells.begin(), row.cells.end());
    out.kinds.push_back(row.kinds);
  }
  return out;
}

// The sample sheet of the round-trip tests.
void write_sample(XlsxWriter& writer) {
  XlsxSheet& sheet = writer.add_sheet("门店汇总");
  sheet.header({"门店", "实付金额", "完成率", "支付时间", "支付日期", "订单数", "得分", "到店"});
  sheet.row({XlsxCell::text("北京朝阳店"), XlsxCell::money(core::Money::from_fen(123450)),
             XlsxCell::percent(0.8125), XlsxCell::date_time(kLastSecondOfMarch, kShanghai),
             XlsxCell::date(kLastSecondOfMarch, kShanghai), XlsxCell::integer(8103),
             XlsxCell::decimal(3.14159, 2), XlsxCell::boolean(true)});
  sheet.row({XlsxCell::text("上海 \"浦东\" 店"), XlsxCell::money_fen(-5), XlsxCell::empty(),
             XlsxCell::date_time(core::kNoTime, kShanghai), XlsxCell::money_fen(core::kNoFen),
             XlsxCell::integer(-42), XlsxCell::decimal(NAN, 2), XlsxCell::boolean(false)});
}

TEST(XlsxWriter, RoundTripThroughTheReader) {
  std::string path = temp_path("round_trip.xlsx");
  auto writer = XlsxWriter::create(path, kCreated);
  ASSERT_TRUE(writer.has_value()) << writer.error().to_string();
  write_sample(*writer);
  ASSERT_TRUE(writer->close().has_value());

  Sheet sheet = read_sheet(path);
  EXPECT_EQ(sheet.header, (std::vector<std::string>{"门店", "实付金额", "完成率", "支付时间",
                                                    "支付日期", "订单数", "得分", "到店"}));
  ASSERT_EQ(sheet.rows.size(), 2u);
  const auto& r = sheet.rows[0];
  ASSERT_EQ(r.size(), 8u);
  EXPECT_EQ(r[0], "北京朝阳店");
  EXPECT_EQ(r[1], "1234.5");  // 123450 fen
  EXPECT_EQ(r[2], "0.8125");
  // Serial of the local time: (serial - 25569) * 86400 = local seconds 1680220800 + 86399.
  EXPECT_EQ(std::llround((std::stod(r[3]) - 25569) * 86400), 1680307199);
  EXPECT_EQ(r[4], "45016");  // 19447 + 25569
  EXPECT_EQ(r[5], "8103");
  EXPECT_EQ(r[6], "3.14159");  // the value is kept; the format shows two decimals
  EXPECT_EQ(r[7], "1");
  using K = CellKind;
  EXPECT_EQ(sheet.kinds[0], (std::vector<K>{K::kText, K::kNumber, K::kNumber, K::kDate, K::kDate,
                                            K::kNumber, K::kNumber, K::kBool}));
  // Empty cells (no time, no amount, NaN) are blank; the row keeps its width.
  EXPECT_EQ(sheet.rows[1],
            (std::vector<std::string>{"上海 \"浦东\" 店", "-0.05", "", "", "", "-42", "", "0"}));
}

TEST(XlsxWriter, MoneyIsTheExactDecimal) {
  const std::vector<std::pair<int64_t, std::string>> cases = {{0, "0"},
                                                              {1, "0.01"},
                                                              {10, "0.1"},
                                                              {99, "0.99"},
                                                              {-1, "-0.01"},
                                                              {123456789, "1234567.89"},
                                                              {2000001, "20000.01"},
                                                              {99999999999999, "999999999999.99"}};
  std::string path = temp_path("money.xlsx");
  auto writer = XlsxWriter::create(path);
  ASSERT_TRUE(writer.has_value());
  XlsxSheet& sheet = writer->add_sheet("Money");
  sheet.header({"fen", "yuan"});
  for (const auto& [fen, text] : cases) {
    sheet.row({XlsxCell::integer(fen), XlsxCell::money_fen(fen)});
  }
  ASSERT_TRUE(writer->close().has_value());
  Sheet read = read_sheet(path);
  ASSERT_EQ(read.rows.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(read.rows[i][1], cases[i].second) << cases[i].first;
  }
}

TEST(XlsxWriter, TextIsCleaned) {
  std::string path = temp_path("text.xlsx");
  auto writer = XlsxWriter::create(path);
  ASSERT_TRUE(writer.has_value());
  XlsxSheet& sheet = writer->add_sheet("T");
  sheet.header({"text"});
  std::string long_text(40000, 'a');
  sheet.row({XlsxCell::text("_x0041_ stays")});
  sheet.row({XlsxCell::text("bad \xff byte")});
  sheet.row({XlsxCell::text("tab\tand\nnewline")});
  sheet.row({XlsxCell::text(long_text)});
  ASSERT_TRUE(writer->close().has_value());
  Sheet read = read_sheet(path);
  ASSERT_EQ(read.rows.size(), 4u);
  EXPECT_EQ(read.rows[0][0], "_x0041_ stays");
  EXPECT_EQ(read.rows[1][0], "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(read.rows[2][0], "tab\tand\nnewline");
  EXPECT_EQ(read.rows[3][0], std::string(32767, 'a'));
}

TEST(XlsxWriter, SameInputSameBytes) {
  std::string first = temp_path("same_1.xlsx");
  std::string second = temp_path("same_2.xlsx");
  for (const std::string& path : {first, second}) {
    auto writer = XlsxWriter::create(path, kCreated);
    ASSERT_TRUE(writer.has_value());
    writer->set_title("活动收尾");
    write_sample(*writer);
    writer->add_sheet("Errors").header({"line", "message"});
    ASSERT_TRUE(writer->close().has_value());
  }
  std::string bytes = read_file(first);
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes, read_file(second));
  std::string core = read_part(first, "docProps/core.xml");
  EXPECT_NE(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-03-01T00:00:00Z"),
            std::string::npos)
      << core;
  EXPECT_NE(core.find("活动收尾"), std::string::npos);
}

TEST(XlsxWriter, HeaderIsFrozenFilteredAndColumnsSized) {
  std::string path = temp_path("layout.xlsx");
  auto writer = XlsxWriter::create(path);
  ASSERT_TRUE(writer.has_value());
  XlsxSheet& sheet = writer->add_sheet("Stores");
  sheet.header({"门店", "code"});
  sheet.row({XlsxCell::text("北京朝阳区望京旗舰店"), XlsxCell::text("S1")});
  sheet.row({XlsxCell::text("x"), XlsxCell::money_fen(123456789)});
  EXPECT_EQ(sheet.row_count(), 3);
  ASSERT_TRUE(writer->close().has_value());
  std::string xml = read_part(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(xml.find("<autoFilter ref=\"A1:B3\"/>"), std::string::npos);
  // Column A: ten CJK characters are 20 wide, + 2 padding = 22. Column B: "1,234,567.89" is 12,
  // the header "code" 4 + 2; + 2 padding = 14. libxlsxwriter adds its fixed 0.7109375.
  EXPECT_NE(xml.find("<col min=\"1\" max=\"1\" width=\"22.7109375\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<col min=\"2\" max=\"2\" width=\"14.7109375\""), std::string::npos) << xml;
}

TEST(XlsxWriter, SheetNamesFollowExcelRules) {
  std::string path = temp_path("names.xlsx");
  auto writer = XlsxWriter::create(path);
  ASSERT_TRUE(writer.has_value());
  std::string forty_chinese;
  for (int i = 0; i < 40; ++i) forty_chinese += "店";
  std::vector<std::string> names;
  for (std::string_view name :
       {std::string_view("a/b:c*d?e[f]g\\h"), std::string_view(forty_chinese),
        std::string_view("Stores"), std::string_view("stores"), std::string_view(""),
        std::string_view("'quoted'"), std::string_view(forty_chinese)}) {
    XlsxSheet& sheet = writer->add_sheet(name);
    sheet.header({"name"});
    sheet.row({XlsxCell::text(sheet.name())});
    names.push_back(sheet.name());
  }
  ASSERT_TRUE(writer->close().has_value());
  std::string thirty_one = forty_chinese.substr(0, 31 * 3);
  std::string twenty_nine = forty_chinese.substr(0, 29 * 3);
  EXPECT_EQ(names, (std::vector<std::string>{"a_b_c_d_e_f_g_h", thirty_one, "Stores", "stores~2",
                                             "Sheet", "_quoted_", twenty_nine + "~2"}));
  for (const std::string& name : names) {
    Sheet sheet = read_sheet(path, name);
    ASSERT_EQ(sheet.rows.size(), 1u) << name;
    EXPECT_EQ(sheet.rows[0][0], name);
  }
}

TEST(XlsxWriter, CreateInMissingFolderIsAnIoError) {
  auto writer = XlsxWriter::create("/nonexistent-pitwall-folder/report.xlsx");
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().code, core::ErrorCode::kIo);
  EXPECT_EQ(writer.error().where.file, "/nonexistent-pitwall-folder/report.xlsx");
}

TEST(XlsxWriter, CloseOntoAFolderIsAnIoError) {
  std::string path = temp_path("a_folder.xlsx");
  fs::create_directories(path);
  auto writer = XlsxWriter::create(path);
  ASSERT_TRUE(writer.has_value());
  writer->add_sheet("S").header({"a"});
  auto status = writer->close();
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, core::ErrorCode::kIo);
  EXPECT_EQ(status.error().where.file, path);
}

TEST(XlsxWriter, DroppedWithoutCloseWritesNothing) {
  std::string path = temp_path("dropped.xlsx");
  fs::remove(path);
  {
    auto writer = XlsxWriter::create(path);
    ASSERT_TRUE(writer.has_value());
    writer->add_sheet("S").header({"a"});
  }
  EXPECT_FALSE(fs::exists(path));
}

// LibreOffice reads what we write and shows the formats we set: the CSV it saves holds the
// displayed values.
TEST(XlsxWriter, LibreOfficeReadsTheWorkbook) {
  if (std::system("command -v libreoffice > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "libreoffice is not on PATH; the LibreOffice check is skipped";
  }
  std::string path = temp_path("for_libreoffice.xlsx");
  auto writer = XlsxWriter::create(path, kCreated);
  ASSERT_TRUE(writer.has_value());
  write_sample(*writer);
  ASSERT_TRUE(writer->close().has_value());
  fs::path dir = fs::path(path).parent_path();
  // A private profile, so that a LibreOffice running elsewhere does not take the conversion.
  std::string command = "cd '" + dir.string() +
                        "' && timeout 180 libreoffice -env:UserInstallation=file://" +
                        dir.string() +
                        "/lo-profile --headless --convert-to 'csv:Text - txt - csv "
                        "(StarCalc):44,34,76,1' for_libreoffice.xlsx > /dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::string csv = read_file((dir / "for_libreoffice.csv").string());
  std::istringstream lines(csv);
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  // LibreOffice quotes every text cell by default.
  EXPECT_EQ(header, R"("门店","实付金额","完成率","支付时间","支付日期","订单数","得分","到店")");
  EXPECT_EQ(first,
            R"("北京朝阳店","1,234.50",81.25%,2023-03-31 23:59:59,2023-03-31,8103,3.14,TRUE)");
  EXPECT_EQ(second, "\"上海 \"\"浦东\"\" 店\",-0.05,,,,-42,,FALSE");
}

}  // namespace
}  // namespace pitwall::io
