#pragma once
// Workspace: everything Pitwall keeps about one network, behind one interface (style.md §2,
// LevelDB's Env as the model). SQLite implements it in a folder (store/sqlite/, the embedded
// default); PostgreSQL implements it in a shared database (store/postgres/, docs/postgres.md),
// chosen by a location that is a postgresql:// URL. Callers do not know which.
//
// What lives where:
//   - import batches: the original file byte for byte, plus the parsed rows as a columnar,
//     memory-mappable file set per batch; SQLite indexes them (PostgreSQL stores them, and a
//     server maps them from a disposable local cache). A batch is atomic: until
//     BatchWriter::commit returns, nothing of it is visible, and a crash leaves no trace that a
//     later open does not remove.
//   - campaigns, metric definitions, users: rows in the database.
//   - workflow state of the desks (offers, approvals, problems, confirmations, arbitration,
//     sign-offs, seals): JSON records by collection and key, and append-only logs, in the
//     database. Writes inside transaction() are all-or-nothing.
//   - blobs: larger derived results (a stored close-out run), written atomically.
//
// Threading and concurrency: one Workspace object per thread. Readers never wait: they see the
// last committed state. Writes that must not interleave (check, then write) go in one
// transaction(), which the backend serialises with every other writer across threads and
// processes and servers (SQLite: BEGIN IMMEDIATE in WAL mode; PostgreSQL: an advisory lock taken
// first in READ COMMITTED); its reads see everything committed before it. Opening a workspace
// does not take the write lock unless it has leftovers to remove.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.hpp"
#include "core/model/table.hpp"

namespace pitwall::store {

struct BatchInfo {
  int64_t id = 0;
  std::string kind;      // import kind name: "orders", "store-day", ...
  std::string campaign;  // "" for master data
  std::string file;      // the file name as given (basename)
  std::string sha256;
  int64_t rows_read = 0;
  int64_t loaded = 0;
  int64_t rejected = 0;
  int64_t imported_at = 0;  // UTC seconds, from the clock
  std::string imported_by;
  bool forced = false;        // imported again with --force
  std::string original_path;  // the kept original, relative to the workspace
  std::string report_path;    // the row-error report, relative ("" when none)
};

struct BatchStart {
  core::TableKind kind = core::TableKind::kOrders;
  std::string campaign;
  std::string file;         // basename as given
  std::string sha256;       // of the original bytes
  std::string source_path;  // the file to keep a copy of
  int64_t imported_at = 0;
  std::string imported_by;
  bool forced = false;
};

struct BatchCounts {
  int64_t rows_read = 0;
  int64_t loaded = 0;
  int64_t rejected = 0;
};

// Writes one batch. Rows are appended in chunks (each a Table of the batch's kind whose text
// ids refer to `pool()`); commit makes the batch visible atomically. Destroying an uncommitted
// writer discards everything it wrote.
class BatchWriter {
 public:
  virtual ~BatchWriter() = default;
  // The pool every appended chunk's text ids refer to.
  virtual core::StringPool& pool() = 0;
  // Appends the rows of `chunk` (same kind, text ids in pool()). Errors: kIo.
  virtual core::Status append(const core::Table& chunk) = 0;
  // Finishes: syncs files, records the batch with its counts and error report text. When given,
  // `precondition` runs inside the transaction that records the batch (under the write lock),
  // and its error cancels the batch (a campaign frozen meanwhile refuses the import).
  virtual core::Result<BatchInfo> commit(
      const BatchCounts& counts, std::string_view report,
      const std::function<core::Status()>& precondition = {}) = 0;
};

struct CampaignRecord {
  std::string id;
  std::string name;
  std::string file;  // file name it came from
  std::string toml;  // the file's text as added
  int64_t added_at = 0;
  std::string added_by;
};

struct DefinitionRecord {
  std::string name;
  std::string version;
  std::string normalised;  // normalised JSON (closeout.md §6)
  std::string toml;
  std::string file;
  int64_t added_at = 0;
  std::string added_by;
};

struct User {
  std::string name;
  std::string role;   // hq | region | store | finance | arbiter | director | service
  std::string scope;  // region name or store code; "" for network-wide roles
  int64_t added_at = 0;
};

struct Record {
  std::string key;
  std::string json;
  int64_t updated_at = 0;
};

struct LogEntry {
  int64_t seq = 0;
  std::string json;
};

class Workspace {
 public:
  virtual ~Workspace() = default;

