// Writing a stored close-out run, format_version 2 (closeout_json.hpp): the per-order parts as
// column parts (column_part.hpp), straight from the run's columns, then the small document.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <optional>
#include <thread>

#include "core/base/sha256.hpp"
#include "io/report/closeout_json.hpp"
#include "io/report/column_part.hpp"

namespace pitwall::io {

namespace {
namespace cc = core::closeout;

std::string_view field_name(int8_t field) {
  if (field == cc::kNoField) return "";
  return core::table_schema(core::TableKind::kOrders).columns[field].name;
}

std::string_view exclusion_token(uint8_t x) {
  return x == cc::kNoExclusion ? std::string_view() : cc::rule_token(static_cast<cc::Rule>(x));
}

void write_order_ids(ColumnPartWriter& w, const cc::RunResult& r) {
  const cc::OrderLedger& o = r.orders;
  w.texts("order_id", o.size(), [&](size_t k) { return o.order_id(static_cast<uint32_t>(k)); });
}

// The ledger as the core keeps it: customers by index (their ids and the person each belongs
// to), per order the customer index, the winning row's batch and line, the stores and the first
// exclusion; the superseded rows of re-exported orders.
void write_ledger(ColumnPartWriter& w, const cc::RunResult& r) {
  const cc::OrderLedger& o = r.orders;
  const core::Table* table = o.table;
  bool batches = table && !table->batches.empty();
  bool lines = table && !table->lines.empty();
  size_t n = o.size();
  w.ints("customer", n, [&](size_t k) {
    return o.customer[k] == UINT32_MAX ? int64_t{-1} : int64_t{o.customer[k]};
  });
  w.texts("customer_id", o.customer_id.size(),
          [&](size_t c) { return o.pool->view(o.customer_id[c]); });
  w.ints("identity", o.identity.size(), [&](size_t c) { return o.identity[c]; });
  w.ints("batch", n, [&](size_t k) { return batches ? table->batches[o.row[k]] : 0; });
  w.ints("line", n, [&](size_t k) { return lines ? table->lines[o.row[k]] : 0; });
  w.ints("store_raw", n, [&](size_t k) { return o.store_raw[k]; });
  w.ints("store_cleaned", n, [&](size_t k) { return o.store_cleaned[k]; });
  w.codes(
      "first_exclusion", n, [&](size_t k) { return o.first_exclusion[k]; }, exclusion_token);
  size_t h = o.history.size();
  w.ints("superseded.order", h, [&](size_t i) { return o.history[i].first; });
  w.ints("superseded.batch", h,
         [&](size_t i) { return batches ? table->batches[o.history[i].second] : 0; });
  w.ints("superseded.line", h,
         [&](size_t i) { return lines ? table->lines[o.history[i].second] : 0; });
}

void write_evaluation(ColumnPartWriter& w, const core::Evaluation& e) {
  size_t n = e.verdict.size();
  w.codes(
      "verdict", n, [&](size_t k) { return e.verdict[k]; },
      [](uint8_t c) { return core::verdict_token(c); });
  w.ints("amount_fen", n, [&](size_t k) { return e.amount[k]; });
  w.ints("store", n, [&](size_t k) { return e.store[k]; });
}

// The customers' ids copied out of the orders pool once: the findings name customers in order of
// their orders, which is at random over that pool — a mapped file several times larger whose pages
// the page releaser drops while the parts are written, so that every such read faulted 64 KB back
// in (issue 24: writing the findings at 10M orders took 100 s). The copy is read at random in
// memory instead, and is made reading the pool in its own order (the customers are numbered in
// order of their orders, which is not the pool's when an order was re-exported).
class CustomerTexts {
 public:
  explicit CustomerTexts(const cc::OrderLedger& o) {
    size_t n = o.customer_id.size();
    std::vector<uint32_t> by_pool(n);
    for (uint32_t c = 0; c < n; ++c) by_pool[c] = c;
    std::sort(by_pool.begin(), by_pool.end(),
              [&](uint32_t a, uint32_t b) { return o.customer_id[a] < o.customer_id[b]; });
    end_.assign(n, 0);
    for (uint32_t c : by_pool) end_[c] = o.pool->view(o.customer_id[c]).size();
    size_t total = 0;
    for (size_t& e : end_) {
      total += e;
      e = total;
    }
    bytes_.resize(total);
    for (uint32_t c : by_pool) {
      std::string_view t = o.pool->view(o.customer_id[c]);
      if (!t.empty()) std::memcpy(bytes_.data() + (end_[c] - t.size()), t.data(), t.size());
    }
  }
  std::string_view of(uint32_t customer) const {
    if (customer == UINT32_MAX) return {};
    size_t begin = customer == 0 ? 0 : end_[customer - 1];
    return std::string_view(bytes_).substr(begin, end_[customer] - begin);
  }

