#include "app/push/messages.hpp"

#include <fmt/format.h>

#include "app/supervision/supervision_words.hpp"

namespace pitwall::app::push {

namespace {

namespace sv = core::supervision;
using supervision::alert_kind_word;
using supervision::alert_text;
using supervision::day_text;
using supervision::percent;
using supervision::score_text;
using supervision::share_text;
using supervision::store_label;
using Style = Line::Style;

constexpr std::string_view kMilestoneTokens[] = {"store_audit", "dispute", "freeze", "seal"};

void add(Composed& c, Style style, std::string text) {
  c.lines.push_back({style, std::move(text)});
}

void add_list(Composed& c, Lang lang, const sv::Feeds& feeds,
              const std::vector<sv::ListedStore>& list) {
  int rank = 0;
  for (const sv::ListedStore& l : list) {
    add(c, Style::kPlain,
        fmt::format("{}. {} {} — {}", ++rank, store_label(feeds, l.store), score_text(l.score),
                    supervision::reasons_text(lang, l.reasons)));
  }
}

std::string where_of(Lang lang, const sv::Feeds& feeds, const sv::Alert& a) {
  return a.store >= 0 ? store_label(feeds, a.store) : tr(lang, "supervision.network");
}

}  // namespace

Composed compose_board(Lang lang, const supervision::BoardResult& r,
                       const std::vector<sv::Problem>& open_problems, int64_t now,
                       const std::string& link) {
  const sv::Feeds& f = *r.feeds;
  const sv::Board& b = r.board;
  std::string scope = supervision::scope_label(lang, r.campaign, f, b.region);
  Composed c;
  c.title = tr(lang, "push.board_title", r.campaign.name, day_text(b.day), scope);
  const sv::Figures& figures = b.region >= 0 && !b.regions.empty() ? b.regions.front() : b.network;
  add(c, Style::kStrong,
      tr(lang, "push.participation", share_text(figures.participation),
         percent(r.campaign.target_participation), share_text(figures.cum_participation)));
  add(c, Style::kQuote, supervision::figures_line(lang, scope, figures));
  add(c, Style::kHeading, tr(lang, "supervision.black_header", b.black.size()));
  if (b.black.empty()) add(c, Style::kPlain, tr(lang, "supervision.black_empty"));
  add_list(c, lang, f, b.black);
  add(c, Style::kHeading, tr(lang, "push.critical_header", open_problems.size()));
  if (open_problems.empty()) add(c, Style::kPlain, tr(lang, "push.no_open_problems"));
  for (const sv::Problem& p : open_problems) {
    std::string due = core::format_local(p.due_at, *r.campaign.zone);
    add(c, Style::kPlain,
        tr(lang, p.is_overdue(now) ? "push.problem_overdue" : "push.problem_line", p.id,
           p.store_code.empty() ? tr(lang, "supervision.network") : p.store_code, p.title, p.owner,
           due));
  }
  add(c, Style::kHeading, tr(lang, "push.alerts_header", b.alerts.size()));
  for (const sv::Alert& a : b.alerts) {
    add(c, Style::kPlain,
        fmt::format("[{}] {} — {}", alert_kind_word(lang, a.kind), where_of(lang, f, a),
                    alert_text(lang, f, a)));
  }
  add(c, Style::kHeading, tr(lang, "supervision.red_header", b.red.size()));
  add_list(c, lang, f, b.red);
  c.link = link;
  c.link_text = tr(lang, "push.open_board");
  return c;
}

bool is_critical(sv::AlertKind kind) {
  return kind == sv::AlertKind::kSystemIncident || kind == sv::AlertKind::kNetworkBurst ||
         kind == sv::AlertKind::kComplaintBurst || kind == sv::AlertKind::kChecklistFailure;
}

Composed compose_alert(Lang lang, const supervision::CampaignInfo& campaign, const sv::Feeds& f,
                       const sv::Alert& a, const std::string& link) {
  Composed c;
  c.title = tr(lang, "push.alert_title", alert_kind_word(lang, a.kind), campaign.name);
  add(c, Style::kStrong, where_of(lang, f, a));
  add(c, Style::kPlain, alert_text(lang, f, a));
  if (a.kind != sv::AlertKind::kSystemIncident) {
    add(c, Style::kQuote,
        tr(lang, fmt::format("push.alert_action.{}", sv::alert_kind_token(a.kind))));
  }
  add(c, Style::kPlain, tr(lang, "push.alert_key", a.key(f)));
  c.link = link;
  c.link_text = tr(lang, "push.open_alerts");
  return c;
}

std::string_view milestone_token(Milestone m) { return kMilestoneTokens[static_cast<size_t>(m)]; }

Composed compose_reminder(Lang lang, const std::string& campaign_name, Milestone m,
                          const std::string& local_time, const std::string& link) {
  std::string token(milestone_token(m));
  Composed c;
  c.title = tr(lang, "push.reminder_title", tr(lang, "push.milestone." + token), campaign_name);
  add(c, Style::kStrong, tr(lang, "push.reminder_when", local_time));
  add(c, Style::kPlain, tr(lang, "push.reminder_what." + token));
  c.link = link;
  c.link_text = tr(lang, "push.open_desk");
  return c;
}

Composed compose_test(Lang lang, const std::string& target_name) {
  Composed c;
  c.title = tr(lang, "push.test_title");
  add(c, Style::kPlain, tr(lang, "push.test_text", target_name));
  return c;
}

}  // namespace pitwall::app::push
