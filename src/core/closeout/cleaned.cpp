// The cleaned view of every order (closeout.md §3 "Fill" and "Correct"): store aliases,
// fix.amount_unit, the stores' correction sheets (store.correction) and the fills. Each change
// is a finding; the cleaned values are the dense store arrays and the override list.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
std::string_view store_text(const Pipeline& p, uint32_t store) {
  return store == p.out.stores.unattributed_store() ? std::string_view()
                                                    : std::string_view(p.out.stores.codes[store]);
}

void map_aliases(Pipeline& p, size_t begin, size_t end, FindingList& out) {
  uint32_t unattributed = p.out.stores.unattributed_store();
  for (auto k = static_cast<uint32_t>(begin); k < end; ++k) {
    uint32_t r = p.row(k);
    uint32_t s = p.store_seen[k];
    uint32_t h = p.home_seen[k];
    p.store_clean[k] = s == kNone ? unattributed : p.seen_clean_store[s];
    p.home_clean[k] = h == kNone ? unattributed : p.seen_clean_store[h];
    if (s != kNone && p.seen_is_alias[s]) {
      out.add(k, Rule::kFixStoreAlias, Action::kCorrect, orders::kStoreCode,
              p.t.pool.view(p.store[r]), store_text(p, p.store_clean[k]), "");
    }
    if (h != kNone && p.seen_is_alias[h]) {
      out.add(k, Rule::kFixStoreAlias, Action::kCorrect, orders::kHomeStoreCode,
              p.t.pool.view(p.home_store[r]), store_text(p, p.home_clean[k]), "");
    }
  }
}

void fix_amount_units(Pipeline& p, size_t begin, size_t end, std::vector<Override>& fixes,
                      FindingList& out) {
  for (auto k = static_cast<uint32_t>(begin); k < end; ++k) {
    uint32_t g = p.package_of[k];
    if (g == kNone) continue;
    int64_t price = p.package_price[g];
    int64_t amount = p.paid[p.row(k)];
    if (price == kNoFen || price <= 0 || amount == kNoFen || amount == price) continue;
    bool yuan_as_fen = amount <= INT64_MAX / 100 && amount * 100 == price;
    bool fen_as_yuan = price <= INT64_MAX / 100 && amount == price * 100;
    if (!yuan_as_fen && !fen_as_yuan) continue;
    fixes.push_back({k, static_cast<uint8_t>(Field::kPaidAmount), price});
    out.add(k, Rule::kFixAmountUnit, Action::kCorrect, orders::kPaidAmount, yuan_text(amount),
            yuan_text(price), fen_as_yuan ? "x100" : "x0.01");
  }
}

// Store aliases, then amount units, each over both halves of the orders; findings and fixes
// in order index order, as one pass would give them.
void map_aliases_and_fix_units(Pipeline& p, std::vector<Override>& fixes) {
  p.store_clean.resize(p.order_count);
  p.home_clean.resize(p.order_count);
  p.in_halves(p.clean_findings, [&](int, size_t begin, size_t end, FindingList& out) {
    map_aliases(p, begin, end, out);
  });
  std::vector<std::vector<Override>> part_fixes(static_cast<size_t>(p.threads));
  p.in_halves(p.clean_findings, [&](int part, size_t begin, size_t end, FindingList& out) {
    fix_amount_units(p, begin, end, part_fixes[static_cast<size_t>(part)], out);
  });
  for (auto& f : part_fixes) fixes.insert(fixes.end(), f.begin(), f.end());
}

// Text of a field's value as shown in a finding.
std::string value_text(const Pipeline& p, Field f, int64_t v) {
  switch (f) {
    case Field::kStatus:
      return v == kNoSmall ? std::string()
                           : std::string(order_status_token(static_cast<OrderStatus>(v)));
    case Field::kCreatedAt:
    case Field::kPaidAt:
    case Field::kRedeemedAt:
    case Field::kRecordedAt:
    case Field::kRefundedAt:
      return std::string(time_text(p, v).view());
    case Field::kGrossAmount:
    case Field::kPaidAmount:
    case Field::kDiscountAmount:
      return std::string(yuan_text(v).view());
    default:
      return {};
  }
}

