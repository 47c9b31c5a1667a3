#pragma once
// Domain: dense ids for the distinct values of one kind of identifier (customers, staff,
// packages, ...) as they occur in the orders table, plus values named elsewhere (master data,
// correction sheets, the blacklist). Internal to the close-out pipeline.
//
// Ids are given in order of first appearance, so they never depend on how a StringPool numbered
// its strings. Values of the orders table are mapped through a memo array indexed by pool id
// (one array shared by all domains, used by one domain at a time: build a domain, take every
// lookup it needs, then `finish` it). Values from other tables are found in the orders pool by
// content, or kept as extra values of their own.

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/closeout/kernels.hpp"
#include "core/model/string_pool.hpp"

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
  // Id of a value given as text (from another table), added if new; kNone for "".
  uint32_t add_text(std::string_view text);
  // Id of a value given as text, or kNone when the domain does not hold it.
  uint32_t find_text(std::string_view text) const;
  // Releases the memo for the next domain. Lookups by text are no longer possible afterwards;
  // `text` still is.
  void finish();

  uint32_t size() const { return static_cast<uint32_t>(source_.size()); }
  std::string_view text(uint32_t id) const;

 private:
  static constexpr uint32_t kExtraBit = 0x80000000u;
  const StringPool* pool_;
  std::vector<uint32_t>* memo_;
  bool finished_ = false;
  std::vector<uint32_t> source_;  // pool id, or kExtraBit | index into extras_
  std::deque<std::string> extras_;
  std::map<std::string_view, uint32_t, std::less<>> extra_ids_;
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

}  // namespace pitwall::core::closeout
