#include "core/supervision/sampling.hpp"

#include <algorithm>
#include <numeric>

namespace pitwall::core::supervision {

std::vector<int64_t> allocate_proportional(std::span<const int64_t> sizes, int64_t n) {
  std::vector<int64_t> quota(sizes.size(), 0);
  const int64_t total = std::accumulate(sizes.begin(), sizes.end(), int64_t{0});
  n = std::clamp<int64_t>(n, 0, total);
  if (n == 0) return quota;
  // Exact integer arithmetic: share_i = n x size_i / total = floor + remainder / total.
  std::vector<int64_t> remainder(sizes.size());
  int64_t given = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    quota[i] = n * sizes[i] / total;
    remainder[i] = n * sizes[i] % total;
    given += quota[i];
  }
  std::vector<size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  for (size_t k = 0; given < n && k < order.size(); ++k) {
    if (quota[order[k]] < sizes[order[k]]) {
      ++quota[order[k]];
      ++given;
    }
  }
  return quota;
}

uint64_t uniform_below(std::mt19937_64& rng, uint64_t bound) {
  // Reject the lowest 2^64 mod bound values so that every residue is equally likely.
  const uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    uint64_t x = rng();
    if (x >= threshold) return x % bound;
  }
}

namespace {

std::vector<SamplePick> candidates_of(const Feeds& feeds, std::span<const ListedStore> black,
                                      std::span<const Alert> alerts,
                                      std::span<const Problem> problems) {
  std::vector<SamplePick> out(feeds.stores.size());
  for (size_t s = 0; s < out.size(); ++s) out[s].store = static_cast<int>(s);
  for (const ListedStore& l : black) {
    out[l.store].black_list = true;
    out[l.store].score = l.score;
  }
  for (const Alert& a : alerts) {
    if (a.store >= 0) out[a.store].alerts.push_back(a.kind);
  }
  for (const Problem& p : problems) {
    int s = feeds.find_store(p.store_code);
    if (s >= 0 && !p.is_closed()) ++out[s].open_problems;
  }
  for (SamplePick& c : out) {
    c.weight = kBaseWeight + (c.black_list ? kBlackListWeight : 0) +
               (!c.alerts.empty() || c.open_problems > 0 ? kAlertWeight : 0);
  }
  return out;
}

// Draws `quota` of `pool` without replacement, each draw with probability weight / total.
void draw(std::vector<SamplePick> pool, int64_t quota, std::mt19937_64& rng,
          std::vector<SamplePick>& out) {
  for (int64_t k = 0; k < quota && !pool.empty(); ++k) {
    int64_t total = 0;
    for (const SamplePick& c : pool) total += c.weight;
    auto r = static_cast<int64_t>(uniform_below(rng, static_cast<uint64_t>(total)));
    size_t i = 0;
    while (r >= pool[i].weight) r -= pool[i++].weight;
    out.push_back(std::move(pool[i]));
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

}  // namespace

SamplePlan plan_spot_checks(const Feeds& feeds, int32_t day, std::span<const ListedStore> black,
                            std::span<const Alert> alerts, std::span<const Problem> problems,
                            int64_t n, uint64_t seed) {
  SamplePlan plan;
  plan.seed = seed;
  plan.day = day;
  plan.requested = n;
  std::vector<SamplePick> all = candidates_of(feeds, black, alerts, problems);
  const auto regions = static_cast<int>(feeds.regions.size());
  std::vector<int64_t> sizes(regions, 0);
  for (const Store& s : feeds.stores) ++sizes[s.region_index];
  std::vector<int64_t> quotas = allocate_proportional(sizes, n);
  const auto total = static_cast<double>(feeds.stores.size());
  std::mt19937_64 rng(seed);
  for (int r = 0; r < regions; ++r) {
    Stratum st;
    st.region = r;
    st.stores = sizes[r];
    st.quota = quotas[r];
    st.exact = total > 0 ? static_cast<double>(std::min<int64_t>(n, feeds.stores.size())) *
                               static_cast<double>(sizes[r]) / total
                         : 0;
    std::vector<SamplePick> pool;
    for (const SamplePick& c : all) {
      if (feeds.stores[c.store].region_index != r) continue;
      pool.push_back(c);
      if (c.weight > kBaseWeight) ++st.risky;
    }
    draw(std::move(pool), st.quota, rng, plan.picks);
    plan.strata.push_back(st);
  }
  for (size_t i = 0; i < plan.picks.size(); ++i) plan.picks[i].draw = static_cast<int64_t>(i + 1);
  plan.drawn = static_cast<int64_t>(plan.picks.size());
  return plan;
}

}  // namespace pitwall::core::supervision
