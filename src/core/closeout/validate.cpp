// Stage 2, validate (closeout.md §2): checks on the values as imported, store codes compared
// after alias mapping. time.window is not a finding: it is a definition's verdict
// (evaluate.cpp).
#include <fmt/format.h>

#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
bool is_status(int32_t s, OrderStatus a) { return s == static_cast<int32_t>(a); }
bool is_paid_status(int32_t s) {
  return is_status(s, OrderStatus::kPaid) || is_status(s, OrderStatus::kRedeemed);
}
bool carries_payment(int32_t s) {
  return is_paid_status(s) || is_status(s, OrderStatus::kRefunding) ||
         is_status(s, OrderStatus::kRefunded);
}

void check_amount(Pipeline& p, uint32_t k, FindingList& out) {
  uint32_t r = p.row(k);
  int32_t s = p.status[r];
  int64_t amount = p.paid[r];
  if (amount != kNoFen && amount > 0 && p.gross[r] != kNoFen && amount > p.gross[r]) {
    out.add(k, Rule::kPaidGtGross, Action::kFlag, orders::kPaidAmount, yuan_text(amount), "",
            yuan_text(p.gross[r]));
  }
  if (!carries_payment(s)) return;
  const ValidationRule& v = p.campaign.validation;
  if (amount == kNoFen) {
    out.add(k, Rule::kAmountRange, Action::kFlag, orders::kPaidAmount, "", "", "missing");
    return;
  }
  if (amount <= 0 && is_paid_status(s)) {
    out.add(k, Rule::kAmountRange, Action::kExclude, orders::kPaidAmount, yuan_text(amount), "",
            "<= 0");
    p.exclude(k, Rule::kAmountRange);
    return;
  }
  if (amount < v.min_paid.fen() || amount > v.max_paid.fen()) {
    out.add(k, Rule::kAmountRange, Action::kFlag, orders::kPaidAmount, yuan_text(amount), "",
            fmt::format("[{}, {}]", yuan_text(v.min_paid.fen()).view(),
                        yuan_text(v.max_paid.fen()).view()));
    return;
  }
  uint32_t g = p.package_of[k];
  int64_t price = g == kNone ? kNoFen : p.package_price[g];
  if (price != kNoFen && price > 0) {
    __int128 gap = static_cast<__int128>(amount) - price;
    if (gap < 0) gap = -gap;
    if (gap * 2 > price) {
      out.add(k, Rule::kAmountRange, Action::kFlag, orders::kPaidAmount, yuan_text(amount), "",
              fmt::format("price {} +-50%", yuan_text(price).view()));
    }
  }
}

void check_status_time(Pipeline& p, uint32_t k, FindingList& out) {
  uint32_t r = p.row(k);
  int32_t s = p.status[r];
  int64_t c = p.created[r];
  int64_t pa = p.paid_at[r];
  int64_t re = p.redeemed[r];
  int64_t rf = p.refunded[r];
  auto flag = [&](int column, int64_t value, std::string_view detail) {
    out.add(k, Rule::kStatusTime, Action::kFlag, column, time_text(p, value), "", detail);
  };
  if (is_paid_status(s) && pa == kNoTime) return flag(orders::kPaidAt, pa, "missing");
  if (is_status(s, OrderStatus::kRedeemed) && re == kNoTime) {
    return flag(orders::kRedeemedAt, re, "missing");
  }
  if (pa != kNoTime && c != kNoTime && pa < c)
    return flag(orders::kPaidAt, pa, "before created_at");
  if (re != kNoTime && pa != kNoTime && re < pa) {
    return flag(orders::kRedeemedAt, re, "before paid_at");
  }
  if (rf != kNoTime && pa != kNoTime && rf < pa) {
    return flag(orders::kRefundedAt, rf, "before paid_at");
  }
}

void check_times(Pipeline& p, uint32_t k, FindingList& out, int64_t review_cutoff) {
  uint32_t r = p.row(k);
  int64_t c = p.created[r];
  if (c == kNoTime) return;
  int64_t pa = p.paid_at[r];
  int64_t re = p.redeemed[r];
  const Campaign& cp = p.campaign;
  bool later_inside = p.in_window(pa) || p.in_window(re);
  bool later_after = (pa != kNoTime && pa > cp.end) || (re != kNoTime && re > cp.end);
  if ((c < cp.start && later_inside) || (p.in_window(c) && later_after)) {
    int column = pa != kNoTime ? orders::kPaidAt : orders::kRedeemedAt;
    out.add(k, Rule::kCrossPeriod, Action::kTag, column, time_text(p, c),
            time_text(p, pa != kNoTime ? pa : re), "");
  }
  int64_t ap = p.approved[r];
  if (ap != kNoTime && ap > review_cutoff && c <= cp.end &&
      p.zone.local_day(c) == p.zone.local_day(cp.end)) {
    out.add(k, Rule::kLateReview, Action::kFlag, orders::kApprovedAt, time_text(p, ap), "",
            time_text(p, review_cutoff));
  }
}

