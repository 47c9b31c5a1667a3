#include "demo/demo.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "demo/customers.hpp"
#include "demo/feeds.hpp"
#include "demo/ground_truth.hpp"
#include "demo/master_files.hpp"
#include "demo/network.hpp"
#include "demo/orders.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

// Customers grow with the orders (about 14 per order at the default), but a network has at
// most about 10^7; every ordinary order still needs its own customer.
int64_t customer_count(int64_t orders) {
  double linear = 120000.0 * static_cast<double>(orders) / kDefaultOrders;
  double floor_for_orders = 1.25 * static_cast<double>(orders);
  return static_cast<int64_t>(std::min(linear, std::max(1.0e7, floor_for_orders)));
}

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

}  // namespace

core::Result<DemoSummary> generate_demo(const DemoOptions& options) {
  if (options.orders < 2000 || options.orders > 20'000'000) {
    return core::make_error(
        core::ErrorCode::kUsage,
        fmt::format("--orders must be between 2000 and 20000000, not {}", options.orders));
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
  CustomerBook customers(net, options.seed, customers_total - spare - planted, spare, planted, 500);

  GroundTruth truth;
  truth.seed = options.seed;
  truth.default_scale = options.orders == kDefaultOrders;
  OrderGenerator orders(net, customers, options.seed, scale, truth);
  orders.plant();

  DemoSummary summary;
  MasterWriter master(dir, net, customers, options.seed, summary);
  TRY(master.write_network());
  TRY(master.write_campaign(orders.test_customer_ids()));
  OrderFiles order_files = TRY(orders.write(dir, options.progress));
  summary.files.push_back(
      {order_files.main_file, "orders", "gb18030", order_files.main_rows, true});
  summary.files.push_back({order_files.reexport_file, "orders",
                           order_files.reexport_is_xlsx ? "xlsx" : "utf-8",
                           order_files.reexport_rows, true});
  TRY(master.write_customers_and_audience());
  TRY(master.write_supplements(orders.corrections(), orders.exceptions()));
  SupervisionOutcome sup =
      TRY(write_supervision(dir, net, orders.store_days(), options.seed, truth));
  for (const FeedFile& f : sup.files)
    summary.files.push_back({f.name, f.kind, f.encoding, f.rows, true});
  std::vector<BlacklistEntry> blacklist = orders.blacklist();
  WinbackOutcome win = TRY(write_winback(dir, net, customers, options.seed, truth, blacklist));
  for (const FeedFile& f : win.files)
    summary.files.push_back({f.name, f.kind, f.encoding, f.rows, false});
  TRY(master.write_blacklist(blacklist));

  truth.facts.push_back(
      {"network_participation",
       fmt::format("{:.4f}", static_cast<double>(sup.participants) /
                                 static_cast<double>(std::max<int64_t>(1, sup.eligible)))});
  truth.facts.push_back({"target_participation", "0.40"});
  truth.facts.push_back({"survey_expected",
                         "{\"completeness\": {\"hq\": 100, \"region\": 85, \"store_manager\": 65, "
                         "\"frontline\": 40}, \"willingness\": {\"hq\": 100, \"region\": 90, "
                         "\"store_manager\": 70, \"frontline\": 50}}"});
  TRY(write_ground_truth(truth, dir + "/ground-truth.json"));
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
  summary.planted_cases = static_cast<int64_t>(truth.cases.size());
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
  return summary;
}

}  // namespace pitwall::demo
