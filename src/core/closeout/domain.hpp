#pragma once
// Domain: dense ids for the distinct values of one kind of identifier (customers, staff,
// packages, ...) as they occur in the orders table, plus values named elsewhere (master data,
// correction sheets, the blacklist). Internal to the close-out pipeline.
//
// Ids are given in order of first appearance, so they never depend on how a StringPool numbered
// its strings. Values of the orders table are mapped through a memo array indexed by pool id
// (one array shared by all domains, used by one domain at a time: add the column values, then
// `finish`). Texts from other tables are matched by fingerprint (fingerprint.hpp) in one
// sequential scan of the domain's values (`resolve`), never by lookups into the pool's index.

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/closeout/fingerprint.hpp"

namespace pitwall::core::closeout {

class Domain {
 public:
  // `memo` must have pool.size() entries, all kNone; `finish` restores that.
  Domain(const StringPool& pool, std::vector<uint32_t>& memo) : pool_(&pool), memo_(&memo) {}

  // Id of the orders-pool string `pool_id`, added if new; kNone for the empty string (id 0).
  uint32_t add_pool_id(uint32_t pool_id) {
    if (pool_id == 0) return kNone;
    uint32_t& slot = (*memo_)[pool_id];
    if (slot == kNone) {
      slot = static_cast<uint32_t>(source_.size());
      source_.push_back(pool_id);
    }
    return slot;
  }
  // Room for `values` distinct values without regrowing (a column of that many rows has at most
  // that many); memory not used is never touched.
  void reserve(size_t values) { source_.reserve(values); }
  // Releases the memo for the next domain; add_pool_id is no longer possible afterwards.
  // With `copy_texts`, the values' texts are copied out of the pool first, read in the pool's own
  // order: the values are numbered in the order the orders are, which is not the pool's (a
  // re-exported order's strings were added to the pool at its first row, and it is numbered by
  // its winning row: collect.cpp), so that reading them in value order would jump about a pool
  // mapped from a file, whose pages the page releaser drops (issue 24). The copy holds the
  // domain's distinct texts and an offset each.
  void finish(bool copy_texts = false);

  // Ids of texts from other tables: the id of the equal value, else (with kAdd) a new id, else
  // kNone. "" is always kNone. One scan over the domain's values when `texts` is not empty.
  enum class Missing : uint8_t { kAdd, kNone };
  std::vector<uint32_t> resolve(std::span<const std::string_view> texts, Missing missing,
                                int threads);

  uint32_t size() const { return static_cast<uint32_t>(source_.size()); }
  // The orders-pool id of value `id`, or kNone for a value from another table.
  uint32_t pool_id(uint32_t id) const {
    uint32_t s = source_[id];
    return s & kExtraBit ? kNone : s;
  }
  std::string_view text(uint32_t id) const {
    uint32_t s = source_[id];
    if (s & kExtraBit) return std::string_view(extras_[s & ~kExtraBit]);
    if (text_end_.empty()) return pool_->view(s);
    uint32_t begin = id == 0 ? 0 : text_end_[id - 1];
    return std::string_view(texts_).substr(begin, text_end_[id] - begin);
  }

 private:
  static constexpr uint32_t kExtraBit = 0x80000000u;
  const StringPool* pool_;
  std::vector<uint32_t>* memo_;
  bool finished_ = false;
  std::vector<uint32_t> source_;  // pool id, or kExtraBit | index into extras_
  std::deque<std::string> extras_;
  std::string texts_;               // finish(true): the pool values' texts, in value order
  std::vector<uint32_t> text_end_;  // per pool value: where its text ends in texts_
};

// Mainland mobile number of a phone as typed: full-width digits, spaces, dashes, dots,
// parentheses and a +86 / 0086 / 86 prefix are removed (closeout.md §3 fix.phone). Returns the
// 11-digit number, or 0 when what is left is not 11 digits starting with 1.
uint64_t normalise_phone(std::string_view text);
// Whether `text` is already exactly 11 ASCII digits starting with 1.
bool is_normalised_phone(std::string_view text);
// VIN as compared: full-width letters and digits made ASCII, upper case, spaces and dashes
// removed.
std::string normalise_vin(std::string_view text);
// Whether normalise_vin(text) == text (the common case, checked without allocating).
bool is_normalised_vin(std::string_view text);

}  // namespace pitwall::core::closeout
