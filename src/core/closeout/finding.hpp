#pragma once
// Findings: what the pipeline says about single orders (closeout.md "Pipeline"). Nothing is
// deleted; every exclusion, correction, fill, flag and tag is one Finding on one order.
//
// Texts (before, after, detail) live in one arena per list so that millions of findings cost
// no allocation each: a Finding holds offsets (TextRef) into its list's arena. `detail` is
// language-neutral (an order id, a ring id, "95/100", the user's own reason text); faces put
// the rule's words in front of it in the reader's language.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/closeout/rules.hpp"

namespace pitwall::core::closeout {

struct TextRef {
  uint32_t offset = 0;
  uint32_t size = 0;
};

// The field a finding is about: an orders column (core::orders::Col), or kNoField.
inline constexpr int8_t kNoField = -1;

struct Finding {
  uint32_t order = 0;  // order index (RunResult::orders)
  Rule rule = Rule::kSameId;
  Action action = Action::kFlag;
  int8_t field = kNoField;
  TextRef before;
  TextRef after;
  TextRef detail;
};

class FindingList {
 public:
  void add(uint32_t order, Rule rule, Action action, int field, std::string_view before,
           std::string_view after, std::string_view detail);
  std::string_view text(TextRef ref) const {
    return std::string_view(arena_).substr(ref.offset, ref.size);
  }
  const std::vector<Finding>& items() const { return items_; }
  size_t size() const { return items_.size(); }

  // Moves every finding of `others`, list after list, to the end of this list, making room for
  // all of them first (each finding and text is copied once); the lists are left empty, their
  // memory freed. At 10M orders the findings run to hundreds of MB.
  void append(std::span<FindingList* const> others);
  // The same for lists side by side (the parts one list was split into over the threads).
  void append(std::span<FindingList> parts);
  // Stable sort by (order, rule): an order's findings in stage and rule-id order, findings of
  // the same rule in the order they were made.
  void sort_by_order();

 private:
  TextRef store(std::string_view text);
  std::vector<Finding> items_;
  std::string arena_;
};

}  // namespace pitwall::core::closeout
