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
