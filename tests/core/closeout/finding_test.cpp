// Finding lists (finding.hpp): texts in one arena per list, appending lists, sorting by order.
#include "core/closeout/finding.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace pitwall::core::closeout {
namespace {

using Row = std::tuple<uint32_t, Rule, std::string, std::string, std::string>;

std::vector<Row> rows_of(const FindingList& list) {
  std::vector<Row> out;
  for (const Finding& f : list.items()) {
    out.emplace_back(f.order, f.rule, std::string(list.text(f.before)),
                     std::string(list.text(f.after)), std::string(list.text(f.detail)));
  }
  return out;
}

TEST(FindingList, AppendMovesListAfterListWithTheirTextsAndEmptiesThem) {
  FindingList all, a, b, c;
  all.add(0, Rule::kSameId, Action::kFlag, kNoField, "kept", "", "first");
  a.add(7, Rule::kBlacklist, Action::kExclude, kNoField, "13800000000", "", "reason a");
  a.add(3, Rule::kRing, Action::kFlag, kNoField, "", "", "R1");
  // b is empty; c has a finding without texts and one with all three.
  c.add(5, Rule::kMassCancel, Action::kFlag, kNoField, "", "", "");
  c.add(9, Rule::kStackReturn, Action::kFlag, kNoField, "before", "after", "detail");
  FindingList* lists[] = {&a, &b, &c};
  all.append(lists);
  std::vector<Row> expected = {
      {0, Rule::kSameId, "kept", "", "first"},
      {7, Rule::kBlacklist, "13800000000", "", "reason a"},
      {3, Rule::kRing, "", "", "R1"},
      {5, Rule::kMassCancel, "", "", ""},
      {9, Rule::kStackReturn, "before", "after", "detail"},
  };
  EXPECT_EQ(rows_of(all), expected);
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(c.size(), 0u);
  // An emptied list takes findings again, and lists side by side go the same way.
  a.add(1, Rule::kRing, Action::kFlag, kNoField, "x", "y", "R2");
  all.append(std::span<FindingList>(&a, 1));
  expected.emplace_back(1, Rule::kRing, "x", "y", "R2");
  EXPECT_EQ(rows_of(all), expected);
  // Appended again and again, one finding at a time: every text stays its own.
  for (uint32_t i = 0; i < 1000; ++i) {
    FindingList one;
    one.add(i, Rule::kSameId, Action::kFlag, kNoField, std::to_string(i), "", "");
    all.append(std::span<FindingList>(&one, 1));
    expected.emplace_back(i, Rule::kSameId, std::to_string(i), "", "");
  }
  EXPECT_EQ(rows_of(all), expected);
}

TEST(FindingList, SortByOrderKeepsRuleOrderThenTheOrderMade) {
  FindingList list;
  // Rules in spec order: kSameId < kBlacklist < kMassCancel < kRing < kStackReturn.
  list.add(4, Rule::kRing, Action::kFlag, kNoField, "", "", "a");
  list.add(2, Rule::kStackReturn, Action::kFlag, kNoField, "", "", "b");
  list.add(4, Rule::kSameId, Action::kFlag, kNoField, "", "", "c");
  list.add(0, Rule::kBlacklist, Action::kFlag, kNoField, "", "", "d");
  list.add(4, Rule::kRing, Action::kFlag, kNoField, "", "", "e");
  list.add(2, Rule::kBlacklist, Action::kFlag, kNoField, "", "", "f");
  list.add(4, Rule::kMassCancel, Action::kFlag, kNoField, "", "", "g");
  list.sort_by_order();
  std::vector<std::string> details;
  for (const Finding& f : list.items()) {
    details.push_back(std::to_string(f.order) + std::string(list.text(f.detail)));
  }
  EXPECT_EQ(details, (std::vector<std::string>{"0d", "2f", "2b", "4c", "4g", "4a", "4e"}));
}

}  // namespace
}  // namespace pitwall::core::closeout
