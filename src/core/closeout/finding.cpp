#include "core/closeout/finding.hpp"

#include <algorithm>

#include "core/base/check.hpp"

namespace pitwall::core::closeout {

TextRef FindingList::store(std::string_view text) {
  if (text.empty()) return {};
  PW_CHECK(arena_.size() + text.size() < UINT32_MAX, "finding texts exceed 4 GB");
  TextRef ref{static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(text.size())};
  arena_.append(text);
  return ref;
}

void FindingList::add(uint32_t order, Rule rule, Action action, int field, std::string_view before,
                      std::string_view after, std::string_view detail) {
  Finding f;
  f.order = order;
  f.rule = rule;
  f.action = action;
  f.field = static_cast<int8_t>(field);
  f.before = store(before);
  f.after = store(after);
  f.detail = store(detail);
  items_.push_back(f);
}

void FindingList::append(std::span<FindingList* const> others) {
  size_t items = items_.size();
  size_t bytes = arena_.size();
  for (const FindingList* other : others) {
    items += other->items_.size();
    bytes += other->arena_.size();
  }
  PW_CHECK(bytes < UINT32_MAX, "finding texts exceed 4 GB");
  // Exactly what is needed into an empty list (the final merge); otherwise at least doubled, as
  // adding one by one would, so that a list appended to again and again is not copied each time.
  if (items > items_.capacity()) items_.reserve(std::max(items, 2 * items_.capacity()));
  if (bytes > arena_.capacity()) arena_.reserve(std::max(bytes, 2 * arena_.capacity()));
  for (FindingList* other : others) {
    auto shift = static_cast<uint32_t>(arena_.size());
    arena_.append(other->arena_);
    for (Finding f : other->items_) {
      if (f.before.size) f.before.offset += shift;
      if (f.after.size) f.after.offset += shift;
      if (f.detail.size) f.detail.offset += shift;
      items_.push_back(f);
    }
    // Freed, not just cleared: clear() keeps the capacity.
    std::vector<Finding>().swap(other->items_);
    std::string().swap(other->arena_);
  }
}

void FindingList::append(std::span<FindingList> parts) {
  std::vector<FindingList*> lists;
  for (FindingList& part : parts) lists.push_back(&part);
  append(lists);
}

void FindingList::sort_by_order() {
  // Counting sort by order (stable), then a stable insertion sort by rule within each order:
  // an order has a handful of findings. One array of cursors: after placing, end[k] is where
  // order k's findings end (and k + 1's begin).
  uint32_t orders = 0;
  for (const Finding& f : items_) orders = std::max(orders, f.order + 1);
  std::vector<uint32_t> end(orders, 0);
  for (const Finding& f : items_) ++end[f.order];
  uint32_t sum = 0;
  for (uint32_t& e : end) {
    uint32_t count = e;
    e = sum;
    sum += count;
  }
  std::vector<Finding> sorted(items_.size());
  for (const Finding& f : items_) sorted[end[f.order]++] = f;
  for (uint32_t k = 0; k < orders; ++k) {
    uint32_t begin = k == 0 ? 0 : end[k - 1];
    for (uint32_t i = begin + 1; i < end[k]; ++i) {
      Finding f = sorted[i];
      uint32_t j = i;
      for (; j > begin && sorted[j - 1].rule > f.rule; --j) sorted[j] = sorted[j - 1];
      sorted[j] = f;
    }
  }
  items_ = std::move(sorted);
}

}  // namespace pitwall::core::closeout
