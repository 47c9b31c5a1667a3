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

namespace pitwall::io {
namespace {

// Parsing is bounded (issue 22, Deliver 1): nesting, duplicate keys and integers beyond int64
// are refused with a clear error; a wide object parses in linear time.
TEST(Json, Issue22DeepNestingIsRefusedNotOverflowingTheStack) {
  std::string deep(200'000, '[');
  auto r = Json::parse(deep);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message.find("nesting deeper than 64"), std::string::npos)
      << r.error().message;
  std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_TRUE(Json::parse(ok));
  std::string one_more = std::string(65, '[') + std::string(65, ']');
  EXPECT_FALSE(Json::parse(one_more));
}

TEST(Json, Issue22AKeyTwiceIsRefused) {
  auto r = Json::parse(R"({"amount_fen": 100, "amount_fen": 100000})");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("\"amount_fen\" twice"), std::string::npos) << r.error().message;
  EXPECT_TRUE(Json::parse(R"({"a": {"k": 1}, "b": {"k": 2}})"));  // one key per object is fine
}

TEST(Json, Issue22IntegersBeyondInt64AreRefusedNotWrapped) {
  // Before: 18446744073709551615 read as -1.
  auto r = Json::parse(R"({"amount_fen": 18446744073709551615})");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("2^63-1"), std::string::npos) << r.error().message;
  auto max = Json::parse(R"({"n": 9223372036854775807, "m": -9223372036854775808})");
  ASSERT_TRUE(max);
  EXPECT_EQ(max->get_int("n"), INT64_MAX);
  EXPECT_EQ(max->get_int("m"), INT64_MIN);
  // A double outside int64 reads as the nearest bound, not as undefined behaviour.
  auto big = Json::parse(R"({"x": 1e30, "y": -1e30})");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->get_int("x"), INT64_MAX);
  EXPECT_EQ(big->get_int("y"), INT64_MIN);
}

TEST(Json, Issue22AWideObjectKeepsItsOrder) {
  std::string text = "{";
  for (int i = 0; i < 200'000; ++i)
    text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  text += "}";
  auto r = Json::parse(text);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 200'000u);
  EXPECT_EQ(r->members().front().first, "k0");
  EXPECT_EQ(r->members().back().first, "k199999");
  EXPECT_EQ(r->dump(), text);
}

TEST(Json, SyntaxErrorsNameLineAndColumn) {
  auto r = Json::parse("{\n  \"a\": 1,\n  \"b\": tru\n}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 3);
  EXPECT_NE(r.error().message.find("not valid JSON"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace pitwall::io
