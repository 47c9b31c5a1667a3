// Offer records survive the workspace round trip; a damaged record names the offer and field.
#include <gtest/gtest.h>

#include "io/report/winback_records.hpp"

namespace pitwall::io {
namespace {

namespace wb = core::winback;

TEST(WinbackRecords, OfferRoundTrip) {
  wb::Offer o;
  o.id = "WB-000007";
  o.customer_id = "C1";
  o.store_code = "S001";
  o.region = "华东战区";
  o.programme = "default@de6b92";
  o.arm = "three_step";
  o.amount = core::Money::from_fen(100001);
  o.annual_value = core::Money::from_yuan(6000);
  o.months_churned = 4.5;
  o.tier = wb::Tier::kPotential;
  o.band = wb::DecisionBand::kStandard;
  o.score = 0.655;
  o.success = 0.55;
  o.retention = 0.75;
  o.risk = 61.5;
  o.suspected = false;
  o.approver = wb::Approver::kRegionManager;
  o.review = wb::kReviewHighValue | wb::kReviewRisk;
  o.status = wb::OfferStatus::kApproved;
  o.created = {"lin", "service", 100, ""};
  o.approval = wb::SignOff{"chen", "region", 200, ""};
  o.in_person_review = wb::SignOff{"wang", "store", 150, ""};
  o.approved_at = 200;
  o.stages = {{core::Money::from_fen(40001), wb::SignOff{"lin", "service", 300, ""}},
              {core::Money::from_fen(30000), std::nullopt},
              {core::Money::from_fen(30000), std::nullopt}};
  o.won_back = true;
  o.won_back_by = wb::SignOff{"lin", "service", 400, ""};
  auto text = offer_to_json(o).dump();
  auto parsed = Json::parse(text);
  ASSERT_TRUE(parsed.has_value());
  auto back = offer_from_json(*parsed, "WB-000007");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(offer_to_json(*back).dump(), text);
  EXPECT_EQ(back->amount.fen(), 100001);
  EXPECT_EQ(back->stages[0].released->at, 300);
  EXPECT_FALSE(back->retained.has_value());
  EXPECT_EQ(back->review, wb::kReviewHighValue | wb::kReviewRisk);
}

TEST(WinbackRecords, DamagedRecordNamesTheField) {
  auto json = Json::parse(R"({"id": "WB-000001", "customer_id": 5})");
  ASSERT_TRUE(json.has_value());
  auto back = offer_from_json(*json, "WB-000001");
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().code, core::ErrorCode::kCorrupt);
  EXPECT_NE(back.error().message.find("customer_id"), std::string::npos);
}

TEST(WinbackRecords, DecisionEntryLeavesOutEmptyParts) {
  DecisionEntry e;
  e.at = 0;
  e.by = "li";
  e.role = "director";
  e.action = "override";
  e.detail = "2023-06: quarter end";
  EXPECT_EQ(decision_to_json(e).dump(),
            R"({"at":"1970-01-01T00:00:00Z","by":"li","role":"director","action":"override",)"
            R"("detail":"2023-06: quarter end"})");
}

}  // namespace
}  // namespace pitwall::io
