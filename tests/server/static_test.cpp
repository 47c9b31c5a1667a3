// The web desk's files at / (docs/server.md "The web desk"; server/static_files.hpp): the index,
// the single-page application's history fallback, hashed assets with their type, cache and gzip
// sibling, traversal refused, a clear page when the desk is not built, and /api untouched.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "server/http_client.hpp"
#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A built desk as Vite leaves it: index.html, a hashed script with its .gz sibling, a style sheet
// without one, a favicon; and beside it a secret a traversal would like to read.
std::string make_dist() {
  std::string base = temp_dir("web");
  std::string dist = base + "/dist";
  write_file(dist + "/index.html",
             "<!doctype html><script type=\"module\" src=\"/assets/index-1a2b3c.js\"></script>");
  write_file(dist + "/assets/index-1a2b3c.js", "console.log('desk')");
  write_file(dist + "/assets/index-1a2b3c.js.gz", "GZIPPED-BYTES");
  write_file(dist + "/assets/index-9f8e7d.css", "body{}");
  write_file(dist + "/favicon.svg", "<svg/>");
  write_file(dist + "/.env", "SECRET=1");
  write_file(base + "/secret.txt", "outside the desk");
  std::filesystem::create_symlink(base + "/secret.txt", dist + "/assets/escape.txt");
  return dist;
}

class StaticFiles : public ::testing::Test {
 protected:
  StaticFiles()
      : dist_(make_dist()),
        h_(demo_copy("static"), at(kReview),
           [this](pitwall::server::ServerConfig& c) { c.static_dir = dist_; }) {}

  pitwall::server::Reply get(const std::string& target,
                             std::vector<pitwall::server::Header> headers = {}) {
    return h_.call("GET", target, "", std::move(headers));
  }

  std::string dist_;
  Harness h_;
};

TEST_F(StaticFiles, TheIndexIsServedAsHtmlWithTheSecurityHeadersAndNoCache) {
  auto r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.file, dist_ + "/index.html");
  EXPECT_EQ(header_of(r, "cache-control"), "no-cache");
  std::string csp = header_of(r, "content-security-policy");
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("'unsafe-eval'"), std::string::npos) << csp;
  EXPECT_EQ(header_of(r, "x-content-type-options"), "nosniff");
  EXPECT_EQ(header_of(r, "x-frame-options"), "DENY");
  EXPECT_EQ(header_of(r, "referrer-policy"), "same-origin");
}

TEST_F(StaticFiles, AnyOtherPageOfTheDeskFallsBackToTheIndex) {
  for (const char* target : {"/closeout/bridge?from=it&to=finance", "/login", "/winback/offers/",
                             "/stores/HB-BJ01/confirm"}) {
    auto r = get(target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.file, dist_ + "/index.html") << target;
    EXPECT_EQ(header_of(r, "cache-control"), "no-cache") << target;
  }
}

TEST_F(StaticFiles, AHashedAssetHasItsTypeAYearOfCacheAndItsGzipSiblingWhenAccepted) {
  auto plain = get("/assets/index-1a2b3c.js");
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(plain.file, dist_ + "/assets/index-1a2b3c.js");
  EXPECT_EQ(header_of(plain, "content-encoding"), "");
  EXPECT_EQ(header_of(plain, "vary"), "Accept-Encoding");
  EXPECT_EQ(header_of(plain, "cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(header_of(plain, "content-security-policy"), "");  // only pages carry the policy

  auto zipped = get("/assets/index-1a2b3c.js", {{"accept-encoding", "br, gzip;q=0.8"}});
  EXPECT_EQ(zipped.file, dist_ + "/assets/index-1a2b3c.js.gz");
  EXPECT_EQ(zipped.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header_of(zipped, "content-encoding"), "gzip");
  EXPECT_EQ(header_of(zipped, "vary"), "Accept-Encoding");

  auto refused = get("/assets/index-1a2b3c.js", {{"accept-encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.file, dist_ + "/assets/index-1a2b3c.js");

  // No sibling: the file itself, whatever the client accepts.
  auto css = get("/assets/index-9f8e7d.css", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css.file, dist_ + "/assets/index-9f8e7d.css");
  EXPECT_EQ(header_of(css, "content-encoding"), "");

  auto icon = get("/favicon.svg");
  EXPECT_EQ(icon.content_type, "image/svg+xml");
  EXPECT_EQ(header_of(icon, "cache-control"), "no-cache");
}

TEST_F(StaticFiles, AMissingAssetIs404NotTheIndex) {
  auto r = get("/assets/index-000000.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_TRUE(r.file.empty());
}

TEST_F(StaticFiles, HiddenFilesBackslashesAndLinksOutOfTheFolderAre404) {
  for (const char* target : {"/.env", "/assets/..%5C..%5Csecret.txt", "/assets\\index-1a2b3c.js",
                             "/assets/escape.txt", "/assets//index-1a2b3c.js"}) {
    auto r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_TRUE(r.file.empty()) << target;
  }
}

TEST_F(StaticFiles, OverTheSocketDotDotInAnyEncodingIsRefusedAndTheGzipBytesArrive) {
  uint16_t port = h_.listen();
  for (const char* target : {"/../secret.txt", "/assets/%2e%2e/%2E%2E/secret.txt",
                             "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/index.html%00.js"}) {
    Client c(port);
    c.send(http_request("GET", target));
    auto r = c.read();
    ASSERT_TRUE(r) << target;
    // The transport refuses a target with a "." or ".." segment or a NUL byte (400) before any
    // route or file is looked at; an encoded slash keeps the segment whole, which no file has.
    EXPECT_TRUE(r->status == 400 || r->status == 404) << target << " " << r->status;
    EXPECT_EQ(r->body.find("outside the desk"), std::string::npos) << target;
  }
  Client c(port);
  c.send(http_request("GET", "/assets/index-1a2b3c.js", "Accept-Encoding: gzip, deflate\r\n"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "GZIPPED-BYTES");
  EXPECT_EQ(r->header("content-encoding"), "gzip");
  EXPECT_EQ(r->header("content-type"), "text/javascript; charset=utf-8");
}

TEST_F(StaticFiles, TheApiIsUntouched) {
  auto unknown = get("/api/v1/no-such-thing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.content_type, "application/problem+json");
  EXPECT_TRUE(unknown.file.empty());
  auto anonymous = get("/api/v1/campaigns");
  EXPECT_EQ(anonymous.status, 401);
  auto health = get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.content_type, "application/json");
  auto document = get("/api/openapi.json");
  EXPECT_EQ(document.status, 200);
  EXPECT_TRUE(document.file.empty());
  // A write to a page path is no file request: 404 as before.
  auto post = h_.call("POST", "/login", "{}");
  EXPECT_NE(post.status, 200);
  EXPECT_TRUE(post.file.empty());
}

TEST(StaticFilesNotBuilt, EveryPageSaysHowToBuildTheDesk) {
  std::string empty = temp_dir("web-empty");
  std::filesystem::create_directories(empty);
  Harness h(demo_copy("static-none"), at(kReview),
            [&](pitwall::server::ServerConfig& c) { c.static_dir = empty; });
  for (const char* lang : {"zh-CN", "en"}) {
    auto r = h.call("GET", "/closeout", "", {{"accept-language", lang}});
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("scripts/build.sh"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find(empty), std::string::npos) << r.body;
  }
  EXPECT_NE(h.call("GET", "/", "", {{"accept-language", "en"}}).body.find("not built"),
            std::string::npos);
  EXPECT_EQ(h.call("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace pitwall::testing::server
