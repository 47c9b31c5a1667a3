// The SQLite connection's kept statements (store/sqlite/sqlite_db.hpp): a statement prepared
// again is the kept one, reset, its bindings cleared, holding no read of the database; two open
// at once are two statements.
#include "store/sqlite/sqlite_db.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace pitwall::store::sqlite {
namespace {

class KeptStatements : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fmt::format("{}/pitwall-sqlite-db-{}", ::testing::TempDir(), getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = dir_ + "/db.sqlite";
    auto db = Database::open(path_, true);
    ASSERT_TRUE(db) << db.error().message;
    ASSERT_TRUE((*db)->exec("CREATE TABLE t(v INTEGER)"));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Database> open() {
    auto db = Database::open(path_, false);
    EXPECT_TRUE(db) << (db ? "" : db.error().message);
    return db ? std::move(*db) : nullptr;
  }

  std::string dir_, path_;
};

int64_t count(Database& db) {
  auto stmt = db.prepare("SELECT count(*) FROM t");
  EXPECT_TRUE(stmt);
  EXPECT_TRUE(stmt->step().value());
  return stmt->column_int(0);
  // The statement is given back here with its read still open: giving back resets it.
}

TEST_F(KeptStatements, PreparedAgainWithoutItsBindings) {
  auto db = open();
  ASSERT_TRUE(db);
  {
    auto s = db->prepare("SELECT ?1");
    ASSERT_TRUE(s);
    s->bind(1, int64_t{42});
    ASSERT_TRUE(s->step().value());
    EXPECT_EQ(s->column_int(0), 42);
  }
  auto again = db->prepare("SELECT ?1");
  ASSERT_TRUE(again);
  ASSERT_TRUE(again->step().value());
  EXPECT_TRUE(again->column_is_null(0));  // not the 42 bound before
}

TEST_F(KeptStatements, TwoOpenAtOnceAreTwoStatements) {
  auto db = open();
  ASSERT_TRUE(db);
  for (int64_t v : {1, 2, 3}) {
    auto ins = db->prepare("INSERT INTO t(v) VALUES(?1)");
    ASSERT_TRUE(ins);
    ASSERT_TRUE(ins->bind(1, v).run());
  }
  auto outer = db->prepare("SELECT v FROM t ORDER BY v");
  ASSERT_TRUE(outer);
  int64_t pairs = 0;
  while (outer->step().value()) {
    auto inner = db->prepare("SELECT v FROM t ORDER BY v");
    ASSERT_TRUE(inner);
    while (inner->step().value()) ++pairs;
  }
  EXPECT_EQ(pairs, 9);
}

TEST_F(KeptStatements, AKeptStatementSeesLaterWrites) {
  auto reader = open(), writer = open();
  ASSERT_TRUE(reader && writer);
  EXPECT_EQ(count(*reader), 0);
  auto ins = writer->prepare("INSERT INTO t(v) VALUES(7)");
  ASSERT_TRUE(ins);
  ASSERT_TRUE(ins->run());
  EXPECT_EQ(count(*reader), 1);  // a kept statement holding its old read would say 0
}

}  // namespace
}  // namespace pitwall::store::sqlite
