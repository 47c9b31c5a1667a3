// The programme: defaults of winback.md, the normalised JSON behind the version, validation.
#include "core/winback/programme.hpp"

#include <gtest/gtest.h>

#include "core/base/sha256.hpp"

namespace pitwall::core::winback {
namespace {

TEST(WinbackProgramme, NormalisedJsonIsSortedCompactAndFilled) {
  Programme p;
  std::string json = p.normalised_json();
  // Sorted top-level keys: abuse, acquisition_cost_yuan, alerts, approval, audit, budget, ...
  EXPECT_EQ(json.rfind("{\"abuse\":{\"booking_abuser_days\":1,\"booking_normal_days\":3,", 0), 0u)
      << json;
  EXPECT_NE(json.find("\"acquisition_cost_yuan\":0,\"alerts\":{"), std::string::npos);
  EXPECT_NE(json.find("\"budget\":{\"average_cost_yuan\":800,\"churn_rate\":0.35,"
                      "\"customers\":5000,\"monthly_target\":null,\"monthly_yuan\":null,"
                      "\"target_winback_rate\":0.35}"),
            std::string::npos);
  EXPECT_NE(json.find("\"release_shares\":[0.4,0.3,0.3]"), std::string::npos);
  EXPECT_NE(json.find("\"cap_share\":{\"basic\":0.15,\"maintain\":0.2,\"potential\":0.3,"
                      "\"star\":0.4}"),
            std::string::npos);
  EXPECT_NE(json.find("\"manager_hours\":0.5"), std::string::npos);
  EXPECT_NE(json.find("\"timezone\":\"Asia/Shanghai\"}"), std::string::npos);  // last key
  EXPECT_EQ(json.find(' '), std::string::npos);
  EXPECT_EQ(json.find("\"id\""), std::string::npos);
  EXPECT_EQ(json.find("\"name\":\"default\""), std::string::npos);
  EXPECT_EQ(p.version(), sha256_hex(json).substr(0, 6));
  EXPECT_EQ(p.tag(), "default@" + p.version());
}

TEST(WinbackProgramme, VersionIgnoresIdAndNameButNotValues) {
  Programme a;
  Programme b;
  b.id = "spring";
  b.name = "春季挽回";
  EXPECT_EQ(a.version(), b.version());
  b.retention.base = 0.71;
  EXPECT_NE(a.version(), b.version());
  Programme c;
  c.budget.monthly = Money::from_fen(4'166'700);
  EXPECT_NE(a.version(), c.version());
  EXPECT_NE(c.normalised_json().find("\"monthly_yuan\":41667,"), std::string::npos);
}

TEST(WinbackProgramme, FieldsAreSortedAndFindable) {
  auto fields = programme_fields();
  for (size_t i = 1; i < fields.size(); ++i) EXPECT_LT(fields[i - 1].path, fields[i].path);
  EXPECT_NE(find_programme_field("tiers.cap_share.star"), nullptr);
  EXPECT_EQ(find_programme_field("tiers.cap_share"), nullptr);
  EXPECT_TRUE(is_programme_table("tiers.cap_share"));
  EXPECT_TRUE(is_programme_table("plan"));
  EXPECT_FALSE(is_programme_table("tiers.cap_share.star"));
  EXPECT_FALSE(is_programme_table("nonsense"));
}

TEST(WinbackProgramme, DefaultsValidate) {
  EXPECT_TRUE(validate_programme(Programme()).has_value());
}

TEST(WinbackProgramme, ValidationNamesTheKey) {
  Programme p;
  p.plan.release_shares = {Rate::from_basis(4000), Rate::from_basis(3000), Rate::from_basis(2000)};
  Status s = validate_programme(p);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().where.column, "plan.release_shares");
  p = Programme();
  p.success.base = {0.5, 0.4};
  EXPECT_EQ(validate_programme(p).error().where.column, "success.base");
  p = Programme();
  p.tiers.potential_from = Money::from_yuan(9000);
  EXPECT_EQ(validate_programme(p).error().where.column, "tiers.potential_from_yuan");
  p = Programme();
  p.plan.components[0] = {{"vip", "status", "service"}};
  EXPECT_EQ(validate_programme(p).error().where.column, "plan.components.star");
}

}  // namespace
}  // namespace pitwall::core::winback
