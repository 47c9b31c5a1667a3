#include "core/closeout/kernels.hpp"

#include <atomic>
#include <exception>
#include <thread>

#include "core/base/check.hpp"

namespace pitwall::core::closeout {

Groups group_by_key(std::span<const uint32_t> keys, uint32_t key_count) {
  Groups g;
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
