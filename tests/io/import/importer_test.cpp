#include "io/import/importer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/encoding/gb18030.hpp"

namespace pitwall::io {
namespace {

const core::FixedOffsetZone kShanghai("Asia/Shanghai", 8 * 3600);

struct Imported {
  core::Table table = core::Table::empty(core::TableKind::kOrders);
  ImportStats stats;
  std::vector<core::Error> errors;
  std::vector<std::string> kinds;
};

core::Result<Imported> import_csv(std::string_view bytes, core::TableKind kind) {
  auto source = TRY(open_csv_bytes(bytes, Encoding::kAuto, "orders.csv"));
  TableCollector sink(kind);
  Imported out;
  ImportSettings settings;
  settings.kind = kind;
  settings.display_name = "orders.csv";
  settings.zone = &kShanghai;
  settings.chunk_rows = 2;  // several chunks even for tiny files
  settings.on_row_error = [&](const core::Error& e, const std::string& k) {
    out.errors.push_back(e);
    out.kinds.push_back(k);
  };
  out.stats = TRY(import_rows(*source, settings, sink));
  out.table = std::move(sink.table());
  return out;
}

TEST(Importer, ChineseHeadersAndValueForms) {
  std::string csv =
      "订单号,客户ID,门店编码,订单状态,下单时间,支付时间,实付金额,手机号,备注列\n"
      "O1,C1,S001,已支付,2023/3/6 9:30,2023-03-06 09:40:00,\"¥1,234.50\",+86 138 0000 0000,x\n"
      "O2,C2,,已下单,2023-03-31 23:59:59,,,13800000001,y\n";
  auto r = import_csv(csv, core::TableKind::kOrders).release_value();
  EXPECT_EQ(r.stats.rows_read, 2);
  EXPECT_EQ(r.stats.loaded, 2);
  ASSERT_EQ(r.stats.unknown_columns.size(), 1u);
  EXPECT_EQ(r.stats.unknown_columns[0], "备注列");
  const auto& t = r.table;
  EXPECT_EQ(t.text(core::orders::kOrderId, 0), "O1");
  EXPECT_EQ(t.i64(core::orders::kPaidAmount, 0), 123450);
  // 2023-03-06 09:30 +08:00 = 2023-03-06T01:30:00Z = 1678066200.
  EXPECT_EQ(t.i64(core::orders::kCreatedAt, 0), 1678066200);
  EXPECT_EQ(t.i32(core::orders::kStatus, 0), static_cast<int32_t>(core::OrderStatus::kPaid));
  EXPECT_EQ(t.i32(core::orders::kStatus, 1), static_cast<int32_t>(core::OrderStatus::kCreated));
  // An empty store code is allowed in a row (closeout.md fills it).
  EXPECT_EQ(t.text(core::orders::kStoreCode, 1), "");
  EXPECT_EQ(t.i64(core::orders::kPaidAt, 1), core::kNoTime);
  EXPECT_EQ(t.i64(core::orders::kPaidAmount, 1), core::kNoFen);
  EXPECT_EQ(t.lines[1], 3);
}

TEST(Importer, BadRowsAreReportedByLineAndColumnAndSkipped) {
  std::string csv =
      "order_id,customer_id,store_code,status,created_at,paid_amount\n"
      "O1,C1,S1,paid,2023-03-01 10:00,100\n"
      "O2,C2,S1,paid,2023-13-01 10:00,100\n"
      "O3,,S1,paid,2023-03-01 10:00,100\n"
      "O4,C4,S1,shipped,2023-03-01 10:00,12.345\n"
      "O5,C5,S1,paid,2023-03-01 10:00,100\n";
  auto r = import_csv(csv, core::TableKind::kOrders).release_value();
  EXPECT_EQ(r.stats.rows_read, 5);
  EXPECT_EQ(r.stats.loaded, 2);
  EXPECT_EQ(r.stats.rejected, 3);
  ASSERT_EQ(r.table.rows(), 2u);
  EXPECT_EQ(r.table.text(core::orders::kOrderId, 1), "O5");
  // Every bad field is named, row O4 has two.
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].where.file, "orders.csv");
  EXPECT_EQ(r.errors[0].where.line, 3);
  EXPECT_EQ(r.errors[0].where.column, "created_at");
  EXPECT_EQ(r.errors[1].where.line, 4);
  EXPECT_EQ(r.errors[1].where.column, "customer_id");
  EXPECT_EQ(r.errors[2].where.column, "status");
  EXPECT_EQ(r.errors[3].where.column, "paid_amount");
  EXPECT_EQ(r.kinds[0], "created_at: date-time");
  EXPECT_EQ(r.kinds[1], "customer_id: missing");
}

TEST(Importer, ErrorsNameTheHeaderAsWrittenAndTheCanonicalName) {
  std::string csv = "订单号,客户ID,门店编码,订单状态,下单时间\nO1,C1,S1,已支付,2023-13-01\n";
  auto r = import_csv(csv, core::TableKind::kOrders).release_value();
  ASSERT_EQ(r.errors.size(), 1u);
  std::string expected = "orders.csv:2: 下单时间 (created_at): ";
  EXPECT_EQ(r.errors[0].to_string().substr(0, expected.size()), expected);
}

TEST(Importer, MissingRequiredColumnNamesTheAliasesTried) {
  auto r = import_csv("订单号,客户ID,订单状态,下单时间\nO1,C1,paid,2023-03-01\n",
                      core::TableKind::kOrders);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 1);
  EXPECT_NE(r.error().message.find("store_code"), std::string::npos);
  EXPECT_NE(r.error().message.find("门店编码"), std::string::npos);
}

TEST(Importer, HeaderAliasesIgnoreWidthCaseAndSeparators) {
  // Full-width "ｏｒｄｅｒ＿ｉｄ", mixed case and spaces.
  std::string csv =
      "ｏｒｄｅｒ＿ｉｄ,Customer ID,STORE-CODE,Status,created_at\nO1,C1,S1,paid,2023-03-01\n";
  auto r = import_csv(csv, core::TableKind::kOrders).release_value();
  EXPECT_EQ(r.stats.loaded, 1);
  EXPECT_EQ(r.table.text(core::orders::kCustomerId, 0), "C1");
}

TEST(Importer, Gb18030WithChineseWords) {
  std::string utf8 =
      "日期,门店编码,触达客户数,参与人数\n2023/3/1,S001,100,18\n2023-03-02,S001,120,30\n";
  auto gbk = utf8_to_gb18030(utf8).release_value();
  auto r = import_csv(gbk, core::TableKind::kStoreDay).release_value();
  ASSERT_EQ(r.table.rows(), 2u);
  // 2023-03-01 is day 19417 since 1970-01-01 (53 years incl. 13 leap days: 53*365+13 = 19358,
  // plus Jan 31 + Feb 28 = 59 -> 19417).
  EXPECT_EQ(r.table.i32(core::store_day::kDate, 0), 19417);
  EXPECT_EQ(r.table.i64(core::store_day::kParticipants, 1), 30);
}

}  // namespace
}  // namespace pitwall::io
