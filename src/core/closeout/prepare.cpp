// Dense domains of the identifiers the stages compare (stores, customers, staff, packages),
// their master data, and the side inputs that name them. Phones and VINs: contacts.cpp.
#include <algorithm>
#include <map>

#include "core/base/check.hpp"
#include "core/closeout/pipeline.hpp"
#include "core/closeout/values.hpp"

namespace pitwall::core::closeout::detail {

namespace {
bool has_rows(const Table* t) { return t != nullptr && t->rows() > 0; }

struct FieldName {
  std::string_view name;
  CorrectionTarget target;
  Field field;
};
// Canonical names and the Chinese headers of formats.md "Orders", for a correction's field.
constexpr FieldName kFieldNames[] = {
    {"store_code", CorrectionTarget::kStore, Field::kCount},
    {"门店编码", CorrectionTarget::kStore, Field::kCount},
    {"门店代码", CorrectionTarget::kStore, Field::kCount},
    {"成交门店", CorrectionTarget::kStore, Field::kCount},
    {"home_store_code", CorrectionTarget::kHomeStore, Field::kCount},
    {"归属门店", CorrectionTarget::kHomeStore, Field::kCount},
    {"客户归属门店", CorrectionTarget::kHomeStore, Field::kCount},
    {"status", CorrectionTarget::kField, Field::kStatus},
    {"订单状态", CorrectionTarget::kField, Field::kStatus},
    {"状态", CorrectionTarget::kField, Field::kStatus},
    {"created_at", CorrectionTarget::kField, Field::kCreatedAt},
    {"下单时间", CorrectionTarget::kField, Field::kCreatedAt},
    {"创建时间", CorrectionTarget::kField, Field::kCreatedAt},
    {"paid_at", CorrectionTarget::kField, Field::kPaidAt},
    {"支付时间", CorrectionTarget::kField, Field::kPaidAt},
    {"付款时间", CorrectionTarget::kField, Field::kPaidAt},
    {"redeemed_at", CorrectionTarget::kField, Field::kRedeemedAt},
    {"核销时间", CorrectionTarget::kField, Field::kRedeemedAt},
    {"完成时间", CorrectionTarget::kField, Field::kRedeemedAt},
    {"recorded_at", CorrectionTarget::kField, Field::kRecordedAt},
    {"系统记录时间", CorrectionTarget::kField, Field::kRecordedAt},
    {"入库时间", CorrectionTarget::kField, Field::kRecordedAt},
    {"refunded_at", CorrectionTarget::kField, Field::kRefundedAt},
    {"退款时间", CorrectionTarget::kField, Field::kRefundedAt},
    {"package", CorrectionTarget::kField, Field::kPackage},
    {"套餐", CorrectionTarget::kField, Field::kPackage},
    {"服务项目", CorrectionTarget::kField, Field::kPackage},
    {"权益编码", CorrectionTarget::kField, Field::kPackage},
    {"gross_amount", CorrectionTarget::kField, Field::kGrossAmount},
    {"原价", CorrectionTarget::kField, Field::kGrossAmount},
    {"标价", CorrectionTarget::kField, Field::kGrossAmount},
    {"订单金额", CorrectionTarget::kField, Field::kGrossAmount},
    {"paid_amount", CorrectionTarget::kField, Field::kPaidAmount},
    {"实付金额", CorrectionTarget::kField, Field::kPaidAmount},
    {"实收金额", CorrectionTarget::kField, Field::kPaidAmount},
    {"支付金额", CorrectionTarget::kField, Field::kPaidAmount},
    {"discount_amount", CorrectionTarget::kField, Field::kDiscountAmount},
    {"优惠金额", CorrectionTarget::kField, Field::kDiscountAmount},
    {"phone", CorrectionTarget::kField, Field::kPhone},
    {"手机号", CorrectionTarget::kField, Field::kPhone},
    {"联系电话", CorrectionTarget::kField, Field::kPhone},
    {"vin", CorrectionTarget::kField, Field::kVin},
    {"VIN", CorrectionTarget::kField, Field::kVin},
    {"车架号", CorrectionTarget::kField, Field::kVin},
    {"inviter", CorrectionTarget::kField, Field::kInviter},
    {"邀约人", CorrectionTarget::kField, Field::kInviter},
    {"邀约顾问", CorrectionTarget::kField, Field::kInviter},
    {"receiver", CorrectionTarget::kField, Field::kReceiver},
    {"接待人", CorrectionTarget::kField, Field::kReceiver},
    {"接待顾问", CorrectionTarget::kField, Field::kReceiver},
    {"closer", CorrectionTarget::kField, Field::kCloser},
    {"成交人", CorrectionTarget::kField, Field::kCloser},
    {"成交顾问", CorrectionTarget::kField, Field::kCloser},
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Resolves each correction's field and reads the values that are not identifiers.
void parse_correction_fields(Pipeline& p) {
  const Table* c = p.in.corrections;
  for (Correction& corr : p.corrections) {
    if (corr.order == kNone) continue;
    std::string_view name = trimmed(c->text(corrections::kField, corr.row));
    std::string_view value = trimmed(c->text(corrections::kValue, corr.row));
    const FieldName* found = nullptr;
    for (const FieldName& f : kFieldNames) {
      if (f.name == name) found = &f;
    }
    if (!found) {
      p.problem("corrections", c->lines[corr.row], "unknown_field", name);
      continue;
    }
    corr.target = found->target;
    corr.field = found->field;
    corr.valid = true;
    std::optional<int64_t> parsed;
    switch (corr.field) {
      case Field::kStatus:
        if (auto s = parse_status(value)) parsed = static_cast<int64_t>(*s);
        break;
      case Field::kCreatedAt:
      case Field::kPaidAt:
      case Field::kRedeemedAt:
      case Field::kRecordedAt:
      case Field::kRefundedAt:
        parsed = parse_time(value, p.zone);
        break;
      case Field::kGrossAmount:
      case Field::kPaidAmount:
      case Field::kDiscountAmount:
        parsed = parse_yuan(value);
        break;
      default:
        continue;  // identifiers: resolved with their domain
    }
    if (!parsed) {
      corr.valid = false;
      p.problem("corrections", c->lines[corr.row], "bad_value", value);
      continue;
    }
    corr.value = *parsed;
  }
}

std::string_view correction_value(const Pipeline& p, const Correction& corr) {
  return trimmed(p.in.corrections->text(corrections::kValue, corr.row));
}

void build_directory(Pipeline& p, const Domain& seen) {
  StoreDirectory& dir = p.out.stores;
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> by_code;
  std::map<std::string, std::string, std::less<>> alias_to_code;
  if (has_rows(p.in.stores)) {
    const Table& s = *p.in.stores;
    for (size_t r = 0; r < s.rows(); ++r) {
      std::string code(trimmed(s.text(stores::kStoreCode, r)));
      if (code.empty()) continue;
      by_code[code] = {std::string(s.text(stores::kStoreName, r)),
                       std::string(s.text(stores::kRegion, r))};
      std::string_view olds = s.text(stores::kOldCodes, r);
      while (!olds.empty()) {
        size_t cut = olds.find(';');
        std::string_view one = trimmed(olds.substr(0, cut));
        if (!one.empty()) alias_to_code[std::string(one)] = code;
        olds = cut == std::string_view::npos ? std::string_view() : olds.substr(cut + 1);
      }
    }
  } else {
    for (uint32_t i = 0; i < seen.size(); ++i) by_code[std::string(seen.text(i))] = {"", ""};
  }
  std::map<std::string, uint32_t, std::less<>> regions;
  for (const auto& [code, info] : by_code) {
    if (!info.second.empty()) regions[info.second] = 0;
  }
  uint32_t r = 0;
  for (auto& [name, index] : regions) {
    index = r++;
    dir.regions.push_back(name);
  }
  dir.regions.emplace_back(kUnattributed);
  for (const auto& [code, info] : by_code) {
    auto it = regions.find(info.second);
    p.code_index.emplace_back(code, static_cast<uint32_t>(dir.codes.size()));
    dir.codes.push_back(code);
    dir.names.push_back(info.first);
    dir.region_of.push_back(it == regions.end() ? dir.unattributed_region() : it->second);
  }
  dir.codes.emplace_back(kUnattributed);
  dir.names.emplace_back();
  dir.region_of.push_back(dir.unattributed_region());
  for (const auto& [alias, code] : alias_to_code) {
    if (by_code.count(alias)) continue;  // a current code wins over an old one
    p.alias_index.emplace_back(alias, p.store_by_code(code, false));
  }
}

void build_stores(Pipeline& p) {
  Domain seen(p.t.pool, p.memo);
  p.store_seen.resize(p.order_count);
  p.home_seen.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t r = p.row(k);
    p.store_seen[k] = seen.add_pool_id(p.store[r]);
    p.home_seen[k] = seen.add_pool_id(p.home_store[r]);
  }
  seen.finish();
  std::vector<std::string_view> texts;
  std::vector<Correction*> targets;
  for (Correction& corr : p.corrections) {
    if (corr.valid && corr.target != CorrectionTarget::kField) {
      texts.push_back(correction_value(p, corr));
      targets.push_back(&corr);
    }
  }
  std::vector<uint32_t> ids = seen.resolve(texts, Domain::Missing::kAdd, p.threads);
  for (size_t i = 0; i < targets.size(); ++i) targets[i]->store_seen = ids[i];
  build_directory(p, seen);
  uint32_t unattributed = p.out.stores.unattributed_store();
  p.seen_raw_store.resize(seen.size());
  p.seen_clean_store.resize(seen.size());
  p.seen_is_alias.resize(seen.size());
  for (uint32_t i = 0; i < seen.size(); ++i) {
    uint32_t exact = p.store_by_code(seen.text(i), false);
    uint32_t mapped = exact != kNone ? exact : p.store_by_code(seen.text(i), true);
    p.seen_raw_store[i] = exact != kNone ? exact : unattributed;
    p.seen_clean_store[i] = mapped != kNone ? mapped : unattributed;
    p.seen_is_alias[i] = exact == kNone && mapped != kNone;
  }
  auto& raw = p.store_raw;
  raw.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    raw[k] = p.store_seen[k] == kNone ? unattributed : p.seen_raw_store[p.store_seen[k]];
  }
  for (Correction& corr : p.corrections) {
    if (!corr.valid || corr.target == CorrectionTarget::kField) continue;
    corr.value = corr.store_seen == kNone ? unattributed : p.seen_clean_store[corr.store_seen];
    if (corr.value == unattributed) {
      corr.valid = false;
      p.problem("corrections", p.in.corrections->lines[corr.row], "unknown_store",
                correction_value(p, corr));
    }
  }
  for (size_t i = 0; i < p.in.decisions.size(); ++i) {
    const ArbitrationDecision& d = p.in.decisions[i];
    if (d.kind == DecisionKind::kStore && p.decision_order[i] != kNone &&
        p.store_by_code(d.store_code, true) == kNone) {
      p.problem("decisions", 0, "unknown_store", d.store_code);
      p.decision_order[i] = kNone;
    }
  }
}

void build_blacklist(Pipeline& p) {
  if (has_rows(p.in.blacklist)) {
    const Table& b = *p.in.blacklist;
    for (size_t r = 0; r < b.rows(); ++r) {
      int32_t kind = b.i32(blacklist::kKind, r);
      if (kind == kNoSmall) continue;
      p.blacklist.push_back(
          {kind, trimmed(b.text(blacklist::kValue, r)), b.text(blacklist::kReason, r)});
    }
  }
  for (const BlacklistEntry& e : p.in.extra_blacklist) {
    int kind = -1;
    for (size_t i = 0; i < std::size(words::kBlacklistKinds); ++i) {
      if (words::kBlacklistKinds[i] == e.kind) kind = static_cast<int>(i);
    }
    if (kind < 0) {
      p.problem("blacklist", 0, "unknown_kind", e.kind);
      continue;
    }
    p.blacklist.push_back({kind, trimmed(e.value), e.reason});
  }
}

void build_customers(Pipeline& p) {
  Domain customers(p.t.pool, p.memo);
  customers.reserve(p.order_count);
  auto& of_order = p.out.orders.customer;
  auto& pool_ids = p.out.orders.customer_id;
  pool_ids.reserve(p.order_count);
  of_order.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t pool_id = p.customer[p.row(k)];
    uint32_t c = customers.add_pool_id(pool_id);
    if (c == pool_ids.size()) pool_ids.push_back(pool_id);
    of_order[k] = c;
  }
  customers.finish(true);
  uint32_t n = customers.size();
  p.customer_is_test.assign(n, 0);
  p.customer_blacklist.assign(n, kNone);
  if (has_rows(p.in.customers)) {
    const Table& m = *p.in.customers;
    p.customer_master_row =
        join_fingerprints(TextList{&m.pool, m.columns[customers::kCustomerId].text()},
                          TextList{&p.t.pool, pool_ids}, p.threads);
  } else {
    p.customer_master_row.assign(n, kNone);
  }
  std::vector<std::string_view> texts(p.campaign.test.customer_ids.begin(),
                                      p.campaign.test.customer_ids.end());
  size_t tests = texts.size();
  for (const BlacklistItem& item : p.blacklist) {
    if (item.kind == 0) texts.push_back(item.value);  // customer_id
  }
  std::vector<uint32_t> ids = customers.resolve(texts, Domain::Missing::kNone, p.threads);
  for (size_t i = 0; i < tests; ++i) {
    if (ids[i] != kNone) p.customer_is_test[ids[i]] = 1;
  }
  size_t next = tests;
  for (uint32_t i = 0; i < p.blacklist.size(); ++i) {
    if (p.blacklist[i].kind != 0) continue;
    uint32_t c = ids[next++];
    if (c != kNone && p.customer_blacklist[c] == kNone) p.customer_blacklist[c] = i;
  }
}

