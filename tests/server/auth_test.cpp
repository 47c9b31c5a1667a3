// Identity over HTTP (server.md §3): login, session cookie, CSRF, idle and absolute expiry,
// logout, the failed-login limit per account and per address, API tokens, passwords, the audit
// trail. In-process: the dispatcher answers without a socket; the clock is the test's.
#include <gtest/gtest.h>

#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

class AuthTest : public ::testing::Test {
 protected:
  AuthTest() : h_(demo_copy("auth")) {}
  Harness h_;
};

std::string login_body(const std::string& name, const std::string& password) {
  return io::Json::object().set("name", name).set("password", password).dump();
}

TEST_F(AuthTest, LoginSetsAStrictHttpOnlyCookieAndAnswersTheCsrfToken) {
  auto r =
      h_.call("POST", "/api/v1/login", login_body("store-hb-bj01", h_.password("store-hb-bj01")));
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie = header_of(r, "set-cookie");
  EXPECT_TRUE(cookie.starts_with("pw_session=")) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
  // 32 random bytes, base64url: 43 characters.
  EXPECT_EQ(cookie.substr(11, cookie.find(';') - 11).size(), 43u);
  io::Json doc = parse(r.body);
  EXPECT_EQ(doc.find("user")->get_string("role"), "store");
  EXPECT_EQ(doc.find("user")->get_string("scope"), "HB-BJ01");
  EXPECT_EQ(doc.get_string("csrf_token").size(), 43u);
  EXPECT_EQ(r.body.find("password"), std::string::npos);
}

TEST_F(AuthTest, SecureCookieBehindATlsProxyOnly) {
  auto r = h_.call("POST", "/api/v1/login", login_body("hq", h_.password("hq")),
                   {{"x-forwarded-proto", "https"}});
  // Not trusted unless the server is told it runs behind a proxy.
  EXPECT_EQ(header_of(r, "set-cookie").find("Secure"), std::string::npos);
  Harness proxied(demo_copy("proxied"), at(kReview), [](auto& c) { c.trust_proxy = true; });
  auto p = proxied.call("POST", "/api/v1/login", login_body("hq", proxied.password("hq")),
                        {{"x-forwarded-proto", "https"}});
  EXPECT_NE(header_of(p, "set-cookie").find("; Secure"), std::string::npos);
}

TEST_F(AuthTest, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  auto unknown = h_.call("POST", "/api/v1/login", login_body("nobody", "whatever-password"));
  auto wrong = h_.call("POST", "/api/v1/login", login_body("hq", "not-the-password"));
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  io::Json a = parse(unknown.body), b = parse(wrong.body);
  EXPECT_EQ(a.get_string("type"), "unauthenticated");
  EXPECT_EQ(a.get_string("detail"), b.get_string("detail"));
  EXPECT_EQ(header_of(wrong, "set-cookie"), "");
}

TEST_F(AuthTest, EveryApiRouteNeedsASession) {
  auto r = h_.call("GET", "/api/v1/campaigns");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(parse(r.body).get_string("type"), "unauthenticated");
  auto forged = h_.call("GET", "/api/v1/campaigns", "", {{"cookie", "pw_session=forged"}});
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(h_.call("GET", "/healthz").status, 200);
}

TEST_F(AuthTest, WritesNeedTheSessionsCsrfToken) {
  Who hq = h_.login("hq");
  std::string body = io::Json::object().set("name", "new-user").set("role", "finance").dump();
  auto none = h_.call("POST", "/api/v1/users", body, {{"cookie", hq.cookie}});
  EXPECT_EQ(none.status, 403);
  auto wrong = h_.call("POST", "/api/v1/users", body,
                       {{"cookie", hq.cookie}, {"x-csrf-token", hq.csrf + "x"}});
  EXPECT_EQ(wrong.status, 403);
  // Another session's token is not this one's.
  Who other = h_.login("finance");
  auto crossed =
      h_.call("POST", "/api/v1/users", body, {{"cookie", hq.cookie}, {"x-csrf-token", other.csrf}});
  EXPECT_EQ(crossed.status, 403);
  auto ok = h_.as(hq, "POST", "/api/v1/users", body);
  EXPECT_EQ(ok.status, 201) << ok.body;
  // Reads need none.
  EXPECT_EQ(h_.call("GET", "/api/v1/users", "", {{"cookie", hq.cookie}}).status, 200);
}

