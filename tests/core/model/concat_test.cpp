// concat_tables: the batches of a kind merged into one table, the largest pool kept as it is
// (issue 7: a 10M-row churned batch merged with the demo's small one). Every test states the
// merged cells by value, written out here, and checks that equal strings share one id.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "churned_part.hpp"
#include "core/model/table.hpp"

namespace pitwall::core {
namespace {

// A churned part: (customer id, store code, annual value in fen) per row, months null; every
// row's batch id `batch`, lines from 2.
using Row = test_support::ChurnedRow;
Table part(const std::vector<Row>& rows, uint32_t batch) {
  return test_support::churned_part(rows, batch);
}

// Every cell of `t` against `want` by value; every text id of the pool names one string only.
void expect_cells(const Table& t, const std::vector<Row>& want, const std::vector<int64_t>& lines,
                  const std::vector<uint32_t>& batches) {
  ASSERT_EQ(t.rows(), want.size());
  for (const auto& c : t.columns) ASSERT_EQ(c.size(), want.size());
  for (size_t row = 0; row < want.size(); ++row) {
    EXPECT_EQ(t.text(churned::kCustomerId, row), want[row].customer) << "row " << row;
    EXPECT_EQ(t.text(churned::kStoreCode, row), want[row].store) << "row " << row;
    EXPECT_EQ(t.i64(churned::kAnnualValue, row), want[row].fen) << "row " << row;
    EXPECT_EQ(t.i32(churned::kMargin, row), kNoSmall) << "row " << row;
    EXPECT_TRUE(std::isnan(t.f64(churned::kMonthsChurned, row))) << "row " << row;
  }
  EXPECT_EQ(t.lines, lines);
  EXPECT_EQ(t.batches, batches);
  std::map<std::string, uint32_t> id_of;
  for (uint32_t id = 0; id < t.pool.size(); ++id) {
    auto [it, fresh] = id_of.emplace(std::string(t.pool.view(id)), id);
    EXPECT_TRUE(fresh) << "'" << t.pool.view(id) << "' has ids " << it->second << " and " << id;
  }
  EXPECT_EQ(t.pool.view(0), "");
}

// The small batch first (as the demo's churned batch is), the big one second: the big pool is
// the one kept, so its ids stay, and the small batch's strings are mapped onto it or appended.
TEST(ConcatTables, SmallThenBigKeepsRowOrderAndSharesEqualStrings) {
  std::vector<Row> small = {{"D1", "S01", 100}, {"B2", "S02", 200}, {"", "S01", 300}};
  std::vector<Row> big = {
      {"B1", "S01", 1}, {"B2", "S03", 2}, {"B3", "", 3}, {"B4", "S03", 4}, {"B5", "S01", 5}};
  Table big_part = part(big, 7);
  std::vector<uint32_t> big_ids(big_part.columns[churned::kCustomerId].text().begin(),
                                big_part.columns[churned::kCustomerId].text().end());
  std::vector<Table> parts;
  parts.push_back(part(small, 3));
  parts.push_back(std::move(big_part));
  Table t = concat_tables(std::move(parts));
  expect_cells(t,
               {{"D1", "S01", 100},
                {"B2", "S02", 200},
                {"", "S01", 300},
                {"B1", "S01", 1},
                {"B2", "S03", 2},
                {"B3", "", 3},
                {"B4", "S03", 4},
                {"B5", "S01", 5}},
               {2, 3, 4, 2, 3, 4, 5, 6}, {3, 3, 3, 7, 7, 7, 7, 7});
  // The big batch's ids are kept: rows 3..7 carry the ids the big part had.
  for (size_t i = 0; i < big_ids.size(); ++i) {
    EXPECT_EQ(t.columns[churned::kCustomerId].text()[3 + i], big_ids[i]);
  }
  // B2 of the small batch is the big batch's B2; the empty id is 0.
  EXPECT_EQ(t.columns[churned::kCustomerId].text()[1], t.columns[churned::kCustomerId].text()[4]);
  EXPECT_EQ(t.columns[churned::kCustomerId].text()[2], 0u);
  // Distinct strings: "" S01 B1 B2 S03 B3 B4 B5 (big) + D1 S02 (small only) = 10.
  EXPECT_EQ(t.pool.size(), 10u);
}

// Big first, then two small ones: the result is the same as appending them in turn, whether
// the columns are copied on one thread or two.
class ConcatThreads : public ::testing::TestWithParam<int> {};
INSTANTIATE_TEST_SUITE_P(OneAndTwo, ConcatThreads, ::testing::Values(1, 2));

TEST_P(ConcatThreads, BigThenSmallMatchesAppendingInTurn) {
  std::vector<std::vector<Row>> rows = {
      {{"A1", "S01", 10}, {"A2", "S02", 20}, {"A3", "S03", 30}, {"A4", "S01", 40}},
      {{"A2", "S09", 50}},
      {{"C1", "S02", 60}, {"A1", "", 70}}};
  Table appended = Table::empty(TableKind::kChurned);
  std::vector<Table> parts;
  for (uint32_t b = 0; b < rows.size(); ++b) {
    append_table(appended, part(rows[b], b + 1));
    parts.push_back(part(rows[b], b + 1));
  }
  Table t = concat_tables(std::move(parts), GetParam());
  std::vector<Row> want = {{"A1", "S01", 10}, {"A2", "S02", 20}, {"A3", "S03", 30},
                           {"A4", "S01", 40}, {"A2", "S09", 50}, {"C1", "S02", 60},
                           {"A1", "", 70}};
  std::vector<int64_t> lines = {2, 3, 4, 5, 2, 2, 3};
  std::vector<uint32_t> batches = {1, 1, 1, 1, 2, 3, 3};
  expect_cells(t, want, lines, batches);
  expect_cells(appended, want, lines, batches);
  // Same strings in both pools: "" A1 S01 A2 S02 A3 S03 A4 S09 C1.
  EXPECT_EQ(t.pool.size(), 10u);
  EXPECT_EQ(appended.pool.size(), 10u);
}

// The merged pool is an ordinary owning pool: lookups and new strings work after the merge.
TEST(ConcatTables, MergedPoolFindsAndInterns) {
  std::vector<Table> parts;
  parts.push_back(part({{"X1", "S01", 1}}, 1));
  parts.push_back(part({{"Y1", "S01", 2}, {"Y2", "S02", 3}}, 2));
  Table t = concat_tables(std::move(parts));
  EXPECT_EQ(t.pool.find("X1"), t.columns[churned::kCustomerId].text()[0]);
  EXPECT_EQ(t.pool.find("Y2"), t.columns[churned::kCustomerId].text()[2]);
  EXPECT_EQ(t.pool.find("S01"), t.columns[churned::kStoreCode].text()[1]);
  EXPECT_EQ(t.pool.find("Z9"), StringPool::kMissing);
  uint32_t z = t.pool.intern("Z9");
  EXPECT_EQ(z, t.pool.size() - 1);
  EXPECT_EQ(t.pool.intern("X1"), t.columns[churned::kCustomerId].text()[0]);
  EXPECT_EQ(t.pool.find("Z9"), z);
}

// A base part whose lines and batches have room for every row lends them: the result's lines are
// its vector, the other parts' lines put before and after.
TEST(ConcatTables, BaseWithRoomLendsItsLines) {
  std::vector<Table> parts;
  parts.push_back(part({{"X1", "S01", 1}}, 1));
  Table big = part({{"Y1", "S01", 2}, {"Y2", "S02", 3}, {"Y3", "S03", 4}}, 2);
  big.lines.reserve(6);
  big.batches.reserve(6);
  const int64_t* lines = big.lines.data();
  parts.push_back(std::move(big));
  parts.push_back(part({{"Z1", "S01", 5}, {"Y1", "", 6}}, 3));
  Table t = concat_tables(std::move(parts), 2);
  expect_cells(t,
               {{"X1", "S01", 1},
                {"Y1", "S01", 2},
                {"Y2", "S02", 3},
                {"Y3", "S03", 4},
                {"Z1", "S01", 5},
                {"Y1", "", 6}},
               {2, 2, 3, 4, 2, 3}, {1, 2, 2, 2, 3, 3});
  EXPECT_EQ(t.lines.data(), lines);
}

TEST(ConcatTables, OnePartIsItself) {
  std::vector<Table> parts;
  parts.push_back(part({{"A", "S", 5}, {"B", "S", 6}}, 4));
  Table t = concat_tables(std::move(parts));
  expect_cells(t, {{"A", "S", 5}, {"B", "S", 6}}, {2, 3}, {4, 4});
}

TEST(StringPoolCopy, KeepsIdsAndLooksUpLazily) {
  StringPool p;
  uint32_t a = p.intern("alpha");
  uint32_t b = p.intern("beta");
  StringPool copy = StringPool::copy_of(p);
  EXPECT_EQ(copy.size(), 3u);
  EXPECT_EQ(copy.view(a), "alpha");
  uint32_t g = copy.append_new("gamma");
  EXPECT_EQ(g, 3u);
  EXPECT_EQ(copy.find("beta"), b);
  EXPECT_EQ(copy.find("gamma"), g);
  EXPECT_EQ(copy.intern("alpha"), a);
  EXPECT_EQ(copy.intern("delta"), 4u);
  EXPECT_EQ(p.size(), 3u);  // the original is untouched
}

TEST(StringPoolCommon, FindsTheSharedStringsByOnePass) {
  StringPool big;
  for (const char* s : {"B0001", "B0002", "S01", "B0003", "S02",
                        "LONGER-THAN-SIXTY-THREE-"
                        "CHARACTERS-0123456789-0123456789-"
                        "0123456789"}) {
    big.intern(s);
  }
  StringPool small;
  small.intern("S02");    // id 1, big id 5
  small.intern("X");      // id 2, not in big
  small.intern("B0002");  // id 3, big id 2
  small.intern(
      "LONGER-THAN-SIXTY-THREE-CHARACTERS-0123456789-0123456789-0123456789");  // id 4, big id 6
  auto common = big.common_with(small);
  std::vector<std::pair<uint32_t, uint32_t>> want = {{2, 3}, {5, 1}, {6, 4}};
  EXPECT_EQ(common, want);
  EXPECT_TRUE(big.common_with(StringPool()).empty());
}

}  // namespace
}  // namespace pitwall::core
