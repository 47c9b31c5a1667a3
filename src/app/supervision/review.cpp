#include "app/supervision/review.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/permission.hpp"
#include "app/supervision/reader_view.hpp"
#include "app/supervision/supervision_words.hpp"
#include "io/report/supervision_report.hpp"
#include "store/files/file_util.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::supervision {

namespace sv = core::supervision;

namespace {

// The last day a review covers: `to`, else the campaign's last day, or yesterday while it runs.
core::Result<int32_t> review_day(const Session& s, const SupervisionData& d,
                                 const std::string& to) {
  if (!to.empty()) return campaign_day(s, d, to, "--to");
  int32_t last = std::min(d.feeds->last_day, d.today - 1);
  if (last < d.feeds->first_day) {
    return core::make_error(
        core::ErrorCode::kConflict,
        s.tr("supervision.not_started", d.campaign.id, day_text(d.feeds->first_day)));
  }
  return last;
}

io::SupervisionReportText report_text(Lang lang, const sv::Feeds& feeds) {
  io::SupervisionReportText t;
  t.html_lang = lang == Lang::kZh ? "zh-CN" : "en";
  t.label = [lang](std::string_view key) {
    return std::string(message(lang, fmt::format("supervision.report.{}", key)));
  };
  t.alert = [lang, &feeds](const sv::Alert& a) { return alert_text(lang, feeds, a); };
  t.level = [lang](int level) { return level_word(lang, level); };
  return t;
}

io::SupervisionReport report_of(const ReviewResult& r, Lang lang) {
  return {r.campaign_file.get(), r.feeds.get(), &r.review,
          core::format_local(r.generated_at, *r.campaign.zone), report_text(lang, *r.feeds)};
}

}  // namespace

core::Result<ReviewResult> read_review(const Session& s, const ReviewRequest& r) {
  TRY(authorize(s, Permission::kSupervisionRead));
  store::Workspace& ws = s.workspace();
  SupervisionData d = TRY(load_supervision(s, r.campaign, WithOrders::kYes));
  int32_t to = TRY(review_day(s, d, r.to));
  const core::SupervisionRule rule = d.campaign.supervision;
  sv::Timeline timeline = sv::analyse(*d.feeds, d.problems, rule, to, s.now);
  Reading reading = read_as(scope_of(s), d, &timeline);
  auto practices = TRY(load_practices(ws, d.campaign.id));
  for (sv::Practice& p : practices) p = practice_in(reading.scope, *d.feeds, std::move(p));
  core::Table survey = TRY(ws.load_table(core::TableKind::kSurvey, d.campaign.id));
  core::Table mine = survey_in(reading.scope, *d.feeds, survey);
  std::optional<sv::DecayReport> decay;
  if (mine.rows() > 0) decay = sv::execution_decay(mine);

  ReviewResult out;
  out.campaign = campaign_info(s, d);
  out.generated_at = s.now;
  out.problems = std::make_shared<const std::vector<sv::Problem>>(
      problems_in(reading.scope, *d.feeds, d.problems));
  out.practices = std::make_shared<const std::vector<sv::Practice>>(std::move(practices));
  out.review = sv::make_review(reading.view->feeds, reading.view->timeline, rule, *out.problems,
                               *out.practices, std::move(decay));
  apply_reader_lists(reading, rule, out.review);
  out.campaign_file = std::make_shared<const core::Campaign>(std::move(d.campaign));
  out.feeds = view_feeds(reading);
  return out;
}

std::string review_html(const ReviewResult& r, Lang lang) {
  return io::render_supervision_html(report_of(r, lang));
}

core::Status write_review_html(const ReviewResult& r, Lang lang, const std::string& path) {
  auto written = store::write_file_atomic(path, review_html(r, lang));
  if (!written) {
    core::Error e = written.error();
    e.at_file(path);
    return e;
  }
  return {};
}

core::Status write_review_xlsx(const ReviewResult& r, Lang lang, const std::string& path) {
  return io::write_supervision_xlsx(report_of(r, lang), path);
}

}  // namespace pitwall::app::supervision
