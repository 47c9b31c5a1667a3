#include "io/encoding/gb18030.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>

#include "io/encoding/encoding.hpp"
#include "io/encoding/utf8.hpp"

namespace pitwall::io {

namespace {

constexpr int kTrailCount = 190;                  // 0x40..0x7E, 0x80..0xFE
constexpr int kTwoByteCount = 126 * kTrailCount;  // 23,940
constexpr int kFourByteBmpCount = 39420;          // 0x81308130..0x8431A439
constexpr uint32_t kSupplementaryStart = 189000;  // linear index of 0x90308130 (U+10000)
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Decoding tables: UTF-8 bytes packed little-endian into a uint32 (first byte lowest); 0 means
// "no character". The length follows from the first byte.
struct DecodeTables {
  uint32_t two[kTwoByteCount];
  uint32_t four[kFourByteBmpCount];
};

// Encoding table for the BMP: GB18030 bytes packed little-endian; <= 0xFFFF means two bytes.
struct EncodeTable {
  uint32_t code[0x10000];
};

uint32_t pack_utf8(uint32_t cp) {
  std::string s;
  append_utf8(s, cp);
  uint32_t v = 0;
  std::memcpy(&v, s.data(), s.size());
  return v;
}

inline size_t packed_utf8_length(uint32_t v) {
  auto b0 = static_cast<unsigned char>(v & 0xFF);
  return b0 < 0xE0 ? 2 : (b0 < 0xF0 ? 3 : 4);
}

// One code point from one GB18030 sequence through iconv; 0 when unmapped.
uint32_t iconv_one(iconv_t cd, const unsigned char* bytes, size_t length) {
  char in[4];
  std::memcpy(in, bytes, length);
  char out[16];
  char* in_ptr = in;
  size_t in_left = length;
  char* out_ptr = out;
  size_t out_left = sizeof out;
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  if (iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<size_t>(-1)) return 0;
  if (in_left != 0 || out_ptr - out != 4) return 0;
  uint32_t cp = 0;
  std::memcpy(&cp, out, 4);
  return cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF) ? cp : 0;
}

std::unique_ptr<DecodeTables> build_decode_tables() {
  iconv_t cd = iconv_open("UTF-32LE", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return nullptr;
  auto t = std::make_unique<DecodeTables>();
  for (int lead = 0; lead < 126; ++lead) {
    for (int trail = 0; trail < kTrailCount; ++trail) {
      unsigned char b[2] = {static_cast<unsigned char>(0x81 + lead),
                            static_cast<unsigned char>(trail < 63 ? 0x40 + trail : 0x41 + trail)};
      uint32_t cp = iconv_one(cd, b, 2);
      t->two[lead * kTrailCount + trail] = cp == 0 ? 0 : pack_utf8(cp);
    }
  }
  for (int linear = 0; linear < kFourByteBmpCount; ++linear) {
    unsigned char b[4] = {static_cast<unsigned char>(0x81 + linear / 12600),
                          static_cast<unsigned char>(0x30 + linear / 1260 % 10),
                          static_cast<unsigned char>(0x81 + linear / 10 % 126),
                          static_cast<unsigned char>(0x30 + linear % 10)};
    uint32_t cp = iconv_one(cd, b, 4);
    t->four[linear] = cp == 0 ? 0 : pack_utf8(cp);
  }
  iconv_close(cd);
  return t;
}

const DecodeTables* decode_tables() {
  static std::once_flag once;
  static std::unique_ptr<DecodeTables> tables;
  std::call_once(once, [] { tables = build_decode_tables(); });
  return tables.get();
}

const EncodeTable* encode_table() {
  static std::once_flag once;
  static std::unique_ptr<EncodeTable> table;
  std::call_once(once, [] {
    const DecodeTables* d = decode_tables();
    if (d == nullptr) return;
    table = std::make_unique<EncodeTable>();
    std::memset(table->code, 0, sizeof table->code);
    auto code_point_of = [](uint32_t packed) {
      char bytes[4];
      std::memcpy(bytes, &packed, 4);
      size_t length = 0;
      return decode_utf8(std::string_view(bytes, packed_utf8_length(packed)), length);
    };
    // Four-byte codes first, so a character that also has a two-byte code gets the shorter one.
    for (int linear = 0; linear < kFourByteBmpCount; ++linear) {
      if (d->four[linear] == 0) continue;
      uint32_t cp = code_point_of(d->four[linear]);
      if (cp >= 0x10000) continue;
      table->code[cp] = (0x81u + linear / 12600) | (0x30u + linear / 1260 % 10) << 8 |
                        (0x81u + linear / 10 % 126) << 16 | (0x30u + linear % 10) << 24;
    }
    for (int i = 0; i < kTwoByteCount; ++i) {
      if (d->two[i] == 0) continue;
      uint32_t cp = code_point_of(d->two[i]);
      if (cp >= 0x10000) continue;
      int trail = i % kTrailCount;
      table->code[cp] = (0x81u + i / kTrailCount) | (trail < 63 ? 0x40u + trail : 0x41u + trail)
                                                        << 8;
    }
  });
  return table.get();
}

inline size_t copy_ascii_run(const unsigned char* p, size_t n, char* out) {
  size_t i = 0;
  while (i + 8 <= n) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & kHighBits) break;
    std::memcpy(out + i, &word, 8);
    i += 8;
  }
  while (i < n && p[i] < 0x80) {
    out[i] = static_cast<char>(p[i]);
    ++i;
  }
  return i;
}

