// The stored close-out run (format_version 2): same inputs give the same bytes (1 or 2 threads,
// two runs), the digest covers every part, a run read back equals the live run (evaluations,
// order ids, findings, ledger) and gives its bridges, a damaged part is kCorrupt naming it.
#include "io/report/closeout_json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/base/sha256.hpp"
#include "core/closeout/closeout.hpp"
#include "core/closeout/synthetic.hpp"
#include "io/report/closeout_views.hpp"
#include "io/report/column_part.hpp"

namespace pitwall::io {
namespace {

namespace cc = core::closeout;

struct Generated {
  cc::SyntheticCampaign s;
  core::FixedOffsetZone zone{"Asia/Shanghai", 8 * 3600};
  cc::CloseoutInputs inputs(int threads) const {
    cc::CloseoutInputs in = s.inputs(zone);
    in.threads = threads;
    in.keep_orders = cc::CloseoutInputs::KeepOrders::kAll;
    return in;
  }
};

const Generated& generated() {
  static const Generated g = [] {
    cc::SyntheticOptions o;
    o.seed = 42;
    o.orders = 40000;  // above the size where the stages split over two threads
    return Generated{cc::generate_synthetic(o)};
  }();
  return g;
}

// A run written to memory: the document and each part's bytes.
struct Written {
  RunText text;
  std::map<std::string, std::string> parts;
  int reads = 0;
  PartSource source() {
    return [this](std::string_view part) -> core::Result<std::optional<std::string>> {
      ++reads;
      auto it = parts.find(std::string(part));
      if (it == parts.end()) return std::optional<std::string>();
      return std::optional<std::string>(it->second);
    };
  }
};

RunMeta test_meta() {
  RunMeta meta;
  meta.campaign = "synthetic";
  meta.run = 3;
  meta.created_at = 1680400000;
  meta.by = "hq \"ops\"";
  meta.batches = {{7, "orders", "orders \\ 1.csv", "ab", 100}};
  return meta;
}

Written write_run(const cc::RunResult& r) {
  const Generated& g = generated();
  Written w;
  auto text = write_closeout_run(test_meta(), r, g.s.campaign, g.zone,
                                 [&](std::string_view part, std::string_view bytes) {
                                   w.parts[std::string(part)].append(bytes);
                                   return core::Status{};
                                 });
  EXPECT_TRUE(text.has_value());
  w.text = std::move(*text);
  return w;
}

Written written(int threads) {
  auto r = cc::run_closeout(generated().inputs(threads));
  EXPECT_TRUE(r.has_value());
  return write_run(*r);
}

TEST(CloseoutJson, SameInputsSameBytesOnOneOrTwoThreads) {
  Written one = written(1);
  Written two = written(2);
  Written again = written(2);
  EXPECT_EQ(one.text.text, two.text.text);
  EXPECT_EQ(two.text.text, again.text.text);
  EXPECT_EQ(one.parts, two.parts);
  EXPECT_EQ(two.parts, again.parts);
  // order_ids, ledger, six evaluations, findings.
  EXPECT_EQ(one.parts.size(), 9u);
  EXPECT_LT(one.text.text.size(), 1000000u);
}

// The digest covers the parts: the result lists each part's size and SHA-256, and the digest is
// the SHA-256 of the result as written.
TEST(CloseoutJson, ResultDigestCoversEveryPart) {
  Written w = written(2);
  auto doc = Json::parse(w.text.text);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->get_int("format_version"), 2);
  EXPECT_EQ(w.text.result_digest, core::sha256_hex(doc->find("result")->dump()));
  EXPECT_EQ(doc->get_string("result_digest"), w.text.result_digest);
  const auto& parts = doc->find("result")->find("parts")->items();
  ASSERT_EQ(parts.size(), w.parts.size());
  for (const Json& p : parts) {
    const std::string& bytes = w.parts.at(p.get_string("name"));
    EXPECT_EQ(p.get_int("bytes"), static_cast<int64_t>(bytes.size()));
    EXPECT_EQ(p.get_string("sha256"), core::sha256_hex(bytes));
  }
  EXPECT_EQ(stored_run_format_version(w.text.text), 2);
  EXPECT_EQ(stored_run_format_version(
                "{\"format\":\"pitwall.closeout.run\",\"format_version\":1,\"meta\":{"),
            1);
  EXPECT_EQ(stored_run_format_version("{}"), 0);
}

TEST(CloseoutJson, StoredRunReadsBackWithItsBridges) {
  const Generated& g = generated();
  auto r = cc::run_closeout(g.inputs(2));
  ASSERT_TRUE(r.has_value());
  Written w = write_run(*r);
  auto stored = read_stored_run(w.text.text);
  ASSERT_TRUE(stored.has_value()) << stored.error().to_string();
  // The document alone: totals, no per-order part read.
  EXPECT_EQ(w.reads, 0);
  EXPECT_EQ(stored->meta.run, 3);
  EXPECT_EQ(stored->meta.by, "hq \"ops\"");
  EXPECT_EQ(stored->meta.batches.size(), 1u);
  EXPECT_EQ(stored->result_digest, w.text.result_digest);
  ASSERT_EQ(stored->evaluations.size(), r->evaluations.size());
  for (size_t a = 0; a < r->evaluations.size(); ++a) {
    EXPECT_EQ(stored->evaluations[a].total.orders, r->evaluations[a].total.orders);
    EXPECT_FALSE(stored->evaluations[a].has_orders());
    EXPECT_TRUE(stored->kept(a));
  }
  EXPECT_EQ(stored->settlement_cleaned(), 5);
  EXPECT_EQ(stored->declared("finance"), 2);
  // A bridge reads the order ids and its two evaluations.
  RunParts bridge;
  bridge.order_ids = true;
  bridge.evaluations = {0, 3};
  ASSERT_TRUE(load_run_parts(*stored, bridge, w.source()).has_value());
  EXPECT_EQ(w.reads, 3);
  EXPECT_FALSE(stored->evaluations[1].has_orders());
  ASSERT_EQ(stored->order_ids.size(), r->orders.size());
  for (uint32_t k = 0; k < r->orders.size(); ++k) {
    ASSERT_EQ(stored->order_ids[k], r->orders.order_id(k));
  }
  core::Bridge live =
      core::compute_bridge(r->evaluations[0], r->evaluations[3], r->stores, {}, r->orders.ids());
  core::Bridge back = core::compute_bridge(stored->evaluations[0], stored->evaluations[3],
                                           stored->stores, {}, stored->ids());
  ASSERT_EQ(live.steps.size(), back.steps.size());
  for (size_t i = 0; i < live.steps.size(); ++i) {
    EXPECT_EQ(live.steps[i].reason, back.steps[i].reason);
    EXPECT_EQ(live.steps[i].amount_fen, back.steps[i].amount_fen);
    EXPECT_EQ(live.steps[i].order_indices, back.steps[i].order_indices);
  }
  // Everything else: every evaluation's columns and every finding, field by field.
  ASSERT_TRUE(load_run_parts(*stored, RunParts::all(*stored), w.source()).has_value());
  for (size_t a = 0; a < r->evaluations.size(); ++a) {
    EXPECT_EQ(stored->evaluations[a].tag(), r->evaluations[a].tag());
    EXPECT_EQ(stored->evaluations[a].verdict, r->evaluations[a].verdict);
    EXPECT_EQ(stored->evaluations[a].amount, r->evaluations[a].amount);
    EXPECT_EQ(stored->evaluations[a].store, r->evaluations[a].store);
  }
  ASSERT_EQ(stored->findings.size(), r->findings.size());
  for (size_t i = 0; i < r->findings.size(); ++i) {
    const cc::Finding& f = r->findings.items()[i];
    const StoredFinding& s = stored->findings[i];
    ASSERT_EQ(s.order, f.order);
    EXPECT_EQ(s.order_id, r->orders.order_id(f.order));
    EXPECT_EQ(s.customer_id, r->orders.customer_of(f.order));
    EXPECT_EQ(s.stage, cc::stage_token(cc::rule_stage(f.rule)));
    EXPECT_EQ(s.rule, cc::rule_token(f.rule));
    EXPECT_EQ(s.action, cc::action_token(f.action));
    EXPECT_EQ(s.before, r->findings.text(f.before));
    EXPECT_EQ(s.after, r->findings.text(f.after));
    EXPECT_EQ(s.detail, r->findings.text(f.detail));
  }
}

// The ledger part holds the core's ledger: customers by index, per order the customer, the
// stores, the first exclusion, the superseded rows.
TEST(CloseoutJson, LedgerPartHoldsTheLedger) {
  auto r = cc::run_closeout(generated().inputs(2));
  ASSERT_TRUE(r.has_value());
  Written w = write_run(*r);
  auto part = ColumnPart::parse(w.parts.at("ledger"), "ledger");
  ASSERT_TRUE(part.has_value()) << part.error().to_string();
  const cc::OrderLedger& o = r->orders;
  int64_t n = o.size();
  std::vector<int64_t> customer;
  ASSERT_TRUE(part->ints("customer", n, customer).has_value());
  std::vector<std::string> customer_id;
  ASSERT_TRUE(part->texts("customer_id", -1, customer_id).has_value());
  std::vector<uint32_t> identity, store_raw, store_cleaned;
  ASSERT_TRUE(part->ints("identity", customer_id.size(), identity).has_value());
  ASSERT_TRUE(part->ints("store_raw", n, store_raw).has_value());
  ASSERT_TRUE(part->ints("store_cleaned", n, store_cleaned).has_value());
  std::vector<std::string> tokens;
  std::vector<uint8_t> excluded;
  ASSERT_TRUE(part->codes("first_exclusion", n, tokens, excluded).has_value());
  for (uint32_t k = 0; k < o.size(); ++k) {
    std::string_view id = customer[k] < 0 ? std::string_view() : customer_id[customer[k]];
    ASSERT_EQ(id, o.customer_of(k));
    if (customer[k] >= 0) {
      ASSERT_EQ(customer_id[identity[customer[k]]],
                o.pool->view(o.customer_id[o.identity[o.customer[k]]]));
    }
    ASSERT_EQ(store_raw[k], o.store_raw[k]);
    ASSERT_EQ(store_cleaned[k], o.store_cleaned[k]);
    uint8_t x = o.first_exclusion[k];
    ASSERT_EQ(tokens[excluded[k]],
              x == cc::kNoExclusion ? "" : cc::rule_token(static_cast<cc::Rule>(x)));
  }
  EXPECT_EQ(part->rows("superseded.order"), static_cast<int64_t>(o.history.size()));
}

// findings of one rule: only those, in the run's order.
TEST(CloseoutJson, FindingsOfOneRule) {
  auto r = cc::run_closeout(generated().inputs(2));
  ASSERT_TRUE(r.has_value());
  Written w = write_run(*r);
  auto stored = read_stored_run(w.text.text);
  ASSERT_TRUE(stored.has_value());
  RunParts parts;
  parts.findings = true;
  parts.findings_rule = "dup.double_submit";
  ASSERT_TRUE(load_run_parts(*stored, parts, w.source()).has_value());
  std::vector<const cc::Finding*> expected;
  for (const cc::Finding& f : r->findings.items()) {
    if (f.rule == cc::Rule::kDoubleSubmit) expected.push_back(&f);
  }
  ASSERT_GT(expected.size(), 0u);
  ASSERT_EQ(stored->findings.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(stored->findings[i].rule, "dup.double_submit");
    EXPECT_EQ(stored->findings[i].order_id, r->orders.order_id(expected[i]->order));
    EXPECT_EQ(stored->findings[i].detail, r->findings.text(expected[i]->detail));
  }
}

// findings --json streamed in pieces is the pretty dump of the findings view, with and
// without a rule, and when nothing matches.
TEST(CloseoutJson, FindingsJsonPiecesAreTheDumpedView) {
  Written w = written(2);
  auto stored = read_stored_run(w.text.text);
  ASSERT_TRUE(stored.has_value());
  RunParts parts;
  parts.findings = true;
  ASSERT_TRUE(load_run_parts(*stored, parts, w.source()).has_value());
  // Words from a fixed text (the catalogue's are static; the view asks with temporary keys).
  auto word = [](std::string_view) { return std::string_view("w {}"); };
  CloseoutWords words{word, word, true};
  for (std::string_view rule : {"", "dup.double_submit", "no.such_rule"}) {
    std::string streamed;
    int pieces = 0;
    findings_view_json_pieces(*stored, rule, words, [&](std::string_view p) {
      streamed.append(p);
      ++pieces;
    });
    EXPECT_EQ(streamed, findings_view_json(*stored, rule, words).dump(true)) << rule;
    if (rule.empty()) {
      EXPECT_GT(pieces, 1);  // over a MB of findings
    }
  }
}

// bridge --json streamed in pieces is the pretty dump of the bridge view (steps with ids and
// an empty scope).
TEST(CloseoutJson, BridgeJsonPiecesAreTheDumpedView) {
  Written w = written(2);
  auto stored = read_stored_run(w.text.text);
  ASSERT_TRUE(stored.has_value());
  ASSERT_TRUE(load_run_parts(*stored, RunParts::all(*stored), w.source()).has_value());
  auto word = [](std::string_view) { return std::string_view("w"); };
  CloseoutWords words{word, word, false};
  for (auto [from, to] : {std::pair{0, 3}, std::pair{1, 2}, std::pair{2, 2}}) {
    core::Bridge b = core::compute_bridge(stored->evaluations[from], stored->evaluations[to],
                                          stored->stores, {}, stored->ids());
    std::string streamed;
    bridge_json_pieces(*stored, b, words, [&](std::string_view p) { streamed.append(p); });
    EXPECT_EQ(streamed, bridge_json(*stored, b, words).dump(true)) << from << " " << to;
  }
}

// A part cut short, altered or missing is kCorrupt naming the part; the others still read.
TEST(CloseoutJson, DamagedPartIsCorruptNamingIt) {
  Written w = written(2);
  auto check = [&](const std::string& part, auto damage) {
    Written copy = w;
    damage(copy.parts, part);
    auto stored = read_stored_run(copy.text.text);
    ASSERT_TRUE(stored.has_value());
    auto loaded = load_run_parts(*stored, RunParts::all(*stored), copy.source());
    ASSERT_FALSE(loaded.has_value()) << part;
    EXPECT_EQ(loaded.error().code, core::ErrorCode::kCorrupt);
    EXPECT_NE(loaded.error().message.find(part), std::string::npos) << loaded.error().message;
  };
  using Parts = std::map<std::string, std::string>;
  for (std::string part : {"order_ids", "evaluation-4", "findings"}) {
    check(part, [](Parts& p, const std::string& n) { p[n].resize(p[n].size() / 2); });
    check(part, [](Parts& p, const std::string& n) { p[n][p[n].size() / 2] ^= 1; });
    check(part, [](Parts& p, const std::string& n) { p.erase(n); });
  }
  // Only the findings damaged: a bridge still reads.
  Written copy = w;
  copy.parts["findings"].resize(10);
  auto stored = read_stored_run(copy.text.text);
  ASSERT_TRUE(stored.has_value());
  RunParts bridge;
  bridge.order_ids = true;
  bridge.evaluations = {0, 1};
  EXPECT_TRUE(load_run_parts(*stored, bridge, copy.source()).has_value());
}

TEST(CloseoutJson, AnythingElseIsCorrupt) {
  auto bad = read_stored_run("{\"format\":\"something\"}");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kCorrupt);
  auto broken = read_stored_run("{\"format\":");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, core::ErrorCode::kCorrupt);
  Written w = written(2);
  std::string v1 = w.text.text;
  v1.replace(v1.find("\"format_version\":2"), 18, "\"format_version\":1");
  auto old = read_stored_run(v1);
  ASSERT_FALSE(old.has_value());
  EXPECT_EQ(old.error().code, core::ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace pitwall::io
