// Reports are written beside their target and renamed into place (issue 22): a symbolic link at
// the target is replaced, never written through.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/report/closeout_views.hpp"
#include "io/xlsx/xlsx_writer.hpp"

namespace pitwall::io {
namespace {

std::string folder(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("pitwall-report-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReportFile, Issue22CsvReplacesASymlinkInsteadOfWritingThroughIt) {
  std::string dir = folder("csv");
  std::ofstream(dir + "/precious.txt") << "keep me";
  std::filesystem::create_symlink(dir + "/precious.txt", dir + "/findings.csv");
  ASSERT_TRUE(write_report_file(dir + "/findings.csv", "order_id\nA\n"));
  EXPECT_EQ(read(dir + "/precious.txt"), "keep me");
  EXPECT_FALSE(std::filesystem::is_symlink(dir + "/findings.csv"));
  EXPECT_EQ(read(dir + "/findings.csv"), "order_id\nA\n");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 2);  // no temp left
}

TEST(ReportFile, Issue22WorkbookReplacesASymlinkInsteadOfWritingThroughIt) {
  std::string dir = folder("xlsx");
  std::ofstream(dir + "/precious.txt") << "keep me";
  std::filesystem::create_symlink(dir + "/precious.txt", dir + "/book.xlsx");
  auto w = XlsxWriter::create(dir + "/book.xlsx", 0);
  ASSERT_TRUE(w);
  w->add_sheet("Sheet").header({"a"});
  ASSERT_TRUE(w->close());
  EXPECT_EQ(read(dir + "/precious.txt"), "keep me");
  EXPECT_FALSE(std::filesystem::is_symlink(dir + "/book.xlsx"));
  EXPECT_EQ(read(dir + "/book.xlsx").substr(0, 2), "PK");
}

}  // namespace
}  // namespace pitwall::io
