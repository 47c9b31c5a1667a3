#pragma once
// The demo network generator (issue 4): `pitwall demo DIR` writes the files a service network
// really has — master data, the campaign and its metric definitions, the orders exports,
// supervision feeds, win-back data — plus DIR/ground-truth.json, which lists every planted
// defect with the rule that should catch it. The CLI then builds a workspace from the files.
//
// Same options ⇒ byte-identical files (no clock, seeded randomness; see random.hpp).
// The default scale reproduces vector C1 exactly: 8,521 / 8,347 / 8,103 under it / ops /
// finance, 7,983 under ops cleaned. docs/demo.md lists the files and the ground-truth format.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/base/result.hpp"

namespace pitwall::demo {

inline constexpr uint64_t kDefaultSeed = 20230301;
inline constexpr int64_t kDefaultOrders = 8521;  // IT's count of the default campaign (C1)
inline constexpr int kDefaultStores = 218;

struct DemoOptions {
  std::string dir;
  uint64_t seed = kDefaultSeed;
  int64_t orders = kDefaultOrders;  // about this many orders recorded in the window (IT's count)
  int stores = kDefaultStores;
  // Threads formatting the big files: 2 (the orders on two, customers and audience on a third),
  // or 1 (everything on the calling thread). The bytes are the same either way.
  int threads = 2;
  // Called on the calling thread while the files are written: fraction done (0..1, ends with
  // 1) and rows written so far.
  std::function<void(double fraction, int64_t rows)> progress;
};

// A file the demo wrote, in the order to import it.
struct DemoFile {
  std::string name;      // relative to DIR, e.g. "definitions/ops.toml"
  std::string kind;      // import kind ("orders", "store-day", ...), or campaign, definition,
                         // ground-truth
  std::string encoding;  // gb18030 | utf-8 | utf-8-bom | xlsx | toml | json
  int64_t rows = 0;      // data rows (tables)
  bool per_campaign = false;
};

struct DemoUser {
  std::string name, role, scope;
};

struct DemoSummary {
  std::string campaign_id = "2023-spring-renewal";
  int regions = 0, stores = 0, executing_stores = 0;
  int64_t staff = 0, customers = 0, audience = 0, packages = 0;
  int64_t orders = 0;  // distinct order ids
  int64_t it = 0, ops = 0, finance = 0, ops_cleaned = 0, ops_excluded = 0;
  int64_t finance_cleaned = 0, it_cleaned = 0;
  int64_t planted_cases = 0, import_errors = 0;
  int64_t store_day_rows = 0, participants = 0, eligible = 0;
  int64_t churned = 0, winback_history = 0, winback_visits = 0;
  std::vector<DemoFile> files;
  std::vector<DemoUser> users;
};

// Writes every file into `options.dir` (created if missing). Errors: kUsage for options out of
// range (orders < 2,000 or > 20,000,000; stores < 12 or > 5,000; threads not 1 or 2), kIo when
// a file cannot be written.
core::Result<DemoSummary> generate_demo(const DemoOptions& options);

}  // namespace pitwall::demo
