// Phones and VINs: the identifiers that merge customer accounts into one person
// (closeout.md §3), normalised (fix.phone), with their blacklist entries.
//
// Keys: one per distinct normalised value. Values as typed in the orders get dense ids through
// the memo (no hashing); a value already in normal form is its own key. Only the rest — values
// typed otherwise, correction values, the customers file's values for accounts whose orders
// carry none, blacklist entries — are matched, through one scan of the clean values.
#include <optional>

#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
constexpr int kBlacklistPhone = 1;
constexpr int kBlacklistVin = 2;

using CleanFn = bool (*)(std::string_view);
using KeyFn = std::optional<Fingerprint> (*)(std::string_view);

std::optional<Fingerprint> phone_key(std::string_view text) {
  if (is_normalised_phone(text)) {
    uint64_t number = 0;
    for (char c : text) number = number * 10 + static_cast<uint64_t>(c - '0');
    return Fingerprint{number, 0};
  }
  uint64_t number = normalise_phone(text);
  if (number == 0) return std::nullopt;
  return Fingerprint{number, 0};
}

std::optional<Fingerprint> vin_key(std::string_view text) {
  if (is_normalised_vin(text)) return fingerprint(text);
  std::string norm = normalise_vin(text);
  if (norm.empty()) return std::nullopt;
  return fingerprint(norm);
}

struct ContactKeys {
  std::vector<uint32_t> key_of_raw;   // per raw value: key, or kNone (not a valid value)
  std::vector<uint32_t> special_key;  // per special text: key, or kNone
  uint32_t key_count = 0;
};

ContactKeys build_keys(const RawContacts& raw, KeyFn key,
                       std::span<const std::string_view> specials, int threads) {
  ContactKeys out;
  const Domain& values = *raw.values;
  uint32_t n = values.size();
  out.key_of_raw.assign(n, kNone);
  // Groups of equal keys among the texts that are not clean raw values.
  FingerprintMap groups(specials.size() + 64);
  std::vector<uint32_t> group_key;
  auto group_of = [&](std::optional<Fingerprint> fp) -> uint32_t {
    if (!fp) return kNone;
    uint32_t g = groups.insert(*fp, static_cast<uint32_t>(group_key.size()));
    if (g == group_key.size()) group_key.push_back(kNone);
    return g;
  };
  std::vector<uint32_t> dirty_group(n, kNone);
  for (uint32_t v = 0; v < n; ++v) {
    if (raw.is_clean[v]) {
      out.key_of_raw[v] = v;
    } else {
      dirty_group[v] = group_of(key(values.text(v)));
    }
  }
  std::vector<uint32_t> special_group(specials.size());
  for (size_t i = 0; i < specials.size(); ++i) special_group[i] = group_of(key(specials[i]));
  if (!group_key.empty()) {
    // Distinct clean values have distinct keys, so each group is written by at most one value:
    // the halves never write the same entry.
    run_in_parts(threads, n, [&](int, size_t begin, size_t end) {
      for (auto v = static_cast<uint32_t>(begin); v < end; ++v) {
        if (!raw.is_clean[v]) continue;
        uint32_t g = groups.find(*key(values.text(v)));
        if (g != kNone) group_key[g] = v;
      }
    });
  }
  uint32_t next = n;
  for (uint32_t v = 0; v < n; ++v) {
    uint32_t g = dirty_group[v];
    if (g == kNone) continue;
    if (group_key[g] == kNone) group_key[g] = v;  // no clean form typed: the first dirty one
    out.key_of_raw[v] = group_key[g];
  }
  out.special_key.resize(specials.size());
  for (size_t i = 0; i < specials.size(); ++i) {
    uint32_t g = special_group[i];
    if (g == kNone) {
      out.special_key[i] = kNone;
      continue;
    }
    if (group_key[g] == kNone) group_key[g] = next++;
    out.special_key[i] = group_key[g];
  }
  out.key_count = next;
  return out;
}

bool has_master(const Pipeline& p) { return p.in.customers && p.in.customers->rows() > 0; }

// Texts from the corrections (field `f`), the customers file (accounts whose orders name no
// value; column `master_column`) and the blacklist (kind `blacklist_kind`), in that order.
struct Specials {
  std::vector<std::string_view> texts;
  std::vector<Correction*> corrections;
  std::vector<uint32_t> master_customers;
  std::vector<uint32_t> blacklist_items;
};

