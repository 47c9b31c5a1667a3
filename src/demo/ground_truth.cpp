#include "demo/ground_truth.hpp"

#include <cerrno>
#include <cstring>

#include "core/base/check.hpp"
#include "demo/table_writer.hpp"
#include "fmt/format.h"

namespace pitwall::demo {

const std::vector<DefectKind>& defect_kinds() {
  static const std::vector<DefectKind> k = {
      // --- close-out: excluded when cleaned (closeout.md §2-4) ---
      {"double_submit",
       "closeout",
       "dup.double_submit",
       "exclude",
       {},
       {},
       "same customer, store and package within 10 minutes; the later, unpaid one is excluded"},
      {"double_submit_paid",
       "closeout",
       "dup.double_submit",
       "exclude",
       {},
       {},
       "a double submit where both were paid; the later-paid one is excluded"},
      {"per_vehicle_overuse",
       "closeout",
       "dup.per_vehicle_limit",
       "exclude",
       {},
       {},
       "one customer and vehicle, two paid campaign orders on different days (limit 1)"},
      {"shared_vin_accounts",
       "closeout",
       "dup.per_vehicle_limit",
       "exclude",
       {},
       {},
       "two accounts of one person sharing a VIN, one paid order each"},
      {"shared_phone_accounts",
       "closeout",
       "dup.per_vehicle_limit",
       "exclude",
       {},
       {},
       "two accounts of one person sharing a phone, one paid order each"},
      {"test_customer",
       "closeout",
       "test.order",
       "exclude",
       {},
       {},
       "an internal test account listed in [test] customer_ids"},
      {"test_staff",
       "closeout",
       "test.order",
       "exclude",
       {},
       {},
       "closed by a test account listed in [test] staff_ids"},
      {"test_amount",
       "closeout",
       "test.order",
       "exclude",
       {"logic.amount_range"},
       {},
       "paid 0.01 yuan, the [test] amount"},
      {"cs_exception",
       "closeout",
       "cs.exception",
       "exclude",
       {},
       {},
       "named in the customer-service exception records"},
      {"blacklist",
       "closeout",
       "fraud.blacklist",
       "exclude",
       {},
       {},
       "customer id, phone, VIN, device or payment account on the blacklist"},
      {"zero_amount",
       "closeout",
       "logic.amount_range",
       "exclude",
       {},
       {},
       "a paid order with paid amount 0.00"},
      // --- close-out: flags, tags, fills, corrections (no count changes) ---
      {"mass_cancel",
       "closeout",
       "fraud.mass_cancel",
       "flag",
       {},
       {},
       "a customer with >= 10 orders of which >= 90% cancelled; targets = the orders left"},
      {"cancel_reorder",
       "closeout",
       "dup.cancel_reorder",
       "tag",
       {},
       {},
       "cancelled, then the same package reordered within 7 days (one intent)"},
      {"fraud_ring",
       "closeout",
       "fraud.ring",
       "flag",
       {},
       {},
       "3+ identities sharing a device, payment account or address, one paid order each"},
      {"stack_return",
       "closeout",
       "fraud.stack_return",
       "flag",
       {},
       {},
       "refunded within 7 days of payment with a campaign discount"},
      {"amount_out_of_range",
       "closeout",
       "logic.amount_range",
       "flag",
       {"logic.paid_gt_gross"},
       {},
       "paid above the campaign's maximum (50,000 yuan)"},
      {"paid_gt_gross",
       "closeout",
       "logic.paid_gt_gross",
       "flag",
       {},
       {},
       "paid more than the gross (list) amount written on the order"},
      {"amount_unit_x100",
       "closeout",
       "fix.amount_unit",
       "correct",
       {"logic.amount_range", "logic.paid_gt_gross"},
       {},
       "fen typed as yuan: 100 x the price"},
      {"amount_unit_x001",
       "closeout",
       "fix.amount_unit",
       "correct",
       {"logic.amount_range"},
       {},
       "yuan typed as fen: 0.01 x the price"},
      {"status_time_missing",
       "closeout",
       "logic.status_time",
       "flag",
       {},
       {},
       "status paid but no payment time"},
      {"status_time_order",
       "closeout",
       "logic.status_time",
       "flag",
       {},
       {},
       "paid before created (a store terminal's clock)"},
      {"missing_store",
       "closeout",
       "fill.store",
       "fill",
       {},
       {"ref.store"},
       "store code empty; filled from the closer's store"},
      {"missing_store_and_staff",
       "closeout",
       "fill.store",
       "fill",
       {"fill.staff"},
       {"ref.store"},
       "store code and all staff empty; store filled from the home store"},
      {"missing_staff",
       "closeout",
       "fill.staff",
       "fill",
       {},
       {},
       "no inviter, receiver or closer named"},
      {"store_correction",
       "closeout",
       "store.correction",
       "correct",
       {},
       {},
       "a store's supplementary sheet fills the missing field"},
      {"unknown_staff",
       "closeout",
       "ref.staff",
       "flag",
       {},
       {},
       "closer not in the store's staff list"},
      {"old_store_code",
       "closeout",
       "fix.store_alias",
       "correct",
       {},
       {},
       "an old store code (stores file, old codes column)"},
      {"malformed_phone",
       "closeout",
       "fix.phone",
       "correct",
       {},
       {},
       "+86 prefix, dashes, spaces or full-width digits"},
      {"unknown_customer",
       "closeout",
       "ref.customer",
       "flag",
       {},
       {},
       "customer id not in the customer master"},
      {"cross_period_created_before",
       "closeout",
       "time.cross_period",
       "tag",
       {},
       {},
       "created before the start, paid inside (counts under paid_at only)"},
      {"cross_period_paid_after",
       "closeout",
       "time.cross_period",
       "tag",
       {},
       {},
       "created on the last day, paid after the end"},
      {"cross_period_redeemed_after",
       "closeout",
       "time.cross_period",
       "tag",
       {"dup.same_id"},
       {},
       "paid inside, redeemed after the end (seen in the re-export)"},
      {"late_review",
       "closeout",
       "time.late_review",
       "flag",
       {},
       {},
       "a last-day order approved after the store review cut-off"},
      {"near_cutoff",
       "closeout",
       "arbitration.near_cutoff",
       "queue",
       {},
       {"time.cross_period"},
       "within 10 minutes of a cut-off: the gray zone; detail says which definitions count it"},
      {"outside_window",
       "closeout",
       "time.window",
       "not_counted",
       {},
       {},
       "created and paid outside the campaign"},
      {"reexport_changed",
       "closeout",
       "dup.same_id",
       "merge",
       {},
       {"time.cross_period"},
       "in both exports with a later state in the re-export (latest updated_at wins)"},
      {"reexport_unchanged",
       "closeout",
       "dup.same_id",
       "merge",
       {},
       {},
       "in both exports, identical; detail gives how many (ids not listed)"},
      {"collaboration",
       "closeout",
       "split",
       "none",
       {},
       {},
       "split special case: three people, one person in two roles, or no closer"},
      {"near_miss",
       "closeout",
       "",
       "none",
       {},
       {},
       "looks like a defect but is not one: no rule may fire (precision)"},
      // --- supervision (supervision.md) ---
      {"lagging_store",
       "supervision",
       "alert.lagging",
       "alert",
       {},
       {},
       "participation far below the region (robust z < -2)"},
      {"silent_store",
       "supervision",
       "alert.silent",
       "alert",
       {},
       {},
       "no store-day row for an ended day"},
      {"complaint_burst",
       "supervision",
       "alert.complaint_burst",
       "alert",
       {},
       {},
       "3 complaints of one category within 24 hours at a store"},
      {"network_complaint_burst",
       "supervision",
       "alert.complaint_burst",
       "alert",
       {},
       {},
       "one category from >= 5% of stores within 2 hours (network-wide)"},
      {"system_incident",
       "supervision",
       "alert.system_incident",
       "alert",
       {},
       {},
       "redeem_failed or redemption_system failures at >= 20% of stores on one day"},
      {"checklist_failure",
       "supervision",
       "alert.checklist_failure",
       "alert",
       {},
       {},
       "a critical checklist item failed (materials: poster missing; redemption system)"},
      {"executing_store",
       "supervision",
       "",
       "none",
       {},
       {},
       "one of the stores that really ran the campaign (red-list candidates)"},
      // --- win-back (winback.md) ---
      {"winback_abuser",
       "winback",
       "winback.abuse",
       "review",
       {},
       {},
       "abuse risk > 80: suspected abuser, in-person review before any offer"},
      {"winback_borderline",
       "winback",
       "",
       "none",
       {},
       {},
       "abuse risk exactly 80: not a suspected abuser (vector W8)"},
      {"winback_blacklisted",
       "winback",
       "winback.blacklist",
       "block",
       {},
       {},
       "churned customer on the blacklist: offers blocked"},
      {"winback_vehicle_anomaly",
       "winback",
       "winback.review",
       "review",
       {},
       {},
       "vehicle data anomaly: in-person review forced, score unchanged"},
  };
  return k;
}

int defect_kind_index(const char* name) {
  const auto& kinds = defect_kinds();
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (std::strcmp(kinds[i].name, name) == 0) return static_cast<int>(i);
  }
  PW_CHECK(false, "unknown defect kind");
  return -1;
}

