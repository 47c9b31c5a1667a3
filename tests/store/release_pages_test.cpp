// store::release_pages: a mapped column's or pool's pages leave memory and their values read
// back the same; owned columns and pools are never touched (dropping their pages would lose them).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "store/files/batch_files.hpp"
#include "store/files/file_util.hpp"

namespace pitwall::store {
namespace {

TEST(ReleasePages, MappedColumnReadsTheSameAfterwards) {
  // 300,000 int64 values (2.4 MB, several hundred pages): value i is i * 7 - 5.
  const size_t rows = 300000;
  std::vector<int64_t> values(rows);
  for (size_t i = 0; i < rows; ++i) values[i] = static_cast<int64_t>(i) * 7 - 5;
  std::string path = ::testing::TempDir() + "pitwall-release-" + std::to_string(getpid()) + ".bin";
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(values.data()),
             static_cast<std::streamsize>(rows * sizeof(int64_t)));
  auto mapped = MappedFile::open(path);
  ASSERT_TRUE(mapped.has_value()) << mapped.error().to_string();
  core::Column column =
      core::Column::view_of(core::ValueType::kTime, (*mapped)->bytes().data(), rows, *mapped);
  ASSERT_TRUE(column.is_view());
  int64_t before = 0;
  for (int64_t v : column.i64()) before += v;  // every page resident now
  release_pages(column);
  ASSERT_EQ(column.i64().size(), rows);
  for (size_t i = 0; i < rows; i += 997)
    EXPECT_EQ(column.i64()[i], static_cast<int64_t>(i) * 7 - 5);
  int64_t after = 0;
  for (int64_t v : column.i64()) after += v;
  EXPECT_EQ(after, before);
  std::remove(path.c_str());
}

TEST(ReleasePages, OwnedColumnIsLeftAlone) {
  core::Column column(core::ValueType::kMoney);
  for (int64_t i = 0; i < 200000; ++i) column.push_i64(i + 1);
  ASSERT_FALSE(column.is_view());
  release_pages(column);
  int64_t sum = 0;
  for (int64_t v : column.i64()) sum += v;
  EXPECT_EQ(sum, int64_t{200000} * 200001 / 2);  // 1 + 2 + ... + 200000
}

// A churned batch of `rows` rows stored under `dir` and mapped back: customer "C<i>" (when
// `ids`), annual value i * `fen` fen, the other columns empty.
core::Table stored_churned(const std::string& dir, int rows, bool ids, int64_t fen) {
  core::Table t = core::Table::empty(core::TableKind::kChurned);
  for (int i = 0; i < rows; ++i) {
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (ids && static_cast<int>(c) == core::churned::kCustomerId) {
        t.columns[c].push_text(t.pool.intern("C" + std::to_string(i)));
      } else if (static_cast<int>(c) == core::churned::kAnnualValue) {
        t.columns[c].push_i64(int64_t{i} * fen);
      } else {
        t.columns[c].push_null();
      }
    }
    t.lines.push_back(i + 2);
  }
  auto writer = BatchFilesWriter::create(dir, core::TableKind::kChurned);
  EXPECT_TRUE(writer.has_value()) << writer.error().to_string();
  EXPECT_TRUE((*writer)->append(t).has_value());
  EXPECT_TRUE((*writer)->finish(t.pool).has_value());
  auto stored = read_batch_files(dir, core::TableKind::kChurned, 1);
  EXPECT_TRUE(stored.has_value()) << stored.error().to_string();
  return stored.has_value() ? std::move(*stored) : core::Table::empty(core::TableKind::kChurned);
}

TEST(ReleasePages, StoredTableAndItsPoolReadTheSameAfterwards) {
  // A stored churned batch of 50,000 rows: customer "C<i>", annual value i * 3 fen.
  const int rows = 50000;
  std::string dir = ::testing::TempDir() + "pitwall-release-table-" + std::to_string(getpid());
  core::Table stored = stored_churned(dir, rows, true, 3);
  ASSERT_EQ(stored.rows(), static_cast<size_t>(rows));
  ASSERT_TRUE(stored.pool.is_view());
  auto check = [&] {
    for (int i = 0; i < rows; i += 7) {
      ASSERT_EQ(stored.text(core::churned::kCustomerId, i), "C" + std::to_string(i));
      ASSERT_EQ(stored.i64(core::churned::kAnnualValue, i), int64_t{i} * 3);
    }
  };
  check();
  release_pages(stored);
  check();
  release_pages(stored);  // twice, and with nothing resident: the same
  check();
}

TEST(ReleasePages, OwnedPoolIsLeftAlone) {
  core::StringPool pool;
  for (int i = 0; i < 100000; ++i) pool.intern("value-" + std::to_string(i));
  ASSERT_FALSE(pool.is_view());
  release_pages(pool);
  EXPECT_EQ(pool.view(pool.find("value-99999")), "value-99999");
  EXPECT_EQ(pool.size(), 100001u);  // the empty string and 100,000 values
}

// RssFile of this process (file pages mapped and resident), in kB.
int64_t resident_file_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("RssFile:", 0) == 0) return std::stoll(line.substr(8));
  }
  return -1;
}