 private:
  std::string bytes_;
  std::vector<size_t> end_;
};

void write_findings(ColumnPartWriter& w, const cc::RunResult& r) {
  const auto& items = r.findings.items();
  size_t n = items.size();
  CustomerTexts customers(r.orders);
  auto customer_of = [&](uint32_t order) { return customers.of(r.orders.customer[order]); };
  w.ints("order", n, [&](size_t i) { return items[i].order; });
  w.texts("order_id", n, [&](size_t i) { return r.orders.order_id(items[i].order); });
  w.texts("customer_id", n, [&](size_t i) { return customer_of(items[i].order); });
  w.codes(
      "stage", n, [&](size_t i) { return static_cast<uint8_t>(cc::rule_stage(items[i].rule)); },
      [](uint8_t c) { return cc::stage_token(static_cast<cc::Stage>(c)); });
  w.codes(
      "rule", n, [&](size_t i) { return static_cast<uint8_t>(items[i].rule); },
      [](uint8_t c) { return cc::rule_token(static_cast<cc::Rule>(c)); });
  w.codes(
      "action", n, [&](size_t i) { return static_cast<uint8_t>(items[i].action); },
      [](uint8_t c) { return cc::action_token(static_cast<cc::Action>(c)); });
  w.codes(
      "field", n, [&](size_t i) { return static_cast<uint8_t>(items[i].field); },
      [](uint8_t c) { return field_name(static_cast<int8_t>(c)); });
  w.texts("before", n, [&](size_t i) { return r.findings.text(items[i].before); });
  w.texts("after", n, [&](size_t i) { return r.findings.text(items[i].after); });
  w.texts("detail", n, [&](size_t i) { return r.findings.text(items[i].detail); });
}
}  // namespace

std::string part_blob(std::string_view run_blob, std::string_view part) {
  std::string_view base = run_blob;
  if (base.ends_with(".json")) base.remove_suffix(5);
  return fmt::format("{}.{}.bin", base, part);
}

core::Result<RunText> write_closeout_run(const RunMeta& meta, const cc::RunResult& run,
                                         const core::Campaign& campaign, const core::TimeZone& zone,
                                         const PartSink& sink) {
  struct Job {
    std::string name;
    size_t rows;
    std::function<void(ColumnPartWriter&)> fill;
  };
  size_t n = run.orders.size();
  std::vector<Job> jobs;
  jobs.push_back({"order_ids", n, [&](ColumnPartWriter& w) { write_order_ids(w, run); }});
  jobs.push_back({"ledger", n, [&](ColumnPartWriter& w) { write_ledger(w, run); }});
  for (size_t i = 0; i < run.evaluations.size(); ++i) {
    const core::Evaluation& e = run.evaluations[i];
    if (!e.has_orders()) continue;
    jobs.push_back(
        {detail::evaluation_part(i), n, [&e](ColumnPartWriter& w) { write_evaluation(w, e); }});
  }
  jobs.push_back(
      {"findings", run.findings.size(), [&](ColumnPartWriter& w) { write_findings(w, run); }});
  // Two threads take the parts in turn; each part's bytes and the list's order do not depend on
  // which thread wrote it.
  std::vector<std::optional<core::Result<PartDigest>>> done(jobs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t j = next++; j < jobs.size(); j = next++) {
      ColumnPartWriter w([&](std::string_view bytes) { return sink(jobs[j].name, bytes); });
      jobs[j].fill(w);
      done[j] = w.finish();
    }
  };
  std::thread second(work);
  work();
  second.join();
  RunText out;
  for (size_t j = 0; j < jobs.size(); ++j) {
    PartDigest d = TRY(std::move(*done[j]));
    out.parts.push_back({jobs[j].name, static_cast<int64_t>(jobs[j].rows), d.bytes, d.sha256});
  }
  Json result = closeout_result_json(run, campaign, zone, out.parts);
  out.result_digest = core::sha256_hex(result.dump());
  out.text = detail::run_document(meta, out.result_digest, std::move(result)).dump();
  return out;
}

}  // namespace pitwall::io
