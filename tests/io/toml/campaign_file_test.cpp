#include "io/toml/campaign_file.hpp"

#include <gtest/gtest.h>

namespace pitwall::io {
namespace {

constexpr const char* kMinimal = R"(id = "2023-spring-renewal"
name = "春季焕新服务月"
start = "2023-03-01 00:00:00"
end = "2023-03-31 23:59:59"
)";

TEST(CampaignFile, FillsDefaultsAndConvertsLocalTimes) {
  auto c = parse_campaign_file(kMinimal, "campaign.toml").release_value();
  EXPECT_EQ(c.timezone, "Asia/Shanghai");
  // 2023-03-01 00:00:00 +08:00 = 2023-02-28T16:00:00Z = 1677600000.
  EXPECT_EQ(c.start, 1677600000);
  // 2023-03-31 23:59:59 +08:00 = 1680278399.
  EXPECT_EQ(c.end, 1680278399);
  // Cut-offs default to the next day 12:00 and 18:00 local (formats.md).
  EXPECT_EQ(c.store_review_cutoff, 1680278399 + 1 + 12 * 3600);
  EXPECT_EQ(c.appeal_cutoff, 1680278399 + 1 + 18 * 3600);
  EXPECT_EQ(c.rebate.rate.basis(), 500);
  EXPECT_EQ(c.split.inviter.basis(), 5000);
  EXPECT_EQ(c.limits.per_vin, 1);
  EXPECT_EQ(c.validation.max_paid.fen(), 5000000);
  EXPECT_EQ(c.fraud.ring_identifiers.size(), 3u);
  EXPECT_DOUBLE_EQ(c.supervision.target_participation, 0.40);
  EXPECT_EQ(c.default_tax_rate.basis(), 600);
}

TEST(CampaignFile, UnknownKeyNamesFileLineAndKey) {
  std::string text = std::string(kMinimal) + "\n[rebate]\nrate = 0.05\nratee = 1\n";
  auto r = parse_campaign_file(text, "campaign.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.file, "campaign.toml");
  EXPECT_EQ(r.error().where.line, 8);
  EXPECT_EQ(r.error().where.column, "rebate.ratee");
}

TEST(CampaignFile, WrongTypeIsAnError) {
  std::string text = std::string(kMinimal) + "review_days = \"seven\"\n";
  auto r = parse_campaign_file(text, "c.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.column, "review_days");
  EXPECT_EQ(r.error().where.line, 5);
}

TEST(CampaignFile, RatesAreExactDecimals) {
  std::string ok = std::string(kMinimal) + "[rebate]\nrate = \"5.25%\"\n";
  EXPECT_EQ(parse_campaign_file(ok, "c.toml")->rebate.rate.basis(), 525);
  std::string bad = std::string(kMinimal) + "[rebate]\nrate = 0.05125\n";
  auto r = parse_campaign_file(bad, "c.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.column, "rebate.rate");
}

// Issue 22: numbers that decide money are finite, exact and within a stated range. Each case is
// refused naming its key; the edges just inside are accepted.
TEST(CampaignFile, Issue22NumbersAreFiniteExactAndBounded) {
  struct Case {
    const char* text;
    const char* column;
  };
  const Case refused[] = {
      {"[rebate]\nrate = nan\n", "rebate.rate"},  // settled 7.7e16 yuan before
      {"[rebate]\nrate = inf\n", "rebate.rate"},
      {"[rebate]\nrate = 1e-30\n", "rebate.rate"},   // silently 0 before
      {"[rebate]\nrate = 1.0001\n", "rebate.rate"},  // more than the whole
      {"[rebate]\nrate = -0.05\n", "rebate.rate"},
      {"[rebate]\nrate = \"150%\"\n", "rebate.rate"},
      {"review_days = 9223372036854775807\n", "review_days"},  // window ended before it started
      {"freeze_days = 3651\n", "freeze_days"},
      {"cost_yuan = 9223372036854775808.0\n", "cost_yuan"},  // 2^63 yuan
      {"cost_yuan = nan\n", "cost_yuan"},
      {"cost_yuan = 0.001\n", "cost_yuan"},
      {"cost_yuan = 10000000000.01\n", "cost_yuan"},
      {"cost_yuan = -1.00\n", "cost_yuan"},
      {"[limits]\nper_vin = 1000000001\n", "limits.per_vin"},
  };
  for (const Case& c : refused) {
    auto r = parse_campaign_file(std::string(kMinimal) + c.text, "c.toml");
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().where.column, c.column) << c.text;
  }
  auto edges = parse_campaign_file(std::string(kMinimal) +
                                       "review_days = 3650\nfreeze_days = 0\n"
                                       "cost_yuan = 10000000000.00\n[rebate]\nrate = 1\n",
                                   "c.toml");
  ASSERT_TRUE(edges) << edges.error().to_string();
  EXPECT_EQ(edges->review_days, 3650);
  EXPECT_EQ(edges->cost.fen(), int64_t{1'000'000'000'000});  // 10^10 yuan = 10^12 fen
  EXPECT_EQ(edges->rebate.rate.basis(), 10000);
}

TEST(CampaignFile, MissingRequiredKey) {
  auto r = parse_campaign_file("id = \"x\"\nname = \"y\"\nend = \"2023-03-31\"\n", "c.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.column, "start");
}

TEST(CampaignFile, SyntaxErrorHasLine) {
  auto r = parse_campaign_file("id = \"x\"\nname = \n", "c.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 2);
}

TEST(DefinitionFile, VectorD1AndD2FromFiles) {
  auto finance = parse_definition_file(
      "name = \"finance\"\ntitle = \"财务口径：已支付订单\"\ntime_basis = \"paid_at\"\n"
      "statuses = [\"paid\", \"redeemed\"]\ncleaned = false\nattribution = "
      "\"transacting_store\"\namount = \"received\"\ntax_inclusive = true\n",
      "finance.toml");
  EXPECT_EQ(finance->version(), "4ef54d");
  auto ops2 = parse_definition_file(
      "name = \"ops2\"\ntime_basis = \"created_at\"\nstatuses = [\"refunded\", \"paid\", "
      "\"created\", \"redeemed\", \"refunding\", \"paid\"]\n",
      "ops2.toml");
  EXPECT_EQ(ops2->version(), "f34c1c");
  EXPECT_EQ(ops2->title, "ops2");
}

TEST(DefinitionFile, UnknownStatusIsAnError) {
  auto r = parse_definition_file(
      "name = \"x\"\ntime_basis = \"paid_at\"\nstatuses = [\"paid\", \"shipped\"]\n", "x.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.column, "statuses");
  EXPECT_EQ(r.error().where.line, 3);
}

}  // namespace
}  // namespace pitwall::io
