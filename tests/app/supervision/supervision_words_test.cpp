// Every word the supervision desk prints exists in zh and en: the catalogue lookup is a bug
// check (PW_CHECK) at run time, so a missing key must fail here instead.
#include "app/supervision/supervision_words.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "app/i18n/messages.hpp"
#include "core/supervision/phase_plan.hpp"
#include "io/report/supervision_report.hpp"

namespace pitwall::app::supervision {
namespace {

namespace sv = core::supervision;

TEST(SupervisionWords, EveryReportKeyInBothLanguages) {
  for (std::string_view key : io::supervision_report_keys()) {
    std::string full = fmt::format("supervision.report.{}", key);
    for (Lang lang : {Lang::kZh, Lang::kEn}) {
      std::string_view text = message(lang, full);
      EXPECT_FALSE(text.empty()) << full;
      if (key.size() > 5 && key.substr(key.size() - 5) == "_line") {
        EXPECT_NE(text.find('{'), std::string_view::npos) << full;
      }
    }
  }
}

TEST(SupervisionWords, EveryWordOfEveryListInBothLanguages) {
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    for (int i = 0; i < 5; ++i) {
      EXPECT_FALSE(item_word(lang, i).empty());
      EXPECT_FALSE(item_failed_word(lang, i).empty());
    }
    for (int c = 0; c < 6; ++c) EXPECT_FALSE(category_word(lang, c).empty());
    for (int k = 0; k <= static_cast<int>(sv::ReasonCode::kNoProblemsDue); ++k) {
      sv::Reason r;
      r.code = static_cast<sv::ReasonCode>(k);
      r.word = 0;
      EXPECT_FALSE(reason_text(lang, r).empty()) << sv::reason_code_token(r.code);
    }
    for (int k = 0; k <= static_cast<int>(sv::AlertKind::kSilent); ++k) {
      EXPECT_FALSE(alert_kind_word(lang, static_cast<sv::AlertKind>(k)).empty());
    }
    for (const auto& step : sv::phase_plan(0, 6)) {
      EXPECT_FALSE(phase_word(lang, step.phase).empty());
      for (std::string_view task : step.tasks) EXPECT_FALSE(task_word(lang, task).empty()) << task;
    }
  }
}

// Keys the problem loop builds from data (app/supervision/problems.cpp `worded`).
TEST(SupervisionWords, EveryRefusalOfTheProblemLoopInBothLanguages) {
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    for (const char* change : {"open", "action", "owner", "close", "verify", "reopen"}) {
      EXPECT_FALSE(message(lang, fmt::format("supervision.change.{}", change)).empty()) << change;
    }
    for (const char* field : {"title", "owner", "action"}) {
      EXPECT_FALSE(message(lang, fmt::format("supervision.{}_required", field)).empty()) << field;
    }
    for (int s = 0; s <= static_cast<int>(sv::ProblemStatus::kVerified); ++s) {
      EXPECT_FALSE(status_word(lang, static_cast<sv::ProblemStatus>(s)).empty());
    }
  }
}

TEST(SupervisionWords, PercentRoundsHalfAwayFromZero) {
  EXPECT_EQ(percent(0.305), "30.5%");
  EXPECT_EQ(percent(0.0005), "0.1%");  // 0.05% -> 0.1%
  EXPECT_EQ(percent(1.0 / 3.0), "33.3%");
  EXPECT_EQ(score_text(71.0), "71.00");
  EXPECT_EQ(score_text(std::nullopt), "—");
}

}  // namespace
}  // namespace pitwall::app::supervision
