// Phones and VINs: the identifiers that merge customer accounts into one person
// (closeout.md §3), normalised (fix.phone), with their blacklist entries.
#include <algorithm>

#include "core/closeout/pipeline.hpp"

namespace pitwall::core::closeout::detail {

namespace {
constexpr int kBlacklistPhone = 1;
constexpr int kBlacklistVin = 2;

std::string_view correction_value(const Pipeline& p, const Correction& corr) {
  std::string_view s = p.in.corrections->text(corrections::kValue, corr.row);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

uint32_t phone_key_of(const Pipeline& p, uint64_t number) {
  if (number == 0) return kNone;
  auto it = std::lower_bound(p.phone_numbers.begin(), p.phone_numbers.end(), number);
  if (it == p.phone_numbers.end() || *it != number) return kNone;
  return static_cast<uint32_t>(it - p.phone_numbers.begin());
}

bool has_master(const Pipeline& p) { return p.in.customers && p.in.customers->rows() > 0; }

void build_phones(Pipeline& p) {
  Domain phones(p.t.pool, p.memo);
  std::vector<uint32_t> raw_of_order(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    raw_of_order[k] = phones.add_pool_id(p.phone[p.row(k)]);
  }
  phones.finish();
  std::vector<uint64_t> number_of_raw(phones.size());
  std::vector<uint64_t> numbers;
  numbers.reserve(phones.size());
  for (uint32_t i = 0; i < phones.size(); ++i) {
    number_of_raw[i] = normalise_phone(phones.text(i));
    if (number_of_raw[i] != 0) numbers.push_back(number_of_raw[i]);
  }
  std::vector<uint64_t> correction_numbers(p.corrections.size(), 0);
  for (size_t i = 0; i < p.corrections.size(); ++i) {
    const Correction& corr = p.corrections[i];
    if (!corr.valid || corr.field != Field::kPhone) continue;
    correction_numbers[i] = normalise_phone(correction_value(p, corr));
    if (correction_numbers[i] != 0) numbers.push_back(correction_numbers[i]);
  }
  std::vector<uint64_t> master_numbers(p.customer_master_row.size(), 0);
  if (has_master(p)) {
    for (size_t c = 0; c < master_numbers.size(); ++c) {
      if (p.customer_master_row[c] == kNone) continue;
      master_numbers[c] =
          normalise_phone(p.in.customers->text(customers::kPhone, p.customer_master_row[c]));
      if (master_numbers[c] != 0) numbers.push_back(master_numbers[c]);
    }
  }
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  p.phone_numbers = std::move(numbers);

  p.phone_key.resize(p.order_count);
  std::vector<uint32_t> key_of_raw(phones.size());
  for (uint32_t i = 0; i < phones.size(); ++i) key_of_raw[i] = phone_key_of(p, number_of_raw[i]);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    uint32_t raw = raw_of_order[k];
    p.phone_key[k] = raw == kNone ? kNone : key_of_raw[raw];
    if (raw == kNone || number_of_raw[raw] == 0 || is_normalised_phone(phones.text(raw))) continue;
    p.clean_findings.add(k, Rule::kFixPhone, Action::kCorrect, orders::kPhone, phones.text(raw),
                         std::to_string(number_of_raw[raw]), "");
  }
  for (size_t i = 0; i < p.corrections.size(); ++i) {
    Correction& corr = p.corrections[i];
    if (!corr.valid || corr.field != Field::kPhone) continue;
    corr.value = phone_key_of(p, correction_numbers[i]);
    if (corr.value == kNone) {
      corr.valid = false;
      p.problem("corrections", p.in.corrections->lines[corr.row], "bad_value",
                correction_value(p, corr));
    }
  }
  p.customer_master_phone.assign(master_numbers.size(), kNone);
  for (size_t c = 0; c < master_numbers.size(); ++c) {
    p.customer_master_phone[c] = phone_key_of(p, master_numbers[c]);
  }
  p.phone_blacklist.assign(p.phone_numbers.size(), kNone);
  for (uint32_t i = 0; i < p.blacklist.size(); ++i) {
    if (p.blacklist[i].kind != kBlacklistPhone) continue;
    uint32_t key = phone_key_of(p, normalise_phone(p.blacklist[i].value));
    if (key != kNone && p.phone_blacklist[key] == kNone) p.phone_blacklist[key] = i;
  }
}

void build_vins(Pipeline& p) {
  Domain vins(p.t.pool, p.memo);
  std::vector<uint32_t> raw_of_order(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    raw_of_order[k] = vins.add_pool_id(p.vin[p.row(k)]);
  }
  // canonical[id]: the id of the id's normalised text (itself when already normalised).
  std::vector<uint32_t> canonical;
  auto canonical_of_text = [&](std::string_view text) -> uint32_t {
    std::string norm = normalise_vin(text);
    if (norm.empty()) return kNone;
    uint32_t id = vins.add_text(norm);
    while (canonical.size() < vins.size()) canonical.push_back(static_cast<uint32_t>(canonical.size()));
    return canonical[id];
  };
  uint32_t raw_count = vins.size();
  canonical.resize(raw_count, kNone);
  for (uint32_t i = 0; i < raw_count; ++i) {
    std::string_view text = vins.text(i);
    std::string norm = normalise_vin(text);
    canonical[i] = norm == text ? i : kNone;
  }
  for (uint32_t i = 0; i < raw_count; ++i) {
    if (canonical[i] == kNone) canonical[i] = canonical_of_text(vins.text(i));
  }
  p.vin_key.resize(p.order_count);
  for (uint32_t k = 0; k < p.order_count; ++k) {
    p.vin_key[k] = raw_of_order[k] == kNone ? kNone : canonical[raw_of_order[k]];
  }
  for (Correction& corr : p.corrections) {
    if (corr.valid && corr.field == Field::kVin) corr.value = canonical_of_text(correction_value(p, corr));
  }
  p.customer_master_vin.assign(p.customer_master_row.size(), kNone);
  if (has_master(p)) {
    for (size_t c = 0; c < p.customer_master_row.size(); ++c) {
      if (p.customer_master_row[c] == kNone) continue;
      p.customer_master_vin[c] =
          canonical_of_text(p.in.customers->text(customers::kVin, p.customer_master_row[c]));
    }
  }
  p.vin_count = vins.size();
  p.vin_blacklist.assign(p.vin_count, kNone);
  for (uint32_t i = 0; i < p.blacklist.size(); ++i) {
    if (p.blacklist[i].kind != kBlacklistVin) continue;
    uint32_t id = vins.find_text(normalise_vin(p.blacklist[i].value));
    if (id == kNone) continue;
    while (canonical.size() < vins.size()) canonical.push_back(static_cast<uint32_t>(canonical.size()));
    uint32_t key = canonical[id];
    if (key != kNone && key < p.vin_count && p.vin_blacklist[key] == kNone) p.vin_blacklist[key] = i;
  }
  vins.finish();
}
}  // namespace

void build_contacts(Pipeline& p) {
  build_phones(p);
  build_vins(p);
}

}  // namespace pitwall::core::closeout::detail
