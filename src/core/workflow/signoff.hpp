#pragma once
// Sign-offs (数据确认, 三方签字; closeout.md §8): what a store, a region manager and finance sign,
// and whether what they signed is still the number the close-out gives now.
//
// A sign-off records who, when, the settlement definition's tag and a digest: the SHA-256 of a
// canonical text of the numbers signed (numbers_text below). When a later arbitration decision or
// any other change moves those numbers, the digest of the current run differs and the sign-off is
// stale: it must be given again (in review or frozen). A store that never confirmed is recorded
// as deemed confirmed at the freeze; a deemed confirmation never blocks anything.
//
// Numbers are those of the settlement definition evaluated cleaned (closeout.md §6 "Settlement
// always pays on cleaned orders"), i.e. RunResult::evaluations[settlement.cleaned], plus the
// settlement rows. Pure functions of a RunResult: no clock, no storage.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/closeout/result.hpp"

namespace pitwall::core::workflow {

enum class SignoffKind : uint8_t { kStore, kRegion, kFinance };
// "store", "region", "finance".
std::string_view signoff_kind_token(SignoffKind kind);

// The cleaned settlement evaluation of a run (per-order results are kept for it).
const Evaluation& settlement_evaluation(const closeout::RunResult& run);

// Canonical text of the numbers a sign-off covers, one fact per line, fixed order:
//   kStore:   the definition tag, every order attributed to the store (order id, verdict token,
//             amount), and the store's settlement row;
//   kRegion:  the definition tag, the settlement row of every store of the region and the
//             region's totals;
//   kFinance: the definition tag, every store's settlement row, the unattributed totals, the
//             network totals and the staff shares' total.
// `index` is the StoreDirectory store or region index (ignored for kFinance).
std::string numbers_text(const closeout::RunResult& run, SignoffKind kind, uint32_t index);
// SHA-256 (hex) of numbers_text.
std::string numbers_digest(const closeout::RunResult& run, SignoffKind kind, uint32_t index);
// numbers_digest(run, kStore, s) of every store s, in one pass over the orders.
std::vector<std::string> store_digests(const closeout::RunResult& run);

struct Signoff {
  SignoffKind kind = SignoffKind::kStore;
  std::string scope;  // store code, region name, "" for finance
  std::string who;    // the person (registered user)
  std::string role;   // their role and scope when they signed
  std::string role_scope;
  int64_t when = 0;        // UTC seconds
  std::string definition;  // settlement tag, e.g. "finance@4ef54d/cleaned"
  std::string digest;      // numbers_digest at the time
  bool deemed = false;     // recorded at the freeze for a silent store
};

enum class SignoffStatus : uint8_t {
  kPending,  // nothing signed
  kCurrent,  // signed, numbers unchanged
  kStale,    // signed, numbers changed since: must be given again
  kDeemed,   // a store deemed confirmed at the freeze (never blocks)
};
// "pending", "current", "stale", "deemed".
std::string_view signoff_status_token(SignoffStatus status);

// Status of a recorded sign-off (nullptr = none) against the current digest.
SignoffStatus signoff_status(const Signoff* signoff, std::string_view current_digest);

// Whether a store no longer holds up its region's sign-off (closeout.md §8): confirmed on the
// current numbers or deemed; once the review window is over a silent or stale store is deemed.
bool store_is_settled(SignoffStatus status, bool review_window_over);

// Stores of a region, by store index ascending; the unattributed store belongs to no region.
std::vector<uint32_t> stores_of_region(const StoreDirectory& stores, uint32_t region);
// Regions whose manager must sign before the seal: every region but "(unattributed)".
std::vector<uint32_t> regions_to_sign(const StoreDirectory& stores);

}  // namespace pitwall::core::workflow
