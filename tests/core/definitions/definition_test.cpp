#include "core/definitions/definition.hpp"

#include <gtest/gtest.h>

namespace pitwall::core {
namespace {

TEST(MetricDefinition, VectorD1FinanceVersion) {
  MetricDefinition d;
  d.name = "finance";
  d.time_basis = TimeBasis::kPaidAt;
  d.statuses[static_cast<int>(OrderStatus::kPaid)] = true;
  d.statuses[static_cast<int>(OrderStatus::kRedeemed)] = true;
  EXPECT_EQ(d.normalised_json(),
            "{\"amount\":\"received\",\"attribution\":\"transacting_store\",\"cleaned\":false,"
            "\"statuses\":[\"paid\",\"redeemed\"],\"tax_inclusive\":true,\"time_basis\":"
            "\"paid_at\"}");
  EXPECT_EQ(d.version(), "4ef54d");
  EXPECT_EQ(d.tag(), "finance@4ef54d");
}

TEST(MetricDefinition, VectorD2Ops2Version) {
  MetricDefinition d;
  d.name = "ops2";
  d.time_basis = TimeBasis::kCreatedAt;
  for (auto s : {OrderStatus::kRefunded, OrderStatus::kPaid, OrderStatus::kCreated,
                 OrderStatus::kRedeemed, OrderStatus::kRefunding, OrderStatus::kPaid}) {
    d.statuses[static_cast<int>(s)] = true;
  }
  EXPECT_EQ(d.version(), "f34c1c");
}

}  // namespace
}  // namespace pitwall::core
