// The contract is a file (style.md "The contract is a file"; issue 18, Deliver 6): the routes the
// server serves and the paths docs/api/openapi.json documents are the same set, and the document
// served at /api/openapi.json is that file.
#include "server/openapi.hpp"

#include <gtest/gtest.h>

#include <set>

#include "server/route.hpp"
#include "server/server_harness.hpp"

namespace pitwall::testing::server {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(OpenApi, ServedAndDocumentedRoutesAreTheSameSet) {
  auto doc = io::Json::parse(pitwall::server::openapi_document());
  ASSERT_TRUE(doc) << doc.error().to_string();
  EXPECT_EQ(doc->get_string("openapi"), "3.1.0");
  std::set<std::string> documented, served;
  const io::Json* paths = doc->find("paths");
  ASSERT_NE(paths, nullptr);
  for (const auto& [path, item] : paths->members()) {
    for (const auto& [method, op] : item.members()) {
      documented.insert(lower(method) + " " + path);
      EXPECT_FALSE(op.get_string("operationId").empty()) << method << " " << path;
      EXPECT_NE(op.find("responses"), nullptr) << method << " " << path;
    }
  }
  for (const auto& r : pitwall::server::all_routes()) {
    served.insert(lower(pitwall::server::method_name(r.method)) + " " + std::string(r.pattern));
  }
  for (const auto& s : served) EXPECT_TRUE(documented.count(s)) << "undocumented: " << s;
  for (const auto& d : documented) EXPECT_TRUE(served.count(d)) << "documented, not served: " << d;
}

TEST(OpenApi, TheServedDocumentIsTheFile) {
  Harness h(demo_copy("openapi"));
  auto r = h.call("GET", "/api/openapi.json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, read_text(std::string(PITWALL_SOURCE_DIR) + "/docs/api/openapi.json"));
}

}  // namespace
}  // namespace pitwall::testing::server
