#pragma once
// The demo's ground truth (issue 4 item 6): every planted defect and anomaly, with the rule
// that should catch it, and the counts the close-out must reproduce. Written as JSON to
// DIR/ground-truth.json (format in docs/demo.md); tests read it to measure precision and recall.

#include <cstdint>
#include <cstdio>
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

// The ground truth being collected. Cases are serialised as they are added and spilled to a
// file beside the final one (`<path>.cases.tmp`), so the million cases of a 10^7-order demo cost
// no memory; write() assembles the final file and removes the spill.
class GroundTruth {
 public:
  GroundTruth() = default;
  GroundTruth(const GroundTruth&) = delete;
  GroundTruth& operator=(const GroundTruth&) = delete;
  ~GroundTruth();  // removes the spill file if write() was not reached

  // Where the ground truth will be written. Errors: kIo when the spill file cannot be created.
  core::Status open(const std::string& path);
  // Adds a case (cases keep the order they are added in).
  void add(const Case& c);
  int64_t case_count() const { return case_count_; }
  // Writes the file: the fields below, then every case. Errors: kIo.
  core::Status write();

  uint64_t seed = 0;
  bool default_scale = true;
  ExpectedCounts counts;
  std::vector<ImportError> import_errors;
  std::vector<std::pair<std::string, std::string>> facts;  // name -> JSON value text

 private:
  void flush_cases();
  void close_spill();

  std::string path_, spill_path_;
  std::FILE* spill_ = nullptr;
  std::string buffer_;  // serialised cases not yet spilled
  int64_t case_count_ = 0;
  bool failed_ = false;
};

const std::vector<DefectKind>& defect_kinds();
int defect_kind_index(const char* name);  // PW_CHECK that it exists

}  // namespace pitwall::demo
