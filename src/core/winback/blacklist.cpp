#include "core/winback/blacklist.hpp"

#include <algorithm>
#include <tuple>

namespace pitwall::core::winback {

namespace {
bool entry_less(const BlacklistEntry& a, const BlacklistEntry& b) {
  return std::tie(a.kind, a.value, a.source) < std::tie(b.kind, b.value, b.source);
}
}  // namespace

void Blacklist::add_table(const Table& blacklist) {
  if (blacklist.kind != TableKind::kBlacklist) return;
  for (size_t row = 0; row < blacklist.rows(); ++row) {
    int32_t kind = blacklist.i32(blacklist::kKind, row);
    if (kind < 0 || kind >= int32_t(std::size(words::kBlacklistKinds))) continue;
    add({std::string(words::kBlacklistKinds[kind]),
         std::string(blacklist.text(blacklist::kValue, row)),
         std::string(blacklist.text(blacklist::kReason, row)), "import"});
  }
}

void Blacklist::add(BlacklistEntry entry) { entries_.push_back(std::move(entry)); }

void Blacklist::finish() { std::stable_sort(entries_.begin(), entries_.end(), entry_less); }

const BlacklistEntry* Blacklist::find(std::string_view kind, std::string_view value) const {
  if (value.empty()) return nullptr;
  auto it = std::lower_bound(entries_.begin(), entries_.end(), std::pair(kind, value),
                             [](const BlacklistEntry& e, const auto& key) {
                               using Views = std::pair<std::string_view, std::string_view>;
                               return Views(e.kind, e.value) < Views(key.first, key.second);
                             });
  if (it == entries_.end() || it->kind != kind || it->value != value) return nullptr;
  return &*it;
}

const BlacklistEntry* Blacklist::hit(std::string_view customer_id, const Table* customers) const {
  if (const BlacklistEntry* e = find("customer_id", customer_id)) return e;
  if (!customers || customers->kind != TableKind::kCustomers) return nullptr;
  for (size_t row = 0; row < customers->rows(); ++row) {
    if (customers->text(customers::kCustomerId, row) != customer_id) continue;
    if (const BlacklistEntry* e = find("phone", customers->text(customers::kPhone, row))) return e;
    if (const BlacklistEntry* e = find("vin", customers->text(customers::kVin, row))) return e;
  }
  return nullptr;
}

std::vector<uint8_t> Blacklist::flag_customer_ids(const Table& churned,
                                                  const Table* customers) const {
  // The listed customer ids are gathered first and matched by one pass over the churned pool:
  // looking a few of them up in a pool of millions would index all its strings.
  std::vector<uint8_t> flags(churned.pool.size(), 0);
  StringPool listed;
  bool empty_listed = false;  // an empty id matches the empty cells (id 0)
  auto add = [&](std::string_view id) {
    if (id.empty()) empty_listed = true;
    listed.intern(id);
  };
  for (const BlacklistEntry& e : entries_) {
    if (e.kind == "customer_id") add(e.value);
  }
  if (customers && customers->kind == TableKind::kCustomers && !entries_.empty()) {
    for (size_t row = 0; row < customers->rows(); ++row) {
      bool hit = find("phone", customers->text(customers::kPhone, row)) ||
                 find("vin", customers->text(customers::kVin, row));
      if (hit) add(customers->text(customers::kCustomerId, row));
    }
  }
  if (empty_listed && !flags.empty()) flags[0] = 1;
  for (const auto& match : churned.pool.common_with(listed)) flags[match.first] = 1;
  return flags;
}

}  // namespace pitwall::core::winback
