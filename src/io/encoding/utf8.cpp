#include "io/encoding/utf8.hpp"

#include <cstring>

namespace pitwall::io {

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Length of the valid sequence at p (end is one past the last byte), or 0 when the bytes there
// are not a complete valid sequence.
size_t valid_sequence_length(const unsigned char* p, const unsigned char* end) {
  unsigned char b0 = p[0];
  if (b0 < 0x80) return 1;
  size_t avail = static_cast<size_t>(end - p);
  auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return avail >= 2 && cont(p[1]) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (avail < 3 || !cont(p[1]) || !cont(p[2])) return 0;
    if (b0 == 0xE0 && p[1] < 0xA0) return 0;   // overlong
    if (b0 == 0xED && p[1] >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (avail < 4 || !cont(p[1]) || !cont(p[2]) || !cont(p[3])) return 0;
    if (b0 == 0xF0 && p[1] < 0x90) return 0;   // overlong
    if (b0 == 0xF4 && p[1] >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

size_t utf8_valid_prefix(std::string_view text) {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = begin;
  const auto* end = begin + text.size();
  while (p < end) {
    if (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & kHighBits) == 0) {
        p += 8;
        continue;
      }
    }
    if (*p < 0x80) {
      ++p;
      continue;
    }
    size_t n = valid_sequence_length(p, end);
    if (n == 0) break;
    p += n;
  }
  return static_cast<size_t>(p - begin);
}

bool is_utf8_sequence_start(std::string_view tail) {
  if (tail.empty() || tail.size() > 3) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(tail.data());
  unsigned char b0 = p[0];
  size_t need = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 3;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 4;
  } else {
    return false;
  }
  if (tail.size() >= need) return false;  // complete, so not "cut off"
  for (size_t i = 1; i < tail.size(); ++i) {
    if ((p[i] & 0xC0) != 0x80) return false;
  }
  if (tail.size() >= 2) {
    unsigned char b1 = p[1];
    if (b0 == 0xE0 && b1 < 0xA0) return false;
    if (b0 == 0xED && b1 >= 0xA0) return false;
    if (b0 == 0xF0 && b1 < 0x90) return false;
    if (b0 == 0xF4 && b1 >= 0x90) return false;
  }
  return true;
}

bool is_ascii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    acc |= word;
  }
  for (; i < n; ++i) acc |= static_cast<unsigned char>(p[i]);
  return (acc & kHighBits) == 0;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

uint32_t decode_utf8(std::string_view text, size_t& length) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char b0 = p[0];
  if (b0 < 0x80) {
    length = 1;
    return b0;
  }
  if (b0 < 0xE0) {
    length = 2;
    return ((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  }
  if (b0 < 0xF0) {
    length = 3;
    return ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  }
  length = 4;
  return ((b0 & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

std::string printable_text(std::string_view raw) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto escape = [](std::string& out, unsigned char c) {
    out += "\\x";
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  };
  std::string out;
  while (!raw.empty()) {
    size_t valid = utf8_valid_prefix(raw);
    for (unsigned char c : raw.substr(0, valid)) {
      if (c < 0x20 || c == 0x7f || c == '\\') {
        escape(out, c);
      } else {
        out.push_back(static_cast<char>(c));
      }
    }
    if (valid == raw.size()) break;
    escape(out, static_cast<unsigned char>(raw[valid]));
    raw.remove_prefix(valid + 1);
  }
  return out;
}

}  // namespace pitwall::io
