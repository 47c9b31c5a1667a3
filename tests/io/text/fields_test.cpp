#include "io/text/fields.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "io/tz/tz_database.hpp"

namespace pitwall::io {
namespace {

// 2023-01-01T00:00:00Z is 1,672,531,200 s = day 19,358; 2023-03-31 is 31+28+30 = 89 days later,
// day 19,447, which starts at 19,447 × 86,400 = 1,680,220,800 s.
constexpr int32_t kDay20230331 = 19447;
constexpr int64_t kUtc20230331 = 1'680'220'800;
const core::FixedOffsetZone kShanghai("Asia/Shanghai", 8 * 3600);
const core::FixedOffsetZone kUtc("UTC", 0);

template <typename T>
std::string error_of(const core::Result<T>& r) {
  return r.has_value() ? std::string("<no error>") : r.error().message;
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(Text, TrimsAndFoldsWidth) {
  EXPECT_EQ(trim_text("\xE3\x80\x80 a b\t\xC2\xA0"), "a b");
  EXPECT_EQ(fold_width("１２３４．５"), "1234.5");
  EXPECT_EQ(fold_width("ＡＢＣ～！"), "ABC~!");
  EXPECT_EQ(fold_width("￥\xE3\x80\x80门店"), "¥ 门店");
}

TEST(Text, NormalisesHeaderKeys) {
  EXPECT_EQ(normalize_header_key(" Paid_At "), "paidat");
  EXPECT_EQ(normalize_header_key("paid-at"), "paidat");
  EXPECT_EQ(normalize_header_key("ＰＡＩＤ　ＡＴ"), "paidat");
  EXPECT_EQ(normalize_header_key("客户 ID"), "客户id");
  EXPECT_EQ(normalize_header_key("客户ＩＤ"), "客户id");
}

TEST(Amount, ReadsTheFormsOfFormatsMd) {
  EXPECT_EQ(*parse_amount_fen("1234.5"), 123450);
  EXPECT_EQ(*parse_amount_fen("1,234.50"), 123450);
  EXPECT_EQ(*parse_amount_fen("¥1234.50"), 123450);
  EXPECT_EQ(*parse_amount_fen("￥1234.50"), 123450);
  EXPECT_EQ(*parse_amount_fen("1234.50元"), 123450);
  EXPECT_EQ(*parse_amount_fen("１２３４.５"), 123450);
  EXPECT_EQ(*parse_amount_fen("１，２３４．５０"), 123450);
  EXPECT_EQ(*parse_amount_fen(" 12 "), 1200);
  EXPECT_EQ(*parse_amount_fen("0.01"), 1);
  EXPECT_EQ(*parse_amount_fen(".5"), 50);
  EXPECT_EQ(*parse_amount_fen("1,234,567.89"), 123456789);
}

TEST(Amount, ReadsNegatives) {
  EXPECT_EQ(*parse_amount_fen("-12.30"), -1230);
  EXPECT_EQ(*parse_amount_fen("¥-12.30"), -1230);
  EXPECT_EQ(*parse_amount_fen("-¥12.30"), -1230);
  EXPECT_EQ(*parse_amount_fen("-12.30元"), -1230);
}

TEST(Amount, ExtraDecimalsOnlyWhenZero) {
  EXPECT_EQ(*parse_amount_fen("12.3400"), 1234);
  auto r = parse_amount_fen("12.345");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_TRUE(contains(r.error().message, "\"12.345\"")) << r.error().message;
  EXPECT_TRUE(contains(r.error().message, "more than two decimals")) << r.error().message;
}

TEST(Amount, RefusesWhatIsNotAnAmount) {
  for (std::string_view bad : {"12,3x", "abc", "", "-", "¥", "1.2.3", "12,30", "1,23", "1234,567",
                               "1e5", "12 34", "--5", "元"}) {
    auto r = parse_amount_fen(bad);
    EXPECT_FALSE(r.has_value()) << bad;
    if (!r.has_value() && !bad.empty()) {
      EXPECT_TRUE(contains(r.error().message, std::string("\"") + std::string(bad) + "\""))
          << r.error().message;
      EXPECT_TRUE(contains(r.error().message, "expected")) << r.error().message;
    }
  }
  EXPECT_TRUE(contains(error_of(parse_amount_fen("12345678901234567")), "too large"));
}

TEST(Amount, SnapsSpreadsheetNumbersToTheFen) {
  EXPECT_EQ(*parse_amount_fen("1234.5000000001", CellKind::kNumber), 123450);
  EXPECT_EQ(*parse_amount_fen("0.1", CellKind::kNumber), 10);
  EXPECT_EQ(*parse_amount_fen("-3.0299999999", CellKind::kNumber), -303);
  EXPECT_EQ(*parse_amount_fen("45000", CellKind::kNumber), 4500000);
  auto r = parse_amount_fen("1234.505", CellKind::kNumber);
  EXPECT_TRUE(contains(error_of(r), "more than two decimals")) << error_of(r);
  EXPECT_FALSE(parse_amount_fen("#N/A", CellKind::kError).has_value());
}

TEST(DateTime, ReadsTheFormsOfFormatsMd) {
  // 23:59:59 in Shanghai is 15:59:59Z: 1,680,220,800 + 57,599.
  const int64_t last_second = kUtc20230331 + 57599;
  EXPECT_EQ(*parse_date_time("2023-03-31 23:59:59", kShanghai), last_second);
  EXPECT_EQ(*parse_date_time("2023-03-31 23:59", kShanghai), last_second - 59);
  EXPECT_EQ(*parse_date_time("2023/3/31 23:59:59", kShanghai), last_second);
  EXPECT_EQ(*parse_date_time("2023年3月31日 23:59:59", kShanghai), last_second);
  EXPECT_EQ(*parse_date_time("２０２３－０３－３１　２３：５９：５９", kShanghai), last_second);
  EXPECT_EQ(*parse_date_time("2023-03-31 23:59:59.750", kShanghai), last_second);
  // 2023-03-06 09:30 local = 01:30Z; day 19,358 + 31 + 28 + 5 = 19,422.
  EXPECT_EQ(*parse_date_time("2023/3/6 9:30", kShanghai), 19422LL * 86400 + 5400);
  // A date alone is local midnight: 16:00Z the day before.
  EXPECT_EQ(*parse_date_time("2023-03-31", kShanghai), kUtc20230331 - 8 * 3600);
}

TEST(DateTime, ExplicitOffsetWinsOverTheZone) {
  const int64_t last_second = kUtc20230331 + 57599;
  EXPECT_EQ(*parse_date_time("2023-03-31T23:59:59+08:00", kUtc), last_second);
  EXPECT_EQ(*parse_date_time("2023-03-31T15:59:59Z", kShanghai), last_second);
  EXPECT_EQ(*parse_date_time("2023-03-31 17:59:59+0200", kShanghai), last_second);
}

TEST(DateTime, ReadsExcelSerialsAsLocalTime) {
  // Serial of 2023-03-31 = 19,447 + 25,569 = 45,016; 23:59:59 = 86,399 / 86,400 of a day.
  EXPECT_EQ(*parse_date_time("45016.99998842593", kShanghai, CellKind::kDate),
            kUtc20230331 + 57599);
  // 45016.5 is noon local, 04:00Z.
  EXPECT_EQ(*parse_date_time("45016.5", kShanghai, CellKind::kNumber), kUtc20230331 + 4 * 3600);
  // Rounded to the nearest second: 0.4 s past noon.
  EXPECT_EQ(*parse_date_time("45016.500004629", kShanghai, CellKind::kDate),
            kUtc20230331 + 4 * 3600);
  // Before the phantom 1900-02-29 serials are a day early: 1 is 1900-01-01 (day -25,567).
  EXPECT_EQ(*parse_date_time("1", kUtc, CellKind::kDate), -25567LL * 86400);
  EXPECT_EQ(*parse_date_time("61", kUtc, CellKind::kDate), (-25567LL + 59) * 86400);
  EXPECT_FALSE(parse_date_time("60", kUtc, CellKind::kDate).has_value());
  EXPECT_FALSE(parse_date_time("0.375", kUtc, CellKind::kDate).has_value());
}

TEST(DateTime, ErrorSaysWhatWasFoundAndExpected) {
  auto r = parse_date_time("2023-13-01 10:00", kShanghai);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message,
            "cannot read \"2023-13-01 10:00\" as a date-time (expected a date-time like "
            "2023-03-31 23:59:59)");
  for (std::string_view bad : {"2023-02-29", "2023-03-31 24:00", "2023-03-31 10", "31/03/2023",
                               "2023-03/31", "2023-03-31 10:00 PM", "45016", ""}) {
    EXPECT_FALSE(parse_date_time(bad, kShanghai).has_value()) << bad;
  }
}

TEST(CachedZone, AgreesWithTheTzDatabaseAcrossDaylightSaving) {
  // America/New_York springs forward on 2023-03-12 at 02:00 and falls back on 2023-11-05.
  auto zone = io::find_time_zone("America/New_York");
  ASSERT_TRUE(zone.has_value());
  CachedZone cached(**zone);
  for (int day = 1; day <= 31; day += 5) {
    for (int hour = 0; hour < 24; ++hour) {
      core::CivilTime march{2023, 3, day, hour, 30, 0};
      core::CivilTime november{2023, 11, day > 30 ? 30 : day, hour, 30, 0};
      EXPECT_EQ(cached.to_utc(march), (*zone)->to_utc(march));
      EXPECT_EQ(cached.to_utc(november), (*zone)->to_utc(november));
    }
  }
  core::CivilTime gap{2023, 3, 12, 2, 30, 0};
  EXPECT_EQ(cached.to_utc(gap), (*zone)->to_utc(gap));
  core::CivilTime overlap{2023, 11, 5, 1, 30, 0};
  EXPECT_EQ(cached.to_utc(overlap), (*zone)->to_utc(overlap));
  // Shanghai has one offset all year: 2023-03-31 23:59:59 local.
  auto shanghai = io::find_time_zone("Asia/Shanghai");
  ASSERT_TRUE(shanghai.has_value());
  CachedZone cached_shanghai(**shanghai);
  EXPECT_EQ(*parse_date_time("2023-03-31 23:59:59", cached_shanghai), kUtc20230331 + 57599);
}

TEST(Date, ReadsDatesAsLocalDays) {
  EXPECT_EQ(*parse_local_date("2023-03-31"), kDay20230331);
  EXPECT_EQ(*parse_local_date("2023/3/31"), kDay20230331);
  EXPECT_EQ(*parse_local_date("2023年3月31日"), kDay20230331);
  EXPECT_EQ(*parse_local_date("2023-03-31 00:00:00"), kDay20230331);
  EXPECT_EQ(*parse_local_date("45016", CellKind::kDate), kDay20230331);
  EXPECT_EQ(*parse_local_date("45016.75", CellKind::kNumber), kDay20230331);
  EXPECT_EQ(*parse_local_date("1969-12-31"), -1);
  auto r = parse_local_date("2023-02-30");
  EXPECT_TRUE(contains(error_of(r), "as a date (expected a date like 2023-03-31)")) << error_of(r);
}

TEST(Bool, ReadsEveryListedWord) {
  for (std::string_view yes :
       {"是", "true", "TRUE", "1", "Y", "y", "yes", "Yes", "通过", "pass", "ＰＡＳＳ", " 是 "}) {
    EXPECT_TRUE(*parse_bool(yes)) << yes;
  }
  for (std::string_view no : {"否", "false", "False", "0", "N", "no", "未通过", "fail"}) {
    EXPECT_FALSE(*parse_bool(no)) << no;
  }
  EXPECT_TRUE(*parse_bool("1", CellKind::kBool));
  auto r = parse_bool("maybe");
  EXPECT_TRUE(contains(error_of(r), "\"maybe\"")) << error_of(r);
  EXPECT_TRUE(contains(error_of(r), "是 or 否")) << error_of(r);
}

TEST(Rate, ReadsDecimalsAndPercentages) {
  EXPECT_EQ(parse_rate("0.5")->basis(), 5000);
  EXPECT_EQ(parse_rate("50%")->basis(), 5000);
  EXPECT_EQ(parse_rate("５０％")->basis(), 5000);
  EXPECT_EQ(parse_rate(" 6% ")->basis(), 600);
  EXPECT_EQ(parse_rate("0.060000000000000005", CellKind::kNumber)->basis(), 600);
  EXPECT_FALSE(parse_rate("0.12345").has_value());
  EXPECT_FALSE(parse_rate("0.12345", CellKind::kNumber).has_value());
  EXPECT_FALSE(parse_rate("half").has_value());
}

TEST(Integer, ReadsWholeNumbers) {
  EXPECT_EQ(*parse_integer("42"), 42);
  EXPECT_EQ(*parse_integer("-7"), -7);
  EXPECT_EQ(*parse_integer("1,234"), 1234);
  EXPECT_EQ(*parse_integer("12.00"), 12);
  EXPECT_EQ(*parse_integer("４２"), 42);
  EXPECT_EQ(*parse_integer("42", CellKind::kNumber), 42);
  EXPECT_FALSE(parse_integer("12.5").has_value());
  EXPECT_FALSE(parse_integer("12.5", CellKind::kNumber).has_value());
  EXPECT_TRUE(contains(error_of(parse_integer("x1")), "whole number"));
  EXPECT_FALSE(parse_integer("99999999999999999999").has_value());
}

TEST(Real, ReadsFiniteNumbers) {
  EXPECT_DOUBLE_EQ(*parse_real("3.5"), 3.5);
  EXPECT_DOUBLE_EQ(*parse_real("-0.25"), -0.25);
  EXPECT_DOUBLE_EQ(*parse_real("+1e3"), 1000.0);
  EXPECT_DOUBLE_EQ(*parse_real("７.５"), 7.5);
  EXPECT_FALSE(parse_real("nan").has_value());
  EXPECT_FALSE(parse_real("inf").has_value());
  EXPECT_FALSE(parse_real("3.5x").has_value());
}

TEST(Status, ReadsChineseAndEnglishWords) {
  using core::OrderStatus;
  EXPECT_EQ(*parse_order_status("已下单"), OrderStatus::kCreated);
  EXPECT_EQ(*parse_order_status("待支付"), OrderStatus::kCreated);
  EXPECT_EQ(*parse_order_status("created"), OrderStatus::kCreated);
  EXPECT_EQ(*parse_order_status("已支付"), OrderStatus::kPaid);
  EXPECT_EQ(*parse_order_status("PAID"), OrderStatus::kPaid);
  EXPECT_EQ(*parse_order_status("已核销"), OrderStatus::kRedeemed);
  EXPECT_EQ(*parse_order_status("已完成"), OrderStatus::kRedeemed);
  EXPECT_EQ(*parse_order_status("redeemed"), OrderStatus::kRedeemed);
  EXPECT_EQ(*parse_order_status("已取消"), OrderStatus::kCancelled);
  EXPECT_EQ(*parse_order_status("Cancelled"), OrderStatus::kCancelled);
  EXPECT_EQ(*parse_order_status("退款中"), OrderStatus::kRefunding);
  EXPECT_EQ(*parse_order_status("refunding"), OrderStatus::kRefunding);
  EXPECT_EQ(*parse_order_status("已退款"), OrderStatus::kRefunded);
  EXPECT_EQ(*parse_order_status(" refunded "), OrderStatus::kRefunded);
  auto r = parse_order_status("发货");
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(contains(r.error().message, "\"发货\"")) << r.error().message;
  EXPECT_TRUE(contains(r.error().message, "已下单")) << r.error().message;
  EXPECT_TRUE(contains(r.error().message, "refunded")) << r.error().message;
}

TEST(Words, MapsChineseAndEnglishWordsToCanonicalIndices) {
  namespace w = core::words;
  EXPECT_EQ(*parse_word("名额已满", w::kComplaintCategories), 0);
  EXPECT_EQ(*parse_word("quota full", w::kComplaintCategories), 0);
  EXPECT_EQ(*parse_word("承诺超出权益", w::kComplaintCategories), 4);
  EXPECT_EQ(*parse_word("其他", w::kComplaintCategories), 5);
  EXPECT_EQ(*parse_word("物料到位", w::kChecklistItems), 0);
  EXPECT_EQ(*parse_word("规则掌握", w::kChecklistItems), 1);
  EXPECT_EQ(*parse_word("redemption_system", w::kChecklistItems), 2);
  EXPECT_EQ(*parse_word("礼品数量", w::kChecklistItems), 3);
  EXPECT_EQ(*parse_word("主动告知", w::kChecklistItems), 4);
  EXPECT_EQ(*parse_word("电话", w::kSpotCheckChannels), 0);
  EXPECT_EQ(*parse_word("视频", w::kSpotCheckChannels), 1);
  EXPECT_EQ(*parse_word("总部", w::kSurveyLevels), 0);
  EXPECT_EQ(*parse_word("区域", w::kSurveyLevels), 1);
  EXPECT_EQ(*parse_word("店长", w::kSurveyLevels), 2);
  EXPECT_EQ(*parse_word("Store Manager", w::kSurveyLevels), 2);
  EXPECT_EQ(*parse_word("一线", w::kSurveyLevels), 3);
  EXPECT_EQ(*parse_word("服务", w::kChurnReasons), 0);
  EXPECT_EQ(*parse_word("价格", w::kChurnReasons), 1);
  EXPECT_EQ(*parse_word("便利性", w::kChurnReasons), 2);
  EXPECT_EQ(*parse_word("其他", w::kChurnReasons), 3);
  EXPECT_EQ(*parse_word("KOC", w::kInfluence), 0);
  EXPECT_EQ(*parse_word("车友会", w::kInfluence), 1);
  EXPECT_EQ(*parse_word("普通", w::kInfluence), 2);
  EXPECT_EQ(*parse_word("中文", w::kLanguages), 0);
  EXPECT_EQ(*parse_word("EN", w::kLanguages), 1);
  EXPECT_EQ(*parse_word("客户ID", w::kBlacklistKinds), 0);
  EXPECT_EQ(*parse_word("手机号", w::kBlacklistKinds), 1);
  EXPECT_EQ(*parse_word("车架号", w::kBlacklistKinds), 2);
  EXPECT_EQ(*parse_word("vin", w::kBlacklistKinds), 2);
  EXPECT_EQ(*parse_word("设备号", w::kBlacklistKinds), 3);
  EXPECT_EQ(*parse_word("payment_account", w::kBlacklistKinds), 4);
  EXPECT_EQ(*parse_word("支付账号", w::kBlacklistKinds), 4);
}

TEST(Words, UnknownWordListsTheAcceptedOnes) {
  auto r = parse_word("物料缺失", core::words::kChecklistItems);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(contains(r.error().message, "\"物料缺失\"")) << r.error().message;
  EXPECT_TRUE(contains(r.error().message, "物料到位, materials")) << r.error().message;
  EXPECT_EQ(accepted_words(core::words::kSpotCheckChannels), "电话, phone, 视频, video");
}

TEST(Words, UnknownListAcceptsItsCanonicalTokens) {
  static constexpr std::string_view kList[] = {"alpha", "beta_two"};
  EXPECT_EQ(*parse_word("Beta Two", kList), 1);
  EXPECT_FALSE(parse_word("gamma", kList).has_value());
}

core::ColumnDef column(core::ValueType type, std::span<const std::string_view> words = {}) {
  return core::ColumnDef{"c", type, false, words};
}

TEST(Cell, EmptyCellsAreNull) {
  using core::ValueType;
  auto time = *parse_cell(column(ValueType::kTime), " ", CellKind::kText, kShanghai);
  EXPECT_TRUE(time.is_null);
  EXPECT_EQ(time.i64, core::kNoTime);
  EXPECT_EQ(parse_cell(column(ValueType::kMoney), "", CellKind::kText, kShanghai)->i64,
            core::kNoFen);
  EXPECT_EQ(parse_cell(column(ValueType::kInt), "", CellKind::kText, kShanghai)->i64, core::kNoInt);
  EXPECT_EQ(parse_cell(column(ValueType::kBool), "", CellKind::kText, kShanghai)->i32,
            core::kNoSmall);
  EXPECT_TRUE(
      std::isnan(parse_cell(column(ValueType::kReal), "", CellKind::kText, kShanghai)->f64));
  EXPECT_TRUE(parse_cell(column(ValueType::kText), "  ", CellKind::kText, kShanghai)->is_null);
}

// Number columns hold the range formats.md states (issue 22): a satisfaction of 11, a negative
// day count or a margin of 150% is refused naming the column and the range; the edges are taken.
TEST(Cell, Issue22NumbersOutsideTheirColumnsRangeAreRefused) {
  auto col = [](core::TableKind kind, std::string_view name) {
    const core::TableSchema& s = core::table_schema(kind);
    return s.columns[s.column_index(name)];
  };
  struct Case {
    core::TableKind kind;
    std::string_view column, text;
    bool taken;
  };
  const Case cases[] = {
      {core::TableKind::kChurned, "satisfaction", "10", true},
      {core::TableKind::kChurned, "satisfaction", "10.01", false},
      {core::TableKind::kChurned, "satisfaction", "-0.5", false},
      {core::TableKind::kChurned, "months_churned", "0", true},
      {core::TableKind::kChurned, "months_churned", "1200.5", false},
      {core::TableKind::kChurned, "margin", "100%", true},
      {core::TableKind::kChurned, "margin", "150%", false},
      {core::TableKind::kChurned, "cheapest_only_share", "-0.1", false},
      {core::TableKind::kChurned, "booking_lead_days", "3651", false},
      {core::TableKind::kChurned, "visits_per_year", "1e9", false},
      {core::TableKind::kStoreDay, "participants", "-1", false},
      {core::TableKind::kStoreDay, "participants", "1000000000", true},
      {core::TableKind::kSurvey, "quiz_score", "100", true},
      {core::TableKind::kSurvey, "willingness", "101", false},
      {core::TableKind::kOrders, "tax_rate", "13%", true},
      {core::TableKind::kOrders, "tax_rate", "-13%", false},
  };
  for (const Case& c : cases) {
    auto v = parse_cell(col(c.kind, c.column), c.text, CellKind::kText, kShanghai);
    EXPECT_EQ(v.has_value(), c.taken) << c.column << " " << c.text;
    if (!v) {
      EXPECT_NE(v.error().message.find(std::string(c.column)), std::string::npos)
          << v.error().message;
      EXPECT_NE(v.error().message.find("outside the range"), std::string::npos);
    }
  }
}

TEST(Cell, DispatchesByColumnType) {
  using core::ValueType;
  EXPECT_EQ(parse_cell(column(ValueType::kText), " S001 ", CellKind::kText, kShanghai)->text,
            "S001");
  EXPECT_EQ(parse_cell(column(ValueType::kMoney), "¥12.30", CellKind::kText, kShanghai)->i64, 1230);
  EXPECT_EQ(parse_cell(column(ValueType::kDate), "2023-03-31", CellKind::kText, kShanghai)->i32,
            kDay20230331);
  EXPECT_EQ(parse_cell(column(ValueType::kRate), "6%", CellKind::kText, kShanghai)->i32, 600);
  EXPECT_EQ(parse_cell(column(ValueType::kBool), "是", CellKind::kText, kShanghai)->i32, 1);
  EXPECT_EQ(parse_cell(column(ValueType::kStatus), "已支付", CellKind::kText, kShanghai)->i32,
            static_cast<int32_t>(core::OrderStatus::kPaid));
  EXPECT_EQ(parse_cell(column(ValueType::kWord, core::words::kInfluence), "车友会", CellKind::kText,
                       kShanghai)
                ->i32,
            1);
  EXPECT_DOUBLE_EQ(parse_cell(column(ValueType::kReal), "7.5", CellKind::kText, kShanghai)->f64,
                   7.5);
  EXPECT_FALSE(
      parse_cell(column(ValueType::kMoney), "#N/A", CellKind::kError, kShanghai).has_value());
  // 100000000% = 1,000,000 = 10^10 ten-thousandths: more than an int32 column holds.
  EXPECT_FALSE(
      parse_cell(column(ValueType::kRate), "100000000%", CellKind::kText, kShanghai).has_value());
}

}  // namespace
}  // namespace pitwall::io