inline bool is_digit_byte(unsigned char b) { return b >= 0x30 && b <= 0x39; }

// UTF-8 (packed) of the multi-byte sequence at p, 0 when invalid; sets `length`.
inline uint32_t decode_sequence(const DecodeTables& t, const unsigned char* p, size_t avail,
                                size_t& length) {
  unsigned char b0 = p[0];
  if (b0 == 0x80) {
    length = 1;
    return 0xAC82E2;  // U+20AC € (code page 936)
  }
  if (b0 == 0xFF || avail < 2) return 0;
  unsigned char b1 = p[1];
  if (b1 >= 0x40 && b1 <= 0xFE && b1 != 0x7F) {
    length = 2;
    return t.two[(b0 - 0x81) * kTrailCount + (b1 < 0x7F ? b1 - 0x40 : b1 - 0x41)];
  }
  if (!is_digit_byte(b1) || avail < 4) return 0;
  unsigned char b2 = p[2];
  unsigned char b3 = p[3];
  if (b2 < 0x81 || b2 == 0xFF || !is_digit_byte(b3)) return 0;
  length = 4;
  uint32_t linear = ((b0 - 0x81u) * 10 + (b1 - 0x30u)) * 1260 + (b2 - 0x81u) * 10 + (b3 - 0x30u);
  if (linear < kFourByteBmpCount) return t.four[linear];
  if (linear < kSupplementaryStart || linear - kSupplementaryStart >= 0x100000) return 0;
  return pack_utf8(0x10000 + (linear - kSupplementaryStart));
}

}  // namespace

bool gb18030_available() { return decode_tables() != nullptr; }

size_t gb18030_decode_append(std::string_view in, std::string& out) {
  const DecodeTables* tables = decode_tables();
  if (tables == nullptr) return in.empty() ? kNoBadByte : 0;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t start = out.size();
  // A byte becomes at most 3 UTF-8 bytes (0x80 -> €); 4 spare for the packed store.
  out.resize(start + 3 * n + 4);
  char* dst = out.data() + start;
  size_t i = 0;
  size_t bad = kNoBadByte;
  while (i < n) {
    size_t run = copy_ascii_run(p + i, n - i, dst);
    i += run;
    dst += run;
    if (i == n) break;
    size_t length = 0;
    uint32_t packed = decode_sequence(*tables, p + i, n - i, length);
    if (packed == 0) {
      bad = i;
      break;
    }
    std::memcpy(dst, &packed, 4);
    dst += packed_utf8_length(packed);
    i += length;
  }
  out.resize(static_cast<size_t>(dst - out.data()));
  return bad;
}

core::Result<std::string> gb18030_to_utf8(std::string_view in) {
  if (!gb18030_available()) {
    return core::make_error(core::ErrorCode::kInternal,
                            "this system's iconv has no GB18030 converter (glibc gconv modules "
                            "missing), so GB18030/GBK text cannot be read");
  }
  std::string out;
  size_t bad = gb18030_decode_append(in, out);
  if (bad != kNoBadByte) {
    return core::invalid_input(fmt::format("bytes {} at offset {} are not valid GB18030",
                                           describe_bytes(in.substr(bad, 4)), bad));
  }
  return out;
}

core::Result<std::string> utf8_to_gb18030(std::string_view utf8) {
  const EncodeTable* table = encode_table();
  if (table == nullptr) {
    return core::make_error(core::ErrorCode::kInternal,
                            "this system's iconv has no GB18030 converter (glibc gconv modules "
                            "missing), so GB18030/GBK text cannot be written");
  }
  size_t valid = utf8_valid_prefix(utf8);
  if (valid != utf8.size()) {
    return core::invalid_input(fmt::format("bytes {} at offset {} are not valid UTF-8",
                                           describe_bytes(utf8.substr(valid, 4)), valid));
  }
  std::string out;
  out.reserve(utf8.size() + 16);
  size_t i = 0;
  while (i < utf8.size()) {
    auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t cp = decode_utf8(utf8.substr(i), length);
    uint32_t code = 0;
    if (cp >= 0x10000) {
      uint32_t linear = kSupplementaryStart + (cp - 0x10000);
      code = (0x81u + linear / 12600) | (0x30u + linear / 1260 % 10) << 8 |
             (0x81u + linear / 10 % 126) << 16 | (0x30u + linear % 10) << 24;
    } else {
      code = table->code[cp];
    }
    if (code == 0) {
      return core::invalid_input(
          fmt::format("character U+{:04X} at offset {} cannot be written in GB18030", cp, i));
    }
    char bytes[4];
    std::memcpy(bytes, &code, 4);
    out.append(bytes, code <= 0xFFFF ? 2 : 4);
    i += length;
  }
  return out;
}

}  // namespace pitwall::io
