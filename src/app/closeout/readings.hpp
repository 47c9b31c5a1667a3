#pragma once
// The close-out's readings (docs/closeout.md): summary, bridge, findings, settlement and the
// workbook, each from a stored run (stored_run.hpp) and within the reader's scope (server.md §2):
// network readers see everything; a region manager the region's stores and the region's totals;
// a store manager its store alone. Aggregates are recomputed over the scope (a region's total is
// the sum of its stores), network-only evidence (rings, mass cancellations, input problems, the
// unattributed bucket) is left out for a scoped reader, and a store or region out of scope is
// "not found". Every reading says which run it shows and whether that run is current.

#include <cstdint>
#include <string>
#include <vector>

#include "app/closeout/stored_run.hpp"
#include "app/session.hpp"
#include "core/definitions/bridge.hpp"

namespace pitwall::app::closeout {

struct ReadRequest {
  std::string campaign;
  int64_t run = 0;  // 0: the sealed run once sealed, else the latest
};

// The run's document, cut to the reader's scope (summary and settlement read it alone).
core::Result<OpenedRun> open_reading(const Session& s, const ReadRequest& r);

// Summary: the run, with `names` checked against its definitions (kNotFound).
core::Result<OpenedRun> summary(const Session& s, const ReadRequest& r,
                                const std::vector<std::string>& names);

struct BridgeRequest {
  std::string from, to;  // name, name/cleaned, name/raw, or tag
  std::string region, store;
};
struct BridgeResult {
  OpenedRun open;
  core::Bridge bridge;
};
// A scoped reader's bridge is of its scope unless it names a narrower one inside it.
core::Result<BridgeResult> bridge(const Session& s, const ReadRequest& r, const BridgeRequest& b);

// Findings (all, or of one rule) on orders within the reader's scope; open.stored.findings
// holds them.
core::Result<OpenedRun> findings(const Session& s, const ReadRequest& r, const std::string& rule);

// The run with every part, for the workbook (kCloseoutExport: network readers only).
core::Result<OpenedRun> workbook_run(const Session& s, const ReadRequest& r);

// The evaluation named by tag, name or name/mode; kNotFound naming the known ones.
core::Result<int> evaluation_of(const Session& s, const io::StoredRun& run, std::string_view spec);

}  // namespace pitwall::app::closeout