namespace {

void json_string(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;  // start of the bytes not yet appended
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c != '"' && c != '\\' && c >= 0x20) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\u{:04x}", static_cast<int>(c));
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

template <typename Items>
void json_list(std::string& out, const Items& items) {
  out += '[';
  bool first = true;
  for (const auto& s : items) {
    if (!first) out += ',';
    first = false;
    json_string(out, s);
  }
  out += ']';
}

void write_kinds(std::string& out) {
  out += "  \"kinds\": [\n";
  const auto& kinds = defect_kinds();
  for (size_t i = 0; i < kinds.size(); ++i) {
    const DefectKind& k = kinds[i];
    out += "    {\"kind\": ";
    json_string(out, k.name);
    out += ", \"desk\": ";
    json_string(out, k.desk);
    out += ", \"rule\": ";
    json_string(out, k.rule);
    out += ", \"action\": ";
    json_string(out, k.action);
    out += ", \"also\": ";
    json_list(out, k.also);
    out += ", \"may_also\": ";
    json_list(out, k.may_also);
    out += ", \"note\": ";
    json_string(out, k.note);
    out += i + 1 < kinds.size() ? "},\n" : "}\n";
  }
  out += "  ],\n";
}

void write_case(std::string& out, const Case& c) {
  const DefectKind& k = defect_kinds()[c.kind];
  out += "    {\"kind\": ";
  json_string(out, k.name);
  out += ", \"rule\": ";
  json_string(out, k.rule);
  out += ", \"action\": ";
  json_string(out, k.action);
  out += ", \"targets\": ";
  json_list(out, c.targets);
  out += ", \"related\": ";
  json_list(out, c.related);
  out += ", \"customers\": ";
  json_list(out, c.customers);
  out += ", \"store\": ";
  json_string(out, c.store);
  out += ", \"date\": ";
  json_string(out, c.date);
  out += ", \"detail\": ";
  json_string(out, c.detail);
  out += '}';
}

// Everything before the cases: format, seed, counts, facts, import errors and the kinds.
std::string header_text(const GroundTruth& truth) {
  std::string out;
  out += "{\n  \"format\": \"pitwall-demo-ground-truth\",\n  \"format_version\": 1,\n";
  out += fmt::format("  \"seed\": {},\n  \"default_scale\": {},\n", truth.seed,
                     truth.default_scale ? "true" : "false");
  out += "  \"campaign\": \"2023-spring-renewal\",\n";
  const ExpectedCounts& c = truth.counts;
  out += fmt::format(
      "  \"expected_counts\": {{\"it\": {}, \"ops\": {}, \"finance\": {}, \"it_cleaned\": {}, "
      "\"ops_cleaned\": {}, \"finance_cleaned\": {}, \"ops_planted_exclusions\": {}, "
      "\"distinct_orders\": {}}},\n",
      c.it, c.ops, c.finance, c.it_cleaned, c.ops_cleaned, c.finance_cleaned,
      c.ops_planted_exclusions, c.distinct_orders);
  out += "  \"facts\": {";
  for (size_t i = 0; i < truth.facts.size(); ++i) {
    out += i == 0 ? "\n    " : ",\n    ";
    json_string(out, truth.facts[i].first);
    out += ": ";
    out += truth.facts[i].second;
  }
  out += "\n  },\n";
  out += "  \"import_errors\": [";
  for (size_t i = 0; i < truth.import_errors.size(); ++i) {
    const ImportError& e = truth.import_errors[i];
    out += i == 0 ? "\n    " : ",\n    ";
    out += "{\"file\": ";
    json_string(out, e.file);
    out += fmt::format(", \"line\": {}, \"column\": ", e.line);
    json_string(out, e.column);
    out += ", \"value\": ";
    json_string(out, e.value);
    out += ", \"expected\": ";
    json_string(out, e.expected);
    out += '}';
  }
  out += "\n  ],\n";
  write_kinds(out);
  return out;
}

}  // namespace

