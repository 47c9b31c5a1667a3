#include "demo/master_files.hpp"

#include <atomic>

#include "demo/random.hpp"
#include "demo/table_writer.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

namespace {

const char* kDefinitions[][2] = {
    {"it", R"(name = "it"
title = "IT口径：系统记录数（含取消）"
time_basis = "recorded_at"
statuses = ["created", "paid", "redeemed", "cancelled", "refunding", "refunded"]
cleaned = false
attribution = "transacting_store"
amount = "received"
tax_inclusive = true
)"},
    {"ops", R"(name = "ops"
title = "运营口径：下单数（不含取消）"
time_basis = "created_at"
statuses = ["created", "paid", "redeemed", "refunding", "refunded"]
cleaned = false
attribution = "transacting_store"
amount = "gmv"
tax_inclusive = true
)"},
    {"finance", R"(name = "finance"
title = "财务口径：已支付订单"
time_basis = "paid_at"
statuses = ["paid", "redeemed"]
cleaned = false
attribution = "transacting_store"
amount = "received"
tax_inclusive = true
)"},
};

std::string toml_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    out += fmt::format("{}\"{}\"", i ? ", " : "", items[i]);
  }
  return out + "]";
}

}  // namespace

core::Status MasterWriter::write_network() {
  {
    auto w = TRY(open_csv_writer(dir_ + "/stores.csv", FileEncoding::kGb18030));
    write_header(*w, {"门店编码", "门店名称", "战区", "城市", "旧编码"});
    for (const Store& s : net_.stores) {
      w->text(s.code);
      w->text(s.name);
      w->text(net_.regions[s.region].name);
      w->text(net_.cities[s.city].name);
      w->text(s.old_code);
      w->end_row();
    }
    add("stores.csv", "stores", "gb18030", w->rows() - 1, false);
    TRY(w->close());
  }
  {
    auto w = TRY(open_xlsx_writer(dir_ + "/staff.xlsx", "员工"));
    write_header(*w, {"员工编号", "姓名", "门店编码", "岗位"});
    for (const StaffMember& m : net_.staff) {
      w->text(m.id);
      w->text(m.name);
      w->text(net_.stores[m.store].code);
      w->text(m.role);
      w->end_row();
    }
    add("staff.xlsx", "staff", "xlsx", w->rows() - 1, false);
    TRY(w->close());
  }
  {
    auto w = TRY(open_csv_writer(dir_ + "/price-list.csv", FileEncoding::kUtf8));
    write_header(*w, {"package", "name", "list_price", "tax_rate"});
    for (const Package& p : net_.packages) {
      w->text(p.code);
      w->text(p.name);
      w->money(p.list_fen, MoneyForm::kPlain);
      w->text(fmt::format("{}%", p.tax_basis / 100));
      w->end_row();
    }
    add("price-list.csv", "price-list", "utf-8", w->rows() - 1, false);
    TRY(w->close());
  }
  for (const auto& d : kDefinitions) {
    std::string name = fmt::format("definitions/{}.toml", d[0]);
    TRY(write_text_file(dir_ + "/" + name, d[1]));
    add(name, "definition", "toml", 0, false);
  }
  return {};
}

core::Status MasterWriter::write_campaign(const std::vector<std::string>& test_customers) {
  std::vector<std::string> test_staff;
  for (int s : net_.test_staff) test_staff.push_back(net_.staff[s].id);
  std::string text = fmt::format(
      R"(# 2023 春季焕新服务月 — the demo campaign (pitwall demo). Values chosen on purpose:
# limits 1 per vehicle and per customer (the campaign benefit is once per car owner), fraud rules
# flag for arbitration instead of excluding (closeout.md §4), the test accounts below.
id = "2023-spring-renewal"
name = "春季焕新服务月"
timezone = "Asia/Shanghai"
start = "2023-03-01 00:00:00"
end = "2023-03-31 23:59:59"
review_days = 7
freeze_days = 7
cost_yuan = 3000000
default_tax_rate = 0.06
settlement_definition = "finance"
arbiter = "arbiter"

[rebate]
rate = 0.05
per_order_yuan = 0

[split]
inviter = 0.5
receiver = 0.3
closer = 0.2
missing_role_goes_to = "closer"

[limits]
per_vin = 1
per_customer = 1

[validation]
min_paid_yuan = 0.01
max_paid_yuan = 50000
double_submit_minutes = 10

[test]
customer_ids = {}
staff_ids = {}
amount_yuan = 0.01

[fraud]
mass_cancel_min_orders = 10
mass_cancel_ratio = 0.9
ring_min_accounts = 3
ring_identifiers = ["device_id", "payment_account", "address"]
stack_return_days = 7
exclude = []

[supervision]
target_participation = 0.40
list_length = 10
complaint_rate_cap = 5
problem_due_hours = 24
critical_items = ["materials", "redemption_system"]
)",
      toml_list(test_customers), toml_list(test_staff));
  TRY(write_text_file(dir_ + "/campaign.toml", text));
  add("campaign.toml", "campaign", "toml", 0, false);
  return {};
}

