#include "core/workflow/authorization.hpp"

#include <gtest/gtest.h>

namespace pitwall::core {
namespace {

const Actor kStore1{"王芳", "store", "S001"};
const Actor kRegionEast{"李娜", "region", "华东战区"};
const Actor kFinance{"张伟", "finance", ""};
const Actor kArbiter{"刘洋", "arbiter", ""};
const Actor kHq{"陈静", "hq", ""};

TEST(Authorization, StoreConfirmsOnlyItsOwnOrders) {
  EXPECT_TRUE(authorize(kStore1, Action::kConfirmStore, {.store = "S001"}));
  auto other = authorize(kStore1, Action::kConfirmStore, {.store = "S002"});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);
}

TEST(Authorization, StoreDisputesOwnOrdersAndClaimsOthers) {
  EXPECT_TRUE(authorize(kStore1, Action::kDisputeValidity, {.order_store = "S001"}));
  EXPECT_FALSE(authorize(kStore1, Action::kDisputeValidity, {.order_store = "S002"}));
  EXPECT_TRUE(authorize(kStore1, Action::kClaimOrder, {.store = "S001", .order_store = "S002"}));
  // Claiming for another store, or an order it already has, is refused.
  EXPECT_FALSE(authorize(kStore1, Action::kClaimOrder, {.store = "S003", .order_store = "S002"}));
  EXPECT_FALSE(authorize(kStore1, Action::kClaimOrder, {.store = "S001", .order_store = "S001"}));
}

TEST(Authorization, RegionSignsOnlyItsRegion) {
  EXPECT_TRUE(authorize(kRegionEast, Action::kSignRegion, {.region = "华东战区"}));
  EXPECT_FALSE(authorize(kRegionEast, Action::kSignRegion, {.region = "华南战区"}));
  EXPECT_FALSE(authorize(kStore1, Action::kSignRegion, {.region = "华东战区"}));
}

TEST(Authorization, FinanceArbiterAndHqRoles) {
  EXPECT_TRUE(authorize(kFinance, Action::kSignFinance, {}));
  EXPECT_FALSE(authorize(kHq, Action::kSignFinance, {}));
  EXPECT_TRUE(authorize(kArbiter, Action::kArbitrate, {}));
  EXPECT_FALSE(authorize(kArbiter, Action::kArbitrate, {.arbiter = "someone else"}));
  EXPECT_FALSE(authorize(kHq, Action::kArbitrate, {}));
  EXPECT_TRUE(authorize(kHq, Action::kFreeze, {}));
  EXPECT_FALSE(authorize(kFinance, Action::kSeal, {}));
  EXPECT_TRUE(authorize(kFinance, Action::kCarryOver, {}));
}

}  // namespace
}  // namespace pitwall::core
