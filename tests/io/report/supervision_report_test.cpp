#include "io/report/supervision_report.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "core/supervision/fixture.hpp"
#include "io/report/supervision_svg.hpp"
#include "io/table/table_source.hpp"

namespace pitwall::io {
namespace {

namespace sv = core::supervision;
using sv::testing::add_row;
using sv::testing::at;
using sv::testing::campaign_of;
using sv::testing::shanghai;

struct ReportTest : ::testing::Test {
  sv::testing::Tables t;
  core::Campaign campaign = campaign_of("2023-03-01", "2023-03-03");
  sv::Feeds feeds;
  sv::Timeline timeline;
  sv::Review review;
  std::vector<sv::Problem> problems;
  core::Table survey = core::Table::empty(core::TableKind::kSurvey);

  void SetUp() override {
    add_row(t.stores, {"A1", "<b>一店</b>", "华东"});
    add_row(t.stores, {"A2", "二店", "华东"});
    add_row(t.stores, {"B1", "三店", "华南"});
    for (auto date : {"2023-03-01", "2023-03-02", "2023-03-03"}) {
      add_row(t.store_day, {date, "A1", "100", "45"});
      add_row(t.store_day, {date, "A2", "100", "5"});
      add_row(t.store_day, {date, "B1", "100", "30"});
    }
    add_row(t.complaints, {"2023-03-01 10:00", "A1", "redeem_failed"});
    add_row(survey, {"hq", "a", "", "90", "80"});
    add_row(survey, {"frontline", "b", "", "36", "40"});
    feeds = sv::build_feeds(campaign, shanghai(), t.feeds()).release_value();
    sv::ProblemDraft d{"P0001", "A2", "参与率过低", "", "wang", "hq", ""};
    problems.push_back(sv::open_problem(d, at("2023-03-01 20:00"), 24).release_value());
    timeline =
        sv::analyse(feeds, problems, campaign.supervision, feeds.last_day, at("2023-03-04 12:00"));
    review = sv::make_review(feeds, timeline, campaign.supervision, problems, {},
                             sv::execution_decay(survey));
  }

  SupervisionReport report() {
    SupervisionReportText text;
    text.label = [](std::string_view key) {
      // Keys ending in _line are format strings with at least one argument.
      std::string s(key);
      return s.size() > 5 && s.substr(s.size() - 5) == "_line" ? s + " {0}" : s;
    };
    text.alert = [](const sv::Alert& a) { return std::string(sv::alert_kind_token(a.kind)); };
    text.level = [](int level) { return std::string(core::words::kSurveyLevels[level]); };
    return {&campaign, &feeds, &review, "2023-03-04 12:00:00", text};
  }
};

size_t count(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST_F(ReportTest, SelfContainedHtmlWithCharts) {
  std::string html = render_supervision_html(report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  // Charts: regions, participation, complaints, lists, decay.
  EXPECT_EQ(count(html, "<svg "), 5u);
  EXPECT_EQ(count(html, "</svg>"), 5u);
  // Nothing to fetch: no scripts, no links, no sources; the only URL is the SVG namespace.
  EXPECT_EQ(count(html, "<script"), 0u);
  EXPECT_EQ(count(html, "src="), 0u);
  EXPECT_EQ(count(html, "href="), 0u);
  EXPECT_EQ(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  // User text is escaped.
  EXPECT_NE(html.find("&lt;b&gt;一店&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>一店"), std::string::npos);
  // The incident of day 1 (1 of 3 stores) and the never-executed store A2 are in it.
  EXPECT_NE(html.find("<td>incident</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>A2</td>"), std::string::npos);
  EXPECT_NE(html.find("P0001"), std::string::npos);
}

// Yes/no cells are words of the reader's language (the label of "yes" / "no"), not TRUE/FALSE.
TEST_F(ReportTest, WorkbookSaysYesAndNoInWords) {
  std::string path = ::testing::TempDir() + "review-words.xlsx";
  ASSERT_TRUE(write_supervision_xlsx(report(), path));
  auto source = open_xlsx_file(path, "sheet_stores", "review.xlsx");
  ASSERT_TRUE(source);
  EXPECT_EQ((*source)->header().back(), "never_executed");
  std::map<std::string, std::string> never;
  SourceRow row;
  for (auto more = (*source)->next(row); more && *more; more = (*source)->next(row)) {
    never[std::string(row.cells[0])] = std::string(row.cells.back());
  }
  // A1 (45% a day against a 40% target) executed; A2 (5%) never did.
  EXPECT_EQ(never["A1"], "no");
  EXPECT_EQ(never["A2"], "yes");
}

TEST_F(ReportTest, SameInputSameBytes) {
  EXPECT_EQ(render_supervision_html(report()), render_supervision_html(report()));
}

TEST(Svg, LineChartLeavesGapsAndDrawsTheTarget) {
  Chart c;
  c.title = "t";
  c.x_labels = {"1", "2", "3", "4"};
  c.series.push_back({"s", "#000", {0.1, std::nullopt, 0.3, 0.4}, false});
  c.target = 0.4;
  c.percent = true;
  std::string svg = svg_line_chart(c);
  EXPECT_EQ(count(svg, "<polyline"), 2u);  // split at the missing value
  EXPECT_EQ(count(svg, "<circle"), 3u);
  EXPECT_EQ(count(svg, "class=\"target\""), 1u);
  // The largest value 0.4 over four intervals: a round step of 0.1, grid 0% .. 40%.
  EXPECT_NE(svg.find(">40%<"), std::string::npos);
  EXPECT_NE(svg.find(">10%<"), std::string::npos);
}

TEST(Svg, EscapesText) { EXPECT_EQ(html_escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;"); }

}  // namespace
}  // namespace pitwall::io
