#pragma once
// Kernels of the close-out's hot paths (style.md "Hot paths"): stable counting-sort grouping
// over dense keys, union-find over dense ids, and splitting a range over both cores.
//
// Everything here is deterministic: groups keep their items in input order, union-find roots
// are the smallest id of their set, and parallel parts are merged by the caller in part order.

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace pitwall::core::closeout {

inline constexpr uint32_t kNone = UINT32_MAX;

// Items 0..n-1 grouped by a dense key: the items of key g are items[offsets[g] .. offsets[g+1]),
// in increasing item order. Items whose key is kNone are left out.
struct Groups {
  std::vector<uint32_t> items;
  std::vector<uint32_t> offsets;  // key_count + 1 entries
  // Set by groups_larger_than only: the key of each group (groups are then numbered densely).
  std::vector<uint32_t> keys;
  uint32_t key_count() const { return static_cast<uint32_t>(offsets.size() - 1); }
  std::span<const uint32_t> group(uint32_t key) const {
    return {items.data() + offsets[key], items.data() + offsets[key + 1]};
  }
};
// With `threads` > 1 both halves of `keys` are counted and placed on their own thread (same
// result).
Groups group_by_key(std::span<const uint32_t> keys, uint32_t key_count, int threads = 1);
// Only the groups of more than `min_size` items, in key order, numbered 0, 1, ... with their
// keys in `keys`. Much cheaper than group_by_key when nearly every group is small (orders per
// VIN, per person): one counting pass, and only the items of large groups are placed.
Groups groups_larger_than(std::span<const uint32_t> keys, uint32_t key_count, uint64_t min_size);

// Union-find whose root is always the smallest id of its set (so "the representative" of a set
// does not depend on the order of unions). Path halving keeps it near-linear.
class UnionFind {
 public:
  explicit UnionFind(uint32_t n);
  uint32_t find(uint32_t x);
  void unite(uint32_t a, uint32_t b);
  uint32_t size() const { return static_cast<uint32_t>(parent_.size()); }

 private:
  std::vector<uint32_t> parent_;
};

// Calls fn(part, begin, end) for `parts` consecutive slices of [0, n), on up to `parts`
// threads; returns when all are done. parts <= 1 or a small n runs inline.
void run_in_parts(int parts, size_t n, const std::function<void(int, size_t, size_t)>& fn);
// Runs the tasks, on two threads when `threads` > 1; returns when all are done.
void run_tasks(int threads, const std::vector<std::function<void()>>& tasks);

// Frees a container's memory now (`v = {}` on a vector assigns an empty list and keeps the
// capacity).
template <typename Container>
void free_memory(Container& c) {
  c = Container();
}

}  // namespace pitwall::core::closeout
