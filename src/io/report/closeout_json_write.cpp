// Writing a stored close-out run as text without a Json tree for its big parts
// (closeout_json.hpp, closeout_run_text). The small parts (campaign, stores, totals, settlement,
// rings, gray zone, ...) are the same Json objects closeout_result_json builds with
// RunDetail::kTotals, dumped; the per-order columns of the evaluations, the order ledger and the
// findings are appended straight into the text in the same compact form Json::dump gives
// (closeout_json_test.cpp compares the two byte for byte).
#include <charconv>

#include "core/base/check.hpp"
#include "core/base/sha256.hpp"
#include "io/report/closeout_json.hpp"

namespace pitwall::io {

namespace {
namespace cc = core::closeout;

// Appends to one string; the same bytes as Json::dump(false) of the equal Json value.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void raw(std::string_view s) { out_.append(s); }
  void ch(char c) { out_.push_back(c); }
  void integer(int64_t v) {
    char buf[24];
    auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out_.append(buf, static_cast<size_t>(end - buf));
  }
  void string(std::string_view s) {
    for (unsigned char c : s) {
      if (c < 0x20 || c == '"' || c == '\\') {
        append_json_string(out_, s);
        return;
      }
    }
    out_.push_back('"');
    out_.append(s);
    out_.push_back('"');
  }
  void key(std::string_view k) {  // "k": (keys here never need escaping)
    out_.push_back('"');
    out_.append(k);
    out_.append("\":");
  }
  // [f(0),f(1),...,f(n-1)]
  template <typename F>
  void array(size_t n, F&& f) {
    out_.push_back('[');
    for (size_t i = 0; i < n; ++i) {
      if (i) out_.push_back(',');
      f(i);
    }
    out_.push_back(']');
  }

