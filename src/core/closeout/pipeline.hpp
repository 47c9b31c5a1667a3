#pragma once
// Internal state of one close-out run, shared by the stage files (collect.cpp, prepare.cpp,
// validate.cpp, clean.cpp, fraud.cpp, evaluate.cpp, settle.cpp). Not part of the public API:
// callers use run_closeout (closeout.hpp).
//
// Layout (style.md "Hot paths"): one index per distinct order (in winning-row order), raw values
// read from the orders table through `row`, identifiers as dense ids per domain, cleaned values
// as dense store arrays plus a sparse, sorted override list for the other fields.

#include <array>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/closeout/domain.hpp"
#include "core/closeout/inputs.hpp"
#include "core/closeout/result.hpp"

namespace pitwall::core::closeout::detail {

// Fields a cleaned order may have changed (stores are kept in dense arrays instead).
enum class Field : uint8_t {
  kStatus,
  kCreatedAt,
  kPaidAt,
  kRedeemedAt,
  kRecordedAt,
  kRefundedAt,
  kPackage,
  kGrossAmount,
  kPaidAmount,
  kDiscountAmount,
  kPhone,
  kVin,
  kInviter,
  kReceiver,
  kCloser,
  kCount
};
int field_column(Field field);  // orders::Col

struct Override {
  uint32_t order;
  uint8_t field;  // Field
  int64_t value;  // status code, UTC seconds, fen, or a dense id of the field's domain
};

enum class CorrectionTarget : uint8_t { kStore, kHomeStore, kField };

// One row of the store supplementary sheets, resolved.
struct Correction {
  uint32_t order = kNone;
  CorrectionTarget target = CorrectionTarget::kField;
  Field field = Field::kCount;
  int64_t value = 0;            // as Override::value; for stores a StoreDirectory index
  uint32_t store_seen = kNone;  // store targets: the value's seen-code id
  bool valid = false;
  uint32_t row = 0;  // row in the corrections table
};

struct BlacklistItem {
  int kind = 0;  // index into words::kBlacklistKinds
  std::string_view value;
  std::string_view reason;
};

// Staff roles of the collaboration split, in split order.
inline constexpr int kRoleCount = 3;
inline constexpr Field kRoleFields[kRoleCount] = {Field::kInviter, Field::kReceiver,
                                                  Field::kCloser};

// Per-order dense ids of one ring identifier column (fraud.cpp), with the blacklist entries
// naming its values.
struct IdentifierColumn {
  std::string kind;  // device_id | payment_account | address
  int column = 0;    // orders::Col
  std::unique_ptr<Domain> domain;
  std::vector<uint32_t> of_order;
  std::vector<uint32_t> blacklisted;  // value -> blacklist item, or kNone
};

// The three ring identifiers (fraud.cpp), built beside the stages between domains and fraud.
struct Identifiers {
  IdentifierColumn device, payment, address;
};

struct Pipeline {
  Pipeline(const CloseoutInputs& inputs, RunResult& result);

  const CloseoutInputs& in;
  const Campaign& campaign;
  const TimeZone& zone;
  const Table& t;
  RunResult& out;
  int threads;
  uint32_t order_count = 0;

  // Raw columns of the orders table (by row).
  std::span<const uint32_t> order_id, customer, store, package, home_store, phone, vin, device,
      payment, address;
  std::array<std::span<const uint32_t>, kRoleCount> role;
  std::span<const int32_t> status, tax_rate;
  std::span<const int64_t> created, paid_at, redeemed, recorded, updated, approved, refunded, gross,
      paid, discount;

  // pool id -> dense id of the domain being built; one per thread building domains.
  std::vector<uint32_t> memo, memo2;

  // Dense ids per order (raw values).
  std::vector<uint32_t> package_of, phone_key, vin_key;
  std::array<std::vector<uint32_t>, kRoleCount> staff_of;
  std::vector<uint32_t> store_seen, home_seen;  // seen-code ids of store and home store

  // Domain attributes.
  std::vector<uint32_t> seen_raw_store, seen_clean_store;  // seen-code id -> directory index
  std::vector<uint8_t> seen_is_alias;
  std::vector<uint32_t> customer_master_row;  // customer -> row in customers table, or kNone
  std::vector<uint8_t> customer_is_test;
  std::vector<uint32_t> customer_blacklist;  // customer -> blacklist item, or kNone
  std::vector<int64_t> package_price;        // package -> fen, or kNoFen
  std::vector<int32_t> package_tax;          // package -> basis, or kNoSmall
  uint32_t package_count = 0;
  std::vector<uint32_t> staff_store;  // staff -> directory index, or kNone (not in staff file)
  std::vector<uint8_t> staff_is_test;
  std::vector<std::string> staff_ids, staff_names;
  uint32_t phone_count = 0;               // phone keys
  std::vector<uint32_t> phone_blacklist;  // phone key -> blacklist item, or kNone
  // customer -> phone / VIN key from the customers file, for accounts whose orders carry none.
  std::vector<uint32_t> customer_master_phone;
  uint32_t vin_count = 0;
  std::vector<uint32_t> vin_blacklist;  // vin key -> blacklist item, or kNone
  std::vector<uint32_t> customer_master_vin;

