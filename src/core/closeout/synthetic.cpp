#include "core/closeout/synthetic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "core/base/instant.hpp"
#include "core/base/rate.hpp"

namespace pitwall::core::closeout {

namespace {
constexpr int64_t kUtcPlus8 = 8 * 3600;
constexpr int kStaffPerStore = 5;
constexpr int kPackages = 20;

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n) by the multiply-shift mapping (style.md: no <random> distributions).
  uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
  }
  bool per_mille(uint64_t p) { return below(1000) < p; }

 private:
  std::mt19937_64 engine_;
};

int64_t local(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return seconds_from_civil({y, mo, d, h, mi, s}) - kUtcPlus8;
}

template <typename... Args>
uint32_t intern(StringPool& pool, fmt::format_string<Args...> f, Args&&... args) {
  char buf[64];
  auto r = fmt::format_to_n(buf, sizeof buf, f, std::forward<Args>(args)...);
  return pool.intern(std::string_view(buf, r.size));
}

// One order row: every column of the orders schema, null unless set.
struct Row {
  std::array<uint32_t, orders::kCount> text{};
  std::array<int64_t, orders::kCount> i64;
  std::array<int32_t, orders::kCount> i32;
  Row() {
    i64.fill(kNoInt);
    i32.fill(kNoSmall);
  }
};

void push(Table& t, const Row& row, uint32_t batch, int64_t line) {
  for (int c = 0; c < orders::kCount; ++c) {
    switch (t.columns[c].type()) {
      case ValueType::kText:
        t.columns[c].push_text(row.text[c]);
        break;
      case ValueType::kTime:
      case ValueType::kMoney:
        t.columns[c].push_i64(row.i64[c]);
        break;
      default:
        t.columns[c].push_i32(row.i32[c]);
        break;
    }
  }
  t.batches.push_back(batch);
  t.lines.push_back(line);
}

struct Network {
  std::vector<uint32_t> store_code, old_code;  // orders pool ids
  std::vector<uint32_t> staff;                 // kStaffPerStore per store
  std::vector<uint32_t> package;
  std::vector<int64_t> price;
  std::vector<uint32_t> customer, phone, vin, device, payment, home;
};

void build_masters(SyntheticCampaign& s, const SyntheticOptions& o, Network& n, Rng& rng) {
  StringPool& pool = s.orders.pool;
  for (uint32_t i = 0; i < o.stores; ++i) {
    std::string code = fmt::format("S{:04}", i + 1);
    std::string old = i % 10 == 0 ? fmt::format("X{:04}", i + 1) : std::string();
    n.store_code.push_back(pool.intern(code));
    n.old_code.push_back(old.empty() ? 0 : pool.intern(old));
    Table& st = s.stores;
    st.columns[stores::kStoreCode].push_text(st.pool.intern(code));
    st.columns[stores::kStoreName].push_text(st.pool.intern(fmt::format("Store {}", i + 1)));
    st.columns[stores::kRegion].push_text(st.pool.intern(fmt::format("R{}", i % o.regions + 1)));
    st.columns[stores::kCity].push_text(0);
    st.columns[stores::kOldCodes].push_text(st.pool.intern(old));
    st.lines.push_back(i + 2);
    st.batches.push_back(1);
    for (int e = 0; e < kStaffPerStore; ++e) {
      std::string id = fmt::format("E{:06}", i * kStaffPerStore + e + 1);
      n.staff.push_back(pool.intern(id));
      Table& sf = s.staff;
      sf.columns[staff::kStaffId].push_text(sf.pool.intern(id));
      sf.columns[staff::kName].push_text(sf.pool.intern(fmt::format("Staff {}", id)));
      sf.columns[staff::kStoreCode].push_text(sf.pool.intern(code));
      sf.columns[staff::kRole].push_text(0);
      sf.lines.push_back(static_cast<int64_t>(sf.lines.size()) + 2);
      sf.batches.push_back(1);
    }
  }
  for (int g = 0; g < kPackages; ++g) {
    std::string id = fmt::format("P{:02}", g + 1);
    n.package.push_back(pool.intern(id));
    n.price.push_back((199 + 100 * g) * 100);
    Table& pl = s.price_list;
    pl.columns[price_list::kPackage].push_text(pl.pool.intern(id));
    pl.columns[price_list::kName].push_text(0);
    pl.columns[price_list::kListPrice].push_i64(n.price.back());
    pl.columns[price_list::kTaxRate].push_i32(600);
    pl.lines.push_back(g + 2);
    pl.batches.push_back(1);
  }
  (void)rng;
}

