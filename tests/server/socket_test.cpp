// The server over real loopback sockets (issue 18, Tests: the real-socket suite): keep-alive,
// limits (header, body, time), slow clients that must not stall others, uploads streamed as
// multipart, progress as server-sent events, many connections at once, graceful shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "server/http_client.hpp"
#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

using namespace std::chrono_literals;

enum class Limits : uint8_t { kShort, kDefault };

class Sockets : public ::testing::Test {
 protected:
  // Short time limits (1 s header, 2 s body, 3 s idle) let the slow-client tests end soon; the
  // load tests keep the defaults, so that a loaded machine does not trip them.
  explicit Sockets(Limits limits = Limits::kShort)
      : h_(demo_copy("sockets"), at(kReview), [limits](pitwall::server::ServerConfig& c) {
          if (limits == Limits::kShort) {
            c.transport.header_timeout = std::chrono::seconds(1);
            c.transport.body_timeout = std::chrono::seconds(2);
            c.transport.idle_timeout = std::chrono::seconds(3);
          }
          c.transport.grace = std::chrono::seconds(10);
          c.session_cache_ms = 2000;
          c.read_cache_ms = 1000;
        }) {
    port_ = h_.listen();
  }

  // Signs in over the socket; "Cookie: ...\r\nX-CSRF-Token: ...\r\n".
  std::string sign_in(Client& c, const std::string& user) {
    std::string body =
        io::Json::object().set("name", user).set("password", h_.password(user)).dump();
    c.send(http_request("POST", "/api/v1/login", "Content-Type: application/json\r\n", body));
    auto r = c.read();
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    if (!r) return "";
    std::string cookie = r->header("set-cookie");
    return "Cookie: " + cookie.substr(0, cookie.find(';')) +
           "\r\nX-CSRF-Token: " + parse(r->body).get_string("csrf_token") + "\r\n";
  }

  Harness h_;
  uint16_t port_ = 0;
};

TEST_F(Sockets, KeepAliveServesManyRequestsOnOneConnection) {
  Client c(port_);
  ASSERT_TRUE(c.connected());
  std::string auth = sign_in(c, "hq");
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(c.send(http_request(
        "GET", std::string("/api/v1/campaigns/") + kCampaign + "/closeout/summary", auth)));
    auto r = c.read();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->header("x-content-type-options"), "nosniff");
    EXPECT_FALSE(r->header("x-request-id").empty());
  }
  c.send(http_request("GET", "/no/such/thing"));
  auto missing = c.read();
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->header("content-type"), "application/problem+json");
  c.send(http_request("DELETE", "/healthz"));
  auto wrong_method = c.read();
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(wrong_method->header("allow"), "GET");
}

TEST_F(Sockets, AHugeHeaderGets431AndTheConnectionCloses) {
  Client c(port_);
  c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_TRUE(c.closed_by_peer(2s));
}

TEST_F(Sockets, AnOversizedJsonBodyIsRefusedBeforeItIsRead) {
  Client c(port_);
  std::string auth = sign_in(c, "hq");
  // Announces 5 MiB on a JSON route and sends none of it: the answer does not wait.
  c.send("POST /api/v1/users HTTP/1.1\r\nHost: x\r\n" + auth +
         "Content-Type: application/json\r\nContent-Length: 5242880\r\n\r\n");
  auto r = c.read(3s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  // Chunked, no length announced: refused once past 1 MiB.
  Client d(port_);
  std::string chunk(64 * 1024, 'x');
  std::string req = "POST /api/v1/users HTTP/1.1\r\nHost: x\r\n" + auth +
                    "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  d.send(req);
  bool refused = false;
  for (int i = 0; i < 40 && !refused; ++i) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    if (!d.send(std::string(size) + chunk + "\r\n")) refused = true;
  }
  auto big = d.read(3s);
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

TEST_F(Sockets, MalformedRequestsGet400) {
  for (std::string bad :
       {std::string("NONSENSE\r\n\r\n"), std::string("GET nothere HTTP/1.1\r\nHost: x\r\n\r\n"),
        std::string("GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"),
        std::string("GET /api/v1/%2e%2e/x HTTP/1.1\r\nHost: x\r\n\r\n"),
        std::string("GET /healthz%00 HTTP/1.1\r\nHost: x\r\n\r\n"),
        std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")}) {
    Client c(port_);
    c.send(bad);
    auto r = c.read(3s);
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
  }
}

TEST_F(Sockets, ASlowClientIsCutOffAndNeverStallsOthers) {
  // Slowloris: a header trickling in one byte at a time.
  Client slow(port_);
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    for (size_t i = 0; i < head.size() && !stop; ++i) {
      slow.send(std::string(1, head[i]));
      std::this_thread::sleep_for(100ms);
    }
    while (!stop) {
      if (!slow.send("a")) break;
      std::this_thread::sleep_for(100ms);
    }
  });
  // Meanwhile others are answered at once.
  for (int i = 0; i < 10; ++i) {
    Client c(port_);
    auto t0 = std::chrono::steady_clock::now();
    c.send(http_request("GET", "/healthz"));
    auto r = c.read(2s);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
  }
  // The slow one is dropped within the header time limit (1 s here, 10 s by default).
  EXPECT_TRUE(slow.closed_by_peer(5s));
  stop = true;
  trickle.join();
  // An idle keep-alive connection is closed after the idle limit.
  Client idle(port_);
  idle.send(http_request("GET", "/healthz"));
  ASSERT_TRUE(idle.read());
  EXPECT_TRUE(idle.closed_by_peer(6s));
}