  // Store directory lookups by text (master codes and old codes).
  std::vector<std::pair<std::string, uint32_t>> code_index;   // sorted by code
  std::vector<std::pair<std::string, uint32_t>> alias_index;  // sorted by old code
  uint32_t store_by_code(std::string_view code, bool with_alias) const;

  // Side inputs resolved to orders.
  std::vector<Correction> corrections;
  std::vector<uint32_t> exception_order;  // per exceptions row: order, or kNone
  std::vector<uint32_t> decision_order;   // per decision: order, or kNone
  std::vector<BlacklistItem> blacklist;

  // Cleaned view.
  std::vector<uint16_t> override_mask;  // per order; empty when there are no overrides
  std::vector<Override> overrides;      // by (order, field), one per pair
  // Stores per order, raw and cleaned; given to out.orders (and shared with the evaluations)
  // by evaluate.
  std::vector<uint32_t> store_raw, store_clean;
  std::vector<uint32_t> home_clean;

  // The ring identifiers, being built on a thread of their own from the end of domains to fraud
  // (with two threads; with one, fraud builds them).
  std::future<Identifiers> identifiers;
  // The order ids' copy (OrderLedger::ids_text), made beside domains, cleaned and validate; dedup
  // is the first to read it (with one thread collect makes it).
  std::future<void> ids_copied;

  // Orders by person (identity), in order index order; set by deduplicate.
  Groups by_identity;

  // Exclusions and decisions.
  std::vector<uint8_t>& first_exclusion;  // = out.orders.first_exclusion
  std::vector<uint8_t> decision;          // per order: 0 none, 1 + DecisionKind
  std::vector<uint32_t> decision_store;   // per order: directory index for kStore

  // Findings by stage (merged and sorted at the end).
  FindingList collect_findings, validate_findings, clean_findings, fraud_findings;
  // fraud.stack_return: per order the clawed-back benefit (empty when none).
  std::vector<std::pair<uint32_t, int64_t>> stack_returns;

