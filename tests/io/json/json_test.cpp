// Json's text is always valid JSON (issue 22): bytes that are not UTF-8 and control characters
// from users' file names never reach the output raw.
#include "io/json/json.hpp"

#include <gtest/gtest.h>

namespace pitwall::io {
namespace {

TEST(Json, Issue22InvalidUtf8IsWrittenAsReplacementCharacters) {
  // "订单.csv" saved in GB18030 (B6 A9 B5 A5), then a newline and an escape code.
  std::string name = "\xB6\xA9\xB5\xA5.csv\n\x1B[31m";
  std::string text = Json::object().set("file", name).dump();
  EXPECT_EQ(text, R"({"file":"\ufffd\ufffd\ufffd\ufffd.csv\n\u001b[31m"})");
  auto back = Json::parse(text);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->get_string("file"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.csv\n\x1B[31m");
}

TEST(Json, ValidUtf8IsKeptAsItIs) {
  EXPECT_EQ(Json("门店 ¥1,234").dump(), "\"门店 ¥1,234\"");
  EXPECT_EQ(Json(std::string("a\x7F"
                             "b"))
                .dump(),
            R"("a\u007fb")");
}

}  // namespace
}  // namespace pitwall::io