 private:
  std::string& out_;
};

// The dump of an object without its closing brace, so members can follow.
std::string open_object(const Json& j) {
  std::string s = j.dump();
  PW_CHECK(s.size() >= 2 && s.back() == '}', "not an object");
  s.pop_back();
  return s;
}

void write_evaluation(Writer& w, const core::Evaluation& e, const core::StoreDirectory& dir) {
  w.raw(open_object(detail::evaluation_json(e, dir, RunDetail::kTotals)));
  w.raw(",\"orders\":");
  if (!e.has_orders()) {
    w.raw("null}");
    return;
  }
  size_t n = e.verdict.size();
  w.raw("{\"verdict\":");
  w.array(n, [&](size_t k) { w.string(core::verdict_token(e.verdict[k])); });
  w.raw(",\"amount_fen\":");
  w.array(n, [&](size_t k) { w.integer(e.amount[k]); });
  w.raw(",\"store\":");
  w.array(n, [&](size_t k) { w.integer(e.store[k]); });
  w.raw("}}");
}

void write_orders(Writer& w, const cc::RunResult& r) {
  const cc::OrderLedger& o = r.orders;
  const core::Table* table = o.table;
  bool batches = table && !table->batches.empty();
  bool lines = table && !table->lines.empty();
  size_t n = o.size();
  w.raw("{\"order_id\":");
  w.array(n, [&](size_t k) { w.string(o.order_id(static_cast<uint32_t>(k))); });
  w.raw(",\"customer_id\":");
  w.array(n, [&](size_t k) { w.string(o.customer_of(static_cast<uint32_t>(k))); });
  w.raw(",\"person\":");
  w.array(n, [&](size_t k) {
    uint32_t c = o.customer[k];
    w.string(c == UINT32_MAX ? std::string_view() : o.pool->view(o.customer_id[o.identity[c]]));
  });
  w.raw(",\"batch\":");
  w.array(n, [&](size_t k) { w.integer(batches ? table->batches[o.row[k]] : 0); });
  w.raw(",\"line\":");
  w.array(n, [&](size_t k) { w.integer(lines ? table->lines[o.row[k]] : 0); });
  w.raw(",\"store_raw\":");
  w.array(n, [&](size_t k) { w.integer(o.store_raw[k]); });
  w.raw(",\"store_cleaned\":");
  w.array(n, [&](size_t k) { w.integer(o.store_cleaned[k]); });
  w.raw(",\"first_exclusion\":");
  w.array(n, [&](size_t k) {
    uint8_t x = o.first_exclusion[k];
    w.string(x == cc::kNoExclusion ? std::string_view() : cc::rule_token(static_cast<cc::Rule>(x)));
  });
  w.raw(",\"superseded\":");
  w.array(o.history.size(), [&](size_t i) {
    auto [k, row] = o.history[i];
    w.raw("{\"order_id\":");
    w.string(o.order_id(k));
    w.raw(",\"batch\":");
    w.integer(batches ? table->batches[row] : 0);
    w.raw(",\"line\":");
    w.integer(lines ? table->lines[row] : 0);
    w.ch('}');
  });
  w.ch('}');
}

std::string_view field_name(int8_t field) {
  if (field == cc::kNoField) return "";
  return core::table_schema(core::TableKind::kOrders).columns[field].name;
}

void write_findings(Writer& w, const cc::RunResult& r) {
  const auto& items = r.findings.items();
  w.array(items.size(), [&](size_t i) {
    const cc::Finding& f = items[i];
    w.raw("{\"order_id\":");
    w.string(r.orders.order_id(f.order));
    w.raw(",\"customer_id\":");
    w.string(r.orders.customer_of(f.order));
    w.raw(",\"stage\":");
    w.string(cc::stage_token(cc::rule_stage(f.rule)));
    w.raw(",\"rule\":");
    w.string(cc::rule_token(f.rule));
    w.raw(",\"action\":");
    w.string(cc::action_token(f.action));
    w.raw(",\"field\":");
    w.string(field_name(f.field));
    w.raw(",\"before\":");
    w.string(r.findings.text(f.before));
    w.raw(",\"after\":");
    w.string(r.findings.text(f.after));
    w.raw(",\"detail\":");
    w.string(r.findings.text(f.detail));
    w.ch('}');
  });
}

// A generous size for the text, reserved up front so it is never copied while growing (pages
// reserved but not written cost no memory).
size_t estimated_size(const cc::RunResult& r) {
  size_t per_order = 160 + 48 * r.evaluations.size();
  return 1 << 20 |
         (r.orders.size() * per_order + r.findings.size() * 320 + r.orders.history.size() * 64);
}
}  // namespace

RunText closeout_run_text(const RunMeta& meta, const cc::RunResult& run,
                          const core::Campaign& campaign, const core::TimeZone& zone) {
  Json small = closeout_result_json(run, campaign, zone, RunDetail::kTotals);
  // The document with a placeholder digest and a null result, cut before the null.
  const std::string placeholder(64, '0');
  std::string head = detail::run_document(meta, placeholder, Json()).dump();
  constexpr std::string_view kNullEnd = "null}";
  PW_CHECK(head.ends_with(kNullEnd), "unexpected run document shape");
  head.resize(head.size() - kNullEnd.size());
  size_t digest_at = head.rfind(placeholder);
  PW_CHECK(digest_at != std::string::npos, "digest placeholder not found");

  RunText out;
  out.text.reserve(head.size() + estimated_size(run));
  out.text.append(head);
  size_t result_at = out.text.size();
  Writer w(out.text);
  w.ch('{');
  bool first = true;
  for (const auto& [key, value] : small.members()) {
    if (!first) w.ch(',');
    first = false;
    w.string(key);
    w.ch(':');
    if (key == "evaluations") {
      w.array(run.evaluations.size(),
              [&](size_t i) { write_evaluation(w, run.evaluations[i], run.stores); });
    } else if (key == "orders") {
      write_orders(w, run);
    } else if (key == "findings") {
      write_findings(w, run);
    } else {
      w.raw(value.dump());
    }
  }
  w.ch('}');
  out.result_digest =
      core::sha256_hex(std::string_view(out.text).substr(result_at, out.text.size() - result_at));
  out.text.replace(digest_at, placeholder.size(), out.result_digest);
  w.ch('}');
  return out;
}

}  // namespace pitwall::io