void build_customers(SyntheticCampaign& s, uint32_t count, Network& n, Rng& rng) {
  StringPool& pool = s.orders.pool;
  Table& m = s.customers;
  for (uint32_t c = 0; c < count; ++c) {
    // Every 400th customer shares the previous one's phone (one person, two accounts); every
    // 2000th starts a ring of four accounts sharing one device.
    uint32_t phone_owner = c % 400 == 399 ? c - 1 : c;
    std::string phone =
        c % 100 == 7 ? fmt::format("+86 130-{:04}-{:04}", phone_owner / 10000, phone_owner % 10000)
                     : fmt::format("130{:08}", phone_owner);
    std::string id = fmt::format("C{:08}", c + 1);
    std::string vin = fmt::format("LVSHCAMB{:09}", c + 1);
    uint32_t ring = c / 2000 * 2000;
    n.customer.push_back(pool.intern(id));
    n.phone.push_back(pool.intern(phone));
    n.vin.push_back(pool.intern(vin));
    n.device.push_back(c - ring < 4 ? intern(pool, "DR{}", ring) : intern(pool, "D{:08}", c));
    n.payment.push_back(intern(pool, "A{:08}", c));
    uint32_t home = static_cast<uint32_t>(rng.below(n.store_code.size()));
    n.home.push_back(home);
    m.columns[customers::kCustomerId].push_text(m.pool.intern(id));
    m.columns[customers::kName].push_text(0);
    m.columns[customers::kPhone].push_text(m.pool.intern(phone));
    m.columns[customers::kVin].push_text(m.pool.intern(vin));
    m.columns[customers::kHomeStoreCode].push_text(m.pool.intern(fmt::format("S{:04}", home + 1)));
    m.columns[customers::kLanguage].push_null();
    m.columns[customers::kAnnualValue].push_null();
    m.lines.push_back(c + 2);
    m.batches.push_back(1);
    if (c % 1000 == 500) {
      Table& b = s.blacklist;
      b.columns[blacklist::kKind].push_i32(0);
      b.columns[blacklist::kValue].push_text(b.pool.intern(id));
      b.columns[blacklist::kReason].push_text(b.pool.intern("abuse"));
      b.lines.push_back(static_cast<int64_t>(b.lines.size()) + 2);
      b.batches.push_back(1);
    }
  }
}

// Fills one order of customer c at store index `store`.
Row make_order(const SyntheticCampaign& s, Network& n, Rng& rng, uint32_t order, uint32_t c,
               uint32_t store, uint32_t g, int64_t created, StringPool& pool) {
  using namespace orders;
  Row row;
  row.text[kOrderId] = intern(pool, "O{:09}", order + 1);
  row.text[kCustomerId] = n.customer[c];
  row.text[kStoreCode] = n.store_code[store];
  uint64_t where = rng.below(1000);
  if (where < 5) row.text[kStoreCode] = 0;
  if (where >= 5 && where < 7) row.text[kStoreCode] = intern(pool, "ZZ99");
  if (where >= 7 && where < 17 && n.old_code[store]) row.text[kStoreCode] = n.old_code[store];
  row.text[kPackage] = n.package[g];
  row.text[kHomeStoreCode] = n.store_code[n.home[c]];
  row.text[kPhone] = n.phone[c];
  row.text[kVin] = n.vin[c];
  row.text[kDeviceId] = n.device[c];
  row.text[kPaymentAccount] = n.payment[c];
  for (int r = 0; r < 3; ++r) {
    if (!rng.per_mille(150))
      row.text[kInviter + r] = n.staff[store * kStaffPerStore + rng.below(kStaffPerStore)];
  }
  row.i64[kCreatedAt] = created;
  row.i64[kRecordedAt] = created + static_cast<int64_t>(rng.below(60));
  row.i64[kGrossAmount] = n.price[g];
  int64_t paid_amount = n.price[g] - static_cast<int64_t>(rng.below(5)) * 1000;
  if (rng.per_mille(2)) paid_amount = n.price[g] * 100;  // yuan typed as fen
  if (rng.per_mille(3)) paid_amount = s.campaign.test.amount.fen();
  row.i32[kTaxRate] = kNoSmall;
  uint64_t st = rng.below(100);
  OrderStatus status = st < 60   ? OrderStatus::kPaid
                       : st < 80 ? OrderStatus::kRedeemed
                       : st < 88 ? OrderStatus::kCancelled
                       : st < 93 ? OrderStatus::kCreated
                       : st < 95 ? OrderStatus::kRefunding
                                 : OrderStatus::kRefunded;
  row.i32[kStatus] = static_cast<int32_t>(status);
  int64_t last = created;
  if (status != OrderStatus::kCancelled && status != OrderStatus::kCreated) {
    int64_t paid = created + static_cast<int64_t>(rng.below(4 * 3600));
    row.i64[kPaidAt] = paid;
    row.i64[kPaidAmount] = paid_amount;
    row.i64[kDiscountAmount] = rng.per_mille(300) ? 1000 : 0;
    last = paid;
    if (status == OrderStatus::kRedeemed)
      last = row.i64[kRedeemedAt] = paid + 86400 * (1 + static_cast<int64_t>(rng.below(10)));
    if (status == OrderStatus::kRefunded)
      last = row.i64[kRefundedAt] = paid + 3600 * (1 + static_cast<int64_t>(rng.below(400)));
  } else if (status == OrderStatus::kCancelled) {
    last = created + static_cast<int64_t>(rng.below(86400));
  }
  row.i64[kUpdatedAt] = last;
  row.i64[kApprovedAt] = last + static_cast<int64_t>(rng.below(20 * 3600));
  return row;
}

