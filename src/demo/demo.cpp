#include "demo/demo.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>

#include "demo/customers.hpp"
#include "demo/feeds.hpp"
#include "demo/ground_truth.hpp"
#include "demo/master_files.hpp"
#include "demo/network.hpp"
#include "demo/orders.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

// Customers: about 120,000 at the default (14 per order); beyond 100,000 orders 1.2 per order,
// enough that every ordinary order still has a customer of its own (the per-customer limit must
// catch only what is planted).
int64_t customer_count(int64_t orders) { return std::max<int64_t>(120'000, orders * 6 / 5); }

// Share of each store's customers the campaign reached, in permille: half at the default (about
// 60,000 customers), growing with the orders to 80% at 1.2 customers per order, so that the
// customers orders draw as "reached" are in the audience file.
int audience_permille(int64_t orders, int64_t customers) {
  return static_cast<int>(std::clamp<int64_t>(orders * 1000 / customers, 500, 800));
}

// Progress over the big files — the orders (two rows of work each: the main export and the
// re-export's share) and the customers and audience rows written by the other thread — then the
// small files that follow.
class Progress {
 public:
  Progress(const DemoOptions& options, int64_t orders, int64_t customer_rows)
      : report_(options.progress), orders_(orders), customer_rows_(customer_rows) {}
  std::atomic<int64_t>& customer_rows_written() { return customer_rows_written_; }
  void orders_written(int64_t orders) {
    orders_done_ = orders;
    show();
  }
  void show() { show(kFilesShare * std::min(1.0, work_done() / total_work())); }
  // After the big files: `fraction` is kFilesShare..1.
  void show(double fraction) {
    if (!report_) return;
    report_(fraction, orders_done_ + customer_rows_written_.load(std::memory_order_relaxed));
  }
  static constexpr double kFilesShare = 0.95;

 private:
  double work_done() const {
    return 2.0 * static_cast<double>(orders_done_) +
           static_cast<double>(customer_rows_written_.load(std::memory_order_relaxed));
  }
  double total_work() const {
    return 2.0 * static_cast<double>(orders_) + static_cast<double>(customer_rows_);
  }

  const std::function<void(double, int64_t)>& report_;
  int64_t orders_, customer_rows_, orders_done_ = 0;
  std::atomic<int64_t> customer_rows_written_{0};
};

std::vector<DemoUser> demo_users(const Network& net) {
  std::vector<DemoUser> users = {{"hq", "hq", ""},
                                 {"finance", "finance", ""},
                                 {"arbiter", "arbiter", ""},
                                 {"director", "director", ""},
                                 {"service", "service", ""}};
  for (const Region& r : net.regions) users.push_back({"region-" + r.key, "region", r.name});
  for (const Store& s : net.stores) {
    std::string name = "store-" + s.code;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    users.push_back({name, "store", s.code});
  }
  return users;
}

// The orders exports on this thread (big batches formatted on two), customers.csv and
// audience.csv on another; with options.threads = 1 all on this one. Each file's rows are
// appended in order by one thread, so the bytes do not depend on the timing.
core::Result<CustomerFiles> write_big_files(const DemoOptions& options, const Network& net,
                                            const CustomerBook& customers, OrderGenerator& orders,
                                            Progress& progress, DemoSummary& summary) {
  auto launch = options.threads > 1 ? std::launch::async : std::launch::deferred;
  auto customer_files = std::async(launch, [&] {
    return write_customer_files(options.dir, net, customers, options.seed,
                                progress.customer_rows_written());
  });
  auto order_files = orders.write(
      options.dir, [&](int64_t n) { progress.orders_written(n); }, options.threads);
  while (customer_files.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout) {
    progress.show();
  }
  CustomerFiles written = TRY(customer_files.get());
  OrderFiles o = TRY(std::move(order_files));
  progress.show();
  summary.files.push_back({o.main_file, "orders", "gb18030", o.main_rows, true});
  summary.files.push_back(
      {o.reexport_file, "orders", o.reexport_is_xlsx ? "xlsx" : "utf-8", o.reexport_rows, true});
  summary.files.push_back({"customers.csv", "customers", "utf-8-bom", written.customers, false});
  summary.files.push_back({"audience.csv", "audience", "utf-8", written.audience, true});
  return written;
}

}  // namespace

core::Result<DemoSummary> generate_demo(const DemoOptions& options) {
  if (options.orders < 2000 || options.orders > 20'000'000) {
    return core::make_error(
        core::ErrorCode::kUsage,
        fmt::format("--orders must be between 2000 and 20000000, not {}", options.orders));
  }
  if (options.threads < 1 || options.threads > 2) {
    return core::make_error(core::ErrorCode::kUsage,
                            fmt::format("threads must be 1 or 2, not {}", options.threads));
  }
  if (options.stores < 12 || options.stores > 5000) {
    return core::make_error(
        core::ErrorCode::kUsage,
        fmt::format("--stores must be between 12 and 5000, not {}", options.stores));
  }
  std::error_code ec;
  std::filesystem::create_directories(options.dir + "/definitions", ec);
  if (ec) {
    return core::make_error(core::ErrorCode::kIo,
                            fmt::format("{}: cannot create: {}", options.dir, ec.message()));
  }
  const std::string& dir = options.dir;
  double scale = static_cast<double>(options.orders) / kDefaultOrders;
  Network net = build_network(options.seed, options.stores);
  int64_t customers_total = customer_count(options.orders);
  int64_t planted = OrderGenerator::planted_customers_needed(scale);
  int64_t spare = customers_total / 50 + 1000;
  CustomerBook customers(net, options.seed, customers_total - spare - planted, spare, planted,
                         audience_permille(options.orders, customers_total));

  GroundTruth truth;
  TRY(truth.open(dir + "/ground-truth.json"));
  truth.seed = options.seed;
  truth.default_scale = options.orders == kDefaultOrders;
  OrderGenerator orders(net, customers, options.seed, scale, truth);
  orders.plant();

  DemoSummary summary;
  MasterWriter master(dir, net, summary);
  TRY(master.write_network());
  TRY(master.write_campaign(orders.test_customer_ids()));
  int64_t audience = 0;
  for (int s = 0; s < customers.store_count(); ++s) audience += customers.reached_count(s);
  Progress progress(options, orders.total_orders(), customers.total() + audience);
  CustomerFiles customer_files =
      TRY(write_big_files(options, net, customers, orders, progress, summary));
  summary.customers = customer_files.customers;
  summary.audience = customer_files.audience;
  TRY(master.write_supplements(orders.corrections(), orders.exceptions()));
  SupervisionOutcome sup =
      TRY(write_supervision(dir, net, orders.store_days(), options.seed, truth));
  for (const FeedFile& f : sup.files)
    summary.files.push_back({f.name, f.kind, f.encoding, f.rows, true});
  progress.show(0.97);
  std::vector<BlacklistEntry> blacklist = orders.blacklist();
  WinbackOutcome win = TRY(write_winback(dir, net, customers, options.seed, truth, blacklist));
  for (const FeedFile& f : win.files)
    summary.files.push_back({f.name, f.kind, f.encoding, f.rows, false});
  TRY(master.write_blacklist(blacklist));
  progress.show(0.98);

  truth.facts.push_back(
      {"network_participation",
       fmt::format("{:.4f}", static_cast<double>(sup.participants) /
                                 static_cast<double>(std::max<int64_t>(1, sup.eligible)))});
  truth.facts.push_back({"target_participation", "0.40"});
  truth.facts.push_back({"survey_expected",
                         "{\"completeness\": {\"hq\": 100, \"region\": 85, \"store_manager\": 65, "
                         "\"frontline\": 40}, \"willingness\": {\"hq\": 100, \"region\": 90, "
                         "\"store_manager\": 70, \"frontline\": 50}}"});
  TRY(truth.write());
  summary.files.push_back({"ground-truth.json", "ground-truth", "json", 0, false});

  const ExpectedCounts& c = truth.counts;
  summary.regions = static_cast<int>(net.regions.size());
  summary.stores = static_cast<int>(net.stores.size());
  summary.executing_stores = static_cast<int>(std::count_if(
      net.stores.begin(), net.stores.end(), [](const Store& s) { return s.executing; }));
  summary.staff = static_cast<int64_t>(net.staff.size());
  summary.packages = static_cast<int64_t>(net.packages.size());
  summary.orders = c.distinct_orders;
  summary.it = c.it;
  summary.ops = c.ops;
  summary.finance = c.finance;
  summary.ops_cleaned = c.ops_cleaned;
  summary.ops_excluded = c.ops_planted_exclusions;
  summary.it_cleaned = c.it_cleaned;
  summary.finance_cleaned = c.finance_cleaned;
  summary.planted_cases = truth.case_count();
  summary.import_errors = static_cast<int64_t>(truth.import_errors.size());
  summary.participants = sup.participants;
  summary.eligible = sup.eligible;
  summary.churned = win.churned;
  summary.winback_history = win.history;
  summary.winback_visits = win.visits;
  for (const DemoFile& f : summary.files) {
    if (f.kind == "store-day") summary.store_day_rows = f.rows;
  }
  summary.users = demo_users(net);
  progress.show(1.0);
  return summary;
}

}  // namespace pitwall::demo
