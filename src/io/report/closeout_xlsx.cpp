#include "io/report/closeout_xlsx.hpp"

#include <fmt/format.h>

#include "io/import/aliases.hpp"
#include "io/xlsx/xlsx_writer.hpp"

namespace pitwall::io {

namespace {
using Cells = std::vector<XlsxCell>;

std::vector<std::string> headers(const CloseoutWords& words,
                                 std::initializer_list<const char*> keys) {
  std::vector<std::string> out;
  for (const char* k : keys) out.emplace_back(words(fmt::format("closeout.column.{}", k)));
  return out;
}

// An order column as the reader knows it: its usual Chinese header, or its name in English.
std::string field_words(const CloseoutWords& words, std::string_view field) {
  if (words.english) return std::string(field);
  return std::string(chinese_header(core::TableKind::kOrders, field));
}

XlsxCell rate_cell(const Json* v) {
  return v == nullptr || v->is_null() ? XlsxCell::empty() : XlsxCell::percent(v->as_double());
}

void summary_sheet(XlsxWriter& w, const StoredRun& run, const CloseoutWords& words) {
  XlsxSheet& s = w.add_sheet(std::string(words("closeout.sheet.summary")));
  s.header(headers(
      words, {"definition", "tag", "orders", "amount", "raw_tag", "raw_orders", "cleaned_tag",
              "cleaned_orders", "difference_rate", "raw_amount", "cleaned_amount",
              "amount_difference_rate", "rebate_raw", "rebate_cleaned", "roi_raw", "roi_cleaned"}));
  const Json& result = run.result();
  const auto& gross_net = result.find("gross_net")->items();
  for (size_t i = 0; i < gross_net.size(); ++i) {
    const Json& e = result.find("evaluations")->items()[i];
    const Json& g = gross_net[i];
    s.row({XlsxCell::text(e.get_string("definition")), XlsxCell::text(e.get_string("tag")),
           XlsxCell::integer(e.find("total")->get_int("orders")),
           XlsxCell::money_fen(e.find("total")->get_int("amount_fen")),
           XlsxCell::text(g.get_string("raw_tag")), XlsxCell::integer(g.get_int("raw_orders")),
           XlsxCell::text(g.get_string("cleaned_tag")),
           XlsxCell::integer(g.get_int("cleaned_orders")),
           rate_cell(g.find("order_difference_rate")),
           XlsxCell::money_fen(g.get_int("raw_amount_fen")),
           XlsxCell::money_fen(g.get_int("cleaned_amount_fen")),
           rate_cell(g.find("amount_difference_rate")),
           XlsxCell::money_fen(g.get_int("rebate_raw_fen")),
           XlsxCell::money_fen(g.get_int("rebate_cleaned_fen")), rate_cell(g.find("roi_raw")),
           rate_cell(g.find("roi_cleaned"))});
  }
}

std::vector<std::pair<int, int>> bridge_pairs(const StoredRun& run) {
  std::vector<std::pair<int, int>> pairs;
  size_t d = run.result().find("definitions")->size();
  for (size_t i = 0; i < d; ++i) {
    for (size_t j = i + 1; j < d; ++j) pairs.emplace_back(static_cast<int>(i), static_cast<int>(j));
  }
  for (size_t i = 0; i < d; ++i) {
    const core::Evaluation& other = run.evaluations[d + i];
    if (!other.has_orders()) continue;
    bool declared_cleaned = run.evaluations[i].definition.cleaned;
    int raw = static_cast<int>(declared_cleaned ? d + i : i);
    int cleaned = static_cast<int>(declared_cleaned ? i : d + i);
    pairs.emplace_back(raw, cleaned);
  }
  return pairs;
}

void bridge_sheet(XlsxWriter& w, const StoredRun& run, const CloseoutWords& words) {
  XlsxSheet& s = w.add_sheet(std::string(words("closeout.sheet.bridge")));
  s.header(headers(
      words, {"from", "to", "step", "reason", "reason_token", "orders", "amount", "order_ids"}));
  for (auto [a, b] : bridge_pairs(run)) {
    core::Bridge br =
        core::compute_bridge(run.evaluations[a], run.evaluations[b], run.stores, {}, run.ids(), 1);
    auto total_row = [&](const char* key, const core::Totals& t) {
      s.row({XlsxCell::text(br.from_tag), XlsxCell::text(br.to_tag), XlsxCell::empty(),
             XlsxCell::text(words(fmt::format("closeout.{}", key))), XlsxCell::empty(),
             XlsxCell::integer(t.orders), XlsxCell::money_fen(t.amount_fen), XlsxCell::empty()});
    };
    total_row("bridge_start", br.from_total);
    int n = 0;
    for (const core::BridgeStep& step : br.steps) {
      std::string ids;
      for (uint32_t k : step.order_indices) {
        if (ids.size() > 32000) break;
        ids += (ids.empty() ? "" : ", ") + run.order_ids[k];
      }
      s.row({XlsxCell::text(br.from_tag), XlsxCell::text(br.to_tag), XlsxCell::integer(++n),
             XlsxCell::text(reason_words(words, step.reason, words.english)),
             XlsxCell::text(step.reason), XlsxCell::integer(step.orders),
             XlsxCell::money_fen(step.amount_fen), XlsxCell::text(ids)});
    }
    total_row("bridge_end", br.to_total);
  }
}

void stores_sheet(XlsxWriter& w, const StoredRun& run, const CloseoutWords& words) {
  XlsxSheet& s = w.add_sheet(std::string(words("closeout.sheet.stores")));
  std::vector<std::string> head =
      headers(words, {"store", "store_name", "region", "orders", "received", "rebate", "raw_orders",
                      "raw_received", "raw_rebate", "overpayment_avoided", "clawback_orders",
                      "clawback", "payable"});
  const auto& gross_net = run.result().find("gross_net")->items();
  for (size_t i = 0; i < gross_net.size(); ++i) {
    head.push_back(words.format("closeout.column.orders_under", run.evaluations[i].tag()));
  }
  s.header(head);
  const Json& settlement = *run.result().find("settlement");
  const auto& rows = settlement.find("stores")->items();
  // The total row sums every column over the stores and the unattributed orders.
  std::vector<int64_t> total(13 + gross_net.size(), 0);
  auto add = [&](size_t column, int64_t v) { total[column] += v; };
  for (size_t st = 0; st < rows.size(); ++st) {
    const Json& r = rows[st];
    const char* summed[] = {"orders",
                            "received_fen",
                            "rebate_fen",
                            "raw_orders",
                            "raw_received_fen",
                            "raw_rebate_fen",
                            "overpayment_avoided_fen",
                            "clawback_orders",
                            "clawback_fen",
                            "payable_fen"};
    for (size_t k = 0; k < 10; ++k) add(3 + k, r.get_int(summed[k]));
    Cells cells = {XlsxCell::text(r.get_string("store")),
                   XlsxCell::text(r.get_string("name")),
                   XlsxCell::text(r.get_string("region")),
                   XlsxCell::integer(r.get_int("orders")),
                   XlsxCell::money_fen(r.get_int("received_fen")),
                   XlsxCell::money_fen(r.get_int("rebate_fen")),
                   XlsxCell::integer(r.get_int("raw_orders")),
                   XlsxCell::money_fen(r.get_int("raw_received_fen")),
                   XlsxCell::money_fen(r.get_int("raw_rebate_fen")),
                   XlsxCell::money_fen(r.get_int("overpayment_avoided_fen")),
                   XlsxCell::integer(r.get_int("clawback_orders")),
                   XlsxCell::money_fen(r.get_int("clawback_fen")),
                   XlsxCell::money_fen(r.get_int("payable_fen"))};
    for (size_t i = 0; i < gross_net.size(); ++i) {
      cells.push_back(XlsxCell::integer(run.evaluations[i].by_store[st].orders));
      add(13 + i, run.evaluations[i].by_store[st].orders);
    }
    s.row(cells);
  }
  const Json& u = *settlement.find("unattributed");
  Cells last = {XlsxCell::text(shown_name(words, core::kUnattributed)), XlsxCell::empty(),
                XlsxCell::empty(), XlsxCell::integer(u.get_int("orders")),
                XlsxCell::money_fen(u.get_int("received_fen"))};
  add(3, u.get_int("orders"));
  add(4, u.get_int("received_fen"));
  last.resize(13);
  for (size_t i = 0; i < gross_net.size(); ++i) {
    last.push_back(XlsxCell::integer(run.evaluations[i].by_store.back().orders));
    add(13 + i, run.evaluations[i].by_store.back().orders);
  }
  s.row(last);
  // Counts stay counts, money stays money: columns 3, 6, 10 and the per-definition ones count.
  Cells sums = {XlsxCell::text(words("closeout.total")), XlsxCell::empty(), XlsxCell::empty()};
  for (size_t c = 3; c < total.size(); ++c) {
    bool count = c == 3 || c == 6 || c == 10 || c >= 13;
    sums.push_back(count ? XlsxCell::integer(total[c]) : XlsxCell::money_fen(total[c]));
  }
  s.row(sums);
}

void regions_sheet(XlsxWriter& w, const StoredRun& run, const CloseoutWords& words) {
  XlsxSheet& s = w.add_sheet(std::string(words("closeout.sheet.regions")));
  std::vector<std::string> head = headers(words, {"region"});
  size_t d = run.result().find("gross_net")->size();
  for (size_t i = 0; i < 2 * d; ++i) {
    head.push_back(words.format("closeout.column.orders_under", run.evaluations[i].tag()));
    head.push_back(words.format("closeout.column.amount_under", run.evaluations[i].tag()));
  }
  s.header(head);
  for (uint32_t r = 0; r < run.stores.region_count(); ++r) {
    Cells cells = {XlsxCell::text(shown_name(words, run.stores.regions[r]))};
    for (size_t i = 0; i < 2 * d; ++i) {
      cells.push_back(XlsxCell::integer(run.evaluations[i].by_region[r].orders));
      cells.push_back(XlsxCell::money_fen(run.evaluations[i].by_region[r].amount_fen));
    }
    s.row(cells);
  }
}

void staff_sheet(XlsxWriter& w, const StoredRun& run, const CloseoutWords& words) {
  XlsxSheet& s = w.add_sheet(std::string(words("closeout.sheet.staff")));
  s.header(headers(words, {"staff_id", "staff_name", "store", "orders", "share"}));
  const Json& settlement = *run.result().find("settlement");
  for (const Json& x : settlement.find("staff")->items()) {
    s.row({XlsxCell::text(x.get_string("staff_id")), XlsxCell::text(x.get_string("name")),
           XlsxCell::text(shown_name(words, x.get_string("store"))),
           XlsxCell::integer(x.get_int("orders")), XlsxCell::money_fen(x.get_int("share_fen"))});
  }
  s.row({XlsxCell::text(words("closeout.column.unassigned")), XlsxCell::empty(), XlsxCell::empty(),
         XlsxCell::empty(), XlsxCell::money_fen(settlement.get_int("unassigned_split_fen"))});
}

void findings_sheet(XlsxWriter& w, const StoredRun& run, const CloseoutWords& words) {
  XlsxSheet& s = w.add_sheet(std::string(words("closeout.sheet.findings")));
  s.header(headers(words, {"order_id", "customer_id", "stage", "rule_id", "action", "field",
                           "before", "after", "reason"}));
  for (const StoredFinding& f : run.findings) {
    // The rule's id stays (a stable code to filter on); its words are the reason column's.
    s.row({XlsxCell::text(f.order_id), XlsxCell::text(f.customer_id),
           XlsxCell::text(words(fmt::format("closeout.stage.{}", f.stage))), XlsxCell::text(f.rule),
           XlsxCell::text(words(fmt::format("closeout.action.{}", f.action))),
           XlsxCell::text(field_words(words, f.field)), XlsxCell::text(f.before),
           XlsxCell::text(f.after), XlsxCell::text(finding_reason(f, words))});
  }
}

void arbitration_sheet(XlsxWriter& w, const StoredRun& run, const CloseoutWords& words,
                       const core::TimeZone& zone) {
  XlsxSheet& s = w.add_sheet(std::string(words("closeout.sheet.arbitration")));
  s.header(headers(words, {"order_id", "kind", "rule", "field", "detail", "cutoff"}));
  (void)zone;
  for (const Json& g : run.result().find("gray_zone")->items()) {
    std::string rule = g.get_string("rule");
    s.row({XlsxCell::text(g.get_string("order_id")),
           XlsxCell::text(words(fmt::format("closeout.gray.{}", g.get_string("kind")))),
           XlsxCell::text(rule.empty() ? std::string()
                                       : std::string(reason_words(words, rule, words.english))),
           XlsxCell::text(field_words(words, g.get_string("field"))),
           XlsxCell::text(g.get_string("detail")), XlsxCell::text(g.get_string("cutoff"))});
  }
}

void errors_sheet(XlsxWriter& w, const StoredRun& run, const CloseoutWords& words) {
  XlsxSheet& s = w.add_sheet(std::string(words("closeout.sheet.errors")));
  s.header(headers(words, {"source", "line", "problem", "value"}));
  for (const Json& p : run.result().find("problems")->items()) {
    s.row({XlsxCell::text(p.get_string("source")), XlsxCell::integer(p.get_int("line")),
           XlsxCell::text(words(fmt::format("closeout.problem.{}", p.get_string("code")))),
           XlsxCell::text(p.get_string("value"))});
  }
}
}  // namespace

core::Status write_closeout_xlsx(const std::string& path, const StoredRun& run,
                                 const CloseoutWords& words, const core::TimeZone& zone,
                                 int64_t created_utc, const WorkbookExtras& extras) {
  XlsxWriter w = TRY(XlsxWriter::create(path, created_utc));
  w.set_title(words.format("closeout.workbook_title", run.meta.campaign, run.meta.run));
  if (extras.first) extras.first(w);
  summary_sheet(w, run, words);
  bridge_sheet(w, run, words);
  stores_sheet(w, run, words);
  regions_sheet(w, run, words);
  staff_sheet(w, run, words);
  findings_sheet(w, run, words);
  if (!extras.replaces_arbitration) arbitration_sheet(w, run, words, zone);
  errors_sheet(w, run, words);
  if (extras.last) TRY(extras.last(w));
  return w.close();
}

}  // namespace pitwall::io