void build_staff(Pipeline& p, std::vector<uint32_t>& memo) {
  Domain staff(p.t.pool, memo);
  for (int role = 0; role < kRoleCount; ++role) {
    p.staff_of[role].resize(p.order_count);
    for (uint32_t k = 0; k < p.order_count; ++k) {
      p.staff_of[role][k] = staff.add_pool_id(p.role[role][p.row(k)]);
    }
  }
  staff.finish();
  std::vector<std::string_view> texts;
  std::vector<Correction*> targets;
  for (Correction& corr : p.corrections) {
    if (corr.valid && (corr.field == Field::kInviter || corr.field == Field::kReceiver ||
                       corr.field == Field::kCloser)) {
      texts.push_back(correction_value(p, corr));
      targets.push_back(&corr);
    }
  }
  std::vector<uint32_t> ids = staff.resolve(texts, Domain::Missing::kAdd, p.threads);
  for (size_t i = 0; i < targets.size(); ++i) targets[i]->value = ids[i];
  uint32_t n = staff.size();
  p.staff_store.assign(n, kNone);
  p.staff_is_test.assign(n, 0);
  p.staff_names.assign(n, {});
  texts.assign(p.campaign.test.staff_ids.begin(), p.campaign.test.staff_ids.end());
  size_t tests = texts.size();
  const Table* m = has_rows(p.in.staff) ? p.in.staff : nullptr;
  for (size_t r = 0; m && r < m->rows(); ++r) texts.push_back(trimmed(m->text(staff::kStaffId, r)));
  ids = staff.resolve(texts, Domain::Missing::kNone, p.threads);
  for (size_t i = 0; i < tests; ++i) {
    if (ids[i] != kNone) p.staff_is_test[ids[i]] = 1;
  }
  for (size_t r = 0; m && r < m->rows(); ++r) {
    uint32_t s = ids[tests + r];
    if (s == kNone) continue;
    uint32_t store = p.store_by_code(trimmed(m->text(staff::kStoreCode, r)), true);
    p.staff_store[s] = store == kNone ? p.out.stores.unattributed_store() : store;
    p.staff_names[s] = std::string(m->text(staff::kName, r));
  }
  p.staff_ids.resize(n);
  for (uint32_t s = 0; s < n; ++s) p.staff_ids[s] = std::string(staff.text(s));
}