Specials gather_specials(Pipeline& p, Field f, int master_column, int blacklist_kind,
                         std::span<const uint32_t> raw_of_order) {
  Specials s;
  for (Correction& corr : p.corrections) {
    if (!corr.valid || corr.field != f) continue;
    s.texts.push_back(p.in.corrections->text(corrections::kValue, corr.row));
    s.corrections.push_back(&corr);
  }
  if (has_master(p)) {
    std::vector<uint8_t> named(p.customer_master_row.size(), 0);
    for (uint32_t k = 0; k < p.order_count; ++k) {
      uint32_t c = p.out.orders.customer[k];
      if (c != kNone && raw_of_order[k] != kNone) named[c] = 1;
    }
    for (uint32_t c = 0; c < named.size(); ++c) {
      uint32_t r = p.customer_master_row[c];
      if (named[c] || r == kNone) continue;
      std::string_view text = p.in.customers->text(master_column, r);
      if (text.empty()) continue;
      s.texts.push_back(text);
      s.master_customers.push_back(c);
    }
  }
  for (uint32_t i = 0; i < p.blacklist.size(); ++i) {
    if (p.blacklist[i].kind != blacklist_kind) continue;
    s.texts.push_back(p.blacklist[i].value);
    s.blacklist_items.push_back(i);
  }
  return s;
}

// Applies the keys of the special texts: corrections' values, the customers file, blacklist.
void apply_specials(Pipeline& p, const Specials& s, const ContactKeys& keys,
                    std::vector<uint32_t>& master_key, std::vector<uint32_t>& blacklist) {
  size_t i = 0;
  for (Correction* corr : s.corrections) {
    uint32_t key = keys.special_key[i++];
    if (key == kNone) {
      corr->valid = false;
      p.problem("corrections", p.in.corrections->lines[corr->row], "bad_value",
                p.in.corrections->text(corrections::kValue, corr->row));
    } else {
      corr->value = key;
    }
  }
  master_key.assign(p.out.orders.customer_id.size(), kNone);
  for (uint32_t c : s.master_customers) master_key[c] = keys.special_key[i++];
  blacklist.assign(keys.key_count, kNone);
  for (uint32_t item : s.blacklist_items) {
    uint32_t key = keys.special_key[i++];
    if (key != kNone && blacklist[key] == kNone) blacklist[key] = item;
  }
}

}  // namespace

RawContacts densify_contacts(const Pipeline& p, ContactKind kind, std::vector<uint32_t>& memo) {
  RawContacts raw;
  raw.values = std::make_unique<Domain>(p.t.pool, memo);
  raw.values->reserve(p.order_count);
  std::span<const uint32_t> column = kind == ContactKind::kPhone ? p.phone : p.vin;
  raw.of_order.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    raw.of_order[k] = raw.values->add_pool_id(column[p.row(k)]);
  }
  raw.values->finish(true);
  CleanFn clean = kind == ContactKind::kPhone ? is_normalised_phone : is_normalised_vin;
  raw.is_clean.resize(raw.values->size());
  for (uint32_t v = 0; v < raw.values->size(); ++v) raw.is_clean[v] = clean(raw.values->text(v));
  return raw;
}

void build_phones(Pipeline& p, const RawContacts& raw) {
  Specials s = gather_specials(p, Field::kPhone, customers::kPhone, kBlacklistPhone, raw.of_order);
  ContactKeys keys = build_keys(raw, phone_key, s.texts, p.threads);
  p.phone_key.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t v = raw.of_order[k];
    p.phone_key[k] = v == kNone ? kNone : keys.key_of_raw[v];
    if (v == kNone || raw.is_clean[v] || keys.key_of_raw[v] == kNone) continue;
    std::string_view text = raw.values->text(v);
    p.clean_findings.add(k, Rule::kFixPhone, Action::kCorrect, orders::kPhone, text,
                         int_text(static_cast<int64_t>(normalise_phone(text))), "");
  }
  apply_specials(p, s, keys, p.customer_master_phone, p.phone_blacklist);
  p.phone_count = keys.key_count;
}

void build_vins(Pipeline& p, const RawContacts& raw) {
  Specials s = gather_specials(p, Field::kVin, customers::kVin, kBlacklistVin, raw.of_order);
  ContactKeys keys = build_keys(raw, vin_key, s.texts, p.threads);
  p.vin_key.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t v = raw.of_order[k];
    p.vin_key[k] = v == kNone ? kNone : keys.key_of_raw[v];
  }
  apply_specials(p, s, keys, p.customer_master_vin, p.vin_blacklist);
  p.vin_count = keys.key_count;
}

}  // namespace pitwall::core::closeout::detail
