// The authorisation matrix (issue 18, Tests; server.md §2): every route, as anonymous and as a
// person of each of the 7 roles, in and out of their scope. Expected: 401 without a login; 403
// when the role does not hold the route's permission (app/permission.hpp, the table of server.md
// §2); 404 when the object is outside the person's scope — with the same words as for an object
// that exists nowhere; otherwise the use case runs (2xx, or a refusal of the campaign's state or
// the input: 409, 422). And no answer a scoped person gets names a store outside their scope.
//
// Every route of the server must appear below: a new route without a probe fails the test.
#include <gtest/gtest.h>

#include <set>

#include "app/permission.hpp"
#include "server/route.hpp"
#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

using app::Permission;
using P = Permission;

// The people: one per role. The store manager's store HD-HZ01 is in region 华东战区, whose
// manager is region-east; HN-SZ01 is a store of 华南战区, outside both. (Both have orders in the
// arbitration queue of the small demo.)
const std::vector<std::string> kPeople = {"",        "hq",      "region-east", "store-hd-hz01",
                                          "finance", "arbiter", "director",    "service"};
constexpr const char* kIn = "HD-HZ01";
constexpr const char* kOut = "HN-SZ01";

core::Role role_of(const std::string& person) {
  if (person.starts_with("region-")) return core::Role::kRegion;
  if (person.starts_with("store-")) return core::Role::kStore;
  return core::parse_role(person).value();
}

// What a probe touches, for scope: nothing scoped, or a store's object.
enum class Reach : uint8_t { kNetwork, kInStore, kOutStore, kInRegion, kOutRegion };

bool reaches(const std::string& person, Reach reach) {
  switch (reach) {
    case Reach::kNetwork:
      return true;
    case Reach::kInStore:
    case Reach::kInRegion:
      return true;  // HD-HZ01 / 华东战区: in every probe person's scope
    case Reach::kOutStore:
    case Reach::kOutRegion:
      return person != "store-hd-hz01" && person != "region-east";
  }
  return true;
}

struct Probe {
  std::string method, target, body;
  std::optional<Permission> permission;  // nullopt: any signed-in person (or public)
  Reach reach = Reach::kNetwork;
  bool is_public = false;
  std::map<std::string, std::set<int>> special;  // person -> the statuses the rules give
  std::set<int> allowed = {200, 201, 202, 409, 422};
  std::string absent;  // out-of-scope probes: the same target naming nothing that exists
};

std::string base() { return std::string("/api/v1/campaigns/") + kCampaign; }

// Objects the probes name, made before the matrix runs.
struct Objects {
  std::string customer_in, customer_out;  // churned customers of HB-BJ01 / HD-SH01
  std::string offer_in, offer_out;
  std::string problem_in, problem_out;
  std::string order_in, order_out;  // orders in the arbitration queue
  std::string practice;
  std::string batch;
};

