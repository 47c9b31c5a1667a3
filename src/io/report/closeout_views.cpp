#include "io/report/closeout_views.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/base/check.hpp"
#include "core/base/money.hpp"
#include "core/closeout/rules.hpp"
#include "core/definitions/evaluation.hpp"

namespace pitwall::io {

namespace {
std::string key_of(std::string_view prefix, std::string_view token) {
  return fmt::format("closeout.{}.{}", prefix, token);
}

const Json& result_of(const StoredRun& run) { return run.result(); }

const Json& evaluation_doc(const StoredRun& run, size_t i) {
  return result_of(run).find("evaluations")->items()[i];
}

bool wanted(const std::vector<std::string>& names, const std::string& name) {
  if (names.empty()) return true;
  for (const auto& n : names) {
    if (n == name) return true;
  }
  return false;
}

Json run_header(const StoredRun& run) {
  return Json::object()
      .set("campaign", run.meta.campaign)
      .set("run", run.meta.run)
      .set("created_at", run.doc->find("meta")->get_string("created_at"))
      .set("result_digest", run.result_digest);
}

std::string order_count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string signed_count(int64_t n) { return (n > 0 ? "+" : "") + order_count(n); }
std::string signed_yuan(int64_t fen) { return (fen > 0 ? "+" : "") + yuan(fen); }
}  // namespace

std::string yuan(int64_t fen) { return core::Money::from_fen(fen).to_display_string(); }

std::string percent_text(const Json& rate) {
  if (rate.is_null()) return "—";
  return fmt::format("{:.2f}%", rate.as_double() * 100);
}

std::string shown_name(const CloseoutWords& words, std::string_view name) {
  return std::string(name == core::kUnattributed ? words("closeout.unattributed") : name);
}

std::string_view reason_words(const CloseoutWords& words, std::string_view reason, bool english) {
  std::string key =
      core::closeout::parse_rule(reason) ? key_of("rule", reason) : key_of("reason", reason);
  return english ? words.en(key) : words.zh(key);
}

Json summary_json(const StoredRun& run, const std::vector<std::string>& names) {
  const Json& result = result_of(run);
  Json defs = Json::array();
  const auto& gross_net = result.find("gross_net")->items();
  for (size_t i = 0; i < gross_net.size(); ++i) {
    const Json& e = evaluation_doc(run, i);
    if (!wanted(names, e.get_string("definition"))) continue;
    const Json& g = gross_net[i];
    const Json& total = *e.find("total");
    Json regions = Json::array(), stores = Json::array();
    const auto& store_docs = result.find("stores")->items();
    for (const Json& r : e.find("regions")->items()) {
      regions.push(Json::object()
                       .set("region", r.get_string("region"))
                       .set("orders", r.get_int("orders"))
                       .set("amount_fen", r.get_int("amount_fen")));
    }
    const auto& by_store = e.find("stores")->items();
    for (size_t s = 0; s < by_store.size(); ++s) {
      stores.push(Json::object()
                      .set("store", by_store[s].get_string("store"))
                      .set("name", store_docs[s].get_string("name"))
                      .set("region", store_docs[s].get_string("region"))
                      .set("orders", by_store[s].get_int("orders"))
                      .set("amount_fen", by_store[s].get_int("amount_fen")));
    }
    defs.push(Json::object()
                  .set("name", e.get_string("definition"))
                  .set("version", e.get_string("version"))
                  .set("tag", e.get_string("tag"))
                  .set("orders", total.get_int("orders"))
                  .set("amount_fen", total.get_int("amount_fen"))
                  .set("regions", std::move(regions))
                  .set("stores", std::move(stores))
                  .set("raw", Json::object()
                                  .set("tag", g.get_string("raw_tag"))
                                  .set("orders", g.get_int("raw_orders"))
                                  .set("amount_fen", g.get_int("raw_amount_fen")))
                  .set("cleaned", Json::object()
                                      .set("tag", g.get_string("cleaned_tag"))
                                      .set("orders", g.get_int("cleaned_orders"))
                                      .set("amount_fen", g.get_int("cleaned_amount_fen")))
                  .set("difference_rate", *g.find("order_difference_rate"))
                  .set("amount_difference_rate", *g.find("amount_difference_rate"))
                  .set("rebate_raw_fen", g.get_int("rebate_raw_fen"))
                  .set("rebate_cleaned_fen", g.get_int("rebate_cleaned_fen"))
                  .set("roi_raw", *g.find("roi_raw"))
                  .set("roi_cleaned", *g.find("roi_cleaned")));
  }
  return run_header(run)
      .set("order_count", result.get_int("order_count"))
      .set("definitions", std::move(defs));
}

std::string summary_text(const StoredRun& run, const std::vector<std::string>& names,
                         const CloseoutWords& words) {
  const Json& result = result_of(run);
  std::string out = words.format("closeout.summary_title", run.meta.campaign, run.meta.run,
                                 run.doc->find("meta")->get_string("created_at"), run.meta.by) +
                    "\n";
  const auto& gross_net = result.find("gross_net")->items();
  const auto& defs = result.find("definitions")->items();
  for (size_t i = 0; i < gross_net.size(); ++i) {
    const Json& e = evaluation_doc(run, i);
    if (!wanted(names, e.get_string("definition"))) continue;
    const Json& g = gross_net[i];
    const Json& total = *e.find("total");
    std::string tag = e.get_string("tag");
    out += words.format("closeout.summary_definition", defs[i].get_string("name"),
                        defs[i].get_string("title"), order_count(total.get_int("orders")),
                        yuan(total.get_int("amount_fen")), tag) +
           "\n";
    out += words.format("closeout.summary_gross_net", order_count(g.get_int("raw_orders")),
                        g.get_string("raw_tag"), order_count(g.get_int("cleaned_orders")),
                        g.get_string("cleaned_tag"), percent_text(*g.find("order_difference_rate")),
                        yuan(g.get_int("raw_amount_fen")), yuan(g.get_int("cleaned_amount_fen")),
                        percent_text(*g.find("amount_difference_rate"))) +
           "\n";
    auto roi = [&](const char* key) {
      const Json* v = g.find(key);
      return v->is_null() ? std::string(words("closeout.not_available")) : percent_text(*v);
    };
    out += words.format("closeout.summary_roi", roi("roi_raw"), roi("roi_cleaned"),
                        yuan(g.get_int("rebate_raw_fen")), yuan(g.get_int("rebate_cleaned_fen")),
                        g.get_string("cleaned_tag")) +
           "\n";
    for (const Json& r : e.find("regions")->items()) {
      out += words.format("closeout.summary_region", shown_name(words, r.get_string("region")),
                          order_count(r.get_int("orders")), yuan(r.get_int("amount_fen")), tag) +
             "\n";
    }
  }
  return out;
}

std::string scope_text(const StoredRun& run, core::BridgeScope scope, const CloseoutWords& words) {
  switch (scope.kind) {
    case core::BridgeScope::Kind::kNetwork:
      return std::string(words("closeout.scope_network"));
    case core::BridgeScope::Kind::kRegion:
      return words.format("closeout.scope_region", run.stores.regions[scope.index]);
    case core::BridgeScope::Kind::kStore:
      return words.format("closeout.scope_store", run.stores.codes[scope.index]);
  }
  return {};
}

namespace {
// The bridge document; with IdLists::kEmpty every step's "order_ids" is [] (filled in by
// bridge_json_pieces).
enum class IdLists : uint8_t { kFull, kEmpty };
Json bridge_document(const StoredRun& run, const core::Bridge& b, const CloseoutWords& words,
                     IdLists lists) {
  Json scope = Json::object();
  switch (b.scope.kind) {
    case core::BridgeScope::Kind::kNetwork:
      scope.set("kind", "network");
      break;
    case core::BridgeScope::Kind::kRegion:
      scope.set("kind", "region").set("region", run.stores.regions[b.scope.index]);
      break;
    case core::BridgeScope::Kind::kStore:
      scope.set("kind", "store").set("store", run.stores.codes[b.scope.index]);
      break;
  }
  Json steps = Json::array();
  int64_t orders = b.from_total.orders;
  int64_t amount = b.from_total.amount_fen;
  for (const core::BridgeStep& s : b.steps) {
    Json ids = Json::array();
    if (lists == IdLists::kFull) {
      for (uint32_t k : s.order_indices) ids.push(run.order_ids[k]);
    }
    orders += s.orders;
    amount += s.amount_fen;
    steps.push(Json::object()
                   .set("reason", s.reason)
                   .set("reason_zh", reason_words(words, s.reason, false))
                   .set("reason_en", reason_words(words, s.reason, true))
                   .set("direction", s.direction < 0   ? "remove"
                                     : s.direction > 0 ? "add"
                                                       : "amount")
                   .set("orders", s.orders)
                   .set("amount_fen", s.amount_fen)
                   .set("order_ids", std::move(ids)));
  }
  return run_header(run)
      .set("from", b.from_tag)
      .set("to", b.to_tag)
      .set("scope", std::move(scope))
      .set("from_total", Json::object()
                             .set("orders", b.from_total.orders)
                             .set("amount_fen", b.from_total.amount_fen))
      .set("to_total",
           Json::object().set("orders", b.to_total.orders).set("amount_fen", b.to_total.amount_fen))
      .set("steps", std::move(steps))
      .set("adds_up", orders == b.to_total.orders && amount == b.to_total.amount_fen);
}
}  // namespace

Json bridge_json(const StoredRun& run, const core::Bridge& b, const CloseoutWords& words) {
  return bridge_document(run, b, words, IdLists::kFull);
}

void bridge_json_pieces(const StoredRun& run, const core::Bridge& b, const CloseoutWords& words,
                        const std::function<void(std::string_view)>& out) {
  // The pretty document with empty id lists, each filled in where it stands: steps are items
  // of a member of the top object, so their members sit at 6 spaces and ids at 8 (a JSON string
  // cannot hold the unescaped quotes of the pattern).
  std::string doc = bridge_document(run, b, words, IdLists::kEmpty).dump(true);
  constexpr std::string_view kEmpty = "\"order_ids\": []";
  std::string text;
  size_t at = 0;
  for (const core::BridgeStep& s : b.steps) {
    size_t found = doc.find(kEmpty, at);
    PW_CHECK(found != std::string::npos, "a bridge step without its order_ids");
    text.append(doc, at, found + kEmpty.size() - 1 - at);  // up to and with the '['
    at = found + kEmpty.size();
    for (size_t i = 0; i < s.order_indices.size(); ++i) {
      text += i ? ",\n        " : "\n        ";
      append_json_string(text, run.order_ids[s.order_indices[i]]);
      if (text.size() >= (size_t{1} << 20)) {
        out(text);
        text.clear();
      }
    }
    text += s.order_indices.empty() ? "]" : "\n      ]";
  }
  text.append(doc, at);
  out(text);
}

std::string bridge_text(const StoredRun& run, const core::Bridge& b, const CloseoutWords& words) {
  std::string out =
      words.format("closeout.bridge_title", b.from_tag, b.to_tag, scope_text(run, b.scope, words)) +
      "\n";
  out += words.format("closeout.bridge_from", order_count(b.from_total.orders),
                      yuan(b.from_total.amount_fen), b.from_tag) +
         "\n";
  for (const core::BridgeStep& s : b.steps) {
    out += fmt::format("  {:>9} {:>18}  {}\n", signed_count(s.orders), signed_yuan(s.amount_fen),
                       reason_words(words, s.reason, words.english));
    std::string ids;
    size_t shown = 0;
    for (uint32_t k : s.order_indices) {
      if (shown == 10) {
        ids += words.format("closeout.and_more", s.order_indices.size() - shown);
        break;
      }
      ids += (shown++ ? ", " : "") + run.order_ids[k];
    }
    out += words.format("closeout.bridge_orders", ids) + "\n";
  }
  out += words.format("closeout.bridge_to", order_count(b.to_total.orders),
                      yuan(b.to_total.amount_fen), b.to_tag) +
         "\n";
  return out;
}

std::string finding_reason(const StoredFinding& f, const CloseoutWords& words) {
  std::string reason(reason_words(words, f.rule, words.english));
  if (!f.detail.empty()) reason += fmt::format(" ({})", f.detail);
  return reason;
}

namespace {
// The finding's reason in one language (JSON carries both: it reads the same whatever the
// reader's language).
std::string reason_in(const StoredFinding& f, const CloseoutWords& words, bool english) {
  std::string reason(reason_words(words, f.rule, english));
  if (!f.detail.empty()) reason += fmt::format(" ({})", f.detail);
  return reason;
}

Json finding_json(const StoredFinding& f, const CloseoutWords& words) {
  return Json::object()
      .set("order_id", f.order_id)
      .set("customer_id", f.customer_id)
      .set("stage", f.stage)
      .set("rule", f.rule)
      .set("action", f.action)
      .set("field", f.field)
      .set("before", f.before)
      .set("after", f.after)
      .set("detail", f.detail)
      .set("reason_zh", reason_in(f, words, false))
      .set("reason_en", reason_in(f, words, true));
}
}  // namespace

Json findings_view_json(const StoredRun& run, std::string_view rule, const CloseoutWords& words) {
  Json list = Json::array();
  for (const StoredFinding& f : run.findings) {
    if (rule.empty() || f.rule == rule) list.push(finding_json(f, words));
  }
  size_t n = list.size();
  return run_header(run).set("count", static_cast<int64_t>(n)).set("findings", std::move(list));
}

void findings_view_json_pieces(const StoredRun& run, std::string_view rule,
                               const CloseoutWords& words,
                               const std::function<void(std::string_view)>& out) {
  int64_t n = 0;
  for (const StoredFinding& f : run.findings) n += rule.empty() || f.rule == rule;
  // The document with an empty list, opened where the list's items go: pretty dumps put each
  // item on its own lines, indented by two levels (JSON strings hold no raw newline).
  std::string text = run_header(run).set("count", n).set("findings", Json::array()).dump(true);
  constexpr std::string_view kEmptyEnd = "[]\n}";
  PW_CHECK(std::string_view(text).ends_with(kEmptyEnd), "unexpected findings document shape");
  text.resize(text.size() - kEmptyEnd.size() + 1);  // keeps the '['
  bool first = true;
  for (const StoredFinding& f : run.findings) {
    if (!rule.empty() && f.rule != rule) continue;
    text += first ? "\n    " : ",\n    ";
    first = false;
    for (char c : finding_json(f, words).dump(true)) {
      text.push_back(c);
      if (c == '\n') text += "    ";
    }
    if (text.size() >= (size_t{1} << 20)) {
      out(text);
      text.clear();
    }
  }
  text += first ? "]\n}" : "\n  ]\n}";
  out(text);
}

std::string findings_text(const StoredRun& run, std::string_view rule, const CloseoutWords& words) {
  std::string out;
  size_t n = 0;
  for (const StoredFinding& f : run.findings) {
    if (!rule.empty() && f.rule != rule) continue;
    ++n;
    out += fmt::format("{:<16} {:<12} {:<22} {:<8} {:<16} {} → {}  {}\n", f.order_id, f.customer_id,
                       f.rule, words(key_of("action", f.action)), f.field, f.before, f.after,
                       finding_reason(f, words));
  }
  return words.format("closeout.findings_title", n) + "\n" + out;
}

namespace {
void csv_field(std::string& out, std::string_view v) {
  bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
}  // namespace

std::string findings_csv(const StoredRun& run, std::string_view rule, const CloseoutWords& words) {
  std::string out = "\xEF\xBB\xBF";
  const char* headers[] = {"order_id", "customer_id", "stage", "rule",  "action",
                           "field",    "before",      "after", "reason"};
  for (size_t i = 0; i < std::size(headers); ++i) {
    if (i) out += ',';
    csv_field(out, words(key_of("column", headers[i])));
  }
  out += "\r\n";
  for (const StoredFinding& f : run.findings) {
    if (!rule.empty() && f.rule != rule) continue;
    std::string reason = finding_reason(f, words);
    std::string stage(words(key_of("stage", f.stage)));
    std::string action(words(key_of("action", f.action)));
    const std::string* cells[] = {&f.order_id, &f.customer_id, &stage,   &f.rule, &action,
                                  &f.field,    &f.before,      &f.after, &reason};
    for (size_t i = 0; i < std::size(cells); ++i) {
      if (i) out += ',';
      csv_field(out, *cells[i]);
    }
    out += "\r\n";
  }
  return out;
}

Json settlement_view_json(const StoredRun& run) {
  Json s = *result_of(run).find("settlement");
  return run_header(run).set("settlement", std::move(s));
}

std::string settlement_text(const StoredRun& run, const CloseoutWords& words) {
  const Json& s = *result_of(run).find("settlement");
  std::string tag = s.get_string("cleaned_tag");
  std::string out = words.format("closeout.settlement_title", tag, s.get_string("raw_tag")) + "\n";
  out += std::string(words("closeout.settlement_header")) + "\n";
  auto line = [&](const Json& row, std::string_view label) {
    return fmt::format("{:<10} {:>7} {:>16} {:>12} {:>12} {:>12} {:>12} {:>12}\n", label,
                       order_count(row.get_int("orders")), yuan(row.get_int("received_fen")),
                       yuan(row.get_int("rebate_fen")), yuan(row.get_int("raw_rebate_fen")),
                       yuan(row.get_int("overpayment_avoided_fen")),
                       yuan(row.get_int("clawback_fen")), yuan(row.get_int("payable_fen")));
  };
  for (const Json& row : s.find("stores")->items()) {
    if (row.get_int("orders") == 0 && row.get_int("raw_orders") == 0) continue;
    out += line(row, row.get_string("store"));
  }
  out += line(*s.find("total"), words("closeout.total"));
  out += words.format("closeout.tagged", tag) + "\n";
  const Json& u = *s.find("unattributed");
  out += words.format("closeout.settlement_unattributed", order_count(u.get_int("orders")),
                      yuan(u.get_int("received_fen")), tag) +
         "\n";
  out += words.format("closeout.settlement_staff", s.find("staff")->size(),
                      yuan(s.get_int("unassigned_split_fen")), tag) +
         "\n";
  return out;
}

}  // namespace pitwall::io

namespace pitwall::io {

core::Status write_report_file(const std::string& path, std::string_view bytes) {
  // Written beside the target and renamed over it: a symbolic link at `path` is replaced,
  // never written through, and a reader never sees half a file.
  std::string tmp = fmt::format("{}.tmp-{}", path, ::getpid());
  auto failed = [&](std::string_view what) {
    auto e = core::make_error(core::ErrorCode::kIo,
                              fmt::format("cannot {} {}: {}", what, path, std::strerror(errno)));
    (void)::unlink(tmp.c_str());
    return e;
  };
  std::FILE* f = std::fopen(tmp.c_str(), "wbx");
  if (f == nullptr) return failed("write");
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) return failed("write");
  if (::rename(tmp.c_str(), path.c_str()) != 0) return failed("put in place");
  return {};
}

}  // namespace pitwall::io