  virtual const std::string& dir() const = 0;

  // --- Import batches ---
  virtual core::Result<std::unique_ptr<BatchWriter>> begin_batch(const BatchStart& start) = 0;
  // The earlier batch of this kind and campaign with the same bytes, if any.
  virtual core::Result<std::optional<BatchInfo>> find_batch(core::TableKind kind,
                                                            std::string_view campaign,
                                                            std::string_view sha256) = 0;
  virtual core::Result<std::vector<BatchInfo>> list_batches() = 0;
  // Every batch of `kind` (for `campaign`, or master data when the kind is not per campaign)
  // as one table, batches in import order; Table::batches gives each row's batch id. The table
  // is read-only: its columns and pool may view mapped batch files (intern does not work on it).
  virtual core::Result<core::Table> load_table(core::TableKind kind, std::string_view campaign) = 0;
  // Row `row` (counted within the batch) of batch `batch_id` as a table of one row with its own
  // pool, read without mapping the batch's columns whole (a lookup of one order at any size).
  // Errors: kNotFound (no such batch or row), kCorrupt.
  virtual core::Result<core::Table> load_batch_row(core::TableKind kind, int64_t batch_id,
                                                   int64_t row) = 0;
  // The SHA-256 of every file that makes up batch `batch_id` — its column files, string pool,
  // line numbers and manifest, its kept original and its error report — by name (the kept
  // original as "original", the report as "report"), sorted: what the seal covers so that
  // `campaign verify` names a file changed behind Pitwall's back. Errors: kNotFound, kIo.
  virtual core::Result<std::vector<std::pair<std::string, std::string>>> batch_file_digests(
      int64_t batch_id) {
    (void)batch_id;
    return core::make_error(core::ErrorCode::kUnavailable,
                            "this workspace backend cannot list a batch's files");
  }
  // Only the batches with ids in `batch_ids` (pinned master data of a frozen campaign).
  virtual core::Result<core::Table> load_batches(core::TableKind kind,
                                                 const std::vector<int64_t>& batch_ids) = 0;
  // Writes a kept file of batch `batch_id` (its original, byte for byte, or its row-error
  // report) to the local file `path` (replaced). Errors: kNotFound (no such batch, or a batch
  // without row errors asked for its report), kIo, kCorrupt.
  enum class BatchFile : uint8_t { kOriginal, kErrorReport };
  virtual core::Status save_batch_file(int64_t batch_id, BatchFile which,
                                       const std::string& path) = 0;

  // --- Campaigns, definitions, people ---
  virtual core::Status put_campaign(const CampaignRecord& campaign) = 0;  // insert or replace
  virtual core::Result<std::optional<CampaignRecord>> find_campaign(std::string_view id) = 0;
  virtual core::Result<std::vector<CampaignRecord>> list_campaigns() = 0;
  // Adds a definition version (a new version of a name becomes its current one; adding the same
  // version again is a no-op).
  virtual core::Status put_definition(const DefinitionRecord& definition) = 0;
  // Current version of every definition name, sorted by name.
  virtual core::Result<std::vector<DefinitionRecord>> list_definitions() = 0;
  // Every version of every name, in the order they became current (oldest first): adding them
  // again in this order gives the same current versions (a workspace copy).
  virtual core::Result<std::vector<DefinitionRecord>> list_definition_history() = 0;
  // A name's current version, or an exact "name@version".
  virtual core::Result<std::optional<DefinitionRecord>> find_definition(std::string_view name) = 0;
  virtual core::Status add_user(const User& user) = 0;  // kAlreadyExists when the name is taken
  virtual core::Result<std::optional<User>> find_user(std::string_view name) = 0;
  virtual core::Result<std::vector<User>> list_users() = 0;

