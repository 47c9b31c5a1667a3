// OrderAmounts: 32-bit amounts per order with a side list for the rare larger one; reads give
// back exactly what was set.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/definitions/evaluation.hpp"

namespace pitwall::core {
namespace {

TEST(OrderAmounts, KeepsEveryValueIncludingBeyondThirtyTwoBits) {
  // INT32_MIN itself is the marker of a wide amount, so it must go to the side list too.
  std::vector<int64_t> values = {
      0, 12050,     -300,         INT32_MAX, INT32_MIN, int64_t{1} << 40, -(int64_t{1} << 35),
      7, INT64_MAX, INT64_MIN + 1};
  OrderAmounts a(values);
  ASSERT_EQ(a.size(), values.size());
  for (size_t k = 0; k < values.size(); ++k) EXPECT_EQ(a[k], values[k]) << "order " << k;
}

TEST(OrderAmounts, WideValuesSetOutOfOrderAndOverwritten) {
  OrderAmounts a;
  a.resize(5);
  // Set from "two threads": the narrow ones directly, the wide ones afterwards in any order.
  EXPECT_TRUE(a.set_narrow(0, 100));
  EXPECT_FALSE(a.set_narrow(3, int64_t{5} << 32));
  EXPECT_FALSE(a.set_narrow(1, -(int64_t{3} << 32)));
  a.set_wide(3, int64_t{5} << 32);
  a.set_wide(1, -(int64_t{3} << 32));
  EXPECT_EQ(a[0], 100);
  EXPECT_EQ(a[1], -(int64_t{3} << 32));
  EXPECT_EQ(a[2], 0);
  EXPECT_EQ(a[3], int64_t{5} << 32);
  // Overwritten: wide by wide, wide by narrow, narrow by wide.
  a.set(3, int64_t{6} << 32);
  a.set(1, 42);
  a.set(0, int64_t{1} << 33);
  EXPECT_EQ(a[3], int64_t{6} << 32);
  EXPECT_EQ(a[1], 42);
  EXPECT_EQ(a[0], int64_t{1} << 33);
  EXPECT_EQ(a, OrderAmounts(std::vector<int64_t>{int64_t{1} << 33, 42, 0, int64_t{6} << 32, 0}));
  EXPECT_FALSE(a == OrderAmounts(std::vector<int64_t>{int64_t{1} << 33, 42, 0, 0, 0}));
}

}  // namespace
}  // namespace pitwall::core
