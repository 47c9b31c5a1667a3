// What only the shared store has to show (store/postgres/pg_workspace.hpp): several processes
// and threads writing one database at once, writers serialised by the database, the seal
// refused to any client of the database, a cache that may be deleted, two servers on two caches
// giving the same answers, and a writer killed mid-import or mid-seal leaving nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include "store/files/file_util.hpp"
#include "store/workspace.hpp"
#include "test_backends.hpp"

namespace pitwall::store {
namespace {

using pitwall::testing::Backend;
using pitwall::testing::psql;

class PostgresWorkspace : public ::testing::Test {
 protected:
  void SetUp() override {
    PW_REQUIRE_BACKEND(Backend::kPostgres);
    url_ = pitwall::testing::fresh_location(Backend::kPostgres, "pg");
    ASSERT_FALSE(url_.empty());
    ASSERT_TRUE(init_workspace(url_, 0));
  }
  std::string cache(const std::string& name) const {
    return fmt::format("{}/pg-cache-{}-{}", ::testing::TempDir(), getpid(), name);
  }
  std::unique_ptr<Workspace> open(const std::string& cache_dir = {}) {
    auto ws = open_workspace(url_, OpenOptions{cache_dir});
    EXPECT_TRUE(ws) << (ws ? "" : ws.error().to_string());
    return ws ? ws.release_value() : nullptr;
  }
  std::string url_;
};

core::Table order_chunk(core::StringPool& pool, std::initializer_list<const char*> ids) {
  core::Table t = core::Table::empty(core::TableKind::kOrders);
  for (const char* id : ids) {
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (c == core::orders::kOrderId) {
        t.columns[c].push_text(pool.intern(id));
      } else {
        t.columns[c].push_null();
      }
    }
    t.lines.push_back(static_cast<int64_t>(t.lines.size()) + 2);
  }
  return t;
}

std::string source_file(const std::string& text) {
  static int counter = 0;
  std::string path = fmt::format("{}/pg-src-{}-{}", ::testing::TempDir(), getpid(), ++counter);
  std::ofstream(path) << text;
  return path;
}

// One write of the concurrency test: inside one transaction, read the counter, write it plus
// one, create the item numbered by it, and append to the chain an entry naming the tail read.
core::Status count_once(Workspace& ws) {
  return ws.transaction([&]() -> core::Status {
    auto counter = TRY(ws.get_record("c", "counter"));
    int64_t n = counter ? std::stoll(counter->json) : 0;
    TRY(ws.put_record("c", "counter", fmt::format("{}", n + 1), 0));
    TRY(ws.insert_record("items", fmt::format("{:04}", n + 1), "{}", 0));
    auto tail = TRY(ws.read_log_tail("c1/chain"));
    int64_t prev = tail ? tail->seq : 0;
    return ws.append_log("c1/chain", fmt::format("{}", prev)).has_value()
               ? core::Status()
               : core::make_error(core::ErrorCode::kIo, "append");
  });
}

// 2 processes and 2 threads, 15 writes each, all at once: 60 writes, none lost, no id twice,
// one unbroken chain (entry k names k - 1 as the tail it read).
TEST_F(PostgresWorkspace, ProcessesAndThreadsWritingAtOnceLoseNothing) {
  constexpr int kEach = 15;
  std::vector<pid_t> children;
  for (int p = 0; p < 2; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      auto ws = open_workspace(url_);
      bool ok = ws.has_value();
      for (int i = 0; ok && i < kEach; ++i) ok = count_once(**ws).has_value();
      _exit(ok ? 0 : 1);
    }
    children.push_back(pid);
  }
  std::vector<std::future<bool>> threads;
  for (int t = 0; t < 2; ++t) {
    threads.push_back(std::async(std::launch::async, [&] {
      auto ws = open_workspace(url_);
      bool ok = ws.has_value();
      for (int i = 0; ok && i < kEach; ++i) ok = count_once(**ws).has_value();
      return ok;
    }));
  }
  for (auto& t : threads) EXPECT_TRUE(t.get());
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto ws = open();
  EXPECT_EQ(ws->get_record("c", "counter")->value().json, "60");
  auto items = ws->list_records("items").release_value();
  ASSERT_EQ(items.size(), 60u);
  for (size_t i = 0; i < items.size(); ++i) EXPECT_EQ(items[i].key, fmt::format("{:04}", i + 1));
  auto chain = ws->read_log("c1/chain").release_value();
  ASSERT_EQ(chain.size(), 60u);
  for (size_t i = 0; i < chain.size(); ++i) {
    EXPECT_EQ(chain[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(chain[i].json, fmt::format("{}", i));
  }
}

// A second writer waits for the first's commit and then reads what it wrote: the check made
// inside a transaction holds (without the lock it would read no x and write y = 1).
TEST_F(PostgresWorkspace, ASecondWriterWaitsAndSeesTheFirstsCommit) {
  auto a = open();
  auto b = open();
  std::future<core::Status> second;
  auto first = a->transaction([&]() -> core::Status {
    TRY(a->put_record("c", "x", "1", 0));
    second = std::async(std::launch::async, [&] {
      return b->transaction([&]() -> core::Status {
        auto x = TRY(b->get_record("c", "x"));
        int64_t value = x ? std::stoll(x->json) : 0;
        return b->put_record("c", "y", fmt::format("{}", value + 1), 0);
      });
    });
    bool waited = second.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout;
    EXPECT_TRUE(waited) << "the second writer did not wait for the first";
    return {};
  });
  ASSERT_TRUE(first);
  ASSERT_TRUE(second.get());
  EXPECT_EQ(a->get_record("c", "y")->value().json, "2");
}

// The seal holds against any client of the database, not only Pitwall: psql is refused too.
TEST_F(PostgresWorkspace, TheDatabaseRefusesASealedCampaignToAnyClient) {
  auto ws = open();
  ASSERT_TRUE(ws->put_campaign({"c1", "Spring", "c.toml", "id = 'c1'", 0, "hq"}));
  ASSERT_TRUE(ws->put_record("closeout.decisions", "c1/O1", "{}", 0));
  ASSERT_TRUE(ws->append_log("c1/adjustments", "{}"));
  ASSERT_TRUE(ws->seal_in_database("c1"));
  auto refused = ws->put_record("closeout.decisions", "c1/O2", "{}", 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kStateForbids);
  EXPECT_EQ(
      psql(url_, "INSERT INTO pitwall.records VALUES('closeout.decisions', 'c1/O3', '{}', 0)"),
      "ERROR");
  EXPECT_EQ(psql(url_, "UPDATE pitwall.records SET json = '[]' WHERE key = 'c1/O1'"), "ERROR");
  EXPECT_EQ(psql(url_, "DELETE FROM pitwall.records WHERE key = 'c1/O1'"), "ERROR");
  EXPECT_EQ(psql(url_, "UPDATE pitwall.logs SET json = '[]'"), "ERROR");
  EXPECT_EQ(psql(url_, "DELETE FROM pitwall.sealed_campaigns"), "ERROR");
  EXPECT_EQ(psql(url_, "UPDATE pitwall.campaigns SET name = 'x' WHERE id = 'c1'"), "ERROR");
  // Carry-overs and other campaigns stay writable, from psql as from Pitwall.
  EXPECT_EQ(psql(url_, "INSERT INTO pitwall.records VALUES('closeout.carryover', 'c1/1', '{}', 0)"),
            "");
  EXPECT_EQ(
      psql(url_, "INSERT INTO pitwall.records VALUES('closeout.decisions', 'c2/O1', '{}', 0)"), "");
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.records WHERE key LIKE 'c1/%'"), "2");
}

// Deleting a server's cache loses nothing: the next read fetches the batch again; a damaged
// cached file is fetched again too. Another server on its own cache reads the same rows.
TEST_F(PostgresWorkspace, TheCacheIsDisposableAndTwoServersAgree) {
  std::string cache_a = cache("a"), cache_b = cache("b");
  auto a = open(cache_a);
  auto writer = a->begin_batch(BatchStart{core::TableKind::kOrders, "c1", "o.csv", "s1",
                                          source_file("order_id\nA\nB\n"), 0, "hq", false})
                    .release_value();
  ASSERT_TRUE(writer->append(order_chunk(writer->pool(), {"A", "B"})));
  ASSERT_TRUE(writer->commit({2, 2, 0}, ""));
  ASSERT_TRUE(a->put_blob("runs/1.json", "run one"));
  ASSERT_TRUE(a->add_user({"王芳", "store", "S001", 0}));

  auto b = open(cache_b);
  auto read = [&](Workspace& ws) {
    auto t = ws.load_table(core::TableKind::kOrders, "c1");
    EXPECT_TRUE(t) << (t ? "" : t.error().to_string());
    if (!t || t->rows() != 2) return std::string("?");
    return fmt::format("{},{}", t->text(core::orders::kOrderId, 0),
                       t->text(core::orders::kOrderId, 1));
  };
  EXPECT_EQ(read(*a), "A,B");
  EXPECT_EQ(read(*b), "A,B");
  EXPECT_EQ(b->get_blob("runs/1.json")->value(), "run one");
  EXPECT_EQ(b->find_user("王芳")->value().scope, "S001");
  ASSERT_EQ(list_dir(cache_b + "/batches").size(), 1u);

  ASSERT_TRUE(remove_tree(cache_b));
  EXPECT_EQ(read(*b), "A,B");
  ASSERT_EQ(list_dir(cache_b + "/batches").size(), 1u);
  // Damage the cached pool: the read notices (sizes differ from the manifest) and fetches again.
  std::string batch = cache_b + "/batches/" + list_dir(cache_b + "/batches")[0];
  std::ofstream(batch + "/pool.off", std::ios::trunc) << "x";
  EXPECT_EQ(read(*b), "A,B");
}

// A child process that stops inside a transaction (in its precondition, or mid-seal) until it
// is killed with SIGKILL; returns when it has been killed.
template <typename Body>
void run_and_kill(Body body) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    auto stop_here = [&] {
      char c = 'x';
      (void)!write(pipe_fds[1], &c, 1);
      std::this_thread::sleep_for(std::chrono::seconds(60));
      return core::Status();
    };
    body(stop_here);
    _exit(3);  // only when the body failed before stopping
  }
  close(pipe_fds[1]);
  char c = 0;
  ASSERT_EQ(read(pipe_fds[0], &c, 1), 1) << "the child did not reach its stop";
  close(pipe_fds[0]);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status));
}