  // --- Workflow records (JSON documents) and logs ---
  // Inserts or replaces a record.
  virtual core::Status put_record(std::string_view collection, std::string_view key,
                                  std::string_view json, int64_t now) = 0;
  // Creates a record that must not exist yet: kAlreadyExists when the key is taken (never
  // overwrites). Inside a transaction, a key chosen from what the transaction read is free.
  virtual core::Status insert_record(std::string_view collection, std::string_view key,
                                     std::string_view json, int64_t now) = 0;
  virtual core::Result<std::optional<Record>> get_record(std::string_view collection,
                                                         std::string_view key) = 0;
  // Records of a collection whose key starts with `key_prefix`, sorted by key.
  virtual core::Result<std::vector<Record>> list_records(std::string_view collection,
                                                         std::string_view key_prefix = {}) = 0;
  virtual core::Status delete_record(std::string_view collection, std::string_view key) = 0;
  // Appends to an append-only log; returns the entry's sequence number (1, 2, ...).
  virtual core::Result<int64_t> append_log(std::string_view log, std::string_view json) = 0;
  virtual core::Result<std::vector<LogEntry>> read_log(std::string_view log) = 0;
  // The last entry of a log, if any (a hash chain's head).
  virtual core::Result<std::optional<LogEntry>> read_log_tail(std::string_view log) = 0;
  // The names of every collection holding records, of every log and of every blob, sorted (a
  // workspace copy enumerates them).
  virtual core::Result<std::vector<std::string>> list_collections() = 0;
  virtual core::Result<std::vector<std::string>> list_logs() = 0;
  virtual core::Result<std::vector<std::string>> list_blobs() = 0;

  // --- Blobs: larger derived results, replaced atomically ---
  virtual core::Status put_blob(std::string_view name, std::string_view bytes) = 0;
  virtual core::Result<std::optional<std::string>> get_blob(std::string_view name) = 0;
  // `length` bytes of a blob from `offset` (fewer at its end). Errors: kNotFound when the blob
  // does not exist, kIo.
  virtual core::Result<std::string> read_blob_range(std::string_view name, int64_t offset,
                                                    int64_t length) = 0;
  // Removes a blob (nothing when it does not exist).
  virtual core::Status remove_blob(std::string_view name) = 0;
  // Writes a blob in pieces (one too large to hold in memory): append, optionally overwrite
  // bytes already written (a digest known only at the end), then commit, which replaces the
  // blob atomically. Dropped without commit, nothing changes.
  class BlobWriter {
   public:
    virtual ~BlobWriter() = default;
    virtual core::Status append(std::string_view bytes) = 0;
    virtual core::Status overwrite(int64_t offset, std::string_view bytes) = 0;
    virtual core::Status commit() = 0;
  };
  virtual core::Result<std::unique_ptr<BlobWriter>> open_blob(std::string_view name) = 0;

  // Runs `body` so that all its writes through this workspace happen or none do, serialised
  // with every other writer of the workspace (threads and processes): checks made inside hold
  // when its writes commit. Nested calls are part of the outer transaction (a failed inner body
  // undoes only its own writes). Errors: the body's, kUnavailable when the workspace stayed
  // busy, kStateForbids when the database refuses (a sealed campaign).
  virtual core::Status transaction(const std::function<core::Status()>& body) = 0;

  // How many changes that readers can see have been committed to the workspace, by any handle
  // or process: every write but the sign-in housekeeping (records of the auth.* collections),
  // the audit trail and the server's job records — and the changes to who may act (a session
  // ended, a token or password set or revoked). When it moved, what was read before may be out
  // of date; the server polls it to keep its read and session caches current (server/cache.hpp).
  virtual core::Result<int64_t> change_count() = 0;

  // Makes the database refuse writes to a sealed campaign's records (closeout.md §9); a
  // backend without such means returns OK and relies on the program's checks.
  virtual core::Status seal_in_database(std::string_view campaign) = 0;
};

// Where a workspace is: a folder (SQLite), or a postgresql:// (or postgres://) URL naming a
// database (PostgreSQL). In both cases `dir` below is that location.
//
// Creates a new workspace in `dir` (a folder is made if missing and must be empty of a
// workspace; a database must exist and hold no workspace yet).
// Errors: kAlreadyExists when `dir` holds a workspace, kIo when it cannot be written,
// kUnavailable when the database cannot be reached.
core::Status init_workspace(const std::string& dir, int64_t now);

struct OpenOptions {
  // PostgreSQL only: the local folder caching the batches' column files; "" is PITWALL_CACHE,
  // else $XDG_CACHE_HOME/pitwall, else ~/.cache/pitwall. Deleting it loses nothing.
  std::string cache_dir;
};
// Opens the workspace in `dir`, applying pending schema migrations and removing what an
// interrupted import left behind. Errors: kNotFound with a hint to run `pitwall init`.
core::Result<std::unique_ptr<Workspace>> open_workspace(const std::string& dir,
                                                        const OpenOptions& options = {});

}  // namespace pitwall::store
