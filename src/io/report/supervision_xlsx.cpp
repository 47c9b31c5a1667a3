// The review workbook (see supervision_report.hpp): the HTML report's tables, one sheet each.
#include <fmt/format.h>

#include "io/report/supervision_report.hpp"
#include "io/xlsx/xlsx_writer.hpp"

namespace pitwall::io {

namespace sv = core::supervision;

namespace {

using Cells = std::vector<XlsxCell>;

XlsxCell share(std::optional<double> v) { return v ? XlsxCell::percent(*v) : XlsxCell(); }
XlsxCell number(std::optional<double> v) { return v ? XlsxCell::decimal(*v, 2) : XlsxCell(); }
XlsxCell day_cell(int32_t day) {
  return XlsxCell::text(core::format_date(core::civil_from_days(day)));
}

struct Book {
  const SupervisionReport& r;
  XlsxWriter& writer;
  std::string t(std::string_view key) const { return r.text.label(key); }
  XlsxSheet& sheet(std::string_view key, std::initializer_list<std::string_view> columns) {
    XlsxSheet& s = writer.add_sheet(t(key));
    std::vector<std::string> names;
    for (auto c : columns) names.push_back(t(c));
    s.header(names);
    return s;
  }
  const sv::Feeds& feeds() const { return *r.feeds; }
  const sv::Review& review() const { return *r.review; }
};

void summary(Book& b) {
  const auto& rv = b.review();
  XlsxSheet& s = b.sheet("sheet_summary",
                         {"col_region", "col_stores", "col_executing", "col_cum_participation",
                          "target", "col_complaint_rate", "col_mean_score"});
  auto row = [&](const std::string& label, const sv::Figures& f, int64_t executing) {
    s.row({XlsxCell::text(label), XlsxCell::integer(f.stores), XlsxCell::integer(executing),
           share(f.cum_participation), XlsxCell::percent(rv.target), number(f.cum_complaint_rate),
           number(f.mean_score)});
  };
  row(b.t("network"), rv.network, rv.stores_executing);
  for (const auto& f : rv.regions) {
    int64_t executing = 0;
    for (const auto& h : rv.stores) {
      const auto& p = h.cum_participation;
      if (b.feeds().stores[h.store].region_index == f.region && p && *p >= rv.target / 2) {
        ++executing;
      }
    }
    row(b.feeds().regions[f.region], f, executing);
  }
}

void trend(Book& b) {
  XlsxSheet& s = b.sheet("sheet_trend", {"col_date", "col_stores", "col_participation",
                                         "col_cum_participation", "col_complaint_rate",
                                         "col_mean_score", "col_red", "col_black", "col_alerts"});
  for (const auto& d : b.review().days) {
    const auto& f = d.network;
    s.row({day_cell(d.day), XlsxCell::integer(f.reporting), share(f.participation),
           share(f.cum_participation), number(f.complaint_rate), number(f.mean_score),
           XlsxCell::integer(static_cast<int64_t>(d.red.size())),
           XlsxCell::integer(static_cast<int64_t>(d.black.size())), XlsxCell::integer(d.alerts)});
  }
}

void history(Book& b) {
  XlsxSheet& s = b.sheet("sheet_history", {"col_date", "col_red", "col_black"});
  auto codes = [&](const std::vector<int>& stores) {
    std::string out;
    for (int x : stores) out += (out.empty() ? "" : " ") + b.feeds().stores[x].code;
    return XlsxCell::text(out);
  };
  for (const auto& d : b.review().days) s.row({day_cell(d.day), codes(d.red), codes(d.black)});
}

void stores(Book& b) {
  XlsxSheet& s =
      b.sheet("sheet_stores", {"col_store", "col_name", "col_region", "col_black_days",
                               "col_red_days", "col_silent_days", "col_executed_days",
                               "col_cum_participation", "col_cum_score", "never_executed"});
  const auto& rv = b.review();
  for (const auto& h : rv.stores) {
    const auto& st = b.feeds().stores[h.store];
    s.row({XlsxCell::text(st.code), XlsxCell::text(st.name), XlsxCell::text(st.region),
           XlsxCell::integer(h.black_days), XlsxCell::integer(h.red_days),
           XlsxCell::integer(h.silent_days), XlsxCell::integer(h.executed_days),
           share(h.cum_participation), number(h.cum_score),
           XlsxCell::text(b.t(h.executed_days == 0 ? "yes" : "no"))});
  }
}

void problems(Book& b) {
  XlsxSheet& s =
      b.sheet("sheet_problems", {"col_id", "col_store", "col_title", "col_owner", "col_status",
                                 "col_opened", "col_closed", "col_hours_to_close", "col_reopened"});
  const core::TimeZone& zone = *b.feeds().zone;
  for (const auto* p : b.review().problems) {
    bool closed = p->is_closed();
    s.row({XlsxCell::text(p->id), XlsxCell::text(p->store_code), XlsxCell::text(p->title),
           XlsxCell::text(p->owner),
           XlsxCell::text(b.t(fmt::format("status_{}", sv::problem_status_token(p->status)))),
           XlsxCell::date_time(p->opened_at, zone),
           closed ? XlsxCell::date_time(p->closed_at, zone) : XlsxCell(),
           closed ? XlsxCell::decimal(static_cast<double>(p->closed_at - p->opened_at) / 3600, 2)
                  : XlsxCell(),
           XlsxCell::integer(p->reopened)});
  }
}

void incidents(Book& b) {
  XlsxSheet& s = b.sheet("sheet_incidents", {"col_date", "col_detail"});
  for (const auto& d : b.review().days) {
    for (const auto& a : d.network_alerts)
      s.row({day_cell(a.day), XlsxCell::text(b.r.text.alert(a))});
  }
}

void practices(Book& b) {
  XlsxSheet& s = b.sheet("sheet_practices",
                         {"col_practice", "col_found", "col_adopters", "col_before", "col_after",
                          "col_others_before", "col_others_after", "col_lift"});
  for (const auto& pr : b.review().practices) {
    const auto& e = pr.effect;
    s.row({XlsxCell::text(pr.practice->id + " " + pr.practice->title),
           XlsxCell::text(pr.practice->store_code), XlsxCell::integer(e.adopters),
           share(e.adopters_before), share(e.adopters_after), share(e.others_before),
           share(e.others_after), number(e.lift_points)});
  }
}

void decay(Book& b) {
  if (!b.review().decay) return;
  XlsxSheet& s =
      b.sheet("sheet_decay", {"col_level", "col_respondents", "col_completeness", "col_willingness",
                              "col_completeness_index", "col_willingness_index"});
  auto index = [](std::optional<double> v) { return v ? XlsxCell::percent(*v / 100) : XlsxCell(); };
  for (const auto& l : b.review().decay->levels) {
    s.row({XlsxCell::text(b.r.text.level(l.level)), XlsxCell::integer(l.respondents),
           number(l.completeness), number(l.willingness), index(l.completeness_index),
           index(l.willingness_index)});
  }
}

}  // namespace

core::Status write_supervision_xlsx(const SupervisionReport& report, const std::string& path) {
  XlsxWriter writer = TRY(XlsxWriter::create(path, report.review->now));
  writer.set_title(report.text.label("title") + " · " + report.campaign->name);
  Book b{report, writer};
  summary(b);
  trend(b);
  history(b);
  stores(b);
  problems(b);
  incidents(b);
  practices(b);
  decay(b);
  return writer.close();
}

}  // namespace pitwall::io
