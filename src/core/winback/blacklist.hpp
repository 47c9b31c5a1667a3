#pragma once
// The blacklist as the win-back desk sees it (winback.md "Blacklist hits block offers"): the
// imported blacklist table plus the entries the close-out arbitration adds (workspace records
// "blacklist", key "kind:value"). A churned customer is blacklisted when its customer id is
// listed, or a phone or VIN the customer master data gives for that customer id is listed.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/table.hpp"

namespace pitwall::core::winback {

struct BlacklistEntry {
  std::string kind;  // customer_id | phone | vin | device_id | payment_account
  std::string value;
  std::string reason;
  std::string source;  // "import" or who added it
};

class Blacklist {
 public:
  // Adds the rows of an imported blacklist table (source "import").
  void add_table(const Table& blacklist);
  void add(BlacklistEntry entry);
  // Sorts for lookup; call after the last add.
  void finish();
  const BlacklistEntry* find(std::string_view kind, std::string_view value) const;
  size_t size() const { return entries_.size(); }

  // The entry that blocks `customer_id`: its id, else a phone or VIN of the customer in
  // `customers` (may be null).
  const BlacklistEntry* hit(std::string_view customer_id, const Table* customers) const;

  // One flag per text id of `churned`'s pool: 1 when that customer id is blacklisted (directly
  // or through `customers`). For scoring millions of rows without a lookup per row.
  std::vector<uint8_t> flag_customer_ids(const Table& churned, const Table* customers) const;

 private:
  std::vector<BlacklistEntry> entries_;
};

}  // namespace pitwall::core::winback
