// Tests of the demo's hand-rolled formatting (text_format.hpp) and CSV writer (csv_writer.hpp):
// every form against text written out by hand, the cached TimeFormatter against append_time,
// and rows formatted in parts against rows written straight.
#include "demo/text_format.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "demo/csv_writer.hpp"
#include "demo/random.hpp"

namespace pitwall::demo {
namespace {

std::string money(int64_t fen, MoneyForm form) {
  TextBuffer out;
  append_money(out, fen, form);
  return out.str();
}

std::string time_text(int64_t t, TimeForm form) {
  TextBuffer out;
  append_time(out, t, form);
  return out.str();
}

TEST(TextFormat, MoneyForms) {
  EXPECT_EQ(money(128050, MoneyForm::kPlain), "1280.50");
  EXPECT_EQ(money(128050, MoneyForm::kGrouped), "1,280.50");
  EXPECT_EQ(money(128050, MoneyForm::kYen), "¥1,280.50");
  EXPECT_EQ(money(128050, MoneyForm::kYuanSuffix), "1280.50元");
  EXPECT_EQ(money(128050, MoneyForm::kFullWidth), "１２８０.５０");
  EXPECT_EQ(money(5, MoneyForm::kGrouped), "0.05");
  EXPECT_EQ(money(99999, MoneyForm::kGrouped), "999.99");
  EXPECT_EQ(money(100000, MoneyForm::kGrouped), "1,000.00");
  EXPECT_EQ(money(123456789012, MoneyForm::kGrouped), "1,234,567,890.12");
  EXPECT_EQ(money(-128050, MoneyForm::kGrouped), "-1,280.50");
  EXPECT_EQ(money(-7, MoneyForm::kPlain), "-0.07");
}

TEST(TextFormat, TimeForms) {
  int64_t t = local_seconds(2023, 3, 6, 9, 30, 15);
  EXPECT_EQ(time_text(t, TimeForm::kIso), "2023-03-06 09:30:15");
  EXPECT_EQ(time_text(t, TimeForm::kSlash), "2023/3/6 9:30:15");
  EXPECT_EQ(time_text(t, TimeForm::kSlashMinute), "2023/3/6 9:30");
  EXPECT_EQ(time_text(t, TimeForm::kIsoOffset), "2023-03-06T09:30:15+08:00");
  EXPECT_EQ(time_text(t, TimeForm::kDate), "2023-03-06");
  EXPECT_EQ(time_text(t, TimeForm::kDateSlash), "2023/3/6");
  int64_t late = local_seconds(2023, 12, 31, 23, 5, 9);
  EXPECT_EQ(time_text(late, TimeForm::kSlash), "2023/12/31 23:05:09");
  EXPECT_EQ(format_time(local_seconds(2023, 4, 1)), "2023-04-01 00:00:00");
}

TEST(TextFormat, TimeFormatterWritesWhatAppendTimeWrites) {
  // Random times over a year (dates far apart share cache slots) in every form, interleaved.
  TimeFormatter formatter;
  const TimeForm kForms[] = {TimeForm::kIso,       TimeForm::kSlash, TimeForm::kSlashMinute,
                             TimeForm::kIsoOffset, TimeForm::kDate,  TimeForm::kDateSlash};
  int64_t start = local_seconds(2023, 1, 1);
  for (uint64_t i = 0; i < 20000; ++i) {
    int64_t t = start + static_cast<int64_t>(below(mix64(i), 366 * 86400));
    TimeForm form = kForms[i % 6];
    TextBuffer cached;
    formatter.append(cached, t, form);
    ASSERT_EQ(cached.str(), time_text(t, form)) << t;
  }
}

TEST(TextFormat, PaddedAndHexDigits) {
  TextBuffer out;
  append_padded(out, 7, 8);
  out += ' ';
  append_padded(out, 123456789, 8);  // more digits than the width: all of them
  out += ' ';
  append_hex(out, 0xABC, 6);
  out += ' ';
  append_int(out, -42);
  EXPECT_EQ(out.str(), "00000007 123456789 000ABC -42");
}

TEST(TextFormat, Gb18030EncoderConvertsEachCharacter) {
  Gb18030Encoder encoder;
  TextBuffer out;
  encoder.append(out, "S1,已支付 ¥１");
  // 已 D2D1, 支 D6A7, 付 B8B6, ¥ 81308436, １ A3B1 (GB18030; iconv agrees)
  EXPECT_EQ(out.str(), "S1,\xD2\xD1\xD6\xA7\xB8\xB6 \x81\x30\x84\x36\xA3\xB1");
}

TEST(TextFormat, TextBufferGrowsAndKeepsBytes) {
  TextBuffer out;
  std::string expected;
  for (int i = 0; i < 5000; ++i) {
    std::string piece = std::to_string(i) + ";";
    out += piece;
    expected += piece;
  }
  EXPECT_EQ(out.str(), expected);
  out.truncate(3);
  EXPECT_EQ(out.str(), "0;1");
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_rows(TableWriter& w, int from, int to) {
  for (int i = from; i < to; ++i) {
    w.plain("C" + std::to_string(i));
    w.text(i % 3 == 0 ? "已支付" : "a \"quoted\", field");
    w.money(128050 + i, MoneyForm::kGrouped);
    w.time(local_seconds(2023, 3, 1) + i * 3607, TimeForm::kSlash);
    w.empty();
    w.integer(-i);
    w.end_row();
  }
}

TEST(CsvWriter, QuotesEncodesAndAppendsPartsInOrder) {
  auto dir = std::filesystem::temp_directory_path();
  auto direct_path = dir / ("pitwall-csv-direct-" + std::to_string(::getpid()) + ".csv");
  auto parts_path = dir / ("pitwall-csv-parts-" + std::to_string(::getpid()) + ".csv");
  {
    auto direct = CsvWriter::open(direct_path.string(), FileEncoding::kGb18030);
    ASSERT_TRUE(direct.has_value());
    write_rows(**direct, 0, 200000);  // past the 4 MB flush: the writing thread runs
    EXPECT_EQ((*direct)->rows(), 200000);
    ASSERT_TRUE((*direct)->close().has_value());
  }
  {
    auto file = CsvWriter::open(parts_path.string(), FileEncoding::kGb18030);
    ASSERT_TRUE(file.has_value());
    CsvWriter first(FileEncoding::kGb18030), second(FileEncoding::kGb18030);
    for (int batch = 0; batch < 200000; batch += 1000) {
      write_rows(first, batch, batch + 400);
      write_rows(second, batch + 400, batch + 1000);
      (*file)->append(first);
      (*file)->append(second);
    }
    EXPECT_EQ((*file)->rows(), 200000);
    ASSERT_TRUE((*file)->close().has_value());
  }
  std::string direct = read_file(direct_path), parts = read_file(parts_path);
  EXPECT_EQ(direct, parts);
  // Row 0 by hand: 已支付 in GB18030, the grouped amount quoted, 2023/3/1 0:00:00, -0.
  EXPECT_EQ(direct.substr(0, direct.find("\r\n")),
            "C0,\xD2\xD1\xD6\xA7\xB8\xB6,\"1,280.50\",2023/3/1 0:00:00,,0");
  // Row 1: quotes doubled inside a quoted field; 3,607 s later is 1:00:07.
  size_t second_row = direct.find("\r\n") + 2;
  EXPECT_EQ(direct.substr(second_row, direct.find("\r\n", second_row) - second_row),
            "C1,\"a \"\"quoted\"\", field\",\"1,280.51\",2023/3/1 1:00:07,,-1");
  std::filesystem::remove(direct_path);
  std::filesystem::remove(parts_path);
}

}  // namespace
}  // namespace pitwall::demo