void build_orders(SyntheticCampaign& s, const SyntheticOptions& o, Network& n, Rng& rng) {
  Table& t = s.orders;
  StringPool& pool = t.pool;
  auto customers = static_cast<uint32_t>(n.customer.size());
  int64_t span = s.campaign.end - s.campaign.start + 5 * 86400;
  uint32_t order = 0;
  uint32_t next_customer = 0;
  std::vector<uint32_t> reexport;
  while (order < o.orders) {
    // Most orders come from a new customer; one in twenty from a customer seen before.
    uint32_t c = next_customer < customers && (next_customer == 0 || !rng.per_mille(50))
                     ? next_customer++
                     : static_cast<uint32_t>(rng.below(next_customer));
    uint32_t store =
        rng.per_mille(800) ? n.home[c] : static_cast<uint32_t>(rng.below(n.store_code.size()));
    if (o.skew_per_mille > 0) {
      if (rng.per_mille(o.skew_per_mille)) store = static_cast<uint32_t>(rng.below(5));
      if (next_customer > 0 && rng.per_mille(o.skew_per_mille)) {
        c = static_cast<uint32_t>(rng.below(std::min(next_customer, 200u)));
      }
    }
    auto g = static_cast<uint32_t>(rng.below(kPackages));
    int64_t created = s.campaign.start - 3 * 86400 + static_cast<int64_t>(rng.below(span));
    if (rng.per_mille(2)) created = s.campaign.end - 300 + static_cast<int64_t>(rng.below(600));
    bool canceller = order % 5000 == 4999;
    int copies = rng.per_mille(10) ? 2 : canceller ? 12 : 1;
    for (int i = 0; i < copies && order < o.orders; ++i, ++order) {
      int64_t when = created + (canceller ? i * 3600 : i * static_cast<int64_t>(rng.below(600)));
      Row row = make_order(s, n, rng, order, c, store, g, when, pool);
      if (canceller && i > 0) {
        row.i32[orders::kStatus] = static_cast<int32_t>(OrderStatus::kCancelled);
        row.i64[orders::kPaidAt] = row.i64[orders::kRedeemedAt] = row.i64[orders::kRefundedAt] =
            kNoTime;
      }
      push(t, row, 1, order + 2);
      if (rng.per_mille(o.reexport_per_mille))
        reexport.push_back(static_cast<uint32_t>(t.rows() - 1));
    }
  }
  // A later export repeats some rows with a newer updated_at (and sometimes a redeemed order).
  for (uint32_t r : reexport) {
    Row row;
    for (int c = 0; c < orders::kCount; ++c) {
      switch (t.columns[c].type()) {
        case ValueType::kText:
          row.text[c] = t.columns[c].text()[r];
          break;
        case ValueType::kTime:
        case ValueType::kMoney:
          row.i64[c] = t.columns[c].i64()[r];
          break;
        default:
          row.i32[c] = t.columns[c].i32()[r];
          break;
      }
    }
    if (row.i64[orders::kUpdatedAt] != kNoTime) row.i64[orders::kUpdatedAt] += 3600;
    push(t, row, 2, static_cast<int64_t>(t.rows()));
  }
}

