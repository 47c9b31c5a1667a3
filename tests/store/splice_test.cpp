// store::BatchSplicer: stored batches merged by concat_tables with the base batch's column and
// pool files mapped in place (issue 7). Three stored churned batches, the big one first, in the
// middle or last: every cell by value (written out by hand below), and every byte the same as the
// copying merge; release_pages afterwards loses nothing; a splicer without files falls back.
#include "store/files/splice.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "churned_part.hpp"
#include "store/files/batch_files.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::store {
namespace {

using core::Table;
namespace churned = core::churned;

using Row = test_support::ChurnedRow;
Table make_part(const std::vector<Row>& rows) { return test_support::churned_part(rows); }

// The big batch: row i is customer "B%05d", store "S0<i mod 7>", i * 3 + 1 fen, i / 4 months.
std::vector<Row> big_rows(size_t n) {
  std::vector<Row> rows;
  for (size_t i = 0; i < n; ++i) {
    rows.push_back({fmt::format("B{:05}", i), fmt::format("S{:02}", i % 7),
                    static_cast<int64_t>(i) * 3 + 1, static_cast<double>(i) / 4});
  }
  return rows;
}

// Two smaller batches: strings shared with the big one (B00002, B00004, S01, S02) and new ones
// (D1, C1, S09), an empty customer and an empty store. The second also has 1500 rows C0000..C1499
// (store S09, 1000 + i fen, 1 month): more than a page of values after or before the big batch,
// which release_pages must not drop.
const std::vector<Row> kSmallOne = {
    {"D1", "S01", 100, 1.5}, {"B00002", "S02", 200, 2.5}, {"", "S01", 300, NAN}};
constexpr size_t kLongRows = 1500;
std::vector<Row> small_two() {
  std::vector<Row> rows = {{"C1", "S09", 400, 4.0}, {"B00004", "", 500, 0.5}};
  for (size_t i = 0; i < kLongRows; ++i) {
    rows.push_back({fmt::format("C{:04}", i), "S09", 1000 + static_cast<int64_t>(i), 1.0});
  }
  return rows;
}

struct Stored {
  std::vector<std::string> dirs;       // batch ids 1, 2, 3 in this order
  std::vector<std::vector<Row>> rows;  // of each batch
  std::vector<Row> all;                // the merged rows, by hand: batches one after another
  std::vector<int64_t> lines;          // 2, 3, ... per batch
  std::vector<uint32_t> batches;       // 1, 1, 1, 2, ...
};

// Writes the small batches and a big one of `big` rows at `position` (0, 1, 2).
Stored store_batches(const std::string& name, size_t position, size_t big) {
  Stored s;
  std::vector<std::vector<Row>> smalls = {kSmallOne, small_two()};
  for (size_t b = 0, small = 0; b < 3; ++b) {
    s.rows.push_back(b == position ? big_rows(big) : smalls[small++]);
  }
  std::string root = fmt::format("{}/pitwall-splice-{}-{}", ::testing::TempDir(), getpid(), name);
  (void)remove_tree(root);
  for (size_t b = 0; b < 3; ++b) {
    std::string dir = fmt::format("{}/{}", root, b + 1);
    Table t = make_part(s.rows[b]);
    auto writer = BatchFilesWriter::create(dir, core::TableKind::kChurned);
    EXPECT_TRUE(writer.has_value()) << writer.error().to_string();
    EXPECT_TRUE((*writer)->append(t).has_value());
    EXPECT_TRUE((*writer)->finish(t.pool).has_value());
    s.dirs.push_back(dir);
    for (size_t r = 0; r < s.rows[b].size(); ++r) {
      s.all.push_back(s.rows[b][r]);
      s.lines.push_back(static_cast<int64_t>(r) + 2);
      s.batches.push_back(static_cast<uint32_t>(b + 1));
    }
  }
  return s;
}

// The stored batches read back; with `room_rows`, as load_batches reads them to be merged.
std::vector<Table> read_parts(const Stored& s, size_t room_rows = 0) {
  std::vector<Table> parts;
  for (size_t b = 0; b < s.dirs.size(); ++b) {
    auto t = read_batch_files(s.dirs[b], core::TableKind::kChurned, static_cast<uint32_t>(b + 1),
                              room_rows);
    EXPECT_TRUE(t.has_value()) << t.error().to_string();
    parts.push_back(std::move(*t));
  }
  return parts;
}

void expect_cells(const Table& t, const Stored& s) {
  ASSERT_EQ(t.rows(), s.all.size());
  for (size_t row = 0; row < s.all.size(); ++row) {
    const Row& want = s.all[row];
    ASSERT_EQ(t.text(churned::kCustomerId, row), want.customer) << "row " << row;
    ASSERT_EQ(t.text(churned::kStoreCode, row), want.store) << "row " << row;
    ASSERT_EQ(t.i64(churned::kAnnualValue, row), want.fen) << "row " << row;
    double months = t.f64(churned::kMonthsChurned, row);
    double wanted = want.months.value_or(NAN);  // every row here has months (NaN for null)
    ASSERT_TRUE(std::isnan(wanted) ? std::isnan(months) : months == wanted) << "row " << row;
    ASSERT_EQ(t.i32(churned::kMargin, row), core::kNoSmall) << "row " << row;
  }
  EXPECT_EQ(t.lines, s.lines);
  EXPECT_EQ(t.batches, s.batches);
}

// Same columns, pool, lines and batches, byte for byte.
void expect_same_bytes(const Table& a, const Table& b) {
  ASSERT_EQ(a.columns.size(), b.columns.size());
  for (size_t c = 0; c < a.columns.size(); ++c) {
    EXPECT_EQ(a.columns[c].raw_bytes(), b.columns[c].raw_bytes()) << "column " << c;
  }
  ASSERT_EQ(a.pool.size(), b.pool.size());
  EXPECT_TRUE(
      std::equal(a.pool.offsets().begin(), a.pool.offsets().end(), b.pool.offsets().begin()));
  EXPECT_EQ(a.pool.bytes(), b.pool.bytes());
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.batches, b.batches);
}