TEST(PageReleaser, DropsTheTouchedPagesWhileTheTableStaysReadable) {
  // A stored churned batch of 500,000 rows: annual value i * 5 fen (a 4 MB column file).
  const int rows = 500000;
  std::string dir = ::testing::TempDir() + "pitwall-releaser-" + std::to_string(getpid());
  core::Table stored = stored_churned(dir, rows, false, 5);
  ASSERT_EQ(stored.rows(), static_cast<size_t>(rows));
  const int64_t expected = int64_t{5} * (int64_t{rows} - 1) * rows / 2;  // 5 * (0 + ... + n-1)
  auto sum = [&] {
    int64_t s = 0;
    for (int i = 0; i < rows; ++i) s += stored.i64(core::churned::kAnnualValue, i);
    return s;
  };
  ASSERT_EQ(sum(), expected);  // every page of the column mapped in now
  int64_t touched = resident_file_kb();
  ASSERT_GT(touched, 3000);
  {
    PageReleaser releaser({&stored}, 0, std::chrono::milliseconds(1));
    // Read while the releaser drops the pages under the reader: the values never change.
    for (int round = 0; round < 5; ++round) ASSERT_EQ(sum(), expected);
    // The column's pages leave the process (within a few intervals; polled up to 5 s).
    int64_t now = touched;
    for (int wait = 0; wait < 500 && touched - now < 3000; ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      now = resident_file_kb();
    }
    EXPECT_GE(touched - now, 3000) << "resident file pages: " << touched << " kB, then " << now;
  }
  EXPECT_EQ(sum(), expected);
  (void)remove_tree(dir);
}

TEST(PageReleaser, ReleasesOnlyWhenMoreThanTheBudgetWasMappedIn) {
  // A 4 MB column (500,000 rows of 8 bytes) read whole while a releaser watches.
  const int rows = 500000;
  std::string dir = ::testing::TempDir() + "pitwall-budget-" + std::to_string(getpid());
  core::Table stored = stored_churned(dir, rows, false, 5);
  auto sum = [&] {
    int64_t s = 0;
    for (int i = 0; i < rows; ++i) s += stored.i64(core::churned::kAnnualValue, i);
    return s;
  };
  const int64_t expected = int64_t{5} * (int64_t{rows} - 1) * rows / 2;
  release_pages(stored);
  {
    // A budget of 1 GB: 4 MB mapped in is far under it, nothing is released.
    PageReleaser releaser({&stored}, size_t{1} << 30, std::chrono::milliseconds(1));
    ASSERT_EQ(sum(), expected);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(releaser.releases(), 0);
  }
  ASSERT_GT(resident_file_kb(), 3000);  // still mapped in
  release_pages(stored);
  {
    // A budget of 1 MB: the 4 MB read exceed it, the pages are dropped.
    PageReleaser releaser({&stored}, size_t{1} << 20, std::chrono::milliseconds(1));
    int64_t before = resident_file_kb();
    ASSERT_EQ(sum(), expected);
    // At most the budget stays mapped in once the releaser has seen the reads (polled up to 5 s).
    int64_t now = resident_file_kb();
    for (int wait = 0; wait < 500 && (releaser.releases() == 0 || now >= before + 2048); ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      now = resident_file_kb();
    }
    EXPECT_GE(releaser.releases(), 1);
    EXPECT_LT(now, before + 2048) << "resident file pages: " << before << " kB before, " << now;
    EXPECT_EQ(sum(), expected);
  }
  (void)remove_tree(dir);
}

TEST(PageReleaser, CountsTheBudgetFromTheLowestLevelSeen) {
  // Two 4 MB columns: `watched` is the releaser's, `other` stands for file pages it cannot drop.
  const int rows = 500000;
  std::string dir = ::testing::TempDir() + "pitwall-lowest-" + std::to_string(getpid());
  core::Table watched = stored_churned(dir + "-watched", rows, false, 5);
  core::Table other = stored_churned(dir + "-other", rows, false, 7);
  auto sum = [&](const core::Table& t) {
    int64_t s = 0;
    for (int i = 0; i < rows; ++i) s += t.i64(core::churned::kAnnualValue, i);
    return s;
  };
  const int64_t n = rows;
  release_pages(watched);
  release_pages(other);
  // A budget of 3 MB.
  PageReleaser releaser({&watched}, size_t{3} << 20, std::chrono::milliseconds(1));
  // 4 MB of pages the releaser does not own: over the budget, it releases (its tables, which
  // drops nothing), and those pages stay.
  ASSERT_EQ(sum(other), 7 * (n - 1) * n / 2);
  for (int wait = 0; wait < 500 && releaser.releases() == 0; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GE(releaser.releases(), 1);
  // They go; then 4 MB of the releaser's own table are read. Counted from the level after the
  // first release (other's pages included) that would be under the budget; counted from the
  // lowest level it is over it, and they are dropped.
  release_pages(other);
  int64_t before = resident_file_kb();
  ASSERT_EQ(sum(watched), 5 * (n - 1) * n / 2);
  // (Not asserted to be mapped in first: the releaser may already have dropped them.)
  int64_t now = resident_file_kb();
  for (int wait = 0; wait < 500 && now >= before + 2048; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    now = resident_file_kb();
  }
  EXPECT_LT(now, before + 2048) << "resident file pages: " << before << " kB before, " << now;
  (void)remove_tree(dir + "-watched");
  (void)remove_tree(dir + "-other");
}

}  // namespace
}  // namespace pitwall::store