// kill -9 of an import after its bytes were uploaded, holding the write lock: the database
// holds none of it, the lock is free, and the next open removes the import's local files.
TEST_F(PostgresWorkspace, AnImportKilledMidCommitLeavesNothing) {
  std::string cache_dir = cache("killed");
  std::string source = source_file("order_id\nA\n");
  run_and_kill([&](auto stop_here) {
    auto ws = open_workspace(url_, OpenOptions{cache_dir});
    if (!ws) return;
    auto writer = (*ws)->begin_batch(
        BatchStart{core::TableKind::kOrders, "c1", "o.csv", "s", source, 0, "hq", false});
    if (!writer) return;
    if (!(*writer)->append(order_chunk((*writer)->pool(), {"A"}))) return;
    (void)(*writer)->commit({1, 1, 0}, "", stop_here);
  });
  auto ws = open(cache_dir);
  EXPECT_TRUE(ws->list_batches()->empty());
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.file_chunks"), "0");
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.stored_files"), "0");
  EXPECT_TRUE(list_dir(cache_dir + "/tmp").empty());
  EXPECT_TRUE(ws->put_record("c", "after", "{}", 0));  // the write lock went with the process
}

// kill -9 in the middle of a seal's transaction: neither its records nor the seal remain.
TEST_F(PostgresWorkspace, ASealKilledMidTransactionLeavesNothing) {
  run_and_kill([&](auto stop_here) {
    auto ws = open_workspace(url_);
    if (!ws) return;
    (void)(*ws)->transaction([&]() -> core::Status {
      TRY((*ws)->put_record("workflow.lifecycle", "c1/state", "{\"sealed\":true}", 0));
      TRY((*ws)->append_log("c1/adjustments", "{\"seal\":1}"));
      TRY((*ws)->seal_in_database("c1"));
      return stop_here();
    });
  });
  auto ws = open();
  EXPECT_FALSE(ws->get_record("workflow.lifecycle", "c1/state")->has_value());
  EXPECT_TRUE(ws->read_log("c1/adjustments")->empty());
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.sealed_campaigns"), "0");
  EXPECT_TRUE(ws->put_record("closeout.decisions", "c1/O1", "{}", 0));  // not sealed
}

