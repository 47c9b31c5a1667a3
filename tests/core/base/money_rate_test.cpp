#include <gtest/gtest.h>

#include "core/base/money.hpp"
#include "core/base/rate.hpp"

namespace pitwall::core {
namespace {

TEST(Money, FormatsYuanWithTwoDecimals) {
  EXPECT_EQ(Money::from_fen(123450).to_yuan_string(), "1234.50");
  EXPECT_EQ(Money::from_fen(-5).to_yuan_string(), "-0.05");
  EXPECT_EQ(Money::from_fen(123456789).to_display_string(), "1,234,567.89");
  EXPECT_EQ(Money::from_fen(99).to_display_string(), "0.99");
}

TEST(Rate, ParsesDecimalsAndPercentages) {
  EXPECT_EQ(Rate::parse("0.05")->basis(), 500);
  EXPECT_EQ(Rate::parse("5%")->basis(), 500);
  EXPECT_EQ(Rate::parse("0.3333")->basis(), 3333);
  EXPECT_EQ(Rate::parse("52.5%")->basis(), 5250);
  EXPECT_EQ(Rate::parse("1")->basis(), 10000);
  EXPECT_EQ(Rate::parse("0.50000")->basis(), 5000);  // trailing zeros are exact
}

TEST(Rate, RefusesMoreThanFourPlaces) {
  EXPECT_FALSE(Rate::parse("0.12345").has_value());
  EXPECT_FALSE(Rate::parse("5.125%").has_value());
  EXPECT_FALSE(Rate::parse("abc").has_value());
  EXPECT_FALSE(Rate::parse("").has_value());
}

TEST(Rate, AppliesWithOneHalfUpRounding) {
  // 5% of 100.01 yuan = 500.05 fen -> 500 fen? 10001 * 500 / 10000 = 500.05 -> 500.
  EXPECT_EQ(Rate::parse("0.05")->apply(Money::from_fen(10001)).fen(), 500);
  // 5% of 100.10 = 500.5 fen -> half up -> 501.
  EXPECT_EQ(Rate::parse("0.05")->apply(Money::from_fen(10010)).fen(), 501);
  // 106.00 / 1.06 = 100.00 exactly.
  EXPECT_EQ(Rate::parse("0.06")->divide_one_plus(Money::from_fen(10600)).fen(), 10000);
  // 100.00 / 1.06 = 94.3396... -> 94.34
  EXPECT_EQ(Rate::parse("0.06")->divide_one_plus(Money::from_fen(10000)).fen(), 9434);
}

TEST(Rate, RoundsNegativesAwayFromZeroAtTheHalf) {
  // -5% of 100.10 = -500.5 fen -> -501 (half away from zero, as the magnitude rounds up).
  EXPECT_EQ(Rate::parse("-0.05")->apply(Money::from_fen(10010)).fen(), -501);
  // -100.00 / 1.06 = -94.3396... -> -94.34
  EXPECT_EQ(Rate::parse("0.06")->divide_one_plus(Money::from_fen(-10000)).fen(), -9434);
}

TEST(Rate, StaysExactBeyondSixtyFourBitProducts) {
  // 9e17 fen x 10000 does not fit in 64 bits: 9e17 / 1.06 = 849056603773584905.66... -> ...906.
  EXPECT_EQ(Rate::parse("0.06")->divide_one_plus(Money::from_fen(900000000000000000)).fen(),
            849056603773584906);
  // 50% of 9e18 - 1 fen = 4499999999999999999.5 -> half up -> 4500000000000000000.
  EXPECT_EQ(Rate::parse("0.5")->apply(Money::from_fen(8999999999999999999)).fen(),
            4500000000000000000);
  EXPECT_EQ(Rate::parse("0.5")->apply(Money::from_fen(-8999999999999999999)).fen(),
            -4500000000000000000);
}

}  // namespace
}  // namespace pitwall::core
