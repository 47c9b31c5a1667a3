// Crashes (issue 18, Tests): the real `pitwall serve` killed with SIGKILL in the middle of an
// import job and of a sign-off, at several moments. After each kill the server starts again on
// the same workspace; nothing it answered as done is lost (a 202's job is kept and ends
// "interrupted" or done, a 200's sign-off is there), nothing half-done is visible (a batch is
// there whole or not at all, a sign-off is recorded or absent and can be given again) and the
// workspace verifies.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <thread>

#include "server/http_client.hpp"
#include "server/serve_process.hpp"
#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

using namespace std::chrono_literals;

std::string base() { return std::string("/api/v1/campaigns/") + kCampaign; }

// The orders batches in the workspace: id -> rows loaded.
std::map<int64_t, int64_t> orders_batches(uint16_t port, const std::string& auth) {
  std::map<int64_t, int64_t> out;
  auto r = get(port, auth, "/api/v1/imports?limit=200");
  EXPECT_TRUE(r && r->status == 200);
  if (!r) return out;
  io::Json list = parse(r->body);  // kept: the loop below reads into it
  for (const auto& b : list.find("items")->items()) {
    if (b.get_string("kind") == "orders") out[b.get_int("id")] = b.get_int("loaded");
  }
  return out;
}

void expect_verifies(uint16_t port, const std::string& auth) {
  auto v = get(port, auth, base() + "/verify");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, 200) << v->body;
  EXPECT_TRUE(parse(v->body).get_bool("ok")) << v->body;
}

TEST(Crash, KillNineDuringImportsLosesNothingAndShowsNothingHalfDone) {
  std::string ws = demo_copy("crash-import");
  auto passwords = demo_passwords(ws);
  std::string orders_file;
  for (const auto& e : std::filesystem::directory_iterator(ws)) {
    std::string n = e.path().filename().string();
    if (n.starts_with("orders-") && n.ends_with(".csv")) orders_file = read_text(e.path().string());
  }
  ASSERT_FALSE(orders_file.empty());
  std::map<int64_t, int64_t> before;
  int64_t whole_rows = -1;                             // the rows a whole import of the file loads
  std::vector<std::pair<std::string, bool>> accepted;  // job id, answered done before the kill
  // Kill at once after the upload's answer, and later and later.
  for (int delay_ms : {0, 5, 20, 60, 150, 400}) {
    uint16_t port = free_port();
    ServeProcess server(ws, port);
    std::string auth = sign_in(port, "hq", passwords["hq"]);
    before = orders_batches(port, auth);
    std::string boundary = "crash-boundary";
    std::string body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\norders\r\n--" +
        boundary + "\r\nContent-Disposition: form-data; name=\"campaign\"\r\n\r\n" + kCampaign +
        "\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"force\"\r\n\r\ntrue\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\""
        "\r\nContent-Type: text/csv\r\n\r\n" +
        orders_file + "\r\n--" + boundary + "--\r\n";
    Client c(port);
    c.send("POST /api/v1/imports HTTP/1.1\r\nHost: x\r\n" + auth +
           "Content-Type: multipart/form-data; boundary=" + boundary +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    auto r = c.read();
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 202) << r->body;
    std::string id = parse(r->body).get_string("id");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    auto seen = get(port, auth, "/api/v1/jobs/" + id);
    bool done = seen && parse(seen->body).get_string("state") == "succeeded";
    server.kill9();
    accepted.emplace_back(id, done);

    // Started again: the job is kept; its batch is whole or absent.
    ServeProcess again(ws, port);
    std::string auth2 = sign_in(port, "hq", passwords["hq"]);
    auto job = get(port, auth2, "/api/v1/jobs/" + id);
    ASSERT_TRUE(job);
    ASSERT_EQ(job->status, 200) << job->body;
    io::Json doc = parse(job->body);
    std::string state = doc.get_string("state");
    EXPECT_TRUE(state == "succeeded" || state == "failed") << job->body;
    if (done) {
      EXPECT_EQ(state, "succeeded") << "a finished import was lost: " << job->body;
    }
    auto after = orders_batches(port, auth2);
    for (const auto& [batch, rows] : before) {
      auto found = after.find(batch);
      EXPECT_TRUE(found != after.end() && found->second == rows) << "batch " << batch << " lost";
    }
    int64_t added = static_cast<int64_t>(after.size() - before.size());
    EXPECT_EQ(added, state == "succeeded" ? 1 : 0) << job->body;
    for (const auto& [batch, rows] : after) {
      if (before.count(batch)) continue;
      if (whole_rows < 0) whole_rows = rows;
      EXPECT_EQ(rows, whole_rows) << "batch " << batch << " is not whole";
    }
    // Nothing of a killed import is left in the way: the same file imports whole now.
    expect_verifies(port, auth2);
  }
  // An import that ran to the end after a restart loads the whole file.
  uint16_t port = free_port();
  ServeProcess last(ws, port);
  std::string auth = sign_in(port, "hq", passwords["hq"]);
  EXPECT_GE(orders_batches(port, auth).size(), 1u);
  EXPECT_EQ(last.terminate(), 0);
}

