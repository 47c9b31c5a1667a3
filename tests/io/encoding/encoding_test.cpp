#include "io/encoding/encoding.hpp"

#include <gtest/gtest.h>

#include <string>

#include "io/encoding/gb18030.hpp"
#include "io/encoding/utf8.hpp"

namespace pitwall::io {
namespace {

// Byte values below were checked with `printf X | iconv -f UTF-8 -t GB18030 | xxd`.
constexpr std::string_view kZhongGb = "\xD6\xD0";              // 中
constexpr std::string_view kEuroGb = "\xA2\xE3";               // € (GB18030-2005)
constexpr std::string_view kYenGb = "\x81\x30\x84\x36";        // ¥ U+00A5, a BMP four-byte code
constexpr std::string_view kCjkExtBGb = "\x95\x32\x82\x36";    // 𠀀 U+20000
constexpr std::string_view kCjkExtBUtf8 = "\xF0\xA0\x80\x80";  // 𠀀

TEST(Utf8, ValidatesStrictly) {
  EXPECT_TRUE(is_valid_utf8("plain ascii, long enough for the fast path"));
  EXPECT_TRUE(is_valid_utf8("门店编码"));
  EXPECT_TRUE(is_valid_utf8(kCjkExtBUtf8));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abc\xE4\xB8"));       // cut off
  EXPECT_EQ(utf8_valid_prefix("abcdefgh\xFF"), 8u);
}

TEST(Utf8, RecognisesSequencesCutAtTheEnd) {
  EXPECT_TRUE(is_utf8_sequence_start("\xE4"));
  EXPECT_TRUE(is_utf8_sequence_start("\xE4\xB8"));
  EXPECT_TRUE(is_utf8_sequence_start("\xF0\xA0\x80"));
  EXPECT_FALSE(is_utf8_sequence_start("\xE4\xB8\xAD"));  // complete
  EXPECT_FALSE(is_utf8_sequence_start("\xFF"));
  EXPECT_FALSE(is_utf8_sequence_start("\xE0\x80"));  // would be overlong
}

TEST(Detect, BomMeansUtf8) {
  DetectedEncoding d = detect_encoding(
      "\xEF\xBB\xBF"
      "a,b\n",
      true);
  EXPECT_EQ(d.encoding, Encoding::kUtf8);
  EXPECT_EQ(d.bom_size, 3u);
}

TEST(Detect, ValidUtf8IsUtf8AndAsciiIsOnlyAGuess) {
  EXPECT_EQ(detect_encoding("订单号,金额\n", true).encoding, Encoding::kUtf8);
  EXPECT_FALSE(detect_encoding("订单号,金额\n", true).ascii_only);
  EXPECT_TRUE(detect_encoding("order_id,amount\n", true).ascii_only);
}

TEST(Detect, InvalidUtf8IsGb18030) {
  std::string gbk = std::string("\xB6\xA9\xB5\xA5\xBA\xC5") + ",x\n";  // 订单号,x
  EXPECT_EQ(detect_encoding(gbk, true).encoding, Encoding::kGb18030);
}

TEST(Detect, SequenceCutAtSampleEndStillCountsAsUtf8) {
  std::string sample = "a,b\n门";
  sample += std::string("店").substr(0, 2);  // the sample ends inside 店
  EXPECT_EQ(detect_encoding(sample, false).encoding, Encoding::kUtf8);
  // The same bytes as a whole file are not valid UTF-8.
  EXPECT_EQ(detect_encoding(sample, true).encoding, Encoding::kGb18030);
}

TEST(Detect, Gb18030Bom) {
  DetectedEncoding d = detect_encoding(
      "\x84\x31\x95\x33"
      "a",
      true);
  EXPECT_EQ(d.encoding, Encoding::kGb18030);
  EXPECT_EQ(d.bom_size, 4u);
}

TEST(EncodingName, ParsesUserNames) {
  EXPECT_EQ(*parse_encoding_name("GBK"), Encoding::kGb18030);
  EXPECT_EQ(*parse_encoding_name("gb-18030"), Encoding::kGb18030);
  EXPECT_EQ(*parse_encoding_name("UTF-8"), Encoding::kUtf8);
  EXPECT_EQ(*parse_encoding_name("auto"), Encoding::kAuto);
  auto bad = parse_encoding_name("latin1");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("latin1"), std::string::npos);
  EXPECT_EQ(encoding_name(Encoding::kGb18030), "gb18030");
}

TEST(Gb18030, DecodesTwoAndFourByteCodes) {
  ASSERT_TRUE(gb18030_available());
  std::string in = std::string("id=") + std::string(kZhongGb) + std::string(kEuroGb) +
                   std::string(kYenGb) + std::string(kCjkExtBGb) + "!";
  auto out = gb18030_to_utf8(in);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(*out, std::string("id=中€¥") + std::string(kCjkExtBUtf8) + "!");
}

TEST(Gb18030, ReadsCodePage936EuroByte) { EXPECT_EQ(*gb18030_to_utf8("\x80"), "€"); }

TEST(Gb18030, DecodesTheEndsOfTheFourByteRanges) {
  EXPECT_EQ(*gb18030_to_utf8("\x81\x30\x81\x30"), "\xC2\x80");          // U+0080, first
  EXPECT_EQ(*gb18030_to_utf8("\x84\x31\xA4\x39"), "\xEF\xBF\xBF");      // U+FFFF, last BMP
  EXPECT_EQ(*gb18030_to_utf8("\x90\x30\x81\x30"), "\xF0\x90\x80\x80");  // U+10000
  EXPECT_EQ(*gb18030_to_utf8("\xE3\x32\x9A\x35"), "\xF4\x8F\xBF\xBF");  // U+10FFFF
}

TEST(Gb18030, ReportsInvalidBytesWithTheirOffset) {
  struct Case {
    std::string bytes;
    size_t offset;
  };
  const Case cases[] = {
      {"ab\xFF", 2},             // 0xFF is never a lead byte
      {"ab\xD6", 2},             // lead byte cut off
      {"a\x81\x7F", 1},          // 0x7F is not a trail byte
      {"\x81\x30\x81", 0},       // four-byte code cut off
      {"\x85\x30\x81\x30", 0},   // between the BMP and supplementary ranges
      {"\xE3\x32\x9A\x36", 0},   // past U+10FFFF
      {"x\x81\x30\xFF\x30", 1},  // bad third byte
  };
  for (const Case& c : cases) {
    std::string out;
    EXPECT_EQ(gb18030_decode_append(c.bytes, out), c.offset) << describe_bytes(c.bytes);
    auto r = gb18030_to_utf8(c.bytes);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().message.find("offset " + std::to_string(c.offset)), std::string::npos)
        << r.error().message;
  }
}

