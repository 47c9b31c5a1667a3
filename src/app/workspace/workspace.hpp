#pragma once
// The workspace's own use cases (init, import, campaign add, definition add, user add and the
// lists), shared by every face and by `pitwall demo`, which builds a whole workspace from the
// files it writes. Each returns what it did, for the terminal form and --json.
//
// Authorisation (app/permission.hpp): imports, campaigns, definitions and users are HQ's
// (kImport, kCampaignWrite, kDefinitionWrite, kUserWrite). The one exception is the first user
// of a workspace: while it has none, anyone on the machine may register the first HQ user (the
// bootstrap), and no one may register another role before it.

#include <functional>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "io/table/table_source.hpp"
#include "store/workspace.hpp"

namespace pitwall::app::workspace {

struct ImportRequest {
  std::string kind;      // import kind: orders, stores, staff, ..., winback-visits
  std::string path;      // the file (CSV or XLSX, by content)
  std::string campaign;  // required for per-campaign kinds
  std::string sheet;     // XLSX sheet name; "" = the first
  io::Encoding encoding = io::Encoding::kAuto;
  bool force = false;  // import the same bytes again
  // Called as the file is read: the fraction of its bytes and the rows so far.
  std::function<void(double fraction, int64_t rows)> on_progress;
  // Asked between chunks (the server's job cancel): true stops the import with kUnavailable
  // ("import.cancelled") and leaves the workspace as it was.
  std::function<bool()> cancelled;
  int threads = 2;  // CSV: threads that parse (the stored batch does not depend on it)
  size_t chunk_bytes = size_t{8} << 20;  // CSV: bytes of file per chunk (tests make it small)
};

struct ImportOutcome {
  store::BatchInfo batch;
  std::vector<std::string> first_errors;                        // first 50 row errors, formatted
  std::vector<std::pair<std::string, int64_t>> errors_by_kind;  // e.g. {"paid_at: date-time", 3}
  int64_t orders_merged = 0;  // orders: ids already present in an earlier batch
};

// A kind of row error of ImportOutcome::errors_by_kind in words ("paid_at: date-time" of an
// orders import -> "支付时间：应为日期时间"; "unreadable row" -> "无法读取的行"). The tokens stay
// in JSON; the terminal shows these.
std::string error_kind_words(Lang lang, std::string_view import_kind, std::string_view kind);

// Creates a workspace in `dir` (pitwall init), at `now`.
core::Status init_workspace_at(const std::string& dir, int64_t now);

struct CopyOutcome {
  int64_t users = 0, campaigns = 0, definitions = 0, batches = 0, records = 0, log_entries = 0,
          blobs = 0, sealed = 0;
};
// Copies the workspace at `from` into a new workspace at `to` (pitwall workspace copy): a folder
// into a PostgreSQL database, or back. Like init, a matter of the machine's operator, not of a
// session. Everything is copied as it is: users, campaigns, every definition version in order,
// import batches with their ids, rows, originals and row-error reports, records, logs with their
// sequence numbers (hash chains verify), blobs (stored runs, seal snapshots); the seals last, so
// the copy's database refuses writes to the sealed campaigns too. Same numbers, same `verify`.
// Errors: kAlreadyExists when `to` holds a workspace, kNotFound when `from` holds none, kConflict
// when the source's batch ids or log numbers have gaps (a copy would renumber them).
core::Result<CopyOutcome> copy_workspace(const std::string& from, const std::string& to,
                                         int64_t now);
// Imports one file as one atomic batch (pitwall import).
core::Result<ImportOutcome> import_file(const Session& s, const ImportRequest& request);
// Adds (or replaces, while the campaign allows it) a campaign file (pitwall campaign add). The
// names it refers to are checked against the workspace: a settlement definition or arbiter that
// looks like a typo of one the workspace holds is refused (kInvalidInput at the key's line, the
// near name suggested); one the workspace does not hold yet is a warning.
struct AddedCampaign {
  store::CampaignRecord record;
  std::vector<std::string> warnings;  // worded in the session's language
};
core::Result<AddedCampaign> add_campaign(const Session& s, const std::string& path);
core::Result<store::CampaignRecord> add_campaign_file(const Session& s, const std::string& path);
// Adds a metric definition file; returns its record with the version (pitwall definition add).
core::Result<store::DefinitionRecord> add_definition_file(const Session& s,
                                                          const std::string& path);
// Registers a person (pitwall user add). Errors: kForbidden, kInvalidInput (role, scope, name),
// kAlreadyExists.
core::Status add_user(const Session& s, const store::User& user);

core::Result<std::vector<store::User>> list_users(const Session& s);
core::Result<std::vector<store::BatchInfo>> list_imports(const Session& s);
core::Result<std::vector<store::CampaignRecord>> list_campaigns(const Session& s);
core::Result<std::vector<store::DefinitionRecord>> list_definitions(const Session& s);

}  // namespace pitwall::app::workspace
