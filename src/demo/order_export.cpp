// Writing the two order exports, hour by hour of the timeline (see orders.hpp).
#include <algorithm>
#include <array>
#include <future>
#include <memory>

#include "core/base/check.hpp"
#include "core/base/instant.hpp"
#include "demo/csv_writer.hpp"
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

// A row to write: the order, what the export shows of it, whether it is garbled on purpose.
struct RowJob {
  const Order* order;
  Snapshot shown;
  Garble garble;
};

// Batches of fewer rows are formatted on the calling thread alone (the default demo's hours).
constexpr size_t kParallelRows = 256;

// One order export. A big batch of a CSV export is formatted half on the calling thread and
// half on a helper, each into an in-memory writer, and the two parts appended in order.
class ExportFile {
 public:
  ExportFile(std::unique_ptr<TableWriter> file, CsvWriter* csv, FileEncoding encoding,
             ExportStyle style, const Network& net, const CustomerBook& customers)
      : file_(std::move(file)), csv_(csv), rows_(*file_, style, net, customers) {
    if (csv_ == nullptr) return;
    for (int p = 0; p < 2; ++p) {
      parts_[p] = std::make_unique<CsvWriter>(encoding);
      part_rows_[p] = std::make_unique<OrderRowWriter>(*parts_[p], style, net, customers);
    }
  }
  TableWriter& file() { return *file_; }
  void header() { rows_.header(); }
  bool splits(const std::vector<RowJob>& jobs) const {
    return csv_ != nullptr && jobs.size() >= kParallelRows;
  }
  // Rows [from, to) of `jobs`: into part `p` (0 or 1), or straight into the file (p = -1).
  void format(int p, const std::vector<RowJob>& jobs, size_t from, size_t to) {
    OrderRowWriter& rows = p < 0 ? rows_ : *part_rows_[p];
    for (size_t i = from; i < to; ++i) rows.row(*jobs[i].order, jobs[i].shown, jobs[i].garble);
  }
  void append_parts() {
    for (auto& part : parts_) csv_->append(*part);
  }

 private:
  std::unique_ptr<TableWriter> file_;
  CsvWriter* csv_;  // file_ when the export is a CSV
  OrderRowWriter rows_;
  std::array<std::unique_ptr<CsvWriter>, 2> parts_;
  std::array<std::unique_ptr<OrderRowWriter>, 2> part_rows_;
};

core::Result<ExportFile> open_export(const std::string& path, ExportStyle style, const Network& net,
                                     const CustomerBook& customers) {
  if (style == ExportStyle::kReexportXlsx) {
    return ExportFile(TRY(open_xlsx_writer(path, "订单")), nullptr, FileEncoding::kUtf8, style, net,
                      customers);
  }
  FileEncoding encoding =
      style == ExportStyle::kMain ? FileEncoding::kGb18030 : FileEncoding::kUtf8;
  std::unique_ptr<CsvWriter> csv = TRY(CsvWriter::open(path, encoding));
  CsvWriter* raw = csv.get();
  return ExportFile(std::move(csv), raw, encoding, style, net, customers);
}

// Writes one batch's rows to both exports, on two threads when a batch is big.
void write_rows(ExportFile& main, const std::vector<RowJob>& main_jobs, ExportFile& re,
                const std::vector<RowJob>& re_jobs, int threads) {
  bool split_main = threads > 1 && main.splits(main_jobs);
  bool split_re = threads > 1 && re.splits(re_jobs);
  if (!split_main && !split_re) {
    main.format(-1, main_jobs, 0, main_jobs.size());
    re.format(-1, re_jobs, 0, re_jobs.size());
    return;
  }
  size_t main_mid = main_jobs.size() / 2, re_mid = re_jobs.size() / 2;
  auto helper = std::async(std::launch::async, [&] {
    if (split_main) main.format(1, main_jobs, main_mid, main_jobs.size());
    if (split_re) re.format(1, re_jobs, re_mid, re_jobs.size());
  });
  if (split_main) {
    main.format(0, main_jobs, 0, main_mid);
  } else {
    main.format(-1, main_jobs, 0, main_jobs.size());
  }
  if (split_re) {
    re.format(0, re_jobs, 0, re_mid);
  } else {
    re.format(-1, re_jobs, 0, re_jobs.size());
  }
  helper.get();
  if (split_main) main.append_parts();
  if (split_re) re.append_parts();
}

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

void OrderGenerator::fill_batch(int64_t hour, std::vector<Order>& batch, size_t& next_planted) {
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
}