TEST(Gb18030, EncodesUtf8) {
  auto out = utf8_to_gb18030(std::string("订单号,中€¥") + std::string(kCjkExtBUtf8));
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, std::string("\xB6\xA9\xB5\xA5\xBA\xC5,") + std::string(kZhongGb) +
                      std::string(kEuroGb) + std::string(kYenGb) + std::string(kCjkExtBGb));
  EXPECT_FALSE(utf8_to_gb18030("a\xFF").has_value());
}

TEST(Gb18030, EveryBmpCodeRoundTrips) {
  // decode(encode(decode(x))) == decode(x) for every two-byte and BMP four-byte code.
  size_t checked = 0;
  auto check = [&](const std::string& code) {
    auto text = gb18030_to_utf8(code);
    if (!text.has_value()) return;
    auto back = utf8_to_gb18030(*text);
    ASSERT_TRUE(back.has_value()) << describe_bytes(code);
    EXPECT_EQ(*gb18030_to_utf8(*back), *text) << describe_bytes(code);
    ++checked;
  };
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      if (trail != 0x7F) check(std::string{static_cast<char>(lead), static_cast<char>(trail)});
    }
  }
  for (int linear = 0; linear < 39420; linear += 7) {
    check(std::string{
        static_cast<char>(0x81 + linear / 12600), static_cast<char>(0x30 + linear / 1260 % 10),
        static_cast<char>(0x81 + linear / 10 % 126), static_cast<char>(0x30 + linear % 10)});
  }
  // GB18030 maps all 23,940 two-byte codes except the user-defined areas glibc leaves out;
  // at least the 21,886 of GBK must be there.
  EXPECT_GT(checked, 21886u + 39420u / 7 - 10);
}

}  // namespace
}  // namespace pitwall::io
