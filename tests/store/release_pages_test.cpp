// store::release_pages: a mapped column's pages leave memory and its values read back the same;
// an owned column is never touched (dropping its pages would lose it).
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

}  // namespace
}  // namespace pitwall::store
