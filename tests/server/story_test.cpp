// The close-out workflow's story (docs/workflow.md "The demo story") driven over HTTP by the
// roles that own each step, on the small demo (12 stores in 6 regions): run, confirm, dispute,
// arbitrate, run again, sign, freeze, seal, verify, carry-over, retrospective, workbook. Each
// document a GET answers is the one `pitwall ... --json` prints.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

class Story : public ::testing::Test {
 protected:
  Story() : h_(demo_copy("story")) {}

  std::string c(const std::string& rest) {
    return std::string("/api/v1/campaigns/") + kCampaign + rest;
  }

  pitwall::server::Reply as(const std::string& who, const std::string& method,
                            const std::string& target, const std::string& body = "") {
    return h_.as(h_.who(who), method, target, body);
  }

  // Waits for a job; its final document.
  io::Json finish(const std::string& who, const pitwall::server::Reply& submitted) {
    EXPECT_EQ(submitted.status, 202) << submitted.body;
    std::string id = parse(submitted.body).get_string("id");
    EXPECT_EQ(header_of(submitted, "location"), "/api/v1/jobs/" + id);
    for (int i = 0; i < 600; ++i) {
      io::Json doc = parse(as(who, "GET", "/api/v1/jobs/" + id).body);
      std::string state = doc.get_string("state");
      if (state == "succeeded" || state == "failed" || state == "cancelled") return doc;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "job " << id << " did not finish";
    return io::Json();
  }

  io::Json users() { return parse(as("hq", "GET", "/api/v1/users").body); }

  std::vector<std::string> stores() {
    std::vector<std::string> out;
    io::Json list = users();
    for (const auto& u : list.items()) {
      if (u.get_string("role") == "store") out.push_back(u.get_string("scope"));
    }
    return out;
  }

  static std::string user_of(std::string store) {
    for (char& ch : store) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return "store-" + store;
  }

  Harness h_;
};

TEST_F(Story, TheWholeWorkflowOverHttp) {
  // Review, before the appeal cut-off. HQ runs the close-out: the numbers everyone confirms.
  io::Json run = finish("hq", as("hq", "POST", c("/closeout/runs"), "{}"));
  ASSERT_EQ(run.get_string("state"), "succeeded") << run.dump();
  EXPECT_EQ(run.find("result")->get_int("run"), 2);

  // The status is the command line's document.
  auto status = as("hq", "GET", c("/status"));
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.body, pitwall_output({"-w", h_.workspace(), "campaign", "status", "--campaign",
                                         kCampaign, "--json", "--as", "hq"},
                                        kReview));

  // A store names another store's order: not found, as an order that exists nowhere.
  io::Json other = parse(as("store-hn-sz01", "GET", c("/stores/HN-SZ01/orders")).body);
  std::string others_order;
  for (const auto& o : other.find("orders")->items()) {
    if (o.get_bool("counted")) others_order = o.get_string("order_id");
  }
  ASSERT_FALSE(others_order.empty());
  auto refused =
      as("store-hd-hz01", "POST", c("/stores/HD-HZ01/confirmation"),
         io::Json::object()
             .set("disputes",
                  io::Json::array().push(
                      io::Json::object().set("order_id", others_order).set("claim", "not-valid")))
             .dump());
  EXPECT_EQ(refused.status, 404) << refused.body;

  // Stores confirm; HD-HZ01 disputes one of its orders and claims another store's; two stay silent.
  io::Json own = parse(as("store-hd-hz01", "GET", c("/stores/HD-HZ01/orders")).body);
  std::string own_order;
  for (const auto& o : own.find("orders")->items()) {
    if (o.get_bool("counted")) own_order = o.get_string("order_id");
  }
  std::vector<std::string> all = stores();
  ASSERT_EQ(all.size(), 12u);
  for (size_t i = 0; i + 2 < all.size(); ++i) {
    std::string body = "{}";
    if (all[i] == "HD-HZ01") {
      io::Json d = io::Json::array();
      d.push(io::Json::object()
                 .set("order_id", own_order)
                 .set("claim", "not-valid")
                 .set("note", "cancelled by phone"));
      d.push(io::Json::object()
                 .set("order_id", others_order)
                 .set("claim", "mine")
                 .set("note", "our advisor"));
      body = io::Json::object().set("disputes", std::move(d)).dump();
    }
    auto r = as(user_of(all[i]), "POST", c("/stores/" + all[i] + "/confirmation"), body);
    EXPECT_EQ(r.status, 200) << all[i] << ": " << r.body;
  }
  // Before the review window ends a region with silent stores cannot sign.
  int refused_regions = 0;
  io::Json people = users();
  for (const auto& u : people.items()) {
    if (u.get_string("role") != "region") continue;
    auto r =
        as(u.get_string("name"), "POST", c("/regions/" + u.get_string("scope") + "/signoff"), "{}");
    if (r.status == 409) ++refused_regions;
  }
  EXPECT_GE(refused_regions, 1);

  // Arbitration, 04-06: the arbiter decides every open item; decisions do not run the pipeline.
  h_.set_now(at("2023-04-06T10:00:00+08:00"));
  io::Json queue = parse(as("arbiter", "GET", c("/arbitration?open=true")).body);
  ASSERT_GT(queue.items().size(), 2u);
  for (const auto& q : queue.items()) {
    bool exclude = false;
    for (const auto& reason : q.find("reasons")->items()) {
      std::string r = reason.as_string();
      exclude = exclude || r == "dispute.not_valid" || r.starts_with("fraud.");
    }
    std::string decision = exclude ? "exclude" : "count";
    if (q.get_string("order_id") == others_order) decision = "store:HD-HZ01";
    auto r =
        as("arbiter", "POST", c("/arbitration/" + q.get_string("order_id") + "/decision"),
           io::Json::object().set("decision", decision).set("reason", "reviewed evidence").dump());
    EXPECT_EQ(r.status, 200) << q.get_string("order_id") << ": " << r.body;
  }
  auto stale = as("hq", "GET", c("/closeout/summary"));
  ASSERT_EQ(stale.status, 200) << stale.body;
  EXPECT_FALSE(parse(stale.body).find("run_status")->get_bool("current"));
  EXPECT_EQ(as("store-hd-sh01", "POST", c("/stores/HD-SH01/confirmation"), "{}").status, 409);