TEST_F(AuthTest, SessionsEndWhenIdleAndAfterTwelveHours) {
  Who w = h_.login("finance");
  EXPECT_EQ(h_.as(w, "GET", "/api/v1/me").status, 200);
  h_.advance(29 * 60);
  EXPECT_EQ(h_.as(w, "GET", "/api/v1/me").status, 200);  // used: the idle clock restarts
  h_.advance(29 * 60);
  EXPECT_EQ(h_.as(w, "GET", "/api/v1/me").status, 200);
  h_.advance(31 * 60);  // idle more than 30 minutes
  auto idle = h_.as(w, "GET", "/api/v1/me");
  EXPECT_EQ(idle.status, 401);

  Who busy = h_.login("finance");
  for (int i = 0; i < 12 * 3; ++i) {  // used every 20 minutes for 12 hours
    h_.advance(20 * 60);
    auto r = h_.as(busy, "GET", "/api/v1/me");
    if (i < 12 * 3 - 1) {
      EXPECT_EQ(r.status, 200) << i;
    } else {
      EXPECT_EQ(r.status, 401) << "12 hours after login";
    }
  }
}

TEST_F(AuthTest, LogoutEndsTheSessionAtOnce) {
  Who w = h_.login("director");
  EXPECT_EQ(h_.as(w, "GET", "/api/v1/me").status, 200);
  auto out = h_.as(w, "POST", "/api/v1/logout");
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(header_of(out, "set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(h_.as(w, "GET", "/api/v1/me").status, 401);
}

TEST_F(AuthTest, FailedLoginsAreLimitedPerAccount) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(h_.call("POST", "/api/v1/login", login_body("arbiter", "wrong-password-1")).status,
              401);
  }
  // Locked: even the right password is refused, with when to try again.
  auto locked = h_.call("POST", "/api/v1/login", login_body("arbiter", h_.password("arbiter")));
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(parse(locked.body).get_string("type"), "rate_limited");
  EXPECT_EQ(header_of(locked, "retry-after"), "900");
  // Another account from the same address is not locked.
  EXPECT_EQ(h_.call("POST", "/api/v1/login", login_body("hq", h_.password("hq"))).status, 200);
  h_.advance(15 * 60);
  EXPECT_EQ(h_.call("POST", "/api/v1/login", login_body("arbiter", h_.password("arbiter"))).status,
            200);
}

TEST_F(AuthTest, FailedLoginsAreLimitedPerAddress) {
  // 20 failures from one address over many names lock the address, not the names elsewhere.
  for (int i = 0; i < 20; ++i) {
    h_.call("POST", "/api/v1/login", login_body("guess-" + std::to_string(i), "wrong-password"), {},
            "10.0.0.66");
  }
  auto r = h_.call("POST", "/api/v1/login", login_body("hq", h_.password("hq")), {}, "10.0.0.66");
  EXPECT_EQ(r.status, 429);
  auto elsewhere =
      h_.call("POST", "/api/v1/login", login_body("hq", h_.password("hq")), {}, "10.0.0.7");
  EXPECT_EQ(elsewhere.status, 200);
}

