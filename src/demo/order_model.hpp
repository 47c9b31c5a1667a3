#pragma once
// One generated order and what an export shows of it at a given moment.
//
// An order is a set of events in local wall-clock seconds (Asia/Shanghai; the demo has no DST):
// created, recorded, paid, approved, redeemed, refund requested, refunded, cancelled. An export
// taken at time T shows the events up to T: the status follows from them, `updated_at` is the
// latest of them. The main export is taken at kFirstExport, the re-export at kReexport; an
// order whose events continue after the first export therefore appears with two states, and
// the later one (latest updated_at) is the order's truth (closeout.md §1 and §6).

#include <cstdint>
#include <string>

#include "demo/text_buffer.hpp"

namespace pitwall::demo {

inline constexpr int64_t kNone = INT64_MIN;

enum class Status : uint8_t { kCreated, kPaid, kRedeemed, kCancelled, kRefunding, kRefunded };

enum OrderFlag : uint16_t {
  kHidePaidAt = 1 << 0,  // status paid but the paid_at cell empty (logic.status_time)
  kHasAddress = 1 << 1,
  kHasCoupon = 1 << 2,
  kBadDateRow = 1 << 3,    // re-export row with an unreadable paid_at (import error)
  kBadStatusRow = 1 << 4,  // re-export row with an unknown status word (import error)
  kUnknownStaff = 1 << 5,  // closer is an id no staff list has
  kTestCustomer = 1 << 6,
  kExcluded = 1 << 7,  // planted: an `exclude` finding should hit it (cleaned counts)
};

enum class StoreForm : uint8_t { kCode, kOldCode, kEmpty };
enum class PhoneForm : uint8_t { kPlain, kPlus86, kDashes, kSpaces, kFullWidth };

struct Order {
  int64_t created = kNone, recorded = kNone, paid = kNone, approved = kNone, redeemed = kNone,
          refund_requested = kNone, refunded = kNone, cancelled = kNone;
  int64_t gross_fen = 0, paid_fen = 0, discount_fen = 0;
  int64_t customer = 0;
  uint64_t serial = 0;
  int32_t store = 0, home_store = 0;
  int32_t inviter = -1, receiver = -1, closer = -1;  // staff indices, -1 = none
  int16_t package = 0;
  StoreForm store_form = StoreForm::kCode;
  PhoneForm phone_form = PhoneForm::kPlain;
  uint8_t channel = 0;  // index into kChannels
  uint16_t flags = 0;
  int16_t kind = -1;  // planted kind (ground truth), -1 = ordinary

  bool has(OrderFlag f) const { return (flags & f) != 0; }
};

inline constexpr const char* kChannels[] = {"门店", "APP", "小程序", "电话"};

// What an export taken at `at` shows.
struct Snapshot {
  Status status = Status::kCreated;
  int64_t paid = kNone, approved = kNone, redeemed = kNone, refunded = kNone, updated = kNone;
};
Snapshot snapshot(const Order& o, int64_t at);

// The campaign and the two exports (local seconds).
int64_t campaign_start();  // 2023-03-01 00:00:00
int64_t campaign_end();    // 2023-03-31 23:59:59
int64_t first_export();    // 2023-04-02 10:00:00
int64_t reexport_time();   // 2023-04-06 10:00:00
int64_t reexport_from();   // 2023-03-27 00:00:00: the re-export covers orders touched since
int64_t review_cutoff();   // 2023-04-01 12:00:00 (store review cut-off)

inline bool in_window(int64_t t) {
  return t != kNone && t >= campaign_start() && t <= campaign_end();
}

// Which of C1's definitions count the order's final state (closeout.md §6, raw):
// it = any status by recorded_at; ops = not cancelled by created_at; finance = paid or
// redeemed by paid_at.
struct Counted {
  bool it = false, ops = false, finance = false;
};
Counted counted(const Order& o);

// Order number: "SO" + created date + 8 digits unique to the serial (appended, or a string).
uint64_t order_number(uint64_t serial);  // the 8 digits
void append_order_id(TextBuffer& out, uint64_t serial, int64_t created);
std::string order_id(uint64_t serial, int64_t created);

}  // namespace pitwall::demo