void check_references(Pipeline& p, uint32_t k, FindingList& out) {
  uint32_t r = p.row(k);
  uint32_t c = p.out.orders.customer[k];
  if (p.in.customers && p.in.customers->rows() > 0 && c != kNone &&
      p.customer_master_row[c] == kNone) {
    out.add(k, Rule::kRefCustomer, Action::kFlag, orders::kCustomerId, p.t.pool.view(p.customer[r]),
            "", "");
  }
  uint32_t unattributed = p.out.stores.unattributed_store();
  uint32_t seen = p.store_seen[k];
  uint32_t store = seen == kNone ? unattributed : p.seen_clean_store[seen];
  if (seen == kNone) {
    out.add(k, Rule::kRefStore, Action::kFlag, orders::kStoreCode, "", "", "missing");
  } else if (store == unattributed) {
    out.add(k, Rule::kRefStore, Action::kFlag, orders::kStoreCode, p.t.pool.view(p.store[r]), "",
            "unknown");
  }
  if (!p.in.staff || p.in.staff->rows() == 0) return;
  static constexpr int kRoleColumns[kRoleCount] = {orders::kInviter, orders::kReceiver,
                                                   orders::kCloser};
  for (int role = 0; role < kRoleCount; ++role) {
    uint32_t s = p.staff_of[role][k];
    if (s == kNone) continue;
    if (p.staff_store[s] == kNone) {
      out.add(k, Rule::kRefStaff, Action::kFlag, kRoleColumns[role], p.staff_ids[s], "", "unknown");
    } else if (store != unattributed && p.staff_store[s] != store) {
      uint32_t other = p.staff_store[s];
      out.add(k, Rule::kRefStaff, Action::kFlag, kRoleColumns[role], p.staff_ids[s], "",
              other == unattributed ? std::string_view("?")
                                    : std::string_view(p.out.stores.codes[other]));
    }
  }
}

void check_test_order(Pipeline& p, uint32_t k, FindingList& out) {
  uint32_t r = p.row(k);
  uint32_t c = p.out.orders.customer[k];
  std::string detail;
  int column = kNoField;
  if (c != kNone && p.customer_is_test[c]) {
    column = orders::kCustomerId;
    detail = "customer";
  }
  for (int role = 0; role < kRoleCount && column == kNoField; ++role) {
    uint32_t s = p.staff_of[role][k];
    if (s != kNone && p.staff_is_test[s]) {
      column = role == 0 ? orders::kInviter : role == 1 ? orders::kReceiver : orders::kCloser;
      detail = "staff";
    }
  }
  if (column == kNoField && p.paid[r] != kNoFen && p.paid[r] == p.campaign.test.amount.fen()) {
    column = orders::kPaidAmount;
    detail = "amount";
  }
  if (column == kNoField) return;
  std::string before = column == orders::kPaidAmount ? std::string(yuan_text(p.paid[r]).view())
                                                     : std::string(p.t.text(column, r));
  out.add(k, Rule::kTestOrder, Action::kExclude, column, before, "", detail);
  p.exclude(k, Rule::kTestOrder);
}

}  // namespace

int64_t Pipeline::review_cutoff() const {
  if (campaign.store_review_cutoff != 0) return campaign.store_review_cutoff;
  CivilTime day = civil_from_days(zone.local_day(campaign.end) + 1);
  day.hour = 12;
  return zone.to_utc(day);
}

void validate(Pipeline& p) {
  int64_t cutoff = p.review_cutoff();
  p.in_halves(p.validate_findings, [&](int, size_t begin, size_t end, FindingList& out) {
    for (size_t i = begin; i < end; ++i) {
      auto k = static_cast<uint32_t>(i);
      check_amount(p, k, out);
      check_status_time(p, k, out);
      check_times(p, k, out, cutoff);
      check_references(p, k, out);
      check_test_order(p, k, out);
    }
  });
}

}  // namespace pitwall::core::closeout::detail
