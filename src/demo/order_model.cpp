#include "demo/order_model.hpp"

#include <algorithm>

#include "core/base/instant.hpp"
#include "demo/random.hpp"
#include "demo/text_format.hpp"

namespace pitwall::demo {

// Computed once: every order asks for them several times.
int64_t campaign_start() {
  static const int64_t t = local_seconds(2023, 3, 1);
  return t;
}
int64_t campaign_end() {
  static const int64_t t = local_seconds(2023, 3, 31, 23, 59, 59);
  return t;
}
int64_t first_export() {
  static const int64_t t = local_seconds(2023, 4, 2, 10);
  return t;
}
int64_t reexport_time() {
  static const int64_t t = local_seconds(2023, 4, 6, 10);
  return t;
}
int64_t reexport_from() {
  static const int64_t t = local_seconds(2023, 3, 27);
  return t;
}
int64_t review_cutoff() {
  static const int64_t t = local_seconds(2023, 4, 1, 12);
  return t;
}

namespace {
bool by(int64_t t, int64_t at) { return t != kNone && t <= at; }
}  // namespace

Snapshot snapshot(const Order& o, int64_t at) {
  Snapshot s;
  s.updated = o.created;
  auto seen = [&](int64_t t) {
    if (!by(t, at)) return kNone;
    s.updated = std::max(s.updated, t);
    return t;
  };
  s.paid = seen(o.paid);
  s.approved = seen(o.approved);
  s.redeemed = seen(o.redeemed);
  int64_t requested = seen(o.refund_requested);
  s.refunded = seen(o.refunded);
  int64_t cancelled = seen(o.cancelled);
  if (cancelled != kNone) {
    s.status = Status::kCancelled;
  } else if (s.refunded != kNone) {
    s.status = Status::kRefunded;
  } else if (requested != kNone) {
    s.status = Status::kRefunding;
  } else if (s.redeemed != kNone) {
    s.status = Status::kRedeemed;
  } else if (s.paid != kNone) {
    s.status = Status::kPaid;
  }
  if (o.has(kHidePaidAt)) {
    // The system lost the payment time but kept the status (logic.status_time).
    s.paid = kNone;
  }
  return s;
}

Counted counted(const Order& o) {
  Snapshot s = snapshot(o, reexport_time());
  Counted c;
  int64_t recorded = o.recorded != kNone ? o.recorded : o.created;
  c.it = in_window(recorded);
  c.ops = s.status != Status::kCancelled && in_window(o.created);
  c.finance = (s.status == Status::kPaid || s.status == Status::kRedeemed) && in_window(s.paid);
  return c;
}

uint64_t order_number(uint64_t serial) {
  static const AffinePerm kNumbers(100'000'000, 0x0de7);
  return kNumbers(serial);
}

void append_order_id(TextBuffer& out, uint64_t serial, int64_t created) {
  core::CivilTime t = core::civil_from_seconds(created);
  out += "SO";
  append_padded(out, static_cast<uint64_t>(t.year), 4);
  append_padded(out, static_cast<uint64_t>(t.month), 2);
  append_padded(out, static_cast<uint64_t>(t.day), 2);
  append_padded(out, order_number(serial), 8);
}

std::string order_id(uint64_t serial, int64_t created) {
  thread_local TextBuffer out;  // the planter asks for ids one at a time, a million times
  out.clear();
  append_order_id(out, serial, created);
  return out.str();
}

}  // namespace pitwall::demo