TEST_F(Sockets, AnAnonymousUploadIsRefusedBeforeItsBody) {
  Client c(port_);
  // 1 GiB announced, nothing sent: 401 at once, and the connection closes.
  c.send(
      "POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
      "boundary=xyz\r\nContent-Length: 1073741824\r\n\r\n");
  auto r = c.read(3s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_TRUE(c.closed_by_peer(2s));
  // A store manager may not import: 403 before the body.
  Client s(port_);
  std::string auth = sign_in(s, "store-hd-hz01");
  s.send("POST /api/v1/imports HTTP/1.1\r\nHost: x\r\n" + auth +
         "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 1073741824\r\n\r\n");
  auto forbidden = s.read(3s);
  ASSERT_TRUE(forbidden);
  EXPECT_EQ(forbidden->status, 403);
}

TEST_F(Sockets, AMultipartUploadIsStreamedAndImportedAsAJobWithProgressEvents) {
  Client c(port_);
  std::string auth = sign_in(c, "hq");
  std::string file = read_text(h_.workspace() + "/exceptions.csv");
  std::string boundary = "----pitwall-test-boundary";
  std::string body;
  auto field = [&](const std::string& name, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  };
  field("kind", "exceptions");
  field("campaign", kCampaign);
  field("force", "true");
  body +=
      "--" + boundary +
      "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\r\nX: y\"\r\n"
      "Content-Type: text/csv\r\n\r\n" +
      file + "\r\n--" + boundary + "--\r\n";
  std::string head = "POST /api/v1/imports HTTP/1.1\r\nHost: x\r\n" + auth +
                     "Content-Type: multipart/form-data; boundary=" + boundary +
                     "\r\nExpect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) +
                     "\r\n\r\n";
  c.send(head);
  // The body in small pieces, as a slow network would.
  for (size_t at = 0; at < body.size(); at += 777) c.send(body.substr(at, 777));
  auto r = c.read();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  io::Json job = parse(r->body);
  std::string id = job.get_string("id");
  EXPECT_EQ(r->header("location"), "/api/v1/jobs/" + id);
  // The client's name is only shown, sanitised; the file on disk has the server's name.
  EXPECT_EQ(job.get_string("file_name").find('/'), std::string::npos);
  EXPECT_EQ(job.get_string("file_name").find('\n'), std::string::npos);
  // Progress as server-sent events until done.
  Client events(port_);
  events.send(http_request("GET", "/api/v1/jobs/" + id + "/events", auth));
  auto stream = events.read(30s);
  ASSERT_TRUE(stream);
  EXPECT_EQ(stream->status, 200);
  EXPECT_EQ(stream->header("content-type"), "text/event-stream");
  EXPECT_NE(stream->body.find("event: done"), std::string::npos) << stream->body;
  EXPECT_NE(stream->body.find("\"state\":\"succeeded\""), std::string::npos) << stream->body;
  c.send(http_request("GET", "/api/v1/jobs/" + id + "/result", auth));
  auto result = c.read();
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  io::Json imported = parse(result->body);
  EXPECT_EQ(imported.get_string("kind"), "exceptions");
  EXPECT_GT(imported.get_int("loaded"), 0);
  EXPECT_EQ(imported.get_string("file"), "exceptions-" + id + ".dat");
}

class ManyConnections : public Sockets {
 protected:
  ManyConnections() : Sockets(Limits::kDefault) {}
};

TEST_F(ManyConnections, TwoHundredAtOnceAllAnswered) {
  Client login(port_);
  std::string auth = sign_in(login, "store-hd-hz01");
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 200; ++i) {
    clients.push_back(std::make_unique<Client>(port_));
    ASSERT_TRUE(clients.back()->connected()) << i;
  }
  std::string target = std::string("/api/v1/campaigns/") + kCampaign + "/stores/HD-HZ01/orders";
  // Three requests per connection, all 200 in flight at once; each connection asks again as
  // soon as it is answered.
  for (auto& c : clients) ASSERT_TRUE(c->send(http_request("GET", target, auth)));
  for (int round = 0; round < 3; ++round) {
    int ok = 0;
    for (auto& c : clients) {
      auto r = c->read(30s);
      if (r && r->status == 200) {
        ++ok;
      } else {
        ADD_FAILURE() << "round " << round << ": "
                      << (r ? std::to_string(r->status) + " " + r->body.substr(0, 200) : "none");
      }
      if (round < 2) {
        ASSERT_TRUE(c->send(http_request("GET", target, auth)));
      }
    }
    EXPECT_EQ(ok, 200) << "round " << round;
  }
}

TEST_F(Sockets, GracefulShutdownFinishesWhatRunsAndRefusesTheRest) {
  Client busy(port_);
  std::string auth = sign_in(busy, "hq");
  // A request in flight when the stop comes is answered.
  busy.send(http_request("GET", std::string("/api/v1/campaigns/") + kCampaign + "/verify", auth));
  std::this_thread::sleep_for(20ms);
  Client idle(port_);
  idle.send(http_request("GET", "/healthz"));
  ASSERT_TRUE(idle.read());
  std::thread stopper([&] { h_.stop(); });
  auto r = busy.read(30s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(idle.closed_by_peer(5s));
  stopper.join();
  Client late(port_);
  EXPECT_FALSE(late.connected() && late.send(http_request("GET", "/healthz")) && late.read(1s));
}

}  // namespace
}  // namespace pitwall::testing::server