Objects make_objects(Harness& h) {
  Objects o;
  Who hq = h.who("hq");
  // Churned customers of each store, from the ranked queue of their store managers.
  for (auto [store, user, slot] : {std::tuple{kIn, "store-hd-hz01", &o.customer_in},
                                   {kOut, "store-hn-sz01", &o.customer_out}}) {
    auto r = h.as(h.who(user), "GET", "/api/v1/winback/score?limit=1");
    EXPECT_EQ(r.status, 200) << r.body;
    *slot = parse(r.body).find("customers")->items().at(0).get_string("customer_id");
    auto offer = h.as(h.who(user), "POST", "/api/v1/winback/offers",
                      io::Json::object().set("customer_id", *slot).set("amount", "300").dump());
    EXPECT_EQ(offer.status, 201) << store << ": " << offer.body;
    (std::string(store) == kIn ? o.offer_in : o.offer_out) = parse(offer.body).get_string("id");
  }
  for (auto [store, slot] : {std::pair{kIn, &o.problem_in}, {kOut, &o.problem_out}}) {
    auto r = h.as(hq, "POST", base() + "/supervision/problems",
                  io::Json::object()
                      .set("store", store)
                      .set("title", "materials missing")
                      .set("owner", "region manager")
                      .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    *slot = parse(r.body).get_string("id");
  }
  io::Json queue = parse(h.as(hq, "GET", base() + "/arbitration").body);
  for (const auto& item : queue.items()) {
    if (item.get_string("store") == kIn && o.order_in.empty())
      o.order_in = item.get_string("order_id");
    if (item.get_string("store") == kOut && o.order_out.empty()) {
      o.order_out = item.get_string("order_id");
    }
  }
  auto practice = h.as(hq, "POST", base() + "/supervision/practices",
                       R"({"store":"HD-HZ01","title":"morning huddle"})");
  EXPECT_EQ(practice.status, 201) << practice.body;
  o.practice = parse(practice.body).get_string("id");
  auto imports = h.as(hq, "GET", "/api/v1/imports");
  o.batch = std::to_string(parse(imports.body).items().at(0).get_int("id"));
  EXPECT_FALSE(o.order_in.empty());
  EXPECT_FALSE(o.order_out.empty());
  return o;
}

std::vector<Probe> probes(const Objects& o, const std::string& ws) {
  std::string b = base();
  std::string campaign_toml = read_text(ws + "/campaign.toml");
  std::string definition_toml = read_text(ws + "/definitions/it.toml");
  std::vector<Probe> v;
  auto add = [&](std::string method, std::string target, std::optional<Permission> perm,
                 Reach reach = Reach::kNetwork, std::string body = "") {
    Probe p;
    p.method = std::move(method);
    p.target = std::move(target);
    p.permission = perm;
    p.reach = reach;
    p.body = std::move(body);
    v.push_back(std::move(p));
    return &v.back();
  };
  // The server's own.
  for (auto t : {"/healthz", "/metrics", "/api/openapi.json"}) add("GET", t, {})->is_public = true;
  add("POST", "/api/v1/login", {}, Reach::kNetwork, R"({"name":"x","password":"y"})")->is_public =
      true;
  v.back().allowed = {401, 429};  // a wrong password, then the limit of failed logins
  // Identity.
  add("GET", "/api/v1/me", {});
  add("GET", "/api/v1/tokens", {});
  add("POST", "/api/v1/tokens", {}, Reach::kNetwork, R"({"label":"matrix"})");
  add("DELETE", "/api/v1/tokens/T00000000", {})->allowed = {404};
  add("PUT", "/api/v1/me/password", {}, Reach::kNetwork,
      R"({"current":"not-the-password","password":"whatever-new-1"})")
      ->allowed = {422};
  add("PUT", "/api/v1/users/service/password", P::kUserWrite, Reach::kNetwork,
      R"({"password":"too-short"})")
      ->allowed = {422};
  add("GET", "/api/v1/audit", P::kAuditRead);
  // Workspace.
  add("GET", "/api/v1/campaigns", P::kWorkspaceRead);
  add("GET", "/api/v1/campaigns/" + std::string(kCampaign), P::kWorkspaceRead);
  add("POST", "/api/v1/campaigns", P::kCampaignWrite, Reach::kNetwork, campaign_toml);
  add("GET", "/api/v1/definitions", P::kWorkspaceRead);
  add("POST", "/api/v1/definitions?file=it.toml", P::kDefinitionWrite, Reach::kNetwork,
      definition_toml);
  add("GET", "/api/v1/users", P::kUserRead);
  add("POST", "/api/v1/users", P::kUserWrite, Reach::kNetwork,
      R"({"name":"matrix-user","role":"finance"})");
  add("GET", "/api/v1/imports", P::kImportRead);
  add("GET", "/api/v1/imports/" + o.batch + "/report", P::kImportRead);
  // Close-out readings.
  for (auto what : {"summary", "settlement", "findings", "bridge?from=it&to=finance"}) {
    add("GET", b + "/closeout/" + what, P::kCloseoutRead);
  }
  add("GET", b + "/closeout/bridge?from=it&to=finance&store=" + kIn, P::kCloseoutRead,
      Reach::kInStore);
  add("GET", b + "/closeout/bridge?from=it&to=finance&store=" + kOut, P::kCloseoutRead,
      Reach::kOutStore)
      ->absent = b + "/closeout/bridge?from=it&to=finance&store=XX-NO01";
  add("GET", b + "/stores/" + kIn + "/orders", P::kConfirmationRead, Reach::kInStore);
  add("GET", b + "/stores/" + kOut + "/orders", P::kConfirmationRead, Reach::kOutStore)->absent =
      b + "/stores/XX-NO01/orders";
  // Workflow.
  add("GET", b + "/status", P::kStatusRead);
  add("GET", b + "/arbitration", P::kArbitrationRead);
  add("GET", b + "/verify", P::kVerify);
  add("GET", b + "/retrospective", P::kClosingRead);
  add("GET", b + "/template", P::kClosingRead);
  add("GET", b + "/closing-plan", P::kClosingRead);
  add("GET", b + "/closing-plan/store_notice", P::kClosingRead);
  add("POST", b + "/stores/" + kIn + "/confirmation", P::kConfirmStore, Reach::kInStore, "{}");
  add("POST", b + "/stores/" + kOut + "/confirmation", P::kConfirmStore, Reach::kOutStore, "{}")
      ->absent = b + "/stores/XX-NO01/confirmation";
  add("POST", b + "/regions/华东战区/signoff", P::kSignRegion, Reach::kInRegion, "{}");
  add("POST", b + "/regions/华南战区/signoff", P::kSignRegion, Reach::kOutRegion, "{}")->absent =
      b + "/regions/无此战区/signoff";
  add("POST", b + "/finance/signoff", P::kSignFinance, Reach::kNetwork, "{}");
  add("POST", b + "/arbitration/" + o.order_in + "/decision", P::kArbitrate, Reach::kNetwork,
      R"({"decision":"count","reason":"matrix"})");
  add("POST", b + "/freeze", P::kFreeze, Reach::kNetwork, "{}");
  add("POST", b + "/seal", P::kSeal, Reach::kNetwork, "{}");
  add("POST", b + "/carry-overs", P::kCarryOver, Reach::kNetwork,
      R"({"order_id":")" + o.order_in + R"(","amount":"-1.00","reason":"matrix"})");
  add("POST", b + "/retrospective", P::kRetrospective, Reach::kNetwork,
      R"({"went_right":["matrix"]})");
  // Win-back.
  add("GET", "/api/v1/winback/programme", P::kWinbackRead);
  add("POST", "/api/v1/winback/programme", P::kWinbackProgramme, Reach::kNetwork, "not toml [");
  add("GET", "/api/v1/winback/calc?annual=5000&months=4", P::kWinbackRead);
  add("GET", "/api/v1/winback/calc?customer=" + o.customer_in, P::kWinbackRead, Reach::kInStore);
  add("GET", "/api/v1/winback/calc?customer=" + o.customer_out, P::kWinbackRead, Reach::kOutStore)
      ->absent = "/api/v1/winback/calc?customer=C99999999";
  add("GET", "/api/v1/winback/score", P::kWinbackRead);
  add("GET", "/api/v1/winback/models", P::kWinbackRead);
  add("GET", "/api/v1/winback/offers", P::kWinbackRead);
  add("GET", "/api/v1/winback/offers/" + o.offer_in, P::kWinbackRead, Reach::kInStore);
  add("GET", "/api/v1/winback/offers/" + o.offer_out, P::kWinbackRead, Reach::kOutStore)->absent =
      "/api/v1/winback/offers/WB-999999";
  add("POST", "/api/v1/winback/offers", P::kOfferCreate, Reach::kInStore,
      R"({"customer_id":")" + o.customer_in + R"(","amount":"200"})");
  add("POST", "/api/v1/winback/offers", P::kOfferCreate, Reach::kOutStore,
      R"({"customer_id":")" + o.customer_out + R"(","amount":"200"})");
  for (auto [action, perm, body] : {std::tuple{"approve", P::kOfferApprove, "{}"},
                                    {"reject", P::kOfferApprove, R"({"reason":"matrix"})"},
                                    {"release", P::kOfferHandle, R"({"stage":"1"})"},
                                    {"outcome", P::kOfferHandle, R"({"won_back":true})"}}) {
    add("POST", "/api/v1/winback/offers/" + o.offer_in + "/" + action, perm, Reach::kInStore, body);
    add("POST", "/api/v1/winback/offers/" + o.offer_out + "/" + action, perm, Reach::kOutStore,
        body)
        ->absent = "/api/v1/winback/offers/WB-999999/" + std::string(action);
  }
  add("GET", "/api/v1/winback/budget", P::kWinbackReports);
  add("POST", "/api/v1/winback/overrides", P::kBudgetOverride, Reach::kNetwork,
      R"({"month":"2023-04","reason":"matrix"})");
  for (auto r : {"monthly", "audit", "cohorts", "experiments"}) {
    add("GET", std::string("/api/v1/winback/reports/") + r, P::kWinbackReports);
  }
  add("GET", "/api/v1/winback/log", P::kWinbackReports);
  // Supervision.
  std::string s = b + "/supervision";
  for (auto what : {"board?date=2023-03-02", "measures?date=2023-03-02", "alerts?date=2023-03-02",
                    "trend?to=2023-03-10", "sample?date=2023-03-02", "problems", "practices",
                    "phases", "review?to=2023-03-10", "review.html?to=2023-03-10"}) {
    add("GET", s + "/" + what, P::kSupervisionRead);
  }
  add("GET", s + "/decay", P::kSupervisionRead)->allowed = {200, 404};
  add("GET", s + "/board?date=2023-03-02&region=华东战区", P::kSupervisionRead, Reach::kInRegion);
  add("GET", s + "/board?date=2023-03-02&region=华南战区", P::kSupervisionRead, Reach::kOutRegion)
      ->absent = s + "/board?date=2023-03-02&region=无此战区";
  // An unknown region is a bad parameter of the board (400), one outside the scope alike.
  v.back().special = {{"region-east", {400}}, {"store-hd-hz01", {400}}};
  add("GET", s + "/problems/" + o.problem_in, P::kSupervisionRead, Reach::kInStore);
  add("GET", s + "/problems/" + o.problem_out, P::kSupervisionRead, Reach::kOutStore)->absent =
      s + "/problems/P9999";
  // A store manager works on its problems but does not open them (supervision.md).
  add("POST", s + "/problems", P::kProblemWrite, Reach::kInStore,
      R"({"store":"HD-HZ01","title":"matrix","owner":"someone"})")
      ->special["store-hd-hz01"] = {403};
  add("POST", s + "/problems", P::kProblemWrite, Reach::kOutStore,
      R"({"store":"HN-SZ01","title":"matrix","owner":"someone"})")
      ->special["store-hd-hz01"] = {403, 404};
  for (auto action : {"update", "close", "verify", "reopen"}) {
    std::string body = std::string(action) == "update" ? R"({"action":"called"})" : "{}";
    add("POST", s + "/problems/" + o.problem_in + "/" + action, P::kProblemWrite, Reach::kInStore,
        body);
    add("POST", s + "/problems/" + o.problem_out + "/" + action, P::kProblemWrite, Reach::kOutStore,
        body)
        ->absent = s + "/problems/P9999/" + action;
  }
  add("POST", s + "/practices", P::kPracticeWrite, Reach::kNetwork,
      R"({"store":"HD-HZ01","title":"matrix"})");
  add("POST", s + "/practices/" + o.practice + "/adoptions", P::kPracticeWrite, Reach::kNetwork,
      R"({"stores":["HD-SH01"]})");
  add("PUT", s + "/phases/tasks/prelaunch.materials", P::kPhaseWrite, Reach::kNetwork,
      R"({"done":true})");
  // Group robots: HQ's alone (server.md §7). The robot is the discard port of this machine.
  add("GET", "/api/v1/push/targets", P::kPushRead);
  add("POST", "/api/v1/push/targets", P::kPushWrite, Reach::kNetwork,
      R"({"name":"matrix","kind":"wecom","url":"http://127.0.0.1:9/send?key=matrix"})");
  add("DELETE", "/api/v1/push/targets/PT999", P::kPushWrite)->allowed = {404};
  add("POST", "/api/v1/push/targets/PT999/test", P::kPushWrite)->allowed = {404};
  add("GET", "/api/v1/push/deliveries", P::kPushRead);
  add("POST", "/api/v1/push/run", P::kPushWrite);
  add("GET", "/api/v1/push/opt-outs", P::kPushRead);
  add("POST", "/api/v1/push/opt-outs", P::kPushWrite, Reach::kNetwork,
      R"({"values":["13800000000"],"reason":"matrix"})");
  add("GET", b + "/notices/thanks?format=csv", P::kClosingRead);
  return v;
}

// The statuses the rules give `person` for `p`.
std::set<int> expected(const Probe& p, const std::string& person) {
  if (person.empty()) return p.is_public ? p.allowed : std::set<int>{401};
  if (p.is_public) return p.allowed;
  if (auto it = p.special.find(person); it != p.special.end()) return it->second;
  if (p.permission && !app::role_has(role_of(person), *p.permission)) return {403};
  if (!reaches(person, p.reach)) return {404};
  return p.allowed;
}

// A problem's detail with the names it may carry made alike, to compare "outside the scope"
// with "exists nowhere".
std::string normalised_detail(const std::string& body, const std::vector<std::string>& names) {
  std::string d = parse(body).get_string("detail");
  for (const auto& n : names) {
    for (size_t at = d.find(n); !n.empty() && at != std::string::npos; at = d.find(n)) {
      d.replace(at, n.size(), "<name>");
    }
  }
  return d;
}

// Store codes a person must never see named.
std::vector<std::string> hidden_from(const std::string& person) {
  std::vector<std::string> all = {"HB-BJ01", "HB-TJ01", "HD-SH01", "HN-GZ01", "HN-SZ01", "HZ-CS01",
                                  "HZ-WH01", "XB-LZ01", "XB-XA01", "XN-CD01", "XN-CQ01"};
  if (person == "region-east") std::erase(all, std::string("HD-SH01"));
  if (person == "store-hd-hz01" || person == "region-east") return all;
  return {};
}

TEST(AuthorisationMatrix, EveryRouteEveryRoleInAndOutOfScope) {
  Harness h(demo_copy("matrix"));
  Objects objects = make_objects(h);
  std::vector<Probe> all = probes(objects, h.workspace());

  // Every route has a probe.
  std::set<std::string> probed;
  pitwall::server::Router router(pitwall::server::all_routes());
  for (const Probe& p : all) {
    pitwall::server::Request r;
    ASSERT_TRUE(pitwall::server::parse_target(p.target, r)) << p.target;
    auto m = router.match(p.method, r.segments);
    ASSERT_NE(m.route, nullptr) << p.method << " " << p.target;
    probed.insert(std::string(pitwall::server::method_name(m.route->method)) + " " +
                  std::string(m.route->pattern));
  }
  for (const auto& route : router.routes()) {
    std::string key =
        std::string(pitwall::server::method_name(route.method)) + " " + std::string(route.pattern);
    if (route.body == pitwall::server::Body::kUpload || key.find("/jobs") != std::string::npos ||
        key.find("/closeout/runs") != std::string::npos ||
        key.find("/closeout/exports") != std::string::npos ||
        key.find("/logout") != std::string::npos) {
      continue;  // jobs and logout: jobs_test.cpp and auth_test.cpp
    }
    EXPECT_TRUE(probed.count(key)) << "no probe for " << key;
  }

  int checked = 0;
  for (const Probe& p : all) {
    // Refusals first, so that the writes that run change nothing the refusals rest on.
    std::vector<std::string> order = kPeople;
    std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
      return expected(p, a).count(200) < expected(p, b).count(200);
    });
    for (const std::string& person : order) {
      Who who = person.empty() ? Who{} : h.who(person);
      auto r =
          person.empty()
              ? h.call(p.method, p.target, p.body,
                       p.body.empty() || p.body.front() == '{'
                           ? std::vector<pitwall::server::Header>{}
                           : std::vector<pitwall::server::Header>{{"content-type", "text/plain"}})
              : h.as(who, p.method, p.target, p.body,
                     p.body.empty() || p.body.front() == '{'
                         ? std::vector<pitwall::server::Header>{}
                         : std::vector<pitwall::server::Header>{{"content-type", "text/plain"}});
      std::set<int> want = expected(p, person);
      EXPECT_TRUE(want.count(r.status))
          << p.method << " " << p.target << " as " << (person.empty() ? "anonymous" : person)
          << ": " << r.status << " " << r.body.substr(0, 300);
      ++checked;
      // Nothing outside the scope is named.
      if (r.status < 300) {
        for (const auto& code : hidden_from(person)) {
          EXPECT_EQ(r.body.find(code), std::string::npos)
              << p.method << " " << p.target << " as " << person << " names " << code;
        }
      }
      // Outside the scope reads like nowhere.
      if ((r.status == 404 || r.status == 400) && !p.absent.empty() && !person.empty()) {
        auto nowhere = h.as(who, p.method, p.absent, p.body);
        EXPECT_EQ(nowhere.status, r.status) << p.absent << " as " << person << ": " << nowhere.body;
        std::vector<std::string> names = {
            kOut,        "XX-NO01",         "华南战区",  "无此战区",          objects.customer_out,
            "C99999999", objects.offer_out, "WB-999999", objects.problem_out, "P9999"};
        EXPECT_EQ(normalised_detail(r.body, names), normalised_detail(nowhere.body, names))
            << p.target << " as " << person;
      }
    }
  }
  EXPECT_GT(checked, 500);
}

}  // namespace
}  // namespace pitwall::testing::server
