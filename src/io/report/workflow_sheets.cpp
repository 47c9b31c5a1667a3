#include "io/report/workflow_sheets.hpp"

namespace pitwall::io {

namespace {

// The items of `list` (strings), each passed through `each`, joined by `separator`.
template <typename Each>
std::string joined(const Json* list, std::string_view separator, Each each) {
  std::string out;
  if (list == nullptr) return out;
  for (const auto& item : list->items()) {
    if (!out.empty()) out += separator;
    out += each(item.is_string() ? item.as_string() : item.dump());
  }
  return out;
}

// One line per piece of evidence, its rule and field in words: "补全成交门店: 门店编码 - → HN-GZ16;
// staff E00718" (separators that read in either language).
std::string evidence_text(const SheetText& text, const Json& item) {
  std::string out;
  const Json* evidence = item.find("evidence");
  if (evidence == nullptr) return out;
  for (const auto& e : evidence->items()) {
    if (!out.empty()) out += "\n";
    out += text.word(WordKind::kRule, e.get_string("rule"));
    std::string change;
    if (std::string field = e.get_string("field"); !field.empty()) {
      change = text.word(WordKind::kField, field);
    }
    std::string before = e.get_string("before");
    std::string after = e.get_string("after");
    if (!before.empty() || !after.empty()) {
      change += (change.empty() ? "" : " ") + (before.empty() ? "-" : before) + " → " +
                (after.empty() ? "-" : after);
    }
    std::string detail = e.get_string("detail");
    if (!change.empty()) out += ": " + change;
    if (!detail.empty()) out += (change.empty() ? ": " : "; ") + detail;
  }
  return out;
}

XlsxCell text_or_empty(const Json& j, std::string_view key) {
  const Json* v = j.find(key);
  if (v == nullptr || !v->is_string()) return XlsxCell::empty();
  return XlsxCell::text(v->as_string());
}

XlsxCell word_cell(const SheetText& text, WordKind kind, std::string_view token) {
  return XlsxCell::text(text.word(kind, token));
}

}  // namespace

void add_arbitration_sheet(XlsxWriter& writer, const SheetText& text, const Json& queue) {
  XlsxSheet& sheet = writer.add_sheet(text.name);
  sheet.header(text.headers);
  for (const auto& q : queue.items()) {
    const Json* d = q.find("decision");
    bool decided = d != nullptr && d->is_object();
    std::string decision;
    if (decided) {
      decision = d->get_string("decision");
      if (decision == "store") decision += ":" + d->get_string("store");
    }
    sheet.row({XlsxCell::text(q.get_string("order_id")), XlsxCell::text(q.get_string("store")),
               XlsxCell::text(q.get_string("region")), XlsxCell::text(q.get_string("customer_id")),
               XlsxCell::money_fen(q.get_int("amount_fen")),
               word_cell(text, WordKind::kYesNo, q.get_bool("counted") ? "yes" : "no"),
               XlsxCell::text(
                   joined(q.find("reasons"), ", ",
                          [&](const std::string& r) { return text.word(WordKind::kRule, r); })),
               XlsxCell::text(evidence_text(text, q)),
               XlsxCell::text(joined(q.find("claimants"), ", ", [](std::string c) { return c; })),
               word_cell(text, WordKind::kStatus, q.get_string("status")),
               decided ? word_cell(text, WordKind::kDecision, decision) : XlsxCell::empty(),
               decided ? text_or_empty(*d, "reason") : XlsxCell::empty(),
               decided ? text_or_empty(*d, "who") : XlsxCell::empty(),
               decided ? text_or_empty(*d, "at") : XlsxCell::empty()});
  }
}

void add_signoffs_sheet(XlsxWriter& writer, const SheetText& text, const Json& status) {
  XlsxSheet& sheet = writer.add_sheet(text.name);
  sheet.header(text.headers);
  std::string definition = status.get_string("definition");
  if (const Json* stores = status.find("stores")) {
    if (const Json* list = stores->find("list")) {
      for (const auto& s : list->items()) {
        sheet.row({word_cell(text, WordKind::kSignoffKind, "store"),
                   XlsxCell::text(s.get_string("store")),
                   word_cell(text, WordKind::kStatus, s.get_string("status")),
                   text_or_empty(s, "who"), text_or_empty(s, "at"), XlsxCell::text(definition),
                   text_or_empty(s, "digest"), text_or_empty(s, "current_digest")});
      }
    }
  }
  if (const Json* signoffs = status.find("signoffs")) {
    for (const auto& s : signoffs->items()) {
      sheet.row({word_cell(text, WordKind::kSignoffKind, s.get_string("kind")),
                 XlsxCell::text(s.get_string("scope")),
                 word_cell(text, WordKind::kStatus, s.get_string("status")),
                 text_or_empty(s, "who"), text_or_empty(s, "at"), text_or_empty(s, "definition"),
                 text_or_empty(s, "digest"), text_or_empty(s, "current_digest")});
    }
  }
}

void add_retrospective_sheet(XlsxWriter& writer, const SheetText& text, const Json& retro) {
  XlsxSheet& sheet = writer.add_sheet(text.name);
  sheet.header(text.headers);
  auto row = [&](std::string_view section, std::string item, XlsxCell count, XlsxCell amount,
                 std::string_view note, std::string_view who) {
    sheet.row({word_cell(text, WordKind::kSection, section), XlsxCell::text(item), std::move(count),
               std::move(amount), XlsxCell::text(note), XlsxCell::text(who)});
  };
  if (const Json* funnel = retro.find("funnel")) {
    for (std::string_view step : {"reached", "visited", "ordered", "paid", "redeemed"}) {
      row("funnel", text.word(WordKind::kFunnelStep, step),
          XlsxCell::integer(funnel->get_int(step)), XlsxCell::empty(),
          step == "reached" ? funnel->get_string("reached_source") : "", "");
    }
  }
  if (const Json* tiers = retro.find("tiers")) {
    for (const auto& t : tiers->items()) {
      row("tier", text.word(WordKind::kTier, t.get_string("tier")),
          XlsxCell::integer(t.get_int("customers")), XlsxCell::money_fen(t.get_int("amount_fen")),
          "", "");
    }
  }
  for (std::string_view section : {"went_right", "went_wrong", "recommendations"}) {
    const Json* notes = retro.find(section);
    if (notes == nullptr) continue;
    for (const auto& n : notes->items()) {
      row(section, std::to_string(n.get_int("number")), XlsxCell::empty(), XlsxCell::empty(),
          n.get_string("text"), n.get_string("who"));
    }
  }
}

}  // namespace pitwall::io
