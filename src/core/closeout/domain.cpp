#include "core/closeout/domain.hpp"

#include <algorithm>
#include <cstring>

#include "core/base/check.hpp"

namespace pitwall::core::closeout {

namespace {
// `bits` bits of a hash of a text's length and its first and last 8 bytes (ids often share a
// long prefix): texts that differ there are never equal, so a bit set of the keys of the texts
// looked up lets a scan skip most values without hashing them whole.
uint32_t prefix_key(std::string_view t, int bits) {
  uint64_t head = 0, tail = 0;
  if (t.size() >= 8) {
    head = load64(t.data());
    tail = load64(t.data() + t.size() - 8);
  } else if (!t.empty()) {
    head = tail = short_word(t.data(), t.size());
  }
  uint64_t h = (head ^ (tail << 29 | tail >> 35) ^ (t.size() << 56)) * 0x9E3779B97F4A7C15ULL;
  return static_cast<uint32_t>(h >> (64 - bits));
}
}  // namespace

void Domain::finish(bool copy_texts) {
  if (finished_) return;
  // Values are added from the pool before any extra (resolve adds extras after finish), so the
  // pool values are ids 0..size()-1. Two passes over the memo in pool order: the lengths, then
  // the texts, each read where the pool keeps it, one after another.
  if (copy_texts && !source_.empty()) {
    const std::vector<uint32_t>& memo = *memo_;
    std::vector<uint32_t>& end = text_end_;
    end.assign(source_.size(), 0);
    for (uint32_t pid = 0; pid < memo.size(); ++pid) {
      if (memo[pid] != kNone) end[memo[pid]] = static_cast<uint32_t>(pool_->view(pid).size());
    }
    uint64_t total = 0;
    for (uint32_t& e : end) {
      total += e;
      e = static_cast<uint32_t>(total);
    }
    if (total >= UINT32_MAX) {
      // Beyond what 32-bit offsets hold: the texts stay in the pool.
      end.clear();
      end.shrink_to_fit();
    } else {
      texts_.resize(total);
      for (uint32_t pid = 0; pid < memo.size(); ++pid) {
        uint32_t v = memo[pid];
        if (v == kNone) continue;
        std::string_view t = pool_->view(pid);
        if (!t.empty()) std::memcpy(texts_.data() + (end[v] - t.size()), t.data(), t.size());
      }
    }
  }
  for (uint32_t s : source_) {
    if ((s & kExtraBit) == 0) (*memo_)[s] = kNone;
  }
  finished_ = true;
}

std::vector<uint32_t> Domain::resolve(std::span<const std::string_view> texts, Missing missing,
                                      int threads) {
  std::vector<uint32_t> ids(texts.size(), kNone);
  FingerprintMap groups(texts.size());
  std::vector<uint32_t> group_of(texts.size(), kNone);
  uint32_t group_count = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty()) continue;
    group_of[i] = groups.insert(fingerprint(texts[i]), group_count);
    if (group_of[i] == group_count) ++group_count;
  }
  if (group_count == 0) return ids;
  std::vector<uint32_t> id_of_group(group_count, kNone);
  // Values whose key no text has are skipped before hashing: the texts (test ids, blacklist
  // entries, correction values, ...) fill at most 1/16 of the filter, at most 2^20 bits.
  int bits = 12;
  while (bits < 20 && (size_t{1} << bits) < size_t{16} * group_count) ++bits;
  std::vector<uint64_t> filter((size_t{1} << bits) / 64, 0);
  for (std::string_view t : texts) {
    uint32_t b = prefix_key(t, bits);
    if (!t.empty()) filter[b >> 6] |= uint64_t{1} << (b & 63);
  }
  // Domain values are distinct, so each group is matched by at most one value: the two halves
  // never write the same entry.
  uint32_t n = size();
  auto scan = [&](uint32_t begin, uint32_t end) {
    for (uint32_t v = begin; v < end; ++v) {
      std::string_view t = text(v);
      uint32_t b = prefix_key(t, bits);
      if ((filter[b >> 6] >> (b & 63) & 1) == 0) continue;
      uint32_t g = groups.find(fingerprint(t));
      if (g != kNone) id_of_group[g] = v;
    }
  };
  if (threads > 1 && n > (1u << 16)) {
    run_tasks(2, {[&] { scan(0, n / 2); }, [&] { scan(n / 2, n); }});
  } else {
    scan(0, n);
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    uint32_t g = group_of[i];
    if (g == kNone) continue;
    if (id_of_group[g] == kNone && missing == Missing::kAdd) {
      id_of_group[g] = static_cast<uint32_t>(source_.size());
      extras_.emplace_back(texts[i]);
      source_.push_back(kExtraBit | static_cast<uint32_t>(extras_.size() - 1));
    }
    ids[i] = id_of_group[g];
  }
  return ids;
}

namespace {
// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes yield 0xFFFD.
uint32_t next_code_point(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  size_t extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + extra >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = b & (0x3Fu >> extra);
  for (size_t k = 1; k <= extra; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  }
  i += extra + 1;
  return cp;
}

// Full-width ASCII forms (U+FF01..U+FF5E) to ASCII; the ideographic space to a space.
uint32_t half_width(uint32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  if (cp == 0x3000) return ' ';
  return cp;
}

bool is_separator(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '-' || cp == '.' || cp == '(' || cp == ')' ||
         (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}
}  // namespace

bool is_normalised_phone(std::string_view text) {
  if (text.size() != 11 || text[0] != '1') return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

uint64_t normalise_phone(std::string_view text) {
  char digits[32];
  size_t n = 0;
  bool plus = false;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = half_width(next_code_point(text, i));
    if (cp >= '0' && cp <= '9') {
      if (n == sizeof digits) return 0;
      digits[n++] = static_cast<char>(cp);
    } else if (cp == '+' && n == 0) {
      plus = true;
    } else if (!is_separator(cp)) {
      return 0;
    }
  }
  std::string_view d(digits, n);
  if (d.size() == 15 && d.substr(0, 4) == "0086") d.remove_prefix(4);
  if (d.size() == 13 && d.substr(0, 2) == "86") d.remove_prefix(2);
  (void)plus;
  if (!is_normalised_phone(d)) return 0;
  uint64_t value = 0;
  for (char c : d) value = value * 10 + static_cast<uint64_t>(c - '0');
  return value;
}

bool is_normalised_vin(std::string_view text) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || c == ' ' || c == '\t' || c == '-' || (c >= 'a' && c <= 'z')) return false;
  }
  return !text.empty();
}

std::string normalise_vin(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = half_width(next_code_point(text, i));
    if (cp == ' ' || cp == '\t' || cp == '-') continue;
    if (cp >= 'a' && cp <= 'z') cp = cp - 'a' + 'A';
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else {
      // Keep other characters as they were (re-encoded); they simply never match a clean VIN.
      char buf[4];
      int len = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (int k = len - 1; k > 0; --k) {
        buf[k] = static_cast<char>(0x80 | (cp & 0x3F));
        cp >>= 6;
      }
      buf[0] = static_cast<char>((len == 2 ? 0xC0 : len == 3 ? 0xE0 : 0xF0) | cp);
      out.append(buf, len);
    }
  }
  return out;
}

}  // namespace pitwall::core::closeout
