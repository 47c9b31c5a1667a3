#include "core/closeout/fingerprint.hpp"

#include <bit>

namespace pitwall::core::closeout {

namespace {
constexpr uint64_t kM1 = 0x9E3779B97F4A7C15ULL;
constexpr uint64_t kM2 = 0xC2B2AE3D27D4EB4FULL;

uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

Fingerprint fingerprint(std::string_view text) {
  const size_t n = text.size();
  const char* p = text.data();
  // The length enters both streams through a multiply: never cancelled by the first word (the
  // tail words of texts of different lengths can share bits that an xor or add would cancel).
  uint64_t a = (0x243F6A8885A308D3ULL ^ n) * kM2;
  uint64_t b = (0x13198A2E03707344ULL + n) * kM1;
  auto step = [&](uint64_t w) {
    a = (a ^ w) * kM1;
    a ^= a >> 29;
    b = std::rotl(b + w * kM2, 31) * kM1;
  };
  size_t i = 0;
  for (; i + 8 <= n; i += 8) step(load64(p + i));
  // The last 1..7 bytes without a variable-length copy (a call and a stalled load per text):
  // the last 8 bytes, overlapping the previous word, or two (overlapping) 4- or 1-byte reads.
  if (i < n) step(n >= 8 ? load64(p + n - 8) : short_word(p, n));
  return {mix(a), static_cast<uint32_t>(mix(b ^ a))};
}

FingerprintMap::FingerprintMap(size_t expected) {
  size_t n = 16;
  while (n < expected * 2 + 2) n *= 2;
  slots_.resize(n);
  mask_ = n - 1;
}

uint32_t FingerprintMap::insert(Fingerprint fp, uint32_t value) {
  if ((count_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    count_ = 0;
    for (const Slot& slot : old) {
      if (slot.value != kNone) insert(slot.fp, slot.value);
    }
  }
  for (size_t s = fp.hi & mask_;; s = (s + 1) & mask_) {
    Slot& slot = slots_[s];
    if (slot.value == kNone) {
      slot = {fp, value};
      ++count_;
      return value;
    }
    if (slot.fp == fp) return slot.value;
  }
}

uint32_t FingerprintMap::find(Fingerprint fp) const {
  for (size_t s = fp.hi & mask_;; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (slot.value == kNone) return kNone;
    if (slot.fp == fp) return slot.value;
  }
}

namespace {
struct Item {
  uint64_t hi;
  uint32_t lo;
  uint32_t index;
};

// Items of `texts` grouped by the top `bits` of their fingerprint, in index order per partition.
// Each text is hashed twice (counting, then placing) rather than kept in a second array of
// items: fresh memory costs more than hashing a short text again (10M customers: 150 MB).
std::vector<Item> partition(TextList texts, int bits, std::vector<uint32_t>& offsets) {
  size_t parts = size_t{1} << bits;
  int shift = 64 - bits;
  offsets.assign(parts + 1, 0);
  // The ids are often in no particular order of the pool (customers in order of first order):
  // each text costs two dependent cache misses (its offset, then its bytes), so both are
  // prefetched ahead — the offsets 2d texts ahead, the bytes d ahead.
  constexpr size_t d = 16;
  const StringPool& pool = *texts.pool;
  std::span<const uint64_t> offsets_of = pool.offsets();
  const char* bytes = pool.bytes().data();
  auto for_each_fingerprint = [&](auto&& fn) {
    for (size_t i = 0; i < texts.size(); ++i) {
      if (i + 2 * d < texts.size()) __builtin_prefetch(&offsets_of[texts.ids[i + 2 * d]]);
      if (i + d < texts.size()) __builtin_prefetch(bytes + offsets_of[texts.ids[i + d]]);
      fn(i, fingerprint(texts[i]));
    }
  };
  for_each_fingerprint([&](size_t, Fingerprint fp) { ++offsets[(bits ? fp.hi >> shift : 0) + 1]; });
  for (size_t p = 0; p < parts; ++p) offsets[p + 1] += offsets[p];
  std::vector<Item> items(texts.size());
  std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
  for_each_fingerprint([&](size_t i, Fingerprint fp) {
    items[next[bits ? fp.hi >> shift : 0]++] = {fp.hi, fp.lo, static_cast<uint32_t>(i)};
  });
  return items;
}

void join_partition(std::span<const Item> build, std::span<const Item> probe,
                    std::vector<uint32_t>& result, std::vector<uint32_t>& table) {
  size_t n = 16;
  while (n < build.size() * 2 + 2) n *= 2;
  table.assign(n, kNone);  // positions into `build`
  size_t mask = n - 1;
  for (uint32_t b = 0; b < build.size(); ++b) {
    size_t s = (build[b].hi * kM2 >> 20) & mask;
    for (;; s = (s + 1) & mask) {
      uint32_t& slot = table[s];
      if (slot == kNone || (build[slot].hi == build[b].hi && build[slot].lo == build[b].lo)) {
        slot = b;  // a later build item replaces an equal earlier one
        break;
      }
    }
  }
  for (const Item& p : probe) {
    size_t s = (p.hi * kM2 >> 20) & mask;
    for (;; s = (s + 1) & mask) {
      uint32_t slot = table[s];
      if (slot == kNone) break;
      if (build[slot].hi == p.hi && build[slot].lo == p.lo) {
        result[p.index] = build[slot].index;
        break;
      }
    }
  }
}
}  // namespace

std::vector<uint32_t> join_fingerprints(TextList build, TextList probe, int threads) {
  std::vector<uint32_t> result(probe.size(), kNone);
  if (build.size() == 0 || probe.size() == 0) return result;
  size_t total = build.size() + probe.size();
  // Partitions of about 8k items fit in cache; at most 2^9 of them, since writing items to
  // more partitions at once misses the TLB on every write (10M customers: 1 s a side at 2^12).
  int bits = 0;
  while (bits < 9 && (total >> bits) > 8192) ++bits;
  std::vector<uint32_t> build_offsets, probe_offsets;
  std::vector<Item> build_items, probe_items;
  run_tasks(threads, {[&] { build_items = partition(build, bits, build_offsets); },
                      [&] { probe_items = partition(probe, bits, probe_offsets); }});
  size_t parts = size_t{1} << bits;
  auto work = [&](size_t begin, size_t end) {
    std::vector<uint32_t> table;
    for (size_t p = begin; p < end; ++p) {
      join_partition(
          {build_items.data() + build_offsets[p], build_items.data() + build_offsets[p + 1]},
          {probe_items.data() + probe_offsets[p], probe_items.data() + probe_offsets[p + 1]},
          result, table);
    }
  };
  if (threads > 1 && parts > 1) {
    run_tasks(2, {[&] { work(0, parts / 2); }, [&] { work(parts / 2, parts); }});
  } else {
    work(0, parts);
  }
  return result;
}

}  // namespace pitwall::core::closeout
