#pragma once
// The demo's ground truth (issue 4 item 6): every planted defect and anomaly, with the rule
// that should catch it, and the counts the close-out must reproduce. Written as JSON to
// DIR/ground-truth.json (format in docs/demo.md); tests read it to measure precision and recall.

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.hpp"

namespace pitwall::demo {

// One kind of planted defect: what it is and what should catch it.
struct DefectKind {
  const char* name;    // "double_submit"
  const char* desk;    // "closeout" | "supervision" | "winback"
  const char* rule;    // rule id or alert that should catch it; "" = nothing should
  const char* action;  // exclude | correct | fill | flag | tag | merge | alert | none | ...
  std::vector<const char*> also;      // findings the spec also implies for these orders
  std::vector<const char*> may_also;  // findings the spec leaves open
  const char* note;                   // one line, English
};

// A planted case: one or more orders (or customers, stores) that together form the defect.
struct Case {
  int kind = 0;                        // index into defect_kinds()
  std::vector<std::string> targets;    // orders (or customers) the rule should act on
  std::vector<std::string> related;    // orders kept, earlier orders, ring members' other orders
  std::vector<std::string> customers;  // customers involved
  std::string store;                   // store code (supervision, win-back)
  std::string date;                    // local date or time (supervision)
  std::string detail;                  // identifier shared, category, risk score, ...
};

struct ImportError {
  std::string file;
  int64_t line = 0;
  std::string column;
  std::string value;
  std::string expected;
};

struct ExpectedCounts {
  int64_t it = 0, ops = 0, finance = 0;
  int64_t it_cleaned = 0, ops_cleaned = 0, finance_cleaned = 0;
  int64_t ops_planted_exclusions = 0;
  int64_t distinct_orders = 0;
};

struct GroundTruth {
  uint64_t seed = 0;
  bool default_scale = true;
  ExpectedCounts counts;
  std::vector<Case> cases;
  std::vector<ImportError> import_errors;
  std::vector<std::pair<std::string, std::string>> facts;  // name -> JSON value text
};

const std::vector<DefectKind>& defect_kinds();
int defect_kind_index(const char* name);  // PW_CHECK that it exists

// Writes the ground truth as JSON (keys in a fixed order, cases in planting order).
core::Status write_ground_truth(const GroundTruth& truth, const std::string& path);

}  // namespace pitwall::demo
