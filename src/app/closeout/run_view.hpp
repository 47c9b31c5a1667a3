#pragma once
// What the close-out workflow reads of a stored run instead of running the pipeline again
// (server.md §5: recording a confirmation, a dispute or a decision does not re-run it). `closeout
// run` writes three blobs beside the run's parts, each recorded (size, SHA-256) in the run's
// record:
//   digests      JSON: the settlement tag and the sign-off digest of every store, every region
//                to sign and the network (core/workflow/signoff.hpp) — what confirm and sign
//                compare with;
//   queue        JSON: the gray zone's arbitration items with their evidence (disputes and
//                decisions are added from the records when the queue is read);
//   order-index  binary: every order by a 64-bit hash of its id, with its row in the orders
//                table, its store, verdict and amount under the cleaned settlement evaluation and
//                whether it is in the gray zone — a lookup reads two small ranges of it.
//
// order-index layout (little-endian): "PWOIDX1\0", u64 order count, u32 bucket bits (16), then
// 2^16 + 1 u32 bucket starts (records whose hash's top 16 bits are b are [start[b], start[b+1])),
// then 32-byte records {u64 hash, u32 order, u32 row, u32 store, u8 verdict, u8 flags, u16 0,
// i64 amount_fen} sorted by (hash, order). The hash is FNV-1a 64 with a final mix: the same on
// every machine, so the blob's bytes depend only on the run. A hash names candidates; the caller
// confirms one by reading the order id at its row.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/closeout/result.hpp"
#include "core/workflow/arbitration.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::closeout {

// light        JSON: the run's document without its rings and gray zone (at 10M orders 0.5 MB of
//              its 13 MB): what the readings and the workflow parse; the workbook reads the
//              whole document.
inline constexpr std::string_view kLightPart = "light";
inline constexpr std::string_view kDigestsPart = "digests";
inline constexpr std::string_view kQueuePart = "queue";
inline constexpr std::string_view kOrderIndexPart = "order-index";

struct SignoffDigests {
  std::string definition;            // the cleaned settlement evaluation's tag
  std::vector<std::string> stores;   // by store index, the unattributed store excluded
  std::vector<std::string> regions;  // by region index; "" for the unattributed region
  std::string finance;
};
SignoffDigests signoff_digests(const core::closeout::RunResult& run);
std::string digests_bytes(const SignoffDigests& d, const core::StoreDirectory& stores);
// Errors: kCorrupt naming what is missing.
core::Result<SignoffDigests> parse_digests(std::string_view bytes,
                                           const core::StoreDirectory& stores);

// An item's evidence as JSON: [{kind, rule, field, before, after, detail}] (the stored queue and
// the arbitration queue's documents).
io::Json evidence_json(const std::vector<core::workflow::Evidence>& evidence);

// The gray-zone queue (QueueItem::order is the order index of the run).
std::string queue_bytes(const std::vector<core::workflow::QueueItem>& queue);
core::Result<std::vector<core::workflow::QueueItem>> parse_queue(std::string_view bytes);

// The order index of a run whose orders table is `orders` (rows as loaded).
std::string order_index_bytes(const core::closeout::RunResult& run);

inline constexpr uint8_t kInGrayZone = 1;
struct IndexedOrder {
  uint32_t order = 0;
  uint32_t row = 0;    // row of the orders table as the run loaded it (batches in id order)
  uint32_t store = 0;  // StoreDirectory index under the cleaned settlement evaluation
  uint8_t verdict = 0;
  uint8_t flags = 0;
  int64_t amount_fen = 0;
};
// Reads `length` bytes of the index from `offset`.
using RangeReader = std::function<core::Result<std::string>(int64_t offset, int64_t length)>;
// The orders whose id hashes like `order_id` (usually one, or none). Errors: kCorrupt when the
// index is malformed, the reader's.
core::Result<std::vector<IndexedOrder>> order_candidates(const RangeReader& read,
                                                         std::string_view order_id);

}  // namespace pitwall::app::closeout
