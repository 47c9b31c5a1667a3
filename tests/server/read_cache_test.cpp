// The read cache (server/cache.hpp): a read is served again until something it may depend on
// changes. A write through the server empties it at once; a write by another process (here the
// command line, on the same workspace) within change_poll_ms; with no watch, only when the
// entry ages out.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server_harness.hpp"

namespace pitwall::testing::server {
namespace {

constexpr const char* kStore = "HB-BJ01";
constexpr const char* kManager = "store-hb-bj01";

std::string orders_target() {
  return std::string("/api/v1/campaigns/") + kCampaign + "/stores/" + kStore + "/orders";
}

// The store's confirmation status as its list shows it.
std::string confirmation(Harness& h) {
  auto r = h.as(h.who(kManager), "GET", orders_target());
  EXPECT_EQ(r.status, 200) << r.body;
  return parse(r.body).find("confirmation")->get_string("status");
}

// The store manager confirms on the command line: another process, not through the server.
void confirm_elsewhere(const std::string& ws) {
  ASSERT_EQ(wait_pitwall(spawn_pitwall_at({"-w", ws, "confirm", "store", "--campaign", kCampaign,
                                           "--store", kStore, "--as", kManager},
                                          kReview, "/dev/null")),
            0);
}

auto cached(int64_t poll_ms) {
  return [poll_ms](pitwall::server::ServerConfig& c) {
    c.session_cache_ms = 600000;
    c.read_cache_ms = 600000;
    c.change_poll_ms = poll_ms;
  };
}

TEST(ReadCache, AChangeByAnotherProcessIsSeenWithinThePollInterval) {
  std::string ws = demo_copy("read-cache-watch");
  Harness h(ws, at(kReview), cached(50));
  std::string before = confirmation(h);
  ASSERT_EQ(before, "pending");
  confirm_elsewhere(ws);
  std::string after;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((after = confirmation(h)) == before && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(after, "current");
}

// Without the watch the cached answer stands (what shows that the reads above were cached),
// until a write through the server empties the cache.
TEST(ReadCache, WithoutTheWatchTheCachedAnswerStandsUntilAWriteThroughTheServer) {
  std::string ws = demo_copy("read-cache-nowatch");
  Harness h(ws, at(kReview), cached(0));
  std::string before = confirmation(h);
  ASSERT_EQ(before, "pending");
  confirm_elsewhere(ws);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(confirmation(h), before);
  // Any write through this server: a logout is one.
  auto out = h.as(h.who("finance"), "POST", "/api/v1/logout");
  EXPECT_LT(out.status, 300) << out.body;
  EXPECT_EQ(confirmation(h), "current");
}

// A session trusted from the session cache ends on this server when its person's sessions are
// ended elsewhere (HQ sets a new password on the command line): within the poll, not after
// session_cache_ms.
TEST(ReadCache, ASessionEndedElsewhereEndsHereWithinThePollInterval) {
  std::string ws = demo_copy("session-watch");
  Harness h(ws, at(kReview), cached(50));
  ASSERT_EQ(h.as(h.who(kManager), "GET", orders_target()).status, 200);
  int new_password = spawn_pitwall_at(
      {"-w", ws, "user", "passwd", kManager, "--generate", "--as", "hq"}, kReview, "/dev/null");
  ASSERT_EQ(wait_pitwall(new_password), 0);
  int status = 200;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((status = h.as(h.who(kManager), "GET", orders_target()).status) == 200 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 401);
}

}  // namespace
}  // namespace pitwall::testing::server
