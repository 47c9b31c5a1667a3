// store::release_pages: a mapped column's or pool's pages leave memory and their values read
// back the same; owned columns and pools are never touched (dropping their pages would lose them).
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
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

TEST(ReleasePages, StoredTableAndItsPoolReadTheSameAfterwards) {
  // A stored churned batch of 50,000 rows: customer "C<i>", annual value i * 3 fen.
  const int rows = 50000;
  core::Table t = core::Table::empty(core::TableKind::kChurned);
  for (int i = 0; i < rows; ++i) {
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (static_cast<int>(c) == core::churned::kCustomerId) {
        t.columns[c].push_text(t.pool.intern("C" + std::to_string(i)));
      } else if (static_cast<int>(c) == core::churned::kAnnualValue) {
        t.columns[c].push_i64(int64_t{i} * 3);
      } else {
        t.columns[c].push_null();
      }
    }
    t.lines.push_back(i + 2);
  }
  std::string dir = ::testing::TempDir() + "pitwall-release-table-" + std::to_string(getpid());
  auto writer = BatchFilesWriter::create(dir, core::TableKind::kChurned);
  ASSERT_TRUE(writer.has_value()) << writer.error().to_string();
  ASSERT_TRUE((*writer)->append(t).has_value());
  ASSERT_TRUE((*writer)->finish(t.pool).has_value());
  auto stored = read_batch_files(dir, core::TableKind::kChurned, 1);
  ASSERT_TRUE(stored.has_value()) << stored.error().to_string();
  ASSERT_TRUE(stored->pool.is_view());
  auto check = [&] {
    for (int i = 0; i < rows; i += 7) {
      ASSERT_EQ(stored->text(core::churned::kCustomerId, i), "C" + std::to_string(i));
      ASSERT_EQ(stored->i64(core::churned::kAnnualValue, i), int64_t{i} * 3);
    }
  };
  check();
  release_pages(*stored);
  check();
  release_pages(*stored);  // twice, and with nothing resident: the same
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

}  // namespace
}  // namespace pitwall::store