// (position of the big batch, its rows): 5000 rows end inside a page (40,000 and 20,000 bytes);
// 2 pages of 4-byte values end on a page boundary.
class SpliceBatches : public ::testing::TestWithParam<std::tuple<size_t, bool>> {};
INSTANTIATE_TEST_SUITE_P(BigFirstMiddleLast, SpliceBatches,
                         ::testing::Combine(::testing::Values(0, 1, 2),
                                            ::testing::Values(false, true)));

TEST_P(SpliceBatches, SameCellsAsCopyingAndKeepsTheBigIds) {
  auto [position, whole_pages] = GetParam();
  auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size_t big = whole_pages ? 2 * page / 4 : 5000;
  Stored s = store_batches(fmt::format("{}-{}", position, big), position, big);
  std::vector<Table> parts = read_parts(s, s.all.size());
  const int64_t* big_lines = parts[position].lines.data();
  std::vector<uint32_t> big_ids(parts[position].columns[churned::kCustomerId].text().begin(),
                                parts[position].columns[churned::kCustomerId].text().end());
  BatchSplicer splicer(core::TableKind::kChurned, s.dirs);
  Table spliced = core::concat_tables(std::move(parts), 2, &splicer);
  Table copied = core::concat_tables(read_parts(s), 1);
  expect_cells(spliced, s);
  expect_same_bytes(spliced, copied);
  EXPECT_EQ(spliced.lines.data(), big_lines);  // the big batch's lines kept, not copied
  // Distinct strings: "", big customers, S00..S06, then D1, C1, S09 and C0000..C1499 from the
  // smaller batches.
  EXPECT_EQ(spliced.pool.size(), 1 + big + 7 + 3 + kLongRows);
  // The big batch's ids are kept; every column is spliced, its big rows reloadable.
  size_t first = position == 0 ? 0 : position == 1 ? 3 : 3 + 2 + kLongRows;
  for (size_t i = 0; i < big; ++i) {
    ASSERT_EQ(spliced.columns[churned::kCustomerId].text()[first + i], big_ids[i]);
  }
  for (const auto& column : spliced.columns) {
    ASSERT_TRUE(column.is_view());
    size_t size = core::Column::element_size(column.type());
    EXPECT_EQ(column.reloadable_bytes().size(), big * size);
    EXPECT_EQ(column.reloadable_bytes().data(), column.raw_bytes().data() + first * size);
  }
  // The pool: the big batch's strings ("", its customers, S00..S06) mapped, the others written.
  EXPECT_EQ(spliced.pool.reloadable_offsets().size(), 1 + big + 7 + 1);
  EXPECT_EQ(spliced.pool.reloadable_bytes().size(), big * 6 + 7 * 3);  // B00000, S00: 6, 3 bytes
  // Dropping the reloadable pages keeps every value and string, the small batches' included.
  release_pages(spliced);
  expect_cells(spliced, s);
  expect_same_bytes(spliced, copied);
  (void)remove_tree(
      fmt::format("{}/pitwall-splice-{}-{}-{}", ::testing::TempDir(), getpid(), position, big));
}

TEST(SpliceFallback, WithoutFilesCopiesAsBefore) {
  Stored s = store_batches("fallback", 1, 5000);
  BatchSplicer splicer(core::TableKind::kChurned, {"/nonexistent/1", "/nonexistent/2"});
  Table t = core::concat_tables(read_parts(s), 2, &splicer);
  expect_cells(t, s);
  for (const auto& column : t.columns) EXPECT_FALSE(column.is_view());
  EXPECT_EQ(t.pool.intern("D1"), t.columns[churned::kCustomerId].text()[0]);  // owning pool
  (void)remove_tree(fmt::format("{}/pitwall-splice-{}-fallback", ::testing::TempDir(), getpid()));
}

// splice_file by hand: 10 bytes "0123456789" at byte 3 of 16; the 3 bytes before and the 3 after
// are writable, and a file of another size is refused.
TEST(SpliceFile, MapsTheFileAtAnOffsetAndRefusesAnotherSize) {
  std::string path = fmt::format("{}/pitwall-splice-{}-file", ::testing::TempDir(), getpid());
  ASSERT_TRUE(write_file_atomic(path, "0123456789").has_value());
  auto buffer = splice_file(path, 3, 10, 16);
  ASSERT_NE(buffer.data, nullptr);
  EXPECT_EQ((reinterpret_cast<uintptr_t>(buffer.data) + 3) % sysconf(_SC_PAGESIZE), 0u);
  std::memcpy(buffer.data, "abc", 3);
  std::memcpy(buffer.data + 13, "xyz", 3);
  EXPECT_EQ(std::string_view(buffer.data, 16), "abc0123456789xyz");
  std::memcpy(buffer.data + 3, "A", 1);  // copy on write: the file keeps its bytes
  EXPECT_EQ(read_file(path).value(), "0123456789");
  EXPECT_EQ(splice_file(path, 3, 9, 16).data, nullptr);   // the file has 10 bytes
  EXPECT_EQ(splice_file(path, 7, 10, 16).data, nullptr);  // 7 + 10 > 16
  EXPECT_EQ(splice_file(path + "-missing", 0, 10, 16).data, nullptr);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace pitwall::store