  // Finance runs the close-out again: the decisions apply; stale confirmations are given again.
  run = finish("finance", as("finance", "POST", c("/closeout/runs"), "{}"));
  ASSERT_EQ(run.get_string("state"), "succeeded") << run.dump();
  io::Json st = parse(as("hq", "GET", c("/status")).body);
  for (const auto& s : st.find("stores")->find("list")->items()) {
    if (s.get_string("status") != "stale") continue;
    std::string code = s.get_string("store");
    EXPECT_EQ(as(user_of(code), "POST", c("/stores/" + code + "/confirmation"), "{}").status, 200)
        << code;
  }

  // 04-08, the review window over: regions and finance sign; HQ freezes.
  h_.set_now(at("2023-04-08T09:00:00+08:00"));
  for (const auto& u : people.items()) {
    if (u.get_string("role") != "region") continue;
    auto r =
        as(u.get_string("name"), "POST", c("/regions/" + u.get_string("scope") + "/signoff"), "{}");
    EXPECT_EQ(r.status, 200) << u.get_string("name") << ": " << r.body;
  }
  auto fin = as("finance", "POST", c("/finance/signoff"), "{}");
  EXPECT_EQ(fin.status, 200) << fin.body;
  auto frozen = as("hq", "POST", c("/freeze"), "{}");
  ASSERT_EQ(frozen.status, 200) << frozen.body;
  EXPECT_EQ(parse(frozen.body).get_string("state"), "frozen");
  // An import into the frozen campaign is refused (the job fails with the state's words).
  auto import =
      h_.as(h_.who("hq"), "POST",
            "/api/v1/imports?kind=exceptions&campaign=" + std::string(kCampaign) + "&force=true");
  EXPECT_EQ(import.status, 422);  // no file at all
  // Seal before freeze_days: refused.
  EXPECT_EQ(as("hq", "POST", c("/seal"), "{}").status, 409);

  // 04-15: seal, verify.
  h_.set_now(at("2023-04-15T10:00:00+08:00"));
  auto sealed = as("hq", "POST", c("/seal"), "{}");
  ASSERT_EQ(sealed.status, 200) << sealed.body;
  auto verify = as("finance", "GET", c("/verify"));
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(parse(verify.body).get_bool("ok")) << verify.body;
  auto reading = as("hq", "GET", c("/closeout/summary"));
  ASSERT_EQ(reading.status, 200) << reading.body;
  EXPECT_TRUE(parse(reading.body).find("run_status")->get_bool("sealed"));
  // Nothing else changes after the seal.
  io::Json refused_run = finish("hq", as("hq", "POST", c("/closeout/runs"), "{}"));
  EXPECT_EQ(refused_run.get_string("state"), "failed");
  EXPECT_EQ(refused_run.find("error")->get_int("status"), 409) << refused_run.dump();
  auto late = as("arbiter", "POST", c("/arbitration/" + others_order + "/decision"),
                 R"({"decision":"count","reason":"late"})");
  EXPECT_EQ(late.status, 409) << late.body;
  // A late refund is a carry-over.
  auto carry = as("finance", "POST", c("/carry-overs"),
                  io::Json::object()
                      .set("order_id", own_order)
                      .set("amount", "-100.00")
                      .set("reason", "refund")
                      .dump());
  EXPECT_EQ(carry.status, 201) << carry.body;
  // Retrospective, template, closing plan, the workbook.
  auto retro =
      as("hq", "POST", c("/retrospective"),
         R"({"went_wrong":["2 stores never confirmed"],"recommend":["plan the close-out"]})");
  EXPECT_EQ(retro.status, 200) << retro.body;
  EXPECT_EQ(parse(retro.body).find("went_wrong")->items().size(), 1u);
  auto tmpl = as("hq", "GET", c("/template"));
  EXPECT_EQ(tmpl.status, 200);
  EXPECT_NE(tmpl.body.find("campaign.toml"), std::string::npos);
  EXPECT_EQ(as("hq", "GET", c("/closing-plan")).status, 200);
  auto csv = as("hq", "GET", c("/closing-plan/thanks"));
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  io::Json book =
      finish("finance", as("finance", "POST", c("/closeout/exports"), R"({"lang":"en"})"));
  ASSERT_EQ(book.get_string("state"), "succeeded") << book.dump();
  auto file = as("finance", "GET", "/api/v1/jobs/" + book.get_string("id") + "/result");
  EXPECT_EQ(file.status, 200);
  EXPECT_FALSE(file.file.empty());
  EXPECT_EQ(read_text(file.file).substr(0, 2), "PK");
  // Another person's job does not exist for them.
  EXPECT_EQ(as("store-hd-hz01", "GET", "/api/v1/jobs/" + book.get_string("id")).status, 404);

  // The sealed reading is the command line's too.
  EXPECT_EQ(as("hq", "GET", c("/closeout/settlement")).body,
            pitwall_output({"-w", h_.workspace(), "closeout", "settlement", "--campaign", kCampaign,
                            "--json", "--as", "hq"},
                           "2023-04-15T10:00:00+08:00"));
}

}  // namespace
}  // namespace pitwall::testing::server