int64_t raw_value(const Pipeline& p, uint32_t k, Field f) {
  switch (f) {
    case Field::kStatus:
      return p.status[p.row(k)];
    case Field::kCreatedAt:
    case Field::kPaidAt:
    case Field::kRedeemedAt:
    case Field::kRecordedAt:
    case Field::kRefundedAt:
      return p.time_of(k, f, false);
    case Field::kGrossAmount:
    case Field::kPaidAmount:
    case Field::kDiscountAmount:
      return p.money_of(k, f, false);
    case Field::kPackage:
      return p.package_of[k];
    case Field::kPhone:
      return p.phone_key[k];
    case Field::kVin:
      return p.vin_key[k];
    case Field::kInviter:
      return p.staff_of[0][k];
    case Field::kReceiver:
      return p.staff_of[1][k];
    case Field::kCloser:
      return p.staff_of[2][k];
    case Field::kCount:
      break;
  }
  return 0;
}

struct Current {
  int64_t value;
  std::string text;
};

// Applies the store supplementary sheets in row order. A store may correct its own orders and
// orders of no known store; a correction of another store's order is a claim: flagged and
// left to arbitration (closeout.md §7).
void apply_corrections(Pipeline& p, const std::vector<Override>& fixes,
                       std::vector<Override>& applied) {
  const Table* c = p.in.corrections;
  uint32_t unattributed = p.out.stores.unattributed_store();
  std::map<std::pair<uint32_t, uint8_t>, Current> current;
  for (const Override& o : fixes) {
    current[{o.order, o.field}] = {o.value, value_text(p, static_cast<Field>(o.field), o.value)};
  }
  for (const Correction& corr : p.corrections) {
    if (!corr.valid) continue;
    uint32_t k = corr.order;
    std::string_view sheet_code = c->text(corrections::kStoreCode, corr.row);
    uint32_t author = p.store_by_code(sheet_code, true);
    std::string_view value = c->text(corrections::kValue, corr.row);
    std::string detail = fmt::format("{}: {}", sheet_code, c->text(corrections::kReason, corr.row));
    int column = corr.target == CorrectionTarget::kStore       ? orders::kStoreCode
                 : corr.target == CorrectionTarget::kHomeStore ? orders::kHomeStoreCode
                                                               : field_column(corr.field);
    // A store corrects its own orders and orders that came without a known store.
    uint32_t seen = p.store_seen[k];
    bool no_raw_store = seen == kNone || p.seen_clean_store[seen] == unattributed;
    bool allowed = sheet_code.empty() || author == p.store_clean[k] || no_raw_store;
    std::string before;
    if (corr.target == CorrectionTarget::kStore) {
      before = store_text(p, p.store_clean[k]);
    } else if (corr.target == CorrectionTarget::kHomeStore) {
      before = store_text(p, p.home_clean[k]);
    } else if (auto it = current.find({k, static_cast<uint8_t>(corr.field)}); it != current.end()) {
      before = it->second.text;
    } else {
      before = value_text(p, corr.field, raw_value(p, k, corr.field));
      if (before.empty() && p.t.schema().columns[column].type == ValueType::kText) {
        before = std::string(p.t.text(column, p.row(k)));
      }
    }
    if (!allowed) {
      p.clean_findings.add(k, Rule::kStoreCorrection, Action::kFlag, column, before, value, detail);
      continue;
    }
    Action action = Action::kCorrect;  // closeout.md §3 lists the sheets under "Correct"
    p.clean_findings.add(k, Rule::kStoreCorrection, action, column, before, value, detail);
    if (corr.target == CorrectionTarget::kStore) {
      p.store_clean[k] = static_cast<uint32_t>(corr.value);
    } else if (corr.target == CorrectionTarget::kHomeStore) {
      p.home_clean[k] = static_cast<uint32_t>(corr.value);
    } else {
      current[{k, static_cast<uint8_t>(corr.field)}] = {corr.value, std::string(value)};
      applied.push_back({k, static_cast<uint8_t>(corr.field), corr.value});
    }
  }
}