struct OrderGenerator::ExportState {
  Tally tally;
  int64_t unchanged = 0, re_lines = 1;  // re_lines: the re-export's rows so far, header included
  int garbled = 0;
  std::vector<RowJob> main_jobs, re_jobs;
};

// Counts the batch and decides which rows each export gets (sequential: the garbled rows are
// the first two that qualify).
void OrderGenerator::route_batch(const std::vector<Order>& batch, ExportState& st,
                                 const OrderFiles& files, ExportStyle re_style) {
  st.main_jobs.clear();
  st.re_jobs.clear();
  for (const Order& o : batch) {
    st.tally.add(o);
    Snapshot last = snapshot(o, reexport_time());
    if (last.status != Status::kCancelled && in_window(o.created)) {
      ++store_days_.orders[o.store][(o.created - campaign_start()) / kDay];
    }
    if (in_window(last.redeemed)) {
      ++store_days_.redemptions[o.store][(last.redeemed - campaign_start()) / kDay];
    }
    bool in_main = o.created <= first_export();
    Snapshot first = snapshot(o, first_export());
    if (in_main) st.main_jobs.push_back({&o, first, Garble::kNone});
    bool in_re = o.created >= reexport_from() || last.updated >= reexport_from();
    if (!in_re) continue;
    Garble garble = Garble::kNone;
    if (in_main && same(first, last)) {
      ++st.unchanged;
      // Two unreadable rows in the re-export: the order stands by its first-export row.
      if (st.garbled < 2 && o.kind < 0 && last.status == Status::kRedeemed &&
          o.created >= local_seconds(2023, 3, 28)) {
        garble = st.garbled++ == 0 ? Garble::kPaidAt : Garble::kStatus;
      }
    }
    st.re_jobs.push_back({&o, last, garble});
    ++st.re_lines;
    if (garble == Garble::kNone) continue;
    bool date = garble == Garble::kPaidAt;
    truth_.import_errors.push_back(
        {files.reexport_file, st.re_lines,
         date ? paid_at_header(re_style) : status_header(re_style),
         date ? kGarbledPaidAt : kGarbledStatus,
         date ? "a date-time (day 32 of March does not exist)" : "a status word of formats.md"});
  }
}

core::Result<OrderFiles> OrderGenerator::write(const std::string& dir,
                                               const std::function<void(int64_t)>& progress,
                                               int threads) {
  OrderFiles files;
  files.main_file = "orders-2023-04-02.csv";
  int64_t late = ordinary_ - slot_cumulative_[26 * kHoursPerDay];
  files.reexport_is_xlsx = late * 2 + static_cast<int64_t>(planted_.size()) < kXlsxMaxRows;
  files.reexport_file =
      files.reexport_is_xlsx ? "orders-reexport-2023-04-06.xlsx" : "orders-reexport-2023-04-06.csv";
  ExportStyle re_style =
      files.reexport_is_xlsx ? ExportStyle::kReexportXlsx : ExportStyle::kReexportCsv;
  ExportFile main =
      TRY(open_export(dir + "/" + files.main_file, ExportStyle::kMain, net_, customers_));
  ExportFile re = TRY(open_export(dir + "/" + files.reexport_file, re_style, net_, customers_));
  main.header();
  re.header();

  ExportState st;
  std::vector<Order> batch;
  size_t next_planted = 0;
  int64_t done = 0;
  for (int64_t hour = local_seconds(2023, 2, 20); hour < reexport_time(); hour += kHour) {
    fill_batch(hour, batch, next_planted);
    route_batch(batch, st, files, re_style);
    write_rows(main, st.main_jobs, re, st.re_jobs, threads);
    done += static_cast<int64_t>(batch.size());
    if (progress) progress(done);
  }
  PW_CHECK(next_planted == planted_.size(), "planted orders outside the timeline");
  files.main_rows = main.file().rows() - 1;
  files.reexport_rows = re.file().rows() - 1;
  PW_CHECK(re.file().rows() == st.re_lines, "re-export rows miscounted");
  TRY(main.file().close());
  TRY(re.file().close());
  record_counts(st);
  return files;
}

void OrderGenerator::record_counts(const ExportState& st) {
  const Tally& tally = st.tally;
  Case c;
  c.kind = defect_kind_index("reexport_unchanged");
  c.detail = fmt::format("{} orders in both exports with identical rows", st.unchanged);
  truth_.add(c);
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
}

}  // namespace pitwall::demo
