#pragma once
// Matching text across tables without random lookups into a big string index (style.md "Hot
// paths"): each text gets a 96-bit fingerprint (two independent 64-bit hashes, one kept whole
// and 32 bits of the other), and texts match when fingerprints match. For the tens of millions
// of values of a national campaign the chance that two different texts share a fingerprint is
// below 1e-14; the result is deterministic either way.
//
// Two shapes of lookup:
//   - FingerprintMap: a few (up to ~1e5) texts of a side input, probed while scanning the values
//     of a big column once (the scan is sequential; the map stays in cache);
//   - join_fingerprints: two big lists (customers file x customers of the orders), by a
//     radix-partitioned hash join whose partitions fit in cache, over both cores.

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "core/closeout/kernels.hpp"
#include "core/model/string_pool.hpp"

namespace pitwall::core::closeout {

// Unaligned reads of a text's bytes for hashing, without variable-length copies (a call and a
// stalled load per text).
inline uint64_t load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
// The n (1..7) bytes at p as one word (two overlapping 4-byte reads, or bytes 0, n/2 and n-1):
// different byte strings of one length give different words.
inline uint64_t short_word(const char* p, size_t n) {
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return lo | uint64_t{hi} << 32;
  }
  auto byte = [&](size_t k) { return uint64_t{static_cast<unsigned char>(p[k])}; };
  return byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
}

struct Fingerprint {
  uint64_t hi = 0;
  uint32_t lo = 0;
  bool operator==(const Fingerprint&) const = default;
};
Fingerprint fingerprint(std::string_view text);

// Texts of one pool by id: a column of a table, or a domain's values.
struct TextList {
  const StringPool* pool = nullptr;
  std::span<const uint32_t> ids;
  size_t size() const { return ids.size(); }
  std::string_view operator[](size_t i) const { return pool->view(ids[i]); }
};

// Open-addressing map from fingerprint to a value (growing as needed); the first insert of a
// fingerprint wins.
class FingerprintMap {
 public:
  explicit FingerprintMap(size_t expected);
  // Returns the value stored for `fp` (the given one when new).
  uint32_t insert(Fingerprint fp, uint32_t value);
  uint32_t find(Fingerprint fp) const;  // kNone when absent
  bool empty() const { return count_ == 0; }

 private:
  struct Slot {
    Fingerprint fp;
    uint32_t value = kNone;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t count_ = 0;
};

// For each probe text, the index of the last build text equal to it, or kNone.
std::vector<uint32_t> join_fingerprints(TextList build, TextList probe, int threads);

}  // namespace pitwall::core::closeout
