#pragma once
// Feeds: the supervision desk's daily inputs of one campaign, indexed for the measures
// (supervision.md "Daily inputs").
//
// build_feeds turns the imported tables (store-day figures, inspections, complaints, spot
// checks, the stores master data and optionally orders and staff) into dense per-store,
// per-day form. It does not compute anything; it only resolves store codes (current or old
// codes of the master data), local days and groups checklist rows into checks.
//
// Invariants: stores are sorted by code and regions by name, so a store or region index orders
// output the same way on every machine. Days are local calendar day numbers (days since
// 1970-01-01 in the campaign's zone) from the campaign's first to its last day. Rows that cannot
// be placed (unknown store, day outside the campaign) are not errors: they are counted in
// `notes`, since a feed from stores is never perfect and the good rows must still count.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/model/campaign.hpp"
#include "core/model/table.hpp"

namespace pitwall::core::supervision {

struct Store {
  std::string code;
  std::string name;
  std::string region;
  int region_index = 0;
};

// One store's figures of one day (store-day feed); kNoInt marks an empty cell.
struct DayRow {
  bool present = false;
  int64_t eligible = kNoInt;
  int64_t participants = kNoInt;
  int64_t orders = kNoInt;
  int64_t redemptions = kNoInt;
  int64_t complaints = kNoInt;
};

enum class CheckSource : uint8_t { kInspection, kSpotCheck };

struct ItemResult {
  int item = 0;  // index into words::kChecklistItems
  bool pass = false;
  std::string note;
};

// One inspection (every item row of one store and date) or one remote spot check (every item
// row of one store at one time).
struct Check {
  CheckSource source = CheckSource::kInspection;
  int store = 0;
  int32_t day = 0;
  int64_t time = kNoTime;         // spot checks only (UTC)
  std::string who;                // inspector or checker
  std::string channel;            // spot checks: phone | video
  std::vector<ItemResult> items;  // in item order
  int passed() const;
};

struct Complaint {
  int64_t time = 0;  // UTC
  int32_t day = 0;   // local day of `time`
  int store = 0;
  int category = 0;  // index into words::kComplaintCategories
};

// The staff member with the most closed orders of a store on a day (red-list praise).
struct TopStaff {
  int store = 0;
  int32_t day = 0;
  std::string name;  // staff name, or the staff id when the staff list lacks it
  int64_t orders = 0;
};

enum class NoteKind : uint8_t { kUnknownStore, kOutsideCampaign, kDuplicateDay, kNegativeFigure };

// Rows left out, by feed and kind, with the first line for the user to look at.
struct FeedNote {
  TableKind feed = TableKind::kStoreDay;
  NoteKind kind = NoteKind::kUnknownStore;
  int64_t rows = 0;
  int64_t first_line = 0;
  std::string example;  // e.g. the unknown store code
};

struct FeedTables {
  const Table* stores = nullptr;     // required
  const Table* store_day = nullptr;  // required (may be empty)
  const Table* inspections = nullptr;
  const Table* complaints = nullptr;
  const Table* spot_checks = nullptr;
  const Table* orders = nullptr;  // optional: top staff of the day
  const Table* staff = nullptr;   // optional: staff names
};

struct Feeds {
  const TimeZone* zone = nullptr;     // the campaign's zone (outlives the feeds)
  int32_t first_day = 0;              // local day of the campaign's start
  int32_t last_day = 0;               // local day of the campaign's end
  std::vector<Store> stores;          // the campaign's stores, by code
  std::vector<std::string> regions;   // by name
  std::vector<DayRow> rows;           // [store * day_count() + (day - first_day)]
  std::vector<Check> checks;          // by store, day, source (inspection first), time
  std::vector<Complaint> complaints;  // by time, store, category
  bool has_complaint_feed = false;    // complaints are counted from the feed, not store-day
  std::vector<TopStaff> top_staff;    // by store, day
  std::vector<int> critical_items;    // checklist item indices, ascending
  std::vector<int64_t> day_starts;    // UTC of each day's local midnight, first_day..last_day + 1
  std::vector<FeedNote> notes;

  int day_count() const { return last_day - first_day + 1; }
  bool has_day(int32_t day) const { return day >= first_day && day <= last_day; }
  const DayRow& row(int store, int32_t day) const {
    return rows[static_cast<size_t>(store) * day_count() + (day - first_day)];
  }
  // Index of the store with this code; -1 when it is not a campaign store.
  int find_store(std::string_view code) const;
  // Index of the region with this name; -1 when unknown.
  int find_region(std::string_view name) const;
  const TopStaff* top_staff_of(int store, int32_t day) const;
  // UTC of the local midnight that starts `day` (first_day .. last_day + 1).
  int64_t day_start(int32_t day) const { return day_starts[day - first_day]; }
  // Last UTC second of `day`.
  int64_t day_end(int32_t day) const { return day_starts[day - first_day + 1] - 1; }
};

// Builds the feeds of `campaign`. The campaign's stores are the master-data stores that appear
// in its store-day feed at least once, or all stores when that feed is empty (supervision.md
// "Measures"). Errors: kInvalidInput when `[supervision]` is unusable (a critical item that is
// not a checklist item, a negative weight, a target outside (0, 1]) or the campaign ends
// before it starts.
Result<Feeds> build_feeds(const Campaign& campaign, const TimeZone& zone, const FeedTables& tables);

// Checks `[supervision]` of a campaign (the parts core depends on).
Status validate_rule(const SupervisionRule& rule);

}  // namespace pitwall::core::supervision
