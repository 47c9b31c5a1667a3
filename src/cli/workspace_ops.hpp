#pragma once
// Workspace operations shared by commands (init, import, campaign add, definition add, user
// add) and by `pitwall demo`, which builds a whole workspace from the files it writes.
// Each returns what it did, for the terminal form and --json.

#include <string>

#include "cli/context.hpp"
#include "io/table/table_source.hpp"
#include "store/workspace.hpp"

namespace pitwall::cli {

struct ImportRequest {
  std::string kind;      // import kind: orders, stores, staff, ..., winback-visits
  std::string path;      // the file (CSV or XLSX, by content)
  std::string campaign;  // required for per-campaign kinds
  std::string sheet;     // XLSX sheet name; "" = the first
  io::Encoding encoding = io::Encoding::kAuto;
  bool force = false;  // import the same bytes again
  bool quiet = false;  // no progress bar and no row errors on screen
  int threads = 2;     // CSV: threads that parse (the stored batch does not depend on it)
  size_t chunk_bytes = size_t{8} << 20;  // CSV: bytes of file per chunk (tests make it small)
};

struct ImportOutcome {
  store::BatchInfo batch;
  std::vector<std::string> first_errors;                        // first 50 row errors, formatted
  std::vector<std::pair<std::string, int64_t>> errors_by_kind;  // e.g. {"paid_at: date-time", 3}
  int64_t orders_merged = 0;  // orders: ids already present in an earlier batch
};

// Creates a workspace in `dir` (pitwall init).
core::Status init_workspace_at(const Context& ctx, const std::string& dir);
// Imports one file as one atomic batch (pitwall import).
core::Result<ImportOutcome> import_file(const Context& ctx, store::Workspace& ws,
                                        const ImportRequest& request);
// Adds (or replaces, while the campaign allows it) a campaign file (pitwall campaign add).
core::Result<store::CampaignRecord> add_campaign_file(const Context& ctx, store::Workspace& ws,
                                                      const std::string& path);
// Adds a metric definition file; returns its record with the version (pitwall definition add).
core::Result<store::DefinitionRecord> add_definition_file(const Context& ctx, store::Workspace& ws,
                                                          const std::string& path);
// Registers a person (pitwall user add).
core::Status add_user(const Context& ctx, store::Workspace& ws, const store::User& user);

}  // namespace pitwall::cli