GroundTruth::~GroundTruth() {
  if (spill_ != nullptr) {
    close_spill();
    std::remove(spill_path_.c_str());
  }
}

core::Status GroundTruth::open(const std::string& path) {
  path_ = path;
  spill_path_ = path + ".cases.tmp";
  spill_ = std::fopen(spill_path_.c_str(), "wb");
  if (spill_ == nullptr) {
    return core::make_error(core::ErrorCode::kIo, fmt::format("{}: cannot create: {}", spill_path_,
                                                              std::strerror(errno)));
  }
  return {};
}

void GroundTruth::add(const Case& c) {
  PW_CHECK(spill_ != nullptr, "ground truth not opened");
  if (case_count_++ > 0) buffer_ += ",\n";
  write_case(buffer_, c);
  if (buffer_.size() >= (1 << 20)) flush_cases();
}

void GroundTruth::flush_cases() {
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), spill_) != buffer_.size()) failed_ = true;
  buffer_.clear();
}

void GroundTruth::close_spill() {
  if (std::fclose(spill_) != 0) failed_ = true;
  spill_ = nullptr;
}

core::Status GroundTruth::write() {
  PW_CHECK(spill_ != nullptr, "ground truth not opened");
  flush_cases();
  close_spill();
  std::string out = header_text(*this);
  out += "  \"cases\": [\n";
  std::FILE* file = std::fopen(path_.c_str(), "wb");
  std::FILE* cases = file == nullptr ? nullptr : std::fopen(spill_path_.c_str(), "rb");
  bool ok = file != nullptr && cases != nullptr && !failed_;
  ok = ok && std::fwrite(out.data(), 1, out.size(), file) == out.size();
  std::vector<char> chunk(1 << 20);
  for (size_t n; ok && (n = std::fread(chunk.data(), 1, chunk.size(), cases)) > 0;) {
    ok = std::fwrite(chunk.data(), 1, n, file) == n;
  }
  std::string_view end = case_count_ > 0 ? "\n  ]\n}\n" : "  ]\n}\n";
  ok = ok && std::ferror(cases) == 0 && std::fwrite(end.data(), 1, end.size(), file) == end.size();
  if (cases != nullptr) std::fclose(cases);
  if (file != nullptr) ok = std::fclose(file) == 0 && ok;
  std::remove(spill_path_.c_str());
  if (!ok) return core::make_error(core::ErrorCode::kIo, fmt::format("{}: cannot write", path_));
  return {};
}

}  // namespace pitwall::demo
