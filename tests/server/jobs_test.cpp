// Jobs (issue 18, Deliver 4; server.md §4): long work answers 202 with a job; the job is its
// owner's (and HQ's) — anyone else gets the 404 of a job that does not exist; progress streams as
// server-sent events; a job runs on when no one watches; it can be cancelled; its result is
// kept; at most `jobs` run at once and at most `job_queue` wait, the rest get 503.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <thread>

#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

using namespace std::chrono_literals;

std::string base() { return std::string("/api/v1/campaigns/") + kCampaign; }

// Every event of a stream, until it ends.
std::string drain(const std::shared_ptr<pitwall::server::EventSource>& events) {
  std::string all;
  for (;;) {
    std::promise<std::optional<std::string>> next;
    auto got = next.get_future();
    events->pull([&next](std::optional<std::string> text) { next.set_value(std::move(text)); });
    auto text = got.get();
    if (!text) return all;
    all += *text;
  }
}

// Polls the job until it has finished; its last document.
io::Json wait_for(Harness& h, const Who& who, const std::string& id) {
  for (int i = 0; i < 600; ++i) {
    auto r = h.as(who, "GET", "/api/v1/jobs/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    io::Json doc = parse(r.body);
    std::string state = doc.get_string("state");
    if (state == "succeeded" || state == "failed" || state == "cancelled") return doc;
    std::this_thread::sleep_for(50ms);
  }
  ADD_FAILURE() << "job " << id << " did not finish";
  return io::Json();
}

TEST(Jobs, AnExportIsAJobOfItsOwnerWithProgressEventsAndAKeptResult) {
  Harness h(demo_copy("jobs"));
  const Who& finance = h.who("finance");
  auto r = h.as(finance, "POST", base() + "/closeout/exports", R"({"lang":"en"})");
  ASSERT_EQ(r.status, 202) << r.body;
  io::Json job = parse(r.body);
  std::string id = job.get_string("id");
  EXPECT_EQ(header_of(r, "location"), "/api/v1/jobs/" + id);
  EXPECT_EQ(job.get_string("kind"), "export");
  EXPECT_EQ(job.get_string("by"), "finance");

  // Someone else's job does not exist for them; anonymous callers sign in first.
  for (const char* other : {"store-hd-hz01", "region-east", "arbiter", "director"}) {
    for (std::string target : {"/api/v1/jobs/" + id, "/api/v1/jobs/" + id + "/result",
                               "/api/v1/jobs/" + id + "/events"}) {
      auto refused = h.as(h.who(other), "GET", target);
      EXPECT_EQ(refused.status, 404) << other << " " << target;
      auto nowhere = h.as(h.who(other), "GET", "/api/v1/jobs/J999999");
      EXPECT_EQ(nowhere.status, 404);
      EXPECT_EQ(parse(refused.body).get_string("title"), parse(nowhere.body).get_string("title"));
    }
    auto cancel = h.as(h.who(other), "DELETE", "/api/v1/jobs/" + id);
    EXPECT_EQ(cancel.status, 404) << other;
    auto list = h.as(h.who(other), "GET", "/api/v1/jobs");
    EXPECT_EQ(list.status, 200);
    EXPECT_EQ(list.body.find(id), std::string::npos) << other;
  }
  EXPECT_EQ(h.call("GET", "/api/v1/jobs/" + id).status, 401);
  EXPECT_EQ(h.call("GET", "/api/v1/jobs").status, 401);

  // The owner watches it to the end.
  auto events = h.as(finance, "GET", "/api/v1/jobs/" + id + "/events");
  ASSERT_EQ(events.status, 200);
  EXPECT_EQ(events.content_type, "text/event-stream");
  ASSERT_NE(events.events, nullptr);
  std::string stream = drain(events.events);
  EXPECT_NE(stream.find("event: done"), std::string::npos) << stream;
  EXPECT_NE(stream.find("\"state\":\"succeeded\""), std::string::npos) << stream;

  io::Json done = wait_for(h, finance, id);
  EXPECT_EQ(done.get_string("state"), "succeeded");
  EXPECT_EQ(done.get_string("result_url"), "/api/v1/jobs/" + id + "/result");
  // The workbook, as often as asked; HQ sees every job.
  for (const char* who : {"finance", "hq"}) {
    auto file = h.as(h.who(who), "GET", "/api/v1/jobs/" + id + "/result");
    EXPECT_EQ(file.status, 200) << who;
    EXPECT_FALSE(file.file.empty());
    EXPECT_NE(header_of(file, "content-disposition").find("attachment"), std::string::npos);
  }
  // The server's copy is a cache: gone (another server of the database made the job, or the
  // folder was cleared), the workbook comes back from the workspace, the same bytes.
  {
    auto first = h.as(h.who("finance"), "GET", "/api/v1/jobs/" + id + "/result");
    ASSERT_FALSE(first.file.empty());
    std::string bytes = read_text(first.file);
    ASSERT_GT(bytes.size(), 1000u);
    std::filesystem::remove_all(std::filesystem::path(first.file).parent_path());
    auto again = h.as(h.who("finance"), "GET", "/api/v1/jobs/" + id + "/result");
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(read_text(again.file), bytes);
  }
  auto hq_list = parse(h.as(h.who("hq"), "GET", "/api/v1/jobs?limit=10").body);
  ASSERT_NE(hq_list.find("items"), nullptr);
  ASSERT_FALSE(hq_list.find("items")->items().empty());
  EXPECT_EQ(hq_list.find("items")->items().at(0).get_string("id"), id);
  // A finished job's events: its last state at once.
  auto again = h.as(finance, "GET", "/api/v1/jobs/" + id + "/events");
  ASSERT_NE(again.events, nullptr);
  EXPECT_NE(drain(again.events).find("event: done"), std::string::npos);
  // Cancelling a finished job leaves it as it is.
  auto late = h.as(finance, "DELETE", "/api/v1/jobs/" + id);
  EXPECT_EQ(late.status, 200);
  EXPECT_EQ(parse(late.body).get_string("state"), "succeeded");
}

TEST(Jobs, AJobRunsOnWithNoOneWatchingAndItsResultOutlivesTheServer) {
  std::string ws = demo_copy("jobs-kept");
  std::string id;
  {
    Harness h(ws);
    auto r = h.as(h.who("hq"), "POST", base() + "/closeout/runs", "{}");
    ASSERT_EQ(r.status, 202) << r.body;
    id = parse(r.body).get_string("id");
    // No one asks again until it is done.
    io::Json done = wait_for(h, h.who("hq"), id);
    EXPECT_EQ(done.get_string("state"), "succeeded") << done.dump();
  }
  Harness later(ws);
  auto r = later.as(later.who("hq"), "GET", "/api/v1/jobs/" + id + "/result");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_GT(parse(r.body).get_int("run"), 1) << r.body;
}

TEST(Jobs, ACancelledJobStopsAndSaysSo) {
  Harness h(demo_copy("jobs-cancel"));
  const Who& hq = h.who("hq");
  // One job runs at a time: the second waits in the queue and is cancelled there.
  auto first = h.as(hq, "POST", base() + "/closeout/runs", "{}");
  auto second = h.as(hq, "POST", base() + "/closeout/exports", "{}");
  ASSERT_EQ(first.status, 202) << first.body;
  ASSERT_EQ(second.status, 202) << second.body;
  std::string id = parse(second.body).get_string("id");
  auto cancel = h.as(hq, "DELETE", "/api/v1/jobs/" + id);
  EXPECT_EQ(cancel.status, 200) << cancel.body;
  io::Json done = wait_for(h, hq, id);
  EXPECT_EQ(done.get_string("state"), "cancelled") << done.dump();
  auto result = h.as(hq, "GET", "/api/v1/jobs/" + id + "/result");
  EXPECT_EQ(result.status, 409) << result.body;
  EXPECT_EQ(result.content_type, "application/problem+json");
  wait_for(h, hq, parse(first.body).get_string("id"));
}

TEST(Jobs, AFullQueueAnswers503WithRetryAfter) {
  Harness h(demo_copy("jobs-full"), at(kReview), [](pitwall::server::ServerConfig& c) {
    c.jobs = 1;
    c.job_queue = 1;
  });
  const Who& finance = h.who("finance");
  // One runs, one waits; of six asked at once at least four are refused (five if the first has
  // not yet left the queue).
  std::vector<std::string> accepted;
  int refused = 0;
  for (int i = 0; i < 6; ++i) {
    auto r = h.as(finance, "POST", base() + "/closeout/exports", "{}");
    if (r.status == 202) {
      accepted.push_back(parse(r.body).get_string("id"));
    } else {
      EXPECT_EQ(r.status, 503) << r.body;
      EXPECT_EQ(r.content_type, "application/problem+json");
      EXPECT_EQ(header_of(r, "retry-after"), "1");
      ++refused;
    }
  }
  EXPECT_LE(accepted.size(), 2u);
  EXPECT_GE(refused, 4);
  // Once they are done, jobs are taken again.
  for (const auto& id : accepted)
    EXPECT_EQ(wait_for(h, finance, id).get_string("state"), "succeeded");
  EXPECT_EQ(h.as(finance, "POST", base() + "/closeout/exports", "{}").status, 202);
}

TEST(Jobs, HealthAndMetrics) {
  Harness h(demo_copy("jobs-metrics"));
  auto health = h.call("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(parse(health.body).get_string("status"), "ok");
  h.as(h.who("hq"), "GET", base() + "/closeout/summary");
  h.call("GET", "/api/v1/me");  // a 401
  auto m = h.call("GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_EQ(m.content_type, "text/plain; version=0.0.4");
  // Requests by route and status, latencies, jobs and store errors (server.md §4).
  for (const char* name :
       {"pitwall_http_requests_total", "pitwall_http_request_duration_seconds_bucket",
        "pitwall_jobs{state=\"running\"}", "pitwall_jobs{state=\"queued\"}",
        "pitwall_jobs_finished_total", "pitwall_store_errors_total"}) {
    EXPECT_NE(m.body.find(name), std::string::npos) << name << "\n" << m.body.substr(0, 2000);
  }
  EXPECT_NE(m.body.find("/api/v1/campaigns/{campaign}/closeout/summary"), std::string::npos);
  EXPECT_NE(m.body.find("code=\"401\""), std::string::npos);
}

}  // namespace
}  // namespace pitwall::testing::server