  // Accessors of raw / cleaned values (inline: they run per order in most stages).
  int64_t cleaned_value(uint32_t k, Field f, int64_t raw) const {
    if (override_mask.empty() || (override_mask[k] & (1u << static_cast<int>(f))) == 0) return raw;
    return override_value(k, f);
  }
  int64_t override_value(uint32_t k, Field f) const;
  int32_t status_of(uint32_t k, bool cleaned) const {
    int32_t raw = status[row(k)];
    return cleaned ? static_cast<int32_t>(cleaned_value(k, Field::kStatus, raw)) : raw;
  }
  int64_t time_of(uint32_t k, Field f, bool cleaned) const {
    uint32_t r = row(k);
    int64_t raw = f == Field::kCreatedAt    ? created[r]
                  : f == Field::kPaidAt     ? paid_at[r]
                  : f == Field::kRedeemedAt ? redeemed[r]
                  : f == Field::kRecordedAt ? recorded[r]
                                            : refunded[r];
    int64_t v = cleaned ? cleaned_value(k, f, raw) : raw;
    // recorded_at defaults to created_at (formats.md "Orders").
    if (v == kNoTime && f == Field::kRecordedAt) return time_of(k, Field::kCreatedAt, cleaned);
    return v;
  }
  int64_t money_of(uint32_t k, Field f, bool cleaned) const {
    uint32_t r = row(k);
    int64_t raw = f == Field::kGrossAmount  ? gross[r]
                  : f == Field::kPaidAmount ? paid[r]
                                            : discount[r];
    return cleaned ? cleaned_value(k, f, raw) : raw;
  }
  uint32_t package_at(uint32_t k, bool cleaned) const {
    uint32_t raw = package_of[k];
    return cleaned ? static_cast<uint32_t>(cleaned_value(k, Field::kPackage, raw)) : raw;
  }
  uint32_t staff_at(int role_index, uint32_t k) const {  // cleaned
    uint32_t raw = staff_of[role_index][k];
    return static_cast<uint32_t>(cleaned_value(k, kRoleFields[role_index], raw));
  }
  uint32_t phone_at(uint32_t k) const {  // cleaned
    return static_cast<uint32_t>(cleaned_value(k, Field::kPhone, phone_key[k]));
  }
  uint32_t vin_at(uint32_t k) const {  // cleaned
    return static_cast<uint32_t>(cleaned_value(k, Field::kVin, vin_key[k]));
  }
  uint32_t row(uint32_t k) const { return out.orders.row[k]; }
  uint32_t identity_of(uint32_t k) const {  // kNone for an order without a customer id
    uint32_t c = out.orders.customer[k];
    return c == kNone ? kNone : out.orders.identity[c];
  }
  bool is_excluded(uint32_t k) const { return first_exclusion[k] != kNoExclusion; }
  void exclude(uint32_t k, Rule rule) {
    auto r = static_cast<uint8_t>(rule);
    if (r < first_exclusion[k]) first_exclusion[k] = r;
  }
  bool in_window(int64_t t) const {
    return t != kNoTime && t >= campaign.start && t <= campaign.end;
  }
  // A paid-or-redeemed order (cleaned) whose paid_at (else created_at) lies in the campaign:
  // what the limits and rings count.
  bool paid_in_campaign(uint32_t k) const;
  // The store review cut-off: the campaign's, else the day after the end at 12:00 local.
  int64_t review_cutoff() const;
  // Runs fn(part, begin, end, findings) over the halves of the orders, one per thread, and
  // appends each half's findings to `out` in order: as one pass over all orders would.
  void in_halves(FindingList& out,
                 const std::function<void(int, size_t, size_t, FindingList&)>& fn) const;
  // Records a side-input row that cannot be applied (thread-safe).
  void problem(std::string source, int64_t line, std::string code, std::string_view value);
  std::mutex problems_mutex;
};

// Phones or VINs as typed in the orders, densified (contacts.cpp): the part of building their
// keys that does not depend on the customers, so it can run beside them.
enum class ContactKind : uint8_t { kPhone, kVin };
struct RawContacts {
  std::unique_ptr<Domain> values;
  std::vector<uint32_t> of_order;  // per order: value id, or kNone
  std::vector<uint8_t> is_clean;   // per value: already in normal form
};
RawContacts densify_contacts(const Pipeline& p, ContactKind kind, std::vector<uint32_t>& memo);
void build_phones(Pipeline& p, const RawContacts& raw);
void build_vins(Pipeline& p, const RawContacts& raw);

// Stages, in the order run_closeout calls them.
void collect(Pipeline& p);             // collect.cpp: same-id resolution, side order ids
void build_domains(Pipeline& p);       // prepare.cpp: stores, customers, staff, ...
void build_cleaned_view(Pipeline& p);  // cleaned.cpp: aliases, fixes, corrections, fills
void validate(Pipeline& p);            // validate.cpp
void deduplicate(Pipeline& p);         // dedup.cpp: exceptions, identity, duplicates, limits
// fraud.cpp: the ring identifiers, started early on a thread of their own (two threads only).
void start_identifiers(Pipeline& p);
void detect_fraud(Pipeline& p);  // fraud.cpp
// rings.cpp: rings into p.out.rings, their findings into `out` (exclusions left to the caller).
void detect_rings(Pipeline& p, const std::vector<IdentifierColumn*>& identifiers, FindingList& out);
void evaluate(Pipeline& p);         // evaluate.cpp: definitions, gross vs net
void settle(Pipeline& p);           // settle.cpp: rebates, clawbacks, split totals
void finish_findings(Pipeline& p);  // gray_zone.cpp: merge, sort, gray zone

// Rebate of one store's counted orders (closeout.md §10): rate x received, half up, plus the
// fixed amount per order; and its sum over every store but "(unattributed)".
int64_t store_rebate(const Campaign& campaign, const Totals& totals);
int64_t network_rebate(const Campaign& campaign, const Evaluation& e, uint32_t unattributed);

// Short texts of finding values, formatted without allocating (millions of findings).
struct ShortText {
  char data[40];
  uint8_t size = 0;
  std::string_view view() const { return {data, size}; }
  operator std::string_view() const { return view(); }  // NOLINT: implicit by design
};
ShortText yuan_text(int64_t fen);                     // "123.45", "-0.05"; "" for kNoFen
ShortText time_text(const Pipeline& p, int64_t utc);  // local "2023-03-31 23:59:59"; ""
ShortText int_text(int64_t value);

}  // namespace pitwall::core::closeout::detail
