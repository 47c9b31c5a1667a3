// Kernels of the close-out's hot paths (kernels.hpp): grouping by dense key, union-find.
#include "core/closeout/kernels.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace pitwall::core::closeout {
namespace {

std::vector<uint32_t> items_of(const Groups& g, uint32_t group) {
  auto span = g.group(group);
  return {span.begin(), span.end()};
}

TEST(Kernels, GroupByKeyKeepsItemsInOrderAndLeavesOutNone) {
  // Items:           0  1      2  3  4      5
  std::vector<uint32_t> keys = {2, 0, kNone, 2, 0, 1};
  Groups g = group_by_key(keys, 4);
  ASSERT_EQ(g.key_count(), 4u);
  EXPECT_EQ(items_of(g, 0), (std::vector<uint32_t>{1, 4}));
  EXPECT_EQ(items_of(g, 1), (std::vector<uint32_t>{5}));
  EXPECT_EQ(items_of(g, 2), (std::vector<uint32_t>{0, 3}));
  EXPECT_TRUE(items_of(g, 3).empty());
  EXPECT_TRUE(g.keys.empty());
}

TEST(Kernels, GroupByKeyOnTwoThreadsGivesTheSameGroups) {
  // 200,003 items over 1,000 keys (every 11th left out): large enough to be split in halves.
  std::vector<uint32_t> keys(200003);
  for (uint32_t i = 0; i < keys.size(); ++i) keys[i] = i % 11 == 0 ? kNone : (i * 7919u) % 1000;
  std::vector<std::vector<uint32_t>> expected(1000);
  for (uint32_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != kNone) expected[keys[i]].push_back(i);
  }
  Groups g = group_by_key(keys, 1000, 2);
  ASSERT_EQ(g.key_count(), 1000u);
  for (uint32_t k = 0; k < 1000; ++k) EXPECT_EQ(items_of(g, k), expected[k]) << "key " << k;
}

TEST(Kernels, GroupsLargerThanKeepsOnlyLargeGroupsWithTheirKeys) {
  // Key 7 has three items (1, 3, 6), key 2 two (0, 5), keys 4 and 9 one each.
  std::vector<uint32_t> keys = {2, 7, 4, 7, kNone, 2, 7, 9};
  Groups one = groups_larger_than(keys, 10, 1);
  ASSERT_EQ(one.key_count(), 2u);
  EXPECT_EQ(one.keys, (std::vector<uint32_t>{2, 7}));
  EXPECT_EQ(items_of(one, 0), (std::vector<uint32_t>{0, 5}));
  EXPECT_EQ(items_of(one, 1), (std::vector<uint32_t>{1, 3, 6}));
  Groups two = groups_larger_than(keys, 10, 2);
  ASSERT_EQ(two.key_count(), 1u);
  EXPECT_EQ(two.keys, (std::vector<uint32_t>{7}));
  EXPECT_EQ(items_of(two, 0), (std::vector<uint32_t>{1, 3, 6}));
  EXPECT_EQ(groups_larger_than(keys, 10, 3).key_count(), 0u);
}

TEST(Kernels, GroupsLargerThanCountsPastTheByteCounters) {
  // 300 items of key 1 and 256 of key 0, interleaved: the byte counters saturate at 255, and a
  // limit of 255 or more takes the other path; both give the same groups.
  std::vector<uint32_t> keys;
  for (uint32_t i = 0; i < 556; ++i) keys.push_back(i % 2 == 0 && i < 512 ? 0 : 1);
  // Key 0: the even items below 512 (256 of them); key 1: the other 300.
  Groups g254 = groups_larger_than(keys, 2, 254);
  EXPECT_EQ(g254.keys, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(g254.group(0).size(), 256u);
  EXPECT_EQ(g254.group(1).size(), 300u);
  Groups g256 = groups_larger_than(keys, 2, 256);
  EXPECT_EQ(g256.keys, (std::vector<uint32_t>{1}));
  EXPECT_EQ(g256.group(0).size(), 300u);
  EXPECT_EQ(g256.group(0)[0], 1u);
  Groups g300 = groups_larger_than(keys, 2, 300);
  EXPECT_EQ(g300.key_count(), 0u);
}

TEST(Kernels, UnionFindRootIsTheSmallestIdOfTheSet) {
  UnionFind sets(6);
  sets.unite(5, 3);
  sets.unite(3, 4);
  sets.unite(1, 2);
  EXPECT_EQ(sets.find(5), 3u);
  EXPECT_EQ(sets.find(4), 3u);
  EXPECT_EQ(sets.find(2), 1u);
  sets.unite(4, 2);
  for (uint32_t x : {1u, 2u, 3u, 4u, 5u}) EXPECT_EQ(sets.find(x), 1u);
  EXPECT_EQ(sets.find(0), 0u);
}

}  // namespace
}  // namespace pitwall::core::closeout
