// Damaged workbooks are refused as damaged, naming the part (issue 22): a sheet whose deflate
// data or CRC is wrong, one that inflates to fewer bytes than its header gives (it loaded every
// row with exit 0 before), one that claims to expand beyond any workbook, and a file cut short.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/import/importer.hpp"
#include "io/table/table_source.hpp"
#include "io/xlsx/zip_builder.hpp"

namespace pitwall::io {
namespace {

const std::string kStaff = std::string(PITWALL_SOURCE_DIR) + "/examples/staff.xlsx";
constexpr std::string_view kSheet = "xl/worksheets/sheet1.xml";

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

uint32_t u32(const std::string& b, size_t at) {
  uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}
uint16_t u16(const std::string& b, size_t at) {
  uint16_t v;
  std::memcpy(&v, b.data() + at, 2);
  return v;
}

// Where the sheet's entry is: its central directory record and its compressed data.
struct Entry {
  size_t central = 0;
  size_t data = 0;
  uint32_t compressed = 0;
};
Entry sheet_entry(const std::string& b) {
  Entry e;
  for (size_t at = b.find("PK\x01\x02"); at != std::string::npos;
       at = b.find("PK\x01\x02", at + 4)) {
    if (b.compare(at + 46, u16(b, at + 28), kSheet) != 0) continue;
    e.central = at;
    e.compressed = u32(b, at + 20);
    size_t local = u32(b, at + 42);
    e.data = local + 30 + u16(b, local + 26) + u16(b, local + 28);
  }
  return e;
}

// Reads the whole workbook as an import does; the first error, or none.
core::Status read_all(const std::string& bytes) {
  auto source = TRY(open_xlsx_bytes(bytes, "", "staff.xlsx"));
  SourceRow row;
  while (TRY(source->next(row))) {
  }
  return {};
}

void expect_damaged(const std::string& bytes, std::string_view what) {
  core::Status read = read_all(bytes);
  ASSERT_FALSE(read) << what << ": read without an error";
  EXPECT_EQ(read.error().code, core::ErrorCode::kInvalidInput) << what;
  EXPECT_NE(read.error().message.find("damaged"), std::string::npos)
      << what << ": " << read.error().message;
}

TEST(XlsxDamage, TheIntactWorkbookReads) { EXPECT_TRUE(read_all(bytes_of(kStaff))); }

TEST(XlsxDamage, Issue22WrongDeflateDataAnywhereInTheSheetIsDamage) {
  std::string good = bytes_of(kStaff);
  Entry e = sheet_entry(good);
  ASSERT_GT(e.compressed, 64u);
  // Eight bytes flipped at every 16th position of the sheet's compressed data.
  for (uint32_t pos = 0; pos + 8 <= e.compressed; pos += 16) {
    std::string bad = good;
    for (size_t j = 0; j < 8; ++j)
      bad[e.data + pos + j] = static_cast<char>(bad[e.data + pos + j] ^ 0xA5);
    core::Status read = read_all(bad);
    if (read) {
      ADD_FAILURE() << "flipped bytes at " << pos << " read without an error";
    } else {
      EXPECT_NE(read.error().message.find(std::string(kSheet)), std::string::npos)
          << pos << ": " << read.error().message;
    }
  }
}

TEST(XlsxDamage, Issue22WrongCrcIsDamage) {
  std::string bad = bytes_of(kStaff);
  Entry e = sheet_entry(bad);
  std::memcpy(bad.data() + e.central + 16, "\x78\x56\x34\x12", 4);
  expect_damaged(bad, "CRC");
}

// The importer refuses a damaged workbook whole: the CRC error came after every row had been
// read, and the import stored 1969 of 1970 rows with one "unreadable row" and exit 0; a sheet
// cut short inside its last row made the importer ask the stream for rows forever (found by
// fuzz_import: a hang).
core::Result<int64_t> import_staff(const std::string& bytes) {
  static const core::FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  auto source = TRY(open_xlsx_bytes(bytes, "", "staff.xlsx"));
  TableCollector sink(core::TableKind::kStaff);
  ImportSettings settings;
  settings.kind = core::TableKind::kStaff;
  settings.display_name = "staff.xlsx";
  settings.zone = &zone;
  ImportStats stats = TRY(import_rows(*source, settings, sink));
  return stats.loaded;
}

TEST(XlsxDamage, Issue22TheImporterRefusesADamagedWorkbookWhole) {
  std::string good = bytes_of(kStaff);
  auto whole = import_staff(good);
  ASSERT_TRUE(whole) << whole.error().to_string();
  EXPECT_GT(*whole, 0);
  std::string bad = good;
  Entry e = sheet_entry(bad);
  std::memcpy(bad.data() + e.central + 16, "\x78\x56\x34\x12", 4);
  auto crc = import_staff(bad);
  ASSERT_FALSE(crc) << "imported " << *crc << " rows of a workbook with a wrong CRC";
  EXPECT_NE(crc.error().message.find("CRC"), std::string::npos) << crc.error().message;
}

TEST(XlsxDamage, Issue22ASheetCutShortInsideARowIsRefusedNotReadForever) {
  std::string sheet =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>staff_id</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>store_code</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>E1</t></is></c>"
      "<c r=\"B2\" t=\"inlineStr\"><is><t>S001</t></is></c></rnw></sheetData></worksheet>";
  testing::ZipBuilder zip;
  zip.add("xl/workbook.xml",
          "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
          "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  zip.add("xl/_rels/workbook.xml.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
          "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
  zip.add_deflated("xl/worksheets/sheet1.xml", sheet, 0);
  auto r = import_staff(zip.build());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("ends inside a <row>"), std::string::npos) << r.error().message;
}

TEST(XlsxDamage, Issue22AnImpossibleExpansionIsRefusedBeforeInflating) {
  std::string bad = bytes_of(kStaff);
  Entry e = sheet_entry(bad);
  uint32_t huge = 0xF0000000u;  // 4 GB from 1.4 KB
  std::memcpy(bad.data() + e.central + 24, &huge, 4);
  expect_damaged(bad, "expansion");
}

TEST(XlsxDamage, Issue22AFileCutShortIsDamagedNotAnotherFormat) {
  std::string good = bytes_of(kStaff);
  core::Status read = read_all(good.substr(0, good.size() / 2));
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("cut short"), std::string::npos) << read.error().message;
}

}  // namespace
}  // namespace pitwall::io