void build_side_sheets(SyntheticCampaign& s, Rng& rng) {
  const Table& t = s.orders;
  for (size_t r = 0; r < t.rows(); r += 997) {
    Table& e = s.exceptions;
    e.columns[exceptions::kOrderId].push_text(e.pool.intern(t.text(orders::kOrderId, r)));
    e.columns[exceptions::kReason].push_text(e.pool.intern("customer complaint"));
    e.columns[exceptions::kSource].push_text(e.pool.intern("cs"));
    e.lines.push_back(static_cast<int64_t>(e.lines.size()) + 2);
    e.batches.push_back(3);
  }
  for (size_t r = 0; r < t.rows(); ++r) {
    if (t.columns[orders::kStoreCode].text()[r] != 0 || !rng.per_mille(300)) continue;
    Table& c = s.corrections;
    std::string code = fmt::format("S{:04}", rng.below(10) + 1);
    c.columns[corrections::kOrderId].push_text(c.pool.intern(t.text(orders::kOrderId, r)));
    c.columns[corrections::kField].push_text(c.pool.intern("store_code"));
    c.columns[corrections::kValue].push_text(c.pool.intern(code));
    c.columns[corrections::kReason].push_text(c.pool.intern("missing in export"));
    c.columns[corrections::kStoreCode].push_text(c.pool.intern(code));
    c.lines.push_back(static_cast<int64_t>(c.lines.size()) + 2);
    c.batches.push_back(4);
  }
}

MetricDefinition department(std::string name, TimeBasis basis, std::vector<OrderStatus> statuses) {
  MetricDefinition d;
  d.name = std::move(name);
  d.title = d.name;
  d.time_basis = basis;
  for (OrderStatus s : statuses) d.statuses[static_cast<int>(s)] = true;
  return d;
}
}  // namespace

SyntheticCampaign generate_synthetic(const SyntheticOptions& options) {
  SyntheticCampaign s{{},
                      Table::empty(TableKind::kOrders),
                      Table::empty(TableKind::kStores),
                      Table::empty(TableKind::kStaff),
                      Table::empty(TableKind::kCustomers),
                      Table::empty(TableKind::kPriceList),
                      Table::empty(TableKind::kBlacklist),
                      Table::empty(TableKind::kCorrections),
                      Table::empty(TableKind::kExceptions),
                      {}};
  Campaign& c = s.campaign;
  c.id = "synthetic";
  c.name = "synthetic";
  c.start = local(2023, 3, 1);
  c.end = local(2023, 3, 31, 23, 59, 59);
  c.store_review_cutoff = local(2023, 4, 1, 12);
  c.appeal_cutoff = local(2023, 4, 1, 18);
  c.cost = Money::from_yuan(100000);
  Rng rng(options.seed);
  Network n;
  size_t rows = options.orders + options.orders / 40 + 16;
  for (Column& col : s.orders.columns) col.reserve(rows);
  s.orders.lines.reserve(rows);
  s.orders.batches.reserve(rows);
  build_masters(s, options, n, rng);
  build_customers(s, options.orders, n, rng);
  build_orders(s, options, n, rng);
  build_side_sheets(s, rng);
  using S = OrderStatus;
  s.definitions = {
      department("it", TimeBasis::kRecordedAt,
                 {S::kCreated, S::kPaid, S::kRedeemed, S::kCancelled, S::kRefunding, S::kRefunded}),
      department("ops", TimeBasis::kCreatedAt,
                 {S::kCreated, S::kPaid, S::kRedeemed, S::kRefunding, S::kRefunded}),
      department("finance", TimeBasis::kPaidAt, {S::kPaid, S::kRedeemed}),
  };
  return s;
}

CloseoutInputs SyntheticCampaign::inputs(const TimeZone& zone) const {
  CloseoutInputs in;
  in.campaign = &campaign;
  in.zone = &zone;
  in.orders = &orders;
  in.stores = &stores;
  in.staff = &staff;
  in.customers = &customers;
  in.price_list = &price_list;
  in.blacklist = &blacklist;
  in.corrections = &corrections;
  in.exceptions = &exceptions;
  in.definitions = definitions;
  return in;
}

}  // namespace pitwall::core::closeout
