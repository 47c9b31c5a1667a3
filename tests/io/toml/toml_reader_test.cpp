// Yuan in TOML files go through the one amount parser (io/text/fields.hpp), bounded and exact in
// fen: the campaign and programme readers share toml_yuan (issue 23, "one amount parser").
#include "io/toml/toml_reader.hpp"

#include <gtest/gtest.h>

namespace pitwall::io {
namespace {

int64_t fen_of(std::string_view text) {
  auto m = toml_yuan(text);
  EXPECT_TRUE(m.has_value()) << text << ": " << m.error().to_string();
  return m ? m->fen() : -1;
}

TEST(TomlYuan, ReadsWhatTheAmountParserReads) {
  EXPECT_EQ(fen_of("1234.5"), 123450);
  EXPECT_EQ(fen_of("1234"), 123400);
  EXPECT_EQ(fen_of("0.1"), 10);  // a float's shortest form: exact, never 9.99… fen
  EXPECT_EQ(fen_of("1,234.50"), 123450);
  EXPECT_EQ(fen_of("¥1234.50"), 123450);
  EXPECT_EQ(fen_of("1234.50元"), 123450);
  EXPECT_EQ(fen_of("0"), 0);
  EXPECT_EQ(fen_of("10000000000"), int64_t{1'000'000'000'000});  // the bound, 10^10 yuan
}

TEST(TomlYuan, RefusesWhatIsNotExactOrOutOfBounds) {
  const std::pair<const char*, const char*> refused[] = {
      {"800.125", "io.amount_decimals"},      // a third decimal
      {"1e-05", "toml.yuan_places"},          // a float too small to be fen
      {"1e+16", "toml.yuan_range"},           // a float too large
      {"10000000000.01", "toml.yuan_range"},  // one fen above the bound
      {"-1", "toml.yuan_range"},              // negative
      {"nan", "io.cannot_read"},              // not a number
      {"5%", "io.cannot_read"},               // a rate is not an amount (read as 5 fen before)
      {"12,3x", "io.cannot_read"},
  };
  for (const auto& [text, key] : refused) {
    auto m = toml_yuan(text);
    ASSERT_FALSE(m.has_value()) << text;
    EXPECT_EQ(m.error().key, key) << text;
  }
}

TEST(TomlYuan, TheFileReaderLocatesTheRefusal) {
  auto doc = TomlDocument::parse("a = 1\ncost_yuan = \"5%\"\n", "c.toml");
  ASSERT_TRUE(doc.has_value());
  TomlSection root = doc->root();
  auto m = root.money("cost_yuan", core::Money());
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().where.file, "c.toml");
  EXPECT_EQ(m.error().where.line, 2);
  EXPECT_EQ(m.error().where.column, "cost_yuan");
  EXPECT_EQ(root.money("a", core::Money())->fen(), 100);
}

}  // namespace
}  // namespace pitwall::io
