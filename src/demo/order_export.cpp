// Writing the two order exports, hour by hour of the timeline (see orders.hpp).
#include <algorithm>

#include "core/base/check.hpp"
#include "core/base/instant.hpp"
#include "demo/order_rows.hpp"
#include "demo/orders.hpp"
#include "demo/planter.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

constexpr int kFirstHour = 7, kHoursPerDay = 17;

bool same(const Snapshot& a, const Snapshot& b) {
  return a.status == b.status && a.paid == b.paid && a.approved == b.approved &&
         a.redeemed == b.redeemed && a.refunded == b.refunded && a.updated == b.updated;
}

struct Tally {
  int64_t it = 0, ops = 0, finance = 0, it_ex = 0, ops_ex = 0, finance_ex = 0, distinct = 0;
  void add(const Order& o) {
    Counted c = counted(o);
    bool ex = o.has(kExcluded);
    it += c.it;
    ops += c.ops;
    finance += c.finance;
    it_ex += c.it && ex;
    ops_ex += c.ops && ex;
    finance_ex += c.finance && ex;
    ++distinct;
  }
};

}  // namespace

OrderGenerator::OrderGenerator(const Network& net, CustomerBook& customers, uint64_t seed,
                               double scale, GroundTruth& truth)
    : net_(net),
      customers_(customers),
      draws_(customers),
      seed_(seed),
      scale_(scale),
      truth_(truth),
      rng_(mix(seed, 30, 0)) {
  store_days_.orders.assign(net.stores.size(), {});
  store_days_.redemptions.assign(net.stores.size(), {});
}

core::Result<OrderFiles> OrderGenerator::write(const std::string& dir,
                                               const std::function<void(double)>& progress) {
  OrderFiles files;
  files.main_file = "orders-2023-04-02.csv";
  int64_t late = ordinary_ - slot_cumulative_[26 * kHoursPerDay];
  files.reexport_is_xlsx = late * 2 + static_cast<int64_t>(planted_.size()) < 900'000;
  files.reexport_file =
      files.reexport_is_xlsx ? "orders-reexport-2023-04-06.xlsx" : "orders-reexport-2023-04-06.csv";
  ExportStyle re_style =
      files.reexport_is_xlsx ? ExportStyle::kReexportXlsx : ExportStyle::kReexportCsv;
  auto main = TRY(open_csv_writer(dir + "/" + files.main_file, FileEncoding::kGb18030));
  auto re = files.reexport_is_xlsx
                ? TRY(open_xlsx_writer(dir + "/" + files.reexport_file, "订单"))
                : TRY(open_csv_writer(dir + "/" + files.reexport_file, FileEncoding::kUtf8));
  OrderRowWriter main_rows(*main, ExportStyle::kMain, net_, customers_);
  OrderRowWriter re_rows(*re, re_style, net_, customers_);
  main_rows.header();
  re_rows.header();

  Tally tally;
  int64_t unchanged = 0;
  int garbled = 0;
  std::vector<Order> batch;
  size_t next_planted = 0;
  const int64_t from = local_seconds(2023, 2, 20), to = reexport_time();
  int64_t done = 0;
  for (int64_t hour = from; hour < to; hour += kHour) {
    batch.clear();
    core::CivilTime c = core::civil_from_seconds(hour);
    if (c.year == 2023 && c.month == 3 && c.hour >= kFirstHour) {
      int slot = (c.day - 1) * kHoursPerDay + (c.hour - kFirstHour);
      for (int64_t k = slot_cumulative_[slot]; k < slot_cumulative_[slot + 1]; ++k) {
        batch.push_back(ordinary(k));
      }
    }
    while (next_planted < planted_.size() && planted_[next_planted].created < hour + kHour) {
      batch.push_back(planted_[next_planted++]);
    }
    std::sort(batch.begin(), batch.end(), [](const Order& a, const Order& b) {
      return a.created < b.created || (a.created == b.created && a.serial < b.serial);
    });
    for (const Order& o : batch) {
      tally.add(o);
      Snapshot last = snapshot(o, reexport_time());
      if (last.status != Status::kCancelled && in_window(o.created)) {
        ++store_days_.orders[o.store][(o.created - campaign_start()) / kDay];
      }
      if (in_window(last.redeemed)) {
        ++store_days_.redemptions[o.store][(last.redeemed - campaign_start()) / kDay];
      }
      bool in_main = o.created <= first_export();
      Snapshot first = snapshot(o, first_export());
      if (in_main) main_rows.row(o, first);
      bool in_re = o.created >= reexport_from() || last.updated >= reexport_from();
      if (!in_re) continue;
      Garble garble = Garble::kNone;
      if (in_main && same(first, last)) {
        ++unchanged;
        // Two unreadable rows in the re-export: the order stands by its first-export row.
        if (garbled < 2 && o.kind < 0 && last.status == Status::kRedeemed &&
            o.created >= local_seconds(2023, 3, 28)) {
          garble = garbled++ == 0 ? Garble::kPaidAt : Garble::kStatus;
        }
      }
      re_rows.row(o, last, garble);
      if (garble != Garble::kNone) {
        bool date = garble == Garble::kPaidAt;
        truth_.import_errors.push_back({files.reexport_file, re->rows(),
                                        date ? paid_at_header(re_style) : status_header(re_style),
                                        date ? kGarbledPaidAt : kGarbledStatus,
                                        date ? "a date-time (day 32 of March does not exist)"
                                             : "a status word of formats.md"});
      }
    }
    done += static_cast<int64_t>(batch.size());
    if (progress) progress(static_cast<double>(done) / static_cast<double>(total_orders()));
  }
  PW_CHECK(next_planted == planted_.size(), "planted orders outside the timeline");
  files.main_rows = main->rows() - 1;
  files.reexport_rows = re->rows() - 1;
  TRY(main->close());
  TRY(re->close());

  Case c;
  c.kind = defect_kind_index("reexport_unchanged");
  c.detail = fmt::format("{} orders in both exports with identical rows", unchanged);
  truth_.cases.push_back(std::move(c));
  ExpectedCounts& e = truth_.counts;
  e.it = tally.it;
  e.ops = tally.ops;
  e.finance = tally.finance;
  e.it_cleaned = tally.it - tally.it_ex;
  e.ops_cleaned = tally.ops - tally.ops_ex;
  e.finance_cleaned = tally.finance - tally.finance_ex;
  e.ops_planted_exclusions = tally.ops_ex;
  e.distinct_orders = tally.distinct;
  if (scale_ == 1.0) {
    OrderTargets t;
    PW_CHECK(e.it == t.it && e.ops == t.ops && e.finance == t.finance, "C1 raw counts missed");
    PW_CHECK(e.ops_planted_exclusions == t.ops_exclusions, "C1 exclusions missed");
  }
  return files;
}

}  // namespace pitwall::demo
