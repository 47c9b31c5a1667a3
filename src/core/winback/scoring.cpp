#include "core/winback/scoring.hpp"

#include <algorithm>
#include <cstring>
#include <thread>

#include "core/base/check.hpp"
#include "core/winback/customer.hpp"

namespace pitwall::core::winback {

namespace {
constexpr size_t kChunk = 1 << 16;

// Sort key: the score mapped to an unsigned integer that orders like the double, inverted so
// that ascending keys mean descending scores; then the annual value, higher first; then the row
// (the radix sort is stable).
struct Key {
  uint64_t order;
  uint32_t value;  // UINT32_MAX − annual value in fen (clamped)
  uint32_t row;
};

uint32_t descending_value(int64_t fen) {
  int64_t clamped = std::clamp<int64_t>(fen, 0, UINT32_MAX);
  return uint32_t(UINT32_MAX - uint64_t(clamped));
}

uint64_t descending_key(double score) {
  uint64_t bits;
  std::memcpy(&bits, &score, sizeof bits);
  uint64_t ascending = (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
  return ~ascending;
}

void add_to_summary(const Evaluation& e, ScoreSummary& s) {
  ++s.customers;
  ++s.by_band[static_cast<int>(e.band)];
  ++s.by_tier[static_cast<int>(e.tier)];
  ++s.by_roi_band[static_cast<int>(e.roi_band)];
  if (e.plan_total_yuan > 0) {
    ++s.with_plan;
    ++s.by_approver[static_cast<int>(e.approver)];
    s.plan_total_yuan += e.plan_total_yuan;
  }
  if (e.abuse.suspected) ++s.suspected;
  if (e.review) ++s.review;
  if (e.gate == PlanGate::kBlacklisted) ++s.blacklisted;
}

void merge_summary(ScoreSummary& into, const ScoreSummary& from) {
  into.customers += from.customers;
  for (int i = 0; i < kDecisionBandCount; ++i) into.by_band[i] += from.by_band[i];
  for (int i = 0; i < kTierCount; ++i) into.by_tier[i] += from.by_tier[i];
  for (int i = 0; i < kRoiBandCount; ++i) into.by_roi_band[i] += from.by_roi_band[i];
  for (int i = 0; i < kApproverCount; ++i) into.by_approver[i] += from.by_approver[i];
  into.with_plan += from.with_plan;
  into.suspected += from.suspected;
  into.review += from.review;
  into.blacklisted += from.blacklisted;
  into.plan_total_yuan += from.plan_total_yuan;
}

// Runs `work(begin, end, part)` over [0, n) in fixed chunks, chunk c on thread c % threads.
template <typename Work>
void run_chunks(size_t n, int threads, Work work) {
  size_t chunks = (n + kChunk - 1) / kChunk;
  auto run = [&](size_t first) {
    for (size_t c = first; c < chunks; c += size_t(threads)) {
      work(c * kChunk, std::min(n, (c + 1) * kChunk), c);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(run, size_t(t));
  run(0);
  for (auto& t : pool) t.join();
}

// Runs body(0) and, with two parts, body(1) on a second thread.
template <typename Body>
void run_parts(int parts, Body body) {
  if (parts == 1) {
    body(0);
    return;
  }
  std::thread second([&] { body(1); });
  body(0);
  second.join();
}

// Stable LSD radix sort by (order, value), 16 bits a pass, least significant first, on up to two
// threads (each histograms and scatters its half; the first half goes first within a bucket). A
// pass whose digit is the same for every key is skipped. Equal keys keep row order.
void radix_sort(std::vector<Key>& keys, int threads) {
  constexpr int kBits = 16;
  constexpr uint64_t kBuckets = uint64_t{1} << kBits;
  const size_t n = keys.size();
  const int parts = threads > 1 && n >= kBuckets ? 2 : 1;
  const size_t bounds[3] = {0, parts == 2 ? n / 2 : n, n};
  std::vector<Key> buffer(n);
  std::vector<size_t> count(size_t(parts) * kBuckets);
  auto pass = [&](auto digit) {
    run_parts(parts, [&](int p) {
      size_t* c = count.data() + size_t(p) * kBuckets;
      std::fill(c, c + kBuckets, 0);
      for (size_t i = bounds[p]; i < bounds[p + 1]; ++i) ++c[digit(keys[i])];
    });
    size_t sum = 0;
    for (uint64_t b = 0; b < kBuckets; ++b) {
      size_t total = 0;
      for (int p = 0; p < parts; ++p) total += count[size_t(p) * kBuckets + b];
      if (total == n) return;  // one digit for every key: nothing to do
      for (int p = 0; p < parts; ++p) {
        size_t c = count[size_t(p) * kBuckets + b];
        count[size_t(p) * kBuckets + b] = sum;
        sum += c;
      }
    }
    run_parts(parts, [&](int p) {
      size_t* c = count.data() + size_t(p) * kBuckets;
      for (size_t i = bounds[p]; i < bounds[p + 1]; ++i) buffer[c[digit(keys[i])]++] = keys[i];
    });
    keys.swap(buffer);
  };
  for (int shift = 0; shift < 32; shift += kBits) {
    pass([shift](const Key& k) { return (k.value >> shift) & (kBuckets - 1); });
  }
  for (int shift = 0; shift < 64; shift += kBits) {
    pass([shift](const Key& k) { return (k.order >> shift) & (kBuckets - 1); });
  }
}

// The order of the radix sort on the whole key: score, then value, then row.
bool key_less(const Key& a, const Key& b) {
  if (a.order != b.order) return a.order < b.order;
  if (a.value != b.value) return a.value < b.value;
  return a.row < b.row;
}

// Keeps the `n` least keys of `keys` (in no particular order).
void keep_least(std::vector<Key>& keys, size_t n) {
  if (keys.size() <= n) return;
  std::nth_element(keys.begin(), keys.begin() + std::ptrdiff_t(n), keys.end(), key_less);
  keys.resize(n);
}

// The `n` least keys offered (in no order): keys are gathered until there are 2n (at least 4096),
// then cut back to n; from then on a key greater than every key kept is not gathered at all.
// Keys differ (each has its own row), so the cut never drops one of the n least.
class LeastKeys {
 public:
  explicit LeastKeys(size_t n) : n_(n), limit_(std::max<size_t>(2 * n, 4096)) {}
  void offer(const Key& k) {
    if (bounded_ && !key_less(k, bound_)) return;
    keys_.push_back(k);
    if (keys_.size() >= limit_) cut();
  }
  std::vector<Key> take() {
    cut();
    return std::move(keys_);
  }

 private:
  void cut() {
    if (keys_.size() <= n_) return;
    keep_least(keys_, n_);
    bound_ = *std::max_element(keys_.begin(), keys_.end(), key_less);
    bounded_ = true;
  }
  size_t n_;
  size_t limit_;
  std::vector<Key> keys_;
  Key bound_{};
  bool bounded_ = false;
};

}  // namespace

std::vector<uint32_t> latest_rows(const Table& churned) {
  auto ids = churned.columns[churned::kCustomerId].text();
  std::vector<uint32_t> last(churned.pool.size(), UINT32_MAX);
  for (size_t row = 0; row < ids.size(); ++row) last[ids[row]] = uint32_t(row);
  std::vector<uint32_t> rows;
  rows.reserve(ids.size());
  for (size_t row = 0; row < ids.size(); ++row) {
    if (last[ids[row]] == row) rows.push_back(uint32_t(row));
  }
  return rows;
}

EvaluationOptions row_options(const Table& churned, size_t row, const ScoreOptions& options) {
  EvaluationOptions o;
  o.calibration = options.calibration;
  o.review_above = options.review_above;
  o.hidden_cost = options.hidden_cost;
  if (!options.blacklisted_ids.empty()) {
    o.blacklisted = options.blacklisted_ids[churned.columns[churned::kCustomerId].text()[row]];
  }
  return o;
}

Ranking score_churned(const Programme& programme, const Table& churned, const ScoreOptions& given) {
  ScoreOptions options = given;
  options.hidden_cost = programme.hidden_cost_per_case();
  PW_CHECK(churned.kind == TableKind::kChurned, "score_churned needs the churned table");
  PW_CHECK(churned.rows() < UINT32_MAX, "too many rows");
  std::vector<uint32_t> rows = latest_rows(churned);
  size_t chunks = (rows.size() + kChunk - 1) / kChunk;
  std::vector<ScoreSummary> parts(chunks);
  // With `top`, each chunk keeps its best `top` keys and only those are sorted at the end.
  const bool top = options.top > 0 && options.top < rows.size();
  std::vector<Key> keys(top ? 0 : rows.size());
  std::vector<std::vector<Key>> best(top ? chunks : 0);
  int threads = std::max(1, options.threads);
  run_chunks(rows.size(), threads, [&](size_t begin, size_t end, size_t chunk) {
    LeastKeys least(top ? options.top : 0);
    for (size_t i = begin; i < end; ++i) {
      uint32_t row = rows[i];
      Evaluation e = evaluate(programme, read_customer(churned, row, programme),
                              row_options(churned, row, options));
      add_to_summary(e, parts[chunk]);
      Key key{descending_key(e.score.total),
              descending_value(churned.i64(churned::kAnnualValue, row)), row};
      if (top) {
        least.offer(key);
      } else {
        keys[i] = key;
      }
    }
    if (top) best[chunk] = least.take();
  });
  Ranking ranking;
  for (const auto& p : parts) merge_summary(ranking.summary, p);
  if (top) {
    for (auto& b : best) keys.insert(keys.end(), b.begin(), b.end());
    keep_least(keys, options.top);
    std::sort(keys.begin(), keys.end(), key_less);
  } else {
    radix_sort(keys, threads);
  }
  ranking.rows.resize(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) ranking.rows[i] = keys[i].row;
  return ranking;
}

}  // namespace pitwall::core::winback
