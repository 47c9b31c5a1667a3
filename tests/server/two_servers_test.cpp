// Two `pitwall serve` processes on one PostgreSQL database, each with its own cache folder and
// data folder (issue 19, Done when): the same people signed in on either read the same numbers —
// the same JSON documents byte for byte — and are refused the same out-of-scope reading. A
// sign-off given through one is seen through the other.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <thread>

#include "server/serve_process.hpp"
#include "server/server_harness.hpp"
#include "test_backends.hpp"

namespace pitwall::testing::server {
namespace {

std::string base() { return std::string("/api/v1/campaigns/") + kCampaign; }

// What is each server's own: the request a refusal names, and the clock a status document reads
// (each server's runs on from the moment it started, so the two may be a second apart).
std::string without_request_id(const std::string& body) {
  static const std::regex id(R"("request_id": "[^"]*")");
  static const std::regex now(R"("now": "[^"]*")");
  return std::regex_replace(std::regex_replace(body, id, R"("request_id": "")"), now,
                            R"("now": "")");
}

TEST(TwoServers, OnOneDatabaseServeTheSameNumbersToTheSamePeople) {
  PW_REQUIRE_BACKEND(Backend::kPostgres);
  std::string folder = demo_copy("two-servers");
  auto passwords = demo_passwords(folder);
  std::string url = fresh_database("two_servers");
  ASSERT_FALSE(url.empty());
  ASSERT_EQ(wait_pitwall(spawn_pitwall_at({"workspace", "copy", folder, url}, kReview,
                                          temp_dir("copy") + ".txt")),
            0);
  // Each server with a cache of its own, empty, and a data folder of its own.
  const char* previous = std::getenv("PITWALL_CACHE");
  std::string saved = previous ? previous : "";
  std::vector<std::unique_ptr<ServeProcess>> servers;
  for (int i = 0; i < 2; ++i) {
    std::string cache = temp_dir("cache-" + std::to_string(i));
    std::filesystem::create_directories(cache);
    setenv("PITWALL_CACHE", cache.c_str(), 1);
    servers.push_back(std::make_unique<ServeProcess>(
        url, free_port(),
        std::vector<std::string>{"--data-dir", temp_dir("data-" + std::to_string(i))}));
  }
  if (previous) {
    setenv("PITWALL_CACHE", saved.c_str(), 1);
  } else {
    unsetenv("PITWALL_CACHE");
  }
  const std::vector<std::string> readings = {
      base() + "/closeout/summary", base() + "/closeout/settlement",
      base() + "/stores/HD-HZ01/orders", base() + "/status", "/api/v1/imports?limit=200"};
  for (const std::string person : {"hq", "finance", "region-east", "store-hd-hz01"}) {
    ASSERT_TRUE(passwords.count(person)) << person;
    std::string a = sign_in(servers[0]->port(), person, passwords[person]);
    std::string b = sign_in(servers[1]->port(), person, passwords[person]);
    for (const std::string& target : readings) {
      auto ra = get(servers[0]->port(), a, target);
      auto rb = get(servers[1]->port(), b, target);
      ASSERT_TRUE(ra && rb) << person << " " << target;
      EXPECT_EQ(ra->status, rb->status) << person << " " << target;
      EXPECT_EQ(without_request_id(ra->body), without_request_id(rb->body))
          << person << " " << target;
    }
    // A store of another region: missing to a store manager and to region-east on both.
    auto oa = get(servers[0]->port(), a, base() + "/stores/HN-SZ01/orders");
    auto ob = get(servers[1]->port(), b, base() + "/stores/HN-SZ01/orders");
    ASSERT_TRUE(oa && ob);
    EXPECT_EQ(oa->status, ob->status) << person;
    if (person == "store-hd-hz01" || person == "region-east") {
      EXPECT_EQ(oa->status, 404) << person;
    }
  }
  // Both verify the sealed-or-not campaign the same way.
  std::string hq0 = sign_in(servers[0]->port(), "hq", passwords["hq"]);
  std::string hq1 = sign_in(servers[1]->port(), "hq", passwords["hq"]);
  auto v0 = get(servers[0]->port(), hq0, base() + "/verify");
  auto v1 = get(servers[1]->port(), hq1, base() + "/verify");
  ASSERT_TRUE(v0 && v1);
  EXPECT_EQ(v0->status, 200) << v0->body;
  EXPECT_EQ(v0->body, v1->body);
  // A confirmation given through one server is seen through the other, whose read cache held
  // the list before: it watches the database for changes made elsewhere (change_poll_ms).
  std::string manager = "store-hd-hz01";
  std::string m0 = sign_in(servers[0]->port(), manager, passwords[manager]);
  std::string m1 = sign_in(servers[1]->port(), manager, passwords[manager]);
  std::string list = base() + "/stores/HD-HZ01/orders";
  auto status_on = [&](int i, const std::string& auth) {
    auto r = get(servers[static_cast<size_t>(i)]->port(), auth, list);
    EXPECT_TRUE(r && r->status == 200);
    return r ? parse(r->body).find("confirmation")->get_string("status") : std::string();
  };
  ASSERT_EQ(status_on(1, m1), "pending");
  {
    Client c(servers[0]->port());
    c.send(http_request("POST", base() + "/stores/HD-HZ01/confirmation",
                        m0 + "Content-Type: application/json\r\n", "{}"));
    auto r = c.read();
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }
  std::string seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((seen = status_on(1, m1)) != "current" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(seen, "current");
  servers.clear();
  remove_location(url);
}

}  // namespace
}  // namespace pitwall::testing::server