void install_overrides(Pipeline& p, std::vector<Override> list) {
  if (list.empty()) return;
  std::stable_sort(list.begin(), list.end(), [](const Override& a, const Override& b) {
    return a.order != b.order ? a.order < b.order : a.field < b.field;
  });
  // Keep the last of each (order, field): corrections come after the pipeline's own fixes.
  for (size_t i = 0; i < list.size(); ++i) {
    bool last = i + 1 == list.size() || list[i + 1].order != list[i].order ||
                list[i + 1].field != list[i].field;
    if (last) p.overrides.push_back(list[i]);
  }
  p.override_mask.assign(p.order_count, 0);
  for (const Override& o : p.overrides) p.override_mask[o.order] |= uint16_t(1u << o.field);
}

uint32_t master_home_store(const Pipeline& p, uint32_t k) {
  uint32_t c = p.out.orders.customer[k];
  if (c == kNone) return kNone;
  uint32_t r = p.customer_master_row[c];
  if (r == kNone) return kNone;
  return p.store_by_code(p.in.customers->text(customers::kHomeStoreCode, r), true);
}

void fill_range(Pipeline& p, size_t begin, size_t end, FindingList& out) {
  uint32_t unattributed = p.out.stores.unattributed_store();
  for (auto k = static_cast<uint32_t>(begin); k < end; ++k) {
    if (p.home_clean[k] == unattributed && p.home_seen[k] == kNone) {
      uint32_t home = master_home_store(p, k);
      if (home != kNone) {
        p.home_clean[k] = home;
        out.add(k, Rule::kFillHomeStore, Action::kFill, orders::kHomeStoreCode, "",
                store_text(p, home), "customers");
      }
    }
    bool nobody = true;
    for (int role = 0; role < kRoleCount; ++role) nobody = nobody && p.staff_at(role, k) == kNone;
    if (nobody) {
      out.add(k, Rule::kFillStaff, Action::kFill, orders::kCloser, "", "", "confirmation");
    }
    if (p.store_clean[k] != unattributed || p.store_seen[k] != kNone) continue;
    uint32_t fill = kNone;
    std::string source;
    for (int role = kRoleCount - 1; role >= 0 && fill == kNone; --role) {
      uint32_t s = p.staff_at(role, k);
      if (s != kNone && p.staff_store[s] != kNone && p.staff_store[s] != unattributed) {
        fill = p.staff_store[s];
        source = "staff " + p.staff_ids[s];
      }
    }
    if (fill == kNone && p.home_clean[k] != unattributed) {
      fill = p.home_clean[k];
      source = "home_store";
    }
    if (fill == kNone) continue;
    p.store_clean[k] = fill;
    out.add(k, Rule::kFillStore, Action::kFill, orders::kStoreCode, "", store_text(p, fill),
            source);
  }
}
// Fills over both halves of the orders, findings in order index order.
void fill_stores(Pipeline& p) {
  p.in_halves(p.clean_findings, [&](int, size_t begin, size_t end, FindingList& out) {
    fill_range(p, begin, end, out);
  });
}
}  // namespace

void build_cleaned_view(Pipeline& p) {
  // closeout.md §3 order: the pipeline's own fixes and fills, then the stores' sheets (which
  // may correct a filled value), the last word per field.
  std::vector<Override> fixes;
  map_aliases_and_fix_units(p, fixes);
  fill_stores(p);
  std::vector<Override> applied;
  apply_corrections(p, fixes, applied);
  fixes.insert(fixes.end(), applied.begin(), applied.end());
  install_overrides(p, std::move(fixes));
}

}  // namespace pitwall::core::closeout::detail
