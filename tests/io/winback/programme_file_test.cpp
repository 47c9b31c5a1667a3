// Reading winback.toml: defaults filled, versions, errors naming file, line and key.
#include <gtest/gtest.h>

#include "io/toml/winback_file.hpp"

namespace pitwall::io {
namespace {

namespace wb = core::winback;

TEST(WinbackProgrammeFile, MinimalFileIsTheDefaultsUnderAnotherId) {
  auto p = parse_programme_file("id = \"h2\"\n", "winback.toml");
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  EXPECT_EQ(p->id, "h2");
  EXPECT_EQ(p->name, "h2");
  EXPECT_EQ(p->version(), wb::Programme().version());
}

TEST(WinbackProgrammeFile, ReadsEveryKindOfValue) {
  const char* text = R"(id = "2023-h2"
name = "下半年挽回计划"
lifetime_years = 4
default_margin = "45%"
[tiers]
cap_share = { star = 0.4, potential = 0.3, maintain = 0.2, basic = 0.15 }
deep_churn_tiers = ["star"]
[success]
months = [3, 6, 12]
base = [0.5, 0.4, 0.25, 0.1]
[plan]
release_shares = [0.3333, 0.2222, 0.4445]
[[plan.components.basic]]
name = "coupon"
account = "practical"
kind = "cash"
[[plan.components.basic]]
name = "care"
account = "emotional"
kind = "service"
[budget]
monthly_yuan = 41666.67
monthly_target = 50
[cost]
manager_hours = 0.5
)";
  auto p = parse_programme_file(text, "h2.toml");
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  EXPECT_EQ(p->name, "下半年挽回计划");
  EXPECT_EQ(p->lifetime_years, 4);
  EXPECT_EQ(p->default_margin.basis(), 4500);
  EXPECT_EQ(p->tiers.deep_churn_tiers.size(), 1u);
  EXPECT_EQ(p->plan.release_shares[2].basis(), 4445);
  ASSERT_EQ(p->plan.components[3].size(), 2u);
  EXPECT_EQ(p->plan.components[3][1].name, "care");
  EXPECT_EQ(p->budget.monthly->fen(), 4'166'667);
  EXPECT_EQ(*p->budget.monthly_target, 50);
  EXPECT_EQ(p->cost.manager_hours.basis(), 5000);
  EXPECT_NE(p->version(), wb::Programme().version());
}

TEST(WinbackProgrammeFile, UnknownKeyNamesFileLineAndKey) {
  auto p = parse_programme_file("id = \"x\"\n[tiers]\nstar_cap = 0.4\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().where.file, "w.toml");
  EXPECT_EQ(p.error().where.line, 3);
  EXPECT_EQ(p.error().where.column, "tiers.star_cap");
  auto q = parse_programme_file("id = \"x\"\n[nonsense]\n", "w.toml");
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().where.column, "nonsense");
}

TEST(WinbackProgrammeFile, WrongTypesAreErrors) {
  auto p = parse_programme_file("id = \"x\"\nlifetime_years = 5.5\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().where.line, 2);
  EXPECT_EQ(p.error().where.column, "lifetime_years");
  p = parse_programme_file("id = \"x\"\n[retention]\nbase = \"high\"\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().where.column, "retention.base");
  p = parse_programme_file("id = \"x\"\n[budget]\naverage_cost_yuan = 800.125\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().where.column, "budget.average_cost_yuan");
  p = parse_programme_file("id = \"x\"\ntiers = 3\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().where.column, "tiers");
  p = parse_programme_file("id = \"x\"\n[plan]\nrelease_shares = [0.33333, 0.3, 0.36667]\n",
                           "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().where.column, "plan.release_shares[0]");
}

TEST(WinbackProgrammeFile, RelationsAreCheckedWithTheLine) {
  auto p =
      parse_programme_file("id = \"x\"\n\n[plan]\nrelease_shares = [0.4, 0.4, 0.3]\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().where.column, "plan.release_shares");
  EXPECT_EQ(p.error().where.line, 4);
}

// Each check of the programme names its catalogue key, the key of the file and its line
// (issue 23: worded in the reader's language by the faces).
TEST(WinbackProgrammeFile, ChecksAreKeyedWithTheKeyAndItsLine) {
  auto p = parse_programme_file("id = \"x\"\n[tiers.cap_share]\nstar = 1.5\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().key, "winback.programme.unit");
  EXPECT_EQ(p.error().where.column, "tiers.cap_share.star");
  EXPECT_EQ(p.error().where.line, 3);
  ASSERT_EQ(p.error().args.size(), 1u);
  EXPECT_EQ(p.error().args[0].text, "1.5");
  p = parse_programme_file("id = \"x\"\n[plan]\n\nloyalty_months = 0\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().key, "winback.programme.at_least");
  EXPECT_EQ(p.error().where.column, "plan.loyalty_months");
  EXPECT_EQ(p.error().where.line, 4);
  p = parse_programme_file("id = \"x y\"\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().key, "winback.programme.id_letters");
  EXPECT_EQ(p.error().where.line, 1);
  p = parse_programme_file(
      "id = \"x\"\n[plan]\ncomponents.basic = [{name = \"a\", colour = \"red\"}]\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().key, "toml.unknown_key");
  EXPECT_EQ(p.error().where.column, "plan.components.basic[0].colour");
}

// Amounts go through the one amount parser: a string "1,234.50" reads as in an import, and a
// third decimal is refused, not rounded.
TEST(WinbackProgrammeFile, AmountsAreReadLikeEveryOtherAmount) {
  auto p =
      parse_programme_file("id = \"x\"\n[budget]\naverage_cost_yuan = \"1,234.50\"\n", "w.toml");
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  EXPECT_EQ(p->budget.average_cost.fen(), 123450);
  p = parse_programme_file("id = \"x\"\n[budget]\naverage_cost_yuan = 0.1\n", "w.toml");
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  EXPECT_EQ(p->budget.average_cost.fen(), 10);
  p = parse_programme_file("id = \"x\"\n[budget]\naverage_cost_yuan = 800.125\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().key, "io.amount_decimals");
  EXPECT_EQ(p.error().where.line, 3);
}

TEST(WinbackProgrammeFile, SyntaxErrorAndMissingId) {
  auto p = parse_programme_file("id = \"x\"\n[tiers\n", "w.toml");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().where.line, 2);
  auto q = parse_programme_file("name = \"x\"\n", "w.toml");
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().where.column, "id");
  auto z = parse_programme_file("id = \"x\"\ntimezone = \"Mars/Base\"\n", "w.toml");
  ASSERT_FALSE(z.has_value());
  EXPECT_EQ(z.error().where.line, 2);
}

}  // namespace
}  // namespace pitwall::io
