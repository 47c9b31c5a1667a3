// The import summary's error counts in words (issue 23): the kinds stay tokens in JSON, the
// terminal shows them as a reader says them. Expected texts written from the catalogue by hand.
#include <gtest/gtest.h>

#include "app/workspace/workspace.hpp"

namespace pitwall::app::workspace {
namespace {

TEST(ImportErrorKinds, AreWordsInTheReadersLanguage) {
  EXPECT_EQ(error_kind_words(Lang::kZh, "orders", "paid_at: date-time"), "支付时间：应为日期时间");
  EXPECT_EQ(error_kind_words(Lang::kEn, "orders", "paid_at: date-time"),
            "paid_at: expected a date-time");
  EXPECT_EQ(error_kind_words(Lang::kZh, "orders", "paid_amount: amount"), "实付金额：应为金额");
  EXPECT_EQ(error_kind_words(Lang::kZh, "orders", "store_code: missing"), "门店编码：必填但为空");
  EXPECT_EQ(error_kind_words(Lang::kZh, "orders", "tax_rate: rate"), "税率：应为比率");
  EXPECT_EQ(error_kind_words(Lang::kZh, "stores", "unreadable row"), "无法读取的行");
  EXPECT_EQ(error_kind_words(Lang::kEn, "stores", "unreadable row"), "unreadable row");
  // A column with no Chinese alias, or an unknown import kind, keeps the column's name.
  EXPECT_EQ(error_kind_words(Lang::kZh, "nonsense", "x: whole number"), "x：应为整数");
}

}  // namespace
}  // namespace pitwall::app::workspace