TEST_F(AuthTest, ApiTokensActAsTheirUserUntilRevoked) {
  Who store = h_.login("store-hb-bj01");
  auto made = h_.as(store, "POST", "/api/v1/tokens", R"({"label":"nightly export"})");
  ASSERT_EQ(made.status, 201) << made.body;
  io::Json t = parse(made.body);
  std::string secret = t.get_string("token");
  EXPECT_TRUE(secret.starts_with("pwt_"));
  Who bot{"store-hb-bj01", "", "", secret};
  auto me = h_.as(bot, "GET", "/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(parse(me.body).get_string("scope"), "HB-BJ01");
  // The list never shows the secret again.
  auto list = h_.as(store, "GET", "/api/v1/tokens");
  EXPECT_EQ(list.body.find(secret), std::string::npos);
  EXPECT_NE(list.body.find(t.get_string("id")), std::string::npos);
  // Writes with a token need no CSRF token (no cookie to ride on).
  auto w =
      h_.as(bot, "POST",
            std::string("/api/v1/campaigns/") + kCampaign + "/stores/HB-BJ01/confirmation", "{}");
  EXPECT_EQ(w.status, 200) << w.body;
  // Another store manager cannot see or revoke it.
  Who other = h_.login("store-hd-sh01");
  EXPECT_EQ(h_.as(other, "DELETE", "/api/v1/tokens/" + t.get_string("id")).status, 404);
  EXPECT_EQ(h_.as(store, "DELETE", "/api/v1/tokens/" + t.get_string("id")).status, 200);
  EXPECT_EQ(h_.as(bot, "GET", "/api/v1/me").status, 401);
}

TEST_F(AuthTest, HqSetsPasswordsOthersMayNot) {
  Who hq = h_.login("hq");
  auto set =
      h_.as(hq, "PUT", "/api/v1/users/service/password", R"({"password":"a-new-password-42"})");
  EXPECT_EQ(set.status, 200) << set.body;
  auto old_login = h_.call("POST", "/api/v1/login", login_body("service", h_.password("service")));
  EXPECT_EQ(old_login.status, 401);
  EXPECT_EQ(h_.call("POST", "/api/v1/login", login_body("service", "a-new-password-42")).status,
            200);
  Who store = h_.login("store-hb-bj01");
  auto refused = h_.as(store, "PUT", "/api/v1/users/hq/password", R"({"password":"takeover-123"})");
  EXPECT_EQ(refused.status, 403);
  auto short_one = h_.as(hq, "PUT", "/api/v1/users/service/password", R"({"password":"short"})");
  EXPECT_EQ(short_one.status, 422);
  EXPECT_EQ(parse(short_one.body).get_string("field"), "password");
}

TEST_F(AuthTest, OwnPasswordChangeNeedsTheCurrentOneAndEndsSessions) {
  Who w = h_.login("finance");
  auto wrong = h_.as(w, "PUT", "/api/v1/me/password",
                     R"({"current":"not-it-at-all","password":"finance-new-pass"})");
  EXPECT_EQ(wrong.status, 422);
  auto ok = h_.as(w, "PUT", "/api/v1/me/password",
                  io::Json::object()
                      .set("current", h_.password("finance"))
                      .set("password", "finance-new-pass")
                      .dump());
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(h_.as(w, "GET", "/api/v1/me").status, 401);
}

TEST_F(AuthTest, EveryWriteIsAudited) {
  Who hq = h_.login("hq");
  h_.call("POST", "/api/v1/login", login_body("hq", "wrong-password-x"), {}, "10.1.2.3");
  h_.as(hq, "POST", "/api/v1/users", R"({"name":"auditor-1","role":"finance"})");
  h_.as(hq, "POST", "/api/v1/users", R"({"name":"auditor-1","role":"finance"})");  // exists
  auto r = h_.as(hq, "GET", "/api/v1/audit");
  ASSERT_EQ(r.status, 200) << r.body;
  io::Json items = *parse(r.body).find("items");
  std::vector<std::string> seen;
  for (const auto& e : items.items()) {
    seen.push_back(e.get_string("method") + " " + e.get_string("path") + " " + e.get_string("who") +
                   " " + e.get_string("address") + " " + e.get_string("outcome"));
  }
  auto has = [&](const std::string& s) {
    return std::find(seen.begin(), seen.end(), s) != seen.end();
  };
  EXPECT_TRUE(has("POST /api/v1/login hq 127.0.0.1 ok"));
  EXPECT_TRUE(has("POST /api/v1/login hq 10.1.2.3 unauthenticated"));
  EXPECT_TRUE(has("POST /api/v1/users hq 127.0.0.1 ok"));
  EXPECT_TRUE(has("POST /api/v1/users hq 127.0.0.1 already_exists"));
  // Store managers do not read it.
  EXPECT_EQ(h_.as(h_.login("store-hb-bj01"), "GET", "/api/v1/audit").status, 403);
}

TEST_F(AuthTest, AcceptLanguagePicksTheWords) {
  auto zh = h_.call("GET", "/api/v1/me");
  EXPECT_EQ(parse(zh.body).get_string("title"), "未登录");
  auto en = h_.call("GET", "/api/v1/me", "", {{"accept-language", "en-US,en;q=0.9,zh;q=0.5"}});
  EXPECT_EQ(parse(en.body).get_string("title"), "Not signed in");
  auto prefers_zh =
      h_.call("GET", "/api/v1/me", "", {{"accept-language", "en;q=0.4, zh-CN;q=0.8"}});
  EXPECT_EQ(parse(prefers_zh.body).get_string("title"), "未登录");
  auto other = h_.call("GET", "/api/v1/me", "", {{"accept-language", "fr-FR"}});
  EXPECT_EQ(parse(other.body).get_string("title"), "未登录");
}

}  // namespace
}  // namespace pitwall::testing::server