TEST(Crash, KillNineDuringASignOffKeepsItWholeOrAbsent) {
  std::string ws = demo_copy("crash-signoff");
  auto passwords = demo_passwords(ws);
  uint16_t port = free_port();
  // The stores of 华东战区 confirm; then its manager signs, and the server is killed.
  {
    ServeProcess server(ws, port);
    for (const char* store : {"HD-HZ01", "HD-SH01"}) {
      std::string user = std::string("store-") + (store[3] == 'H' ? "hd-hz01" : "hd-sh01");
      std::string auth = sign_in(port, user, passwords[user]);
      Client c(port);
      c.send(http_request("POST", base() + "/stores/" + store + "/confirmation",
                          auth + "Content-Type: application/json\r\n", "{}"));
      auto r = c.read();
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << store << ": " << r->body;
    }
    EXPECT_EQ(server.terminate(), 0);
  }
  auto signed_now = [&](const std::string& auth) {
    auto st = get(port, auth, base() + "/status");
    EXPECT_TRUE(st && st->status == 200);
    if (!st) return false;
    io::Json doc = parse(st->body);
    const io::Json* signoffs = doc.find("signoffs");
    EXPECT_NE(signoffs, nullptr) << st->body.substr(0, 500);
    if (!signoffs) return false;
    for (const auto& s : signoffs->items()) {
      if (s.get_string("kind") == "region" && s.get_string("scope") == "华东战区") {
        return s.get_string("status") != "pending";
      }
    }
    ADD_FAILURE() << "no 华东战区 in " << st->body.substr(0, 500);
    return false;
  };
  bool ever_signed = false;
  for (int delay_us : {0, 200, 1000, 3000, 10000, 30000}) {
    ServeProcess server(ws, port);
    std::string auth = sign_in(port, "region-east", passwords["region-east"]);
    Client c(port);
    c.send(http_request("POST", base() + "/regions/华东战区/signoff",
                        auth + "Content-Type: application/json\r\n", "{}"));
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
    // Whatever came back before the kill.
    auto answer = c.read(std::chrono::milliseconds(delay_us / 1000 + 1));
    server.kill9();
    bool answered_ok = answer && answer->status == 200;

    ServeProcess again(ws, port);
    std::string auth2 = sign_in(port, "region-east", passwords["region-east"]);
    bool is_signed = signed_now(auth2);
    if (answered_ok || ever_signed) {
      EXPECT_TRUE(is_signed) << "a sign-off answered 200 was lost";
    }
    ever_signed = ever_signed || is_signed;
    expect_verifies(port, sign_in(port, "hq", passwords["hq"]));
    // Given again: done now, or refused as done already; never twice.
    Client d(port);
    d.send(http_request("POST", base() + "/regions/华东战区/signoff",
                        auth2 + "Content-Type: application/json\r\n", "{}"));
    auto retry = d.read();
    ASSERT_TRUE(retry);
    EXPECT_TRUE(retry->status == 200 || retry->status == 409) << retry->body;
    EXPECT_TRUE(signed_now(auth2));
    ever_signed = true;
    EXPECT_EQ(again.terminate(), 0);
  }
}

}  // namespace
}  // namespace pitwall::testing::server