namespace {

// customers.csv by customer id; returns the data rows.
core::Result<int64_t> write_customers(const std::string& dir, const Network& net,
                                      const CustomerBook& customers,
                                      std::atomic<int64_t>& rows_written) {
  auto w = TRY(open_csv_writer(dir + "/customers.csv", FileEncoding::kUtf8Bom));
  write_header(
      *w, {"customer_id", "name", "phone", "vin", "home_store_code", "language", "annual_value"});
  TextBuffer cell;
  auto identifier = [&](void (CustomerBook::*append)(TextBuffer&, int64_t) const, int64_t i) {
    cell.clear();
    (customers.*append)(cell, i);
    w->plain(cell.view());
  };
  for (int64_t n = 1; n <= customers.total(); ++n) {
    int64_t i = customers.index_of_id_number(n);
    if (!customers.in_master(i)) continue;
    cell.clear();
    cell += 'C';
    append_padded(cell, static_cast<uint64_t>(n), 8);  // the id of number n
    w->plain(cell.view());
    cell.clear();
    customers.append_name(cell, i);
    w->text(cell.view());
    identifier(&CustomerBook::append_phone, i);
    identifier(&CustomerBook::append_vin, i);
    w->plain(net.stores[customers.home_store(i)].code);
    w->plain(customers.english(i) ? "en" : "zh");
    w->money(customers.annual_value_fen(i), MoneyForm::kPlain);
    w->end_row();
    if (n % 65536 == 0) rows_written.store(n, std::memory_order_relaxed);
  }
  int64_t rows = w->rows() - 1;
  TRY(w->close());
  return rows;
}

// audience.csv by store block; returns the data rows.
core::Result<int64_t> write_audience(const std::string& dir, const Network& net,
                                     const CustomerBook& customers, uint64_t seed,
                                     std::atomic<int64_t>& rows_written) {
  auto w = TRY(open_csv_writer(dir + "/audience.csv", FileEncoding::kUtf8));
  write_header(*w, {"customer_id", "reached_at", "channel"});
  static const char* kChannels[] = {"短信", "APP推送", "电话"};
  TextBuffer cell;
  for (size_t s = 0; s < net.stores.size(); ++s) {
    int store = static_cast<int>(s);
    for (int64_t p = 0; p < customers.reached_count(store); ++p) {
      int64_t i = customers.at(store, p);
      uint64_t h = mix(seed, 70, static_cast<uint64_t>(i));
      cell.clear();
      customers.append_id(cell, i);
      w->plain(cell.view());
      w->time(local_seconds(2023, 2, 25, 9) + static_cast<int64_t>(below(h, 24 * 86400)),
              TimeForm::kSlashMinute);
      uint64_t c = below(mix64(h), 100);
      w->text(kChannels[c < 55 ? 0 : c < 90 ? 1 : 2]);
      w->end_row();
    }
    rows_written.store(customers.total() + w->rows(), std::memory_order_relaxed);
  }
  int64_t rows = w->rows() - 1;
  TRY(w->close());
  return rows;
}

}  // namespace

core::Result<CustomerFiles> write_customer_files(const std::string& dir, const Network& net,
                                                 const CustomerBook& customers, uint64_t seed,
                                                 std::atomic<int64_t>& rows_written) {
  CustomerFiles files;
  files.customers = TRY(write_customers(dir, net, customers, rows_written));
  files.audience = TRY(write_audience(dir, net, customers, seed, rows_written));
  return files;
}

core::Status MasterWriter::write_supplements(const std::vector<CorrectionRow>& corrections,
                                             const std::vector<ExceptionRow>& exceptions) {
  {
    auto w = TRY(open_xlsx_writer(dir_ + "/corrections.xlsx", "门店补录"));
    write_header(*w, {"order_id", "field", "value", "原因", "store_code"});
    for (const CorrectionRow& c : corrections) {
      w->text(c.order_id);
      w->text(c.field);
      w->text(c.value);
      w->text(c.reason);
      w->text(c.store_code);
      w->end_row();
    }
    add("corrections.xlsx", "corrections", "xlsx", w->rows() - 1, true);
    TRY(w->close());
  }
  auto w = TRY(open_csv_writer(dir_ + "/exceptions.csv", FileEncoding::kUtf8));
  write_header(*w, {"order_id", "reason", "source"});
  for (const ExceptionRow& e : exceptions) {
    w->text(e.order_id);
    w->text(e.reason);
    w->text(e.source);
    w->end_row();
  }
  add("exceptions.csv", "exceptions", "utf-8", w->rows() - 1, true);
  return w->close();
}

core::Status MasterWriter::write_blacklist(const std::vector<BlacklistEntry>& entries) {
  auto w = TRY(open_csv_writer(dir_ + "/blacklist.csv", FileEncoding::kUtf8));
  write_header(*w, {"kind", "value", "reason"});
  for (const BlacklistEntry& e : entries) {
    w->text(e.kind);
    w->text(e.value);
    w->text(e.reason);
    w->end_row();
  }
  add("blacklist.csv", "blacklist", "utf-8", w->rows() - 1, false);
  return w->close();
}

}  // namespace pitwall::demo
