// Column parts: what is written reads back, in the narrowest widths; a damaged part is kCorrupt
// naming the part and the column.
#include "io/report/column_part.hpp"

#include <gtest/gtest.h>

namespace pitwall::io {
namespace {

std::string write(const std::function<void(ColumnPartWriter&)>& fill) {
  std::string bytes;
  ColumnPartWriter w([&](std::string_view b) {
    bytes.append(b);
    return core::Status{};
  });
  fill(w);
  auto d = w.finish();
  EXPECT_TRUE(d.has_value());
  EXPECT_EQ(d->bytes, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(d->sha256, core::sha256_hex(bytes));
  return bytes;
}

TEST(ColumnPart, SizesAreTheNarrowestWidths) {
  std::vector<int64_t> small = {0, 255, 7};
  std::string bytes = write([&](ColumnPartWriter& w) {
    w.ints("a", 3, [&](size_t k) { return small[k]; });
    w.texts("t", 2, [](size_t k) { return k == 0 ? "ab" : ""; });
  });
  // 8 magic + 4 version; "a": 2 + 1 name + 3 kind/width/sign + 8 rows + 3 values (1 byte
  // each); "t": 2 + 1 + 3 + 8 + 8 text bytes + 2 lengths (1 byte each) + "ab" 2; end 2.
  EXPECT_EQ(bytes.size(), 12u + (2 + 1 + 3 + 8 + 3) + (2 + 1 + 3 + 8 + 8 + 2 + 2) + 2);
}

TEST(ColumnPart, WhatIsWrittenReadsBack) {
  std::vector<int64_t> wide = {-1, 0, 300, int64_t{1} << 40, INT64_MIN, INT64_MAX};
  std::vector<uint32_t> stores = {0, 70000, 5};
  std::vector<std::string> texts = {"O0001", "", "门店001", std::string(300, 'x')};
  std::vector<uint8_t> verdicts = {0, 16, 16, 250, 0};
  std::string bytes = write([&](ColumnPartWriter& w) {
    w.ints("wide", wide.size(), [&](size_t k) { return wide[k]; });
    w.ints("stores", stores.size(), [&](size_t k) { return stores[k]; });
    w.texts("texts", texts.size(), [&](size_t k) { return texts[k]; });
    w.codes(
        "verdict", verdicts.size(), [&](size_t k) { return verdicts[k]; },
        [](uint8_t c) { return c == 0    ? ""
                               : c == 16 ? "dup"
                                         : "arb"; });
  });
  auto part = ColumnPart::parse(bytes, "p");
  ASSERT_TRUE(part.has_value()) << part.error().to_string();
  std::vector<int64_t> wide_back;
  ASSERT_TRUE(part->ints("wide", 6, wide_back).has_value());
  EXPECT_EQ(wide_back, wide);
  std::vector<uint32_t> stores_back;
  ASSERT_TRUE(part->ints("stores", 3, stores_back).has_value());
  EXPECT_EQ(stores_back, stores);
  std::vector<std::string> texts_back;
  ASSERT_TRUE(part->texts("texts", 4, texts_back).has_value());
  EXPECT_EQ(texts_back, texts);
  std::vector<std::string> tokens;
  std::vector<uint8_t> index;
  ASSERT_TRUE(part->codes("verdict", 5, tokens, index).has_value());
  // Codes used, ascending: 0 -> "", 16 -> "dup", 250 -> "arb".
  EXPECT_EQ(tokens, (std::vector<std::string>{"", "dup", "arb"}));
  EXPECT_EQ(index, (std::vector<uint8_t>{0, 1, 1, 2, 0}));
  // A value outside the range asked for, a wrong row count, a missing column: kCorrupt.
  auto out_of_range = part->ints("stores", 3, stores_back, 1000);
  ASSERT_FALSE(out_of_range.has_value());
  EXPECT_EQ(out_of_range.error().code, core::ErrorCode::kCorrupt);
  EXPECT_NE(out_of_range.error().message.find("stores"), std::string::npos);
  EXPECT_FALSE(part->ints("wide", 5, wide_back).has_value());
  EXPECT_FALSE(part->ints("nope", -1, wide_back).has_value());
  EXPECT_FALSE(part->texts("wide", -1, texts_back).has_value());
}

TEST(ColumnPart, TruncatedOrForeignBytesAreCorruptNamingThePart) {
  std::string bytes = write([](ColumnPartWriter& w) {
    w.ints("amount_fen", 1000, [](size_t k) { return static_cast<int64_t>(k) * 1000; });
  });
  for (size_t cut : {bytes.size() - 1, bytes.size() - 100, size_t{30}, size_t{5}}) {
    auto part = ColumnPart::parse(std::string_view(bytes).substr(0, cut), "evaluation-2");
    ASSERT_FALSE(part.has_value()) << cut;
    EXPECT_EQ(part.error().code, core::ErrorCode::kCorrupt);
    EXPECT_NE(part.error().message.find("evaluation-2"), std::string::npos);
  }
  auto extra = ColumnPart::parse(bytes + "x", "ledger");
  ASSERT_FALSE(extra.has_value());
  EXPECT_NE(extra.error().message.find("ledger"), std::string::npos);
  auto foreign = ColumnPart::parse("{\"format\":1}", "findings");
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().code, core::ErrorCode::kCorrupt);
}

TEST(ColumnPart, SinkErrorIsReturned) {
  ColumnPartWriter w([](std::string_view) { return core::Status(core::not_found("disk")); });
  w.ints("a", 10, [](size_t k) { return k; });
  auto d = w.finish();
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace pitwall::io