// A stored run's parts stream to the database as they are written: a writer dropped uncommitted
// removes its chunks; one killed mid-write leaves them registered as pending, and an open a day
// later removes them. Nothing of either is ever a blob.
TEST_F(PostgresWorkspace, StreamedBlobsOfDroppedOrKilledWritersAreRemoved) {
  std::string three_mib(size_t{3} << 20, 'x');
  {
    auto ws = open();
    auto writer = ws->open_blob("closeout/c1/dropped.bin").release_value();
    ASSERT_TRUE(writer->append(three_mib));
  }
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.file_chunks"), "0");
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.pending_uploads"), "0");
  run_and_kill([&](auto stop_here) {
    auto ws = open_workspace(url_);
    if (!ws) return;
    auto writer = (*ws)->open_blob("closeout/c1/killed.bin");
    if (!writer || !(*writer)->append(three_mib)) return;
    (void)(*ws)->get_blob("closeout/c1/killed.bin");  // a round trip: the chunks were sent
    (void)stop_here();
  });
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.pending_uploads"), "1");
  EXPECT_FALSE(open()->get_blob("closeout/c1/killed.bin")->has_value());
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.pending_uploads"), "1");  // not a day yet
  ASSERT_NE(psql(url_, "UPDATE pitwall.pending_uploads SET started_at = started_at - 90000"),
            "ERROR");
  EXPECT_TRUE(open()->list_blobs()->empty());
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.file_chunks"), "0");
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pitwall.pending_uploads"), "0");
}

}  // namespace
}  // namespace pitwall::store
