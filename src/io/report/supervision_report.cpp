#include "io/report/supervision_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <span>

#include "core/supervision/measures.hpp"
#include "io/report/supervision_svg.hpp"

namespace pitwall::io {

namespace sv = core::supervision;

namespace {

constexpr std::string_view kKeys[] = {
    "title",
    "period_line",
    "generated",
    "target",
    "actual",
    "executing_line",
    "never_executed",
    "yes",
    "no",
    "problems_line",
    "incidents",
    "sec_targets",
    "sec_trend",
    "sec_history",
    "sec_stores",
    "sec_problems",
    "sec_incidents",
    "sec_practices",
    "sec_never",
    "sec_decay",
    "chart_participation",
    "series_daily",
    "series_cumulative",
    "series_target",
    "chart_complaints",
    "series_complaint_rate",
    "chart_execution",
    "series_executing",
    "series_alerts",
    "chart_regions",
    "chart_decay",
    "series_completeness",
    "series_willingness",
    "network",
    "col_region",
    "col_stores",
    "col_executing",
    "col_cum_participation",
    "col_gap",
    "col_complaint_rate",
    "col_mean_score",
    "col_date",
    "col_participation",
    "col_red",
    "col_black",
    "col_alerts",
    "col_store",
    "col_name",
    "col_red_days",
    "col_black_days",
    "col_silent_days",
    "col_executed_days",
    "col_cum_score",
    "col_id",
    "col_title",
    "col_owner",
    "col_status",
    "col_opened",
    "col_closed",
    "col_hours_to_close",
    "col_reopened",
    "col_practice",
    "col_found",
    "col_adopters",
    "col_before",
    "col_after",
    "col_others_before",
    "col_others_after",
    "col_lift",
    "col_level",
    "col_respondents",
    "col_completeness",
    "col_willingness",
    "col_completeness_index",
    "col_willingness_index",
    "col_detail",
    "none",
    "hours_line",
    "first_response",
    "time_to_close",
    "weakest_line",
    "status_open",
    "status_in_progress",
    "status_resolved",
    "status_verified",
    "footer",
    "shown_of",
    "full_list_below",
    "sec_appendix_stores",
    "sec_appendix_never",
};

constexpr std::string_view kCss = R"(
body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;
margin:0;background:#f4f5f7;color:#1d2330}
header{background:#1d2330;color:#fff;padding:20px 32px}
header h1{margin:0 0 6px;font-size:22px}header p{margin:2px 0;color:#c7ccd6;font-size:13px}
main{padding:16px 32px 32px;max-width:1100px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin:16px 0;
box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:17px;margin:0 0 12px;border-left:4px solid #d9342b;padding-left:8px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{flex:1 1 160px;background:#f8f9fb;border-radius:6px;padding:10px 14px}
.card b{display:block;font-size:22px;margin-top:4px}.card span{font-size:12px;color:#5b6475}
.bad{color:#d9342b}.good{color:#1f8a4c}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e6e8ec;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f8f9fb;font-weight:600}td.num,th.num{text-align:right}
td:first-child{white-space:nowrap}
.chart{max-width:100%;height:auto;margin:6px 0 14px}
.chart-title{font-size:13px;font-weight:600;fill:#1d2330}
.axis{font-size:10px;fill:#5b6475}.legend{font-size:11px;fill:#1d2330}
.grid{stroke:#e6e8ec;stroke-width:1}.target{stroke:#d9342b;stroke-width:1.5;stroke-dasharray:6 4}
.target-label{font-size:10px;fill:#d9342b}
.codes{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.code,.nowrap{white-space:nowrap}
.note{color:#5b6475;font-size:12px;margin:6px 0 0}
footer{color:#8a93a3;font-size:12px;padding:0 32px 24px}
)";

struct Writer {
  const SupervisionReport& r;
  std::string out;

  std::string t(std::string_view key) const { return html_escape(r.text.label(key)); }
  template <typename... Args>
  std::string line(std::string_view key, Args&&... args) const {
    return html_escape(fmt::vformat(r.text.label(key), fmt::make_format_args(args...)));
  }
  const sv::Feeds& feeds() const { return *r.feeds; }
  const sv::Review& review() const { return *r.review; }
  // A store code never broken at its hyphen (HZ-WH05).
  std::string code(int store) const {
    return "<span class=\"code\">" + html_escape(feeds().stores[store].code) + "</span>";
  }
  std::string name(int store) const { return html_escape(feeds().stores[store].name); }
};

std::string pct(std::optional<double> share) {
  if (!share) return "—";
  return fmt::format("{:.1f}%", sv::round_half_away(*share * 100, 1));
}
std::string num(std::optional<double> v) {
  return v ? fmt::format("{:.2f}", sv::round_half_away(*v, 2)) : std::string("—");
}
std::string date(int32_t day) { return core::format_date(core::civil_from_days(day)); }

void open_table(Writer& w, std::initializer_list<std::pair<std::string_view, bool>> columns) {
  w.out += "<table><tr>";
  for (auto [key, numeric] : columns) {
    w.out += fmt::format("<th{}>{}</th>", numeric ? " class=\"num\"" : "", w.t(key));
  }
  w.out += "</tr>";
}

void cells(Writer& w, std::initializer_list<std::pair<std::string, bool>> values) {
  w.out += "<tr>";
  for (const auto& [text, numeric] : values) {
    w.out += fmt::format("<td{}>{}</td>", numeric ? " class=\"num\"" : "", text);
  }
  w.out += "</tr>";
}

void header(Writer& w) {
  const auto& c = *w.r.campaign;
  const auto& rv = w.review();
  w.out += fmt::format(
      "<header><h1>{} · {}</h1><p>{} · {}</p><p>{} {}</p></header><main>", w.t("title"),
      html_escape(c.name), html_escape(c.id),
      w.line("period_line", date(rv.first_day), date(rv.last_day), rv.last_day - rv.first_day + 1),
      w.t("generated"), html_escape(w.r.generated));
}

void region_table(Writer& w) {
  const auto& rv = w.review();
  open_table(w, {{"col_region", false},
                 {"col_stores", true},
                 {"col_executing", true},
                 {"col_cum_participation", true},
                 {"col_gap", true},
                 {"col_complaint_rate", true},
                 {"col_mean_score", true}});
  auto row = [&](const std::string& label, const sv::Figures& f, int64_t executing) {
    std::string gap = f.cum_participation
                          ? fmt::format("{:+.1f}", sv::round_half_away(
                                                       (*f.cum_participation - rv.target) * 100, 1))
                          : "—";
    cells(w, {{label, false},
              {fmt::format("{}", f.stores), true},
              {fmt::format("{}", executing), true},
              {pct(f.cum_participation), true},
              {gap, true},
              {num(f.cum_complaint_rate), true},
              {num(f.mean_score), true}});
  };
  row(w.t("network"), rv.network, rv.stores_executing);
  for (const auto& f : rv.regions) {
    int64_t executing = 0;
    for (const auto& h : rv.stores) {
      const auto& p = h.cum_participation;
      if (w.feeds().stores[h.store].region_index == f.region && p && *p >= rv.target / 2) {
        ++executing;
      }
    }
    row(html_escape(w.feeds().regions[f.region]), f, executing);
  }
  w.out += "</table>";
}

void summary(Writer& w) {
  const auto& rv = w.review();
  const auto& n = rv.network;
  bool met = n.cum_participation && *n.cum_participation >= rv.target;
  int64_t incidents = 0;
  for (const auto& d : rv.days) {
    incidents += d.alerts_by_kind[static_cast<int>(sv::AlertKind::kSystemIncident)];
  }
  const auto& ps = rv.problem_stats;
  w.out += fmt::format("<section><h2>{}</h2><div class=\"cards\">", w.t("sec_targets"));
  auto card = [&](const std::string& label, const std::string& value, const char* cls) {
    w.out += fmt::format("<div class=\"card\"><span>{}</span><b class=\"{}\">{}</b></div>", label,
                         cls, value);
  };
  card(w.t("target"), pct(rv.target), "");
  card(w.t("actual"), pct(n.cum_participation), met ? "good" : "bad");
  card(w.line("executing_line", n.stores), fmt::format("{}", rv.stores_executing), "");
  card(w.t("never_executed"), fmt::format("{}", rv.never_executed.size()),
       rv.never_executed.empty() ? "good" : "bad");
  card(w.line("problems_line", ps.total), fmt::format("{} / {}", ps.closed_on_time, ps.total), "");
  card(w.t("incidents"), fmt::format("{}", incidents), incidents ? "bad" : "good");
  w.out += "</div>";
  region_table(w);
  Chart regions;
  regions.title = w.r.text.label("chart_regions");
  regions.percent = true;
  regions.target = rv.target;
  regions.target_label = w.r.text.label("series_target");
  ChartSeries s{w.r.text.label("col_cum_participation"), "#2f6fdb", {}, false};
  for (const auto& f : rv.regions) {
    regions.x_labels.push_back(w.feeds().regions[f.region]);
    s.values.push_back(f.cum_participation);
  }
  regions.series.push_back(std::move(s));
  w.out += svg_bar_chart(regions) + "</section>";
}

void trend(Writer& w) {
  const auto& rv = w.review();
  Chart part, complaints, execution;
  part.title = w.r.text.label("chart_participation");
  part.percent = true;
  part.target = rv.target;
  part.target_label = w.r.text.label("series_target");
  ChartSeries daily{w.r.text.label("series_daily"), "#2f6fdb", {}, false};
  ChartSeries cum{w.r.text.label("series_cumulative"), "#1f8a4c", {}, true};
  complaints.title = w.r.text.label("chart_complaints");
  ChartSeries rate{w.r.text.label("series_complaint_rate"), "#e08a1e", {}, false};
  execution.title = w.r.text.label("chart_execution");
  ChartSeries executing{w.r.text.label("series_executing"), "#1f8a4c", {}, false};
  ChartSeries alerts{w.r.text.label("series_alerts"), "#d9342b", {}, false};
  for (const auto& d : rv.days) {
    std::string label = date(d.day).substr(5);
    for (Chart* c : {&part, &complaints, &execution}) c->x_labels.push_back(label);
    daily.values.push_back(d.network.participation);
    cum.values.push_back(d.network.cum_participation);
    rate.values.push_back(d.network.complaint_rate);
    executing.values.push_back(static_cast<double>(d.network.executing));
    alerts.values.push_back(static_cast<double>(d.alerts));
  }
  part.series = {daily, cum};
  complaints.series = {rate};
  execution.series = {executing, alerts};
  w.out += fmt::format("<section><h2>{}</h2>{}{}{}</section>", w.t("sec_trend"),
                       svg_line_chart(part), svg_bar_chart(complaints), svg_bar_chart(execution));
}

void history(Writer& w) {
  const auto& rv = w.review();
  w.out += fmt::format("<section><h2>{}</h2>", w.t("sec_history"));
  open_table(w, {{"col_date", false},
                 {"col_participation", true},
                 {"col_alerts", true},
                 {"col_red", false},
                 {"col_black", false}});
  auto codes = [&](const std::vector<int>& stores) {
    std::string s;
    for (int x : stores) s += (s.empty() ? "" : " ") + w.code(x);  // NOLINT: spans break between
    return "<span class=\"codes\">" + (s.empty() ? "—" : s) + "</span>";
  };
  for (const auto& d : rv.days) {
    cells(w, {{date(d.day), false},
              {pct(d.network.participation), true},
              {fmt::format("{}", d.alerts), true},
              {codes(d.red), false},
              {codes(d.black), false}});
  }
  w.out += "</table></section>";
}

// The stores of the review's lists, worst first: most days on the black list, then on the red list.
std::vector<const sv::StoreHistory*> listed_stores(const sv::Review& rv) {
  // Every store that was on the black list, and the ten most often on the red list.
  constexpr size_t kTopRed = 10;
  std::vector<const sv::StoreHistory*> listed, red;
  for (const auto& h : rv.stores) {
    if (h.black_days > 0) {
      listed.push_back(&h);
    } else if (h.red_days > 0) {
      red.push_back(&h);
    }
  }
  std::sort(red.begin(), red.end(), [](auto* a, auto* b) {
    return a->red_days != b->red_days ? a->red_days > b->red_days : a->store < b->store;
  });
  if (red.size() > kTopRed) red.resize(kTopRed);
  listed.insert(listed.end(), red.begin(), red.end());
  std::sort(listed.begin(), listed.end(), [](auto* a, auto* b) {
    if (a->black_days != b->black_days) return a->black_days > b->black_days;
    if (a->red_days != b->red_days) return a->red_days > b->red_days;
    return a->store < b->store;
  });
  return listed;
}

// Long lists are summarised where they stand and given whole in an appendix.
constexpr size_t kRowsInBody = 20;

void store_table(Writer& w, std::span<const sv::StoreHistory* const> listed) {
  open_table(w, {{"col_store", false},
                 {"col_name", false},
                 {"col_region", false},
                 {"col_black_days", true},
                 {"col_red_days", true},
                 {"col_silent_days", true},
                 {"col_executed_days", true},
                 {"col_cum_participation", true},
                 {"col_cum_score", true}});
  for (const auto* h : listed) {
    cells(w, {{w.code(h->store), false},
              {w.name(h->store), false},
              {html_escape(w.feeds().stores[h->store].region), false},
              {fmt::format("{}", h->black_days), true},
              {fmt::format("{}", h->red_days), true},
              {fmt::format("{}", h->silent_days), true},
              {fmt::format("{}", h->executed_days), true},
              {pct(h->cum_participation), true},
              {num(h->cum_score), true}});
  }
  w.out += "</table>";
}

void stores(Writer& w) {
  auto listed = listed_stores(w.review());
  w.out += fmt::format("<section><h2>{} ({})</h2>", w.t("sec_stores"), listed.size());
  size_t shown = std::min(listed.size(), kRowsInBody);
  store_table(w, std::span(listed).first(shown));
  if (shown < listed.size()) {
    w.out += fmt::format("<p class=\"note\">{}</p>", w.line("shown_of", shown, listed.size()));
  }
  w.out += "</section>";
}

void never_table(Writer& w) {
  const auto& rv = w.review();
  open_table(w, {{"col_store", false},
                 {"col_name", false},
                 {"col_region", false},
                 {"col_silent_days", true},
                 {"col_cum_participation", true}});
  for (int s : rv.never_executed) {
    const auto& h = rv.stores[s];
    cells(w, {{w.code(s), false},
              {w.name(s), false},
              {html_escape(w.feeds().stores[s].region), false},
              {fmt::format("{}", h.silent_days), true},
              {pct(h.cum_participation), true}});
  }
  w.out += "</table>";
}

// In the body: how many stores never executed, by region; the stores themselves in the appendix.
void never_executed(Writer& w) {
  const auto& rv = w.review();
  w.out += fmt::format("<section><h2>{} ({})</h2>", w.t("sec_never"), rv.never_executed.size());
  if (rv.never_executed.empty()) {
    w.out += fmt::format("<p>{}</p></section>", w.t("none"));
    return;
  }
  std::map<std::string, int> by_region;
  for (int s : rv.never_executed) ++by_region[w.feeds().stores[s].region];
  std::vector<std::pair<std::string, int>> regions(by_region.begin(), by_region.end());
  std::stable_sort(regions.begin(), regions.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  open_table(w, {{"col_region", false}, {"col_stores", true}});
  for (const auto& [region, count] : regions) {
    cells(w, {{html_escape(region), false}, {fmt::format("{}", count), true}});
  }
  w.out += "</table>";
  w.out += fmt::format("<p class=\"note\">{}</p></section>", w.t("full_list_below"));
}

// The appendix: the whole lists the body summarises.
void appendix(Writer& w) {
  auto listed = listed_stores(w.review());
  if (listed.size() > kRowsInBody) {
    w.out += fmt::format("<section><h2>{} ({})</h2>", w.t("sec_appendix_stores"), listed.size());
    store_table(w, listed);
    w.out += "</section>";
  }
  if (!w.review().never_executed.empty()) {
    w.out += fmt::format("<section><h2>{} ({})</h2>", w.t("sec_appendix_never"),
                         w.review().never_executed.size());
    never_table(w);
    w.out += "</section>";
  }
}

void problems(Writer& w) {
  const auto& rv = w.review();
  const auto& ps = rv.problem_stats;
  auto hours = [&](const sv::HoursSummary& h) {
    return h.count == 0 ? std::string("—")
                        : w.line("hours_line", num(h.mean), num(h.median), num(h.max));
  };
  w.out += fmt::format("<section><h2>{}</h2><p>{}: {} · {}: {}</p>", w.t("sec_problems"),
                       w.t("first_response"), hours(ps.first_response), w.t("time_to_close"),
                       hours(ps.time_to_close));
  if (rv.problems.empty()) {
    w.out += fmt::format("<p>{}</p></section>", w.t("none"));
    return;
  }
  open_table(w, {{"col_id", false},
                 {"col_store", false},
                 {"col_title", false},
                 {"col_owner", false},
                 {"col_status", false},
                 {"col_opened", false},
                 {"col_closed", false},
                 {"col_hours_to_close", true},
                 {"col_reopened", true}});
  const core::TimeZone& zone = *w.feeds().zone;
  for (const auto* p : rv.problems) {
    bool closed = p->is_closed();
    std::string status = w.t(fmt::format("status_{}", sv::problem_status_token(p->status)));
    if (p->is_overdue(rv.now)) status += " !";
    cells(w, {{html_escape(p->id), false},
              {html_escape(p->store_code.empty() ? "—" : p->store_code), false},
              {html_escape(p->title), false},
              {"<span class=\"nowrap\">" + html_escape(p->owner) + "</span>", false},
              {status, false},
              {core::format_local(p->opened_at, zone).substr(0, 16), false},
              {closed ? core::format_local(p->closed_at, zone).substr(0, 16) : "—", false},
              {closed ? num(static_cast<double>(p->closed_at - p->opened_at) / 3600.0) : "—", true},
              {fmt::format("{}", p->reopened), true}});
  }
  w.out += "</table></section>";
}

void incidents(Writer& w) {
  const auto& rv = w.review();
  w.out += fmt::format("<section><h2>{}</h2>", w.t("sec_incidents"));
  bool any = false;
  for (const auto& d : rv.days) {
    for (const auto& a : d.network_alerts) {
      if (!any) open_table(w, {{"col_date", false}, {"col_detail", false}});
      any = true;
      cells(w, {{date(a.day), false}, {html_escape(w.r.text.alert(a)), false}});
    }
  }
  w.out += any ? "</table></section>" : fmt::format("<p>{}</p></section>", w.t("none"));
}

void practices(Writer& w) {
  const auto& rv = w.review();
  w.out += fmt::format("<section><h2>{}</h2>", w.t("sec_practices"));
  if (rv.practices.empty()) {
    w.out += fmt::format("<p>{}</p></section>", w.t("none"));
    return;
  }
  open_table(w, {{"col_practice", false},
                 {"col_found", false},
                 {"col_adopters", true},
                 {"col_before", true},
                 {"col_after", true},
                 {"col_others_before", true},
                 {"col_others_after", true},
                 {"col_lift", true}});
  for (const auto& pr : rv.practices) {
    const auto& e = pr.effect;
    cells(w, {{html_escape(pr.practice->id + " " + pr.practice->title), false},
              {html_escape(pr.practice->store_code) + " · " + date(pr.practice->found_day), false},
              {fmt::format("{} / {}", e.adopters, e.campaign_stores), true},
              {pct(e.adopters_before), true},
              {pct(e.adopters_after), true},
              {pct(e.others_before), true},
              {pct(e.others_after), true},
              {e.lift_points ? fmt::format("{:+.1f}", sv::round_half_away(*e.lift_points, 1)) : "—",
               true}});
  }
  w.out += "</table></section>";
}

void decay(Writer& w) {
  const auto& rv = w.review();
  if (!rv.decay) return;
  w.out += fmt::format("<section><h2>{}</h2>", w.t("sec_decay"));
  open_table(w, {{"col_level", false},
                 {"col_respondents", true},
                 {"col_completeness", true},
                 {"col_willingness", true},
                 {"col_completeness_index", true},
                 {"col_willingness_index", true}});
  Chart chart;
  chart.title = w.r.text.label("chart_decay");
  chart.percent = true;
  ChartSeries c{w.r.text.label("series_completeness"), "#2f6fdb", {}, false};
  ChartSeries v{w.r.text.label("series_willingness"), "#e08a1e", {}, false};
  auto index = [](std::optional<double> x) {
    return x ? fmt::format("{:.0f}%", sv::round_half_away(*x, 0)) : std::string("—");
  };
  for (const auto& l : rv.decay->levels) {
    cells(w, {{html_escape(w.r.text.level(l.level)), false},
              {fmt::format("{}", l.respondents), true},
              {num(l.completeness), true},
              {num(l.willingness), true},
              {index(l.completeness_index), true},
              {index(l.willingness_index), true}});
    chart.x_labels.push_back(w.r.text.level(l.level));
    auto share = [](std::optional<double> x) { return x ? std::optional(*x / 100) : x; };
    c.values.push_back(share(l.completeness_index));
    v.values.push_back(share(l.willingness_index));
  }
  w.out += "</table>";
  if (rv.decay->weakest_step > 0) {
    w.out += fmt::format("<p>{}</p>", w.line("weakest_line", w.r.text.level(rv.decay->weakest_step),
                                             num(rv.decay->weakest_drop)));
  }
  chart.series = {c, v};
  w.out += svg_bar_chart(chart) + "</section>";
}

}  // namespace

std::vector<std::string_view> supervision_report_keys() {
  return {std::begin(kKeys), std::end(kKeys)};
}

std::string render_supervision_html(const SupervisionReport& report) {
  Writer w{report, {}};
  w.out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{} · {}</title><style>{}</style></head><body>",
      report.text.html_lang, w.t("title"), html_escape(report.campaign->name), kCss);
  header(w);
  summary(w);
  trend(w);
  history(w);
  stores(w);
  never_executed(w);
  problems(w);
  incidents(w);
  practices(w);
  decay(w);
  appendix(w);
  w.out += fmt::format("</main><footer>{}</footer></body></html>\n", w.t("footer"));
  return w.out;
}

}  // namespace pitwall::io
