#include "core/closeout/synthetic.hpp"

#include <gtest/gtest.h>

#include "core/closeout/closeout.hpp"

namespace pitwall::core::closeout {
namespace {

TEST(Synthetic, RunsEndToEnd) {
  SyntheticOptions o;
  o.orders = 20000;
  SyntheticCampaign s = generate_synthetic(o);
  FixedOffsetZone zone("Asia/Shanghai", 8 * 3600);
  CloseoutInputs in = s.inputs(zone);
  auto r = run_closeout(in);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->orders.size(), 20000u);
  for (const auto& e : r->evaluations) {
    std::printf("%s %lld %lld\n", e.tag().c_str(), (long long)e.total.orders,
                (long long)e.total.amount_fen);
  }
  int counts[kRuleCount] = {};
  for (const auto& f : r->findings.items()) counts[static_cast<int>(f.rule)]++;
  for (int i = 0; i < kRuleCount; ++i) {
    std::printf("%s %d\n", std::string(rule_token(static_cast<Rule>(i))).c_str(), counts[i]);
  }
  std::printf("rings %zu gray %zu problems %zu\n", r->rings.size(), r->gray_zone.size(),
              r->problems.size());
}

}  // namespace
}  // namespace pitwall::core::closeout
