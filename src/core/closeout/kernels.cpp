#include "core/closeout/kernels.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "core/base/check.hpp"

namespace pitwall::core::closeout {

Groups group_by_key(std::span<const uint32_t> keys, uint32_t key_count, int threads) {
  Groups g;
  if (threads <= 1 || keys.size() < (size_t{1} << 16)) {
    g.offsets.assign(size_t{key_count} + 1, 0);
    for (uint32_t k : keys) {
      if (k != kNone) ++g.offsets[k + 1];
    }
    for (uint32_t i = 0; i < key_count; ++i) g.offsets[i + 1] += g.offsets[i];
    g.items.resize(g.offsets[key_count]);
    std::vector<uint32_t> next(g.offsets.begin(), g.offsets.end() - 1);
    for (size_t i = 0; i < keys.size(); ++i) {
      uint32_t k = keys[i];
      if (k != kNone) g.items[next[k]++] = static_cast<uint32_t>(i);
    }
    return g;
  }
  // Two halves: counted apart; per key the first half's items go first, then the second's.
  size_t mid = keys.size() / 2;
  std::vector<uint32_t> first, second;  // per key: its count in the half, then where it goes
  auto count = [&](std::vector<uint32_t>& c, size_t begin, size_t end) {
    c.assign(key_count, 0);
    for (size_t i = begin; i < end; ++i) {
      if (keys[i] != kNone) ++c[keys[i]];
    }
  };
  run_tasks(2, {[&] { count(first, 0, mid); }, [&] { count(second, mid, keys.size()); }});
  g.offsets.resize(size_t{key_count} + 1);
  g.offsets[0] = 0;
  for (uint32_t k = 0; k < key_count; ++k) {
    uint32_t a = first[k];
    g.offsets[k + 1] = g.offsets[k] + a + second[k];
    first[k] = g.offsets[k];
    second[k] = g.offsets[k] + a;
  }
  g.items.resize(g.offsets[key_count]);
  auto place = [&](std::vector<uint32_t>& next, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      uint32_t k = keys[i];
      if (k != kNone) g.items[next[k]++] = static_cast<uint32_t>(i);
    }
  };
  run_tasks(2, {[&] { place(first, 0, mid); }, [&] { place(second, mid, keys.size()); }});
  return g;
}

Groups groups_larger_than(std::span<const uint32_t> keys, uint32_t key_count, uint64_t min_size) {
  Groups g;
  g.offsets.push_back(0);
  if (min_size >= 255) {  // counts do not fit the byte counters below: group everything
    Groups all = group_by_key(keys, key_count);
    for (uint32_t k = 0; k < key_count; ++k) {
      auto group = all.group(k);
      if (group.size() <= min_size) continue;
      g.items.insert(g.items.end(), group.begin(), group.end());
      g.offsets.push_back(static_cast<uint32_t>(g.items.size()));
      g.keys.push_back(k);
    }
    return g;
  }
  std::vector<uint8_t> count(key_count, 0);  // saturating at 255
  for (uint32_t k : keys) {
    if (k != kNone && count[k] != 255) ++count[k];
  }
  // (key, item) of the items of large groups, in item order; then by key, stably.
  std::vector<std::pair<uint32_t, uint32_t>> chosen;
  for (size_t i = 0; i < keys.size(); ++i) {
    uint32_t k = keys[i];
    if (k != kNone && count[k] > min_size) chosen.emplace_back(k, static_cast<uint32_t>(i));
  }
  std::sort(chosen.begin(), chosen.end());
  g.items.reserve(chosen.size());
  for (size_t i = 0; i < chosen.size(); ++i) {
    if (i == 0 || chosen[i].first != chosen[i - 1].first) {  // a new group starts
      if (i > 0) g.offsets.push_back(static_cast<uint32_t>(i));
      g.keys.push_back(chosen[i].first);
    }
    g.items.push_back(chosen[i].second);
  }
  if (!chosen.empty()) g.offsets.push_back(static_cast<uint32_t>(chosen.size()));
  return g;
}

UnionFind::UnionFind(uint32_t n) : parent_(n) {
  for (uint32_t i = 0; i < n; ++i) parent_[i] = i;
}

uint32_t UnionFind::find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

void UnionFind::unite(uint32_t a, uint32_t b) {
  a = find(a);
  b = find(b);
  if (a == b) return;
  if (a < b) {
    parent_[b] = a;
  } else {
    parent_[a] = b;
  }
}

namespace {
// Runs `tasks` on up to two threads; an exception of a task (a PW_CHECK) is rethrown here.
void run_two(const std::function<void()>& first, const std::function<void()>& second) {
  std::exception_ptr error;
  std::thread helper([&] {
    try {
      second();
    } catch (...) {
      error = std::current_exception();
    }
  });
  try {
    first();
  } catch (...) {
    helper.join();
    throw;
  }
  helper.join();
  if (error) std::rethrow_exception(error);
}
}  // namespace

void run_in_parts(int parts, size_t n, const std::function<void(int, size_t, size_t)>& fn) {
  constexpr size_t kMinParallel = 1 << 14;
  if (parts <= 1 || n < kMinParallel) {
    fn(0, 0, n);
    if (parts > 1) {
      for (int p = 1; p < parts; ++p) fn(p, n, n);
    }
    return;
  }
  PW_CHECK(parts == 2, "only two parts are supported");
  size_t mid = n / 2;
  run_two([&] { fn(0, 0, mid); }, [&] { fn(1, mid, n); });
}

void run_tasks(int threads, const std::vector<std::function<void()>>& tasks) {
  if (threads <= 1 || tasks.size() <= 1) {
    for (const auto& t : tasks) t();
    return;
  }
  // Two workers take tasks in list order; each task writes only its own outputs.
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < tasks.size(); i = next++) tasks[i]();
  };
  run_two(worker, worker);
}

}  // namespace pitwall::core::closeout