void build_packages(Pipeline& p, std::vector<uint32_t>& memo) {
  Domain packages(p.t.pool, memo);
  p.package_of.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    p.package_of[k] = packages.add_pool_id(p.package[p.row(k)]);
  }
  packages.finish();
  std::vector<std::string_view> texts;
  std::vector<Correction*> targets;
  for (Correction& corr : p.corrections) {
    if (corr.valid && corr.field == Field::kPackage) {
      texts.push_back(correction_value(p, corr));
      targets.push_back(&corr);
    }
  }
  std::vector<uint32_t> ids = packages.resolve(texts, Domain::Missing::kAdd, p.threads);
  for (size_t i = 0; i < targets.size(); ++i) targets[i]->value = ids[i];
  p.package_count = packages.size();
  p.package_price.assign(p.package_count, kNoFen);
  p.package_tax.assign(p.package_count, kNoSmall);
  if (!has_rows(p.in.price_list)) return;
  const Table& m = *p.in.price_list;
  texts.clear();
  for (size_t r = 0; r < m.rows(); ++r) texts.push_back(trimmed(m.text(price_list::kPackage, r)));
  ids = packages.resolve(texts, Domain::Missing::kNone, p.threads);
  for (size_t r = 0; r < m.rows(); ++r) {
    if (ids[r] == kNone) continue;
    p.package_price[ids[r]] = m.i64(price_list::kListPrice, r);
    p.package_tax[ids[r]] = m.i32(price_list::kTaxRate, r);
  }
}
}  // namespace

void build_domains(Pipeline& p) {
  parse_correction_fields(p);
  build_blacklist(p);
  build_stores(p);
  // Customers on one thread; staff, packages and the raw phones and VINs on the other, with
  // its own memo. Neither side writes what the other reads.
  RawContacts phones, vins;
  std::vector<uint32_t>& memo = p.threads > 1 ? p.memo2 : p.memo;
  run_tasks(p.threads, {[&] { build_customers(p); },
                        [&] {
                          // The second memo is as large as the pool (hundreds of MB at 10M
                          // orders): written on this thread, it costs the other one nothing.
                          if (p.threads > 1) p.memo2.assign(p.memo.size(), kNone);
                          build_staff(p, memo);
                          build_packages(p, memo);
                          phones = densify_contacts(p, ContactKind::kPhone, memo);
                          vins = densify_contacts(p, ContactKind::kVin, memo);
                        }});
  run_tasks(p.threads, {[&] { build_phones(p, phones); }, [&] { build_vins(p, vins); }});
}

}  // namespace pitwall::core::closeout::detail
