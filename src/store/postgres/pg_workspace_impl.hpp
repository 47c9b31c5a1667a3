#pragma once
// PgWorkspace: the class behind pg_workspace.hpp, split over pg_workspace.cpp (records, logs,
// people, campaigns, definitions, transactions), pg_files.cpp (chunked bytes, blobs) and
// pg_batches.cpp (import batches and the local cache). Internal to store/postgres/.

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "store/postgres/pg_connection.hpp"
#include "store/workspace.hpp"

namespace pitwall::store::postgres {

// Bytes per stored chunk (the last of a file may be shorter).
inline constexpr int64_t kChunkBytes = int64_t{1} << 20;

// The key of the workspace's write lock (pg_advisory_xact_lock; per database).
inline constexpr int64_t kWriteLockKey = 0x7069747761'6c6cLL;  // "pitwall"

class PgWorkspace final : public Workspace {
 public:
  PgWorkspace(std::string url, std::string cache, std::unique_ptr<Connection> db)
      : url_(std::move(url)), cache_(std::move(cache)), db_(std::move(db)) {}

  const std::string& dir() const override { return url_; }
  Connection& db() { return *db_; }
  const std::string& cache() const { return cache_; }

  // --- pg_batches.cpp ---
  core::Result<std::unique_ptr<BatchWriter>> begin_batch(const BatchStart& start) override;
  core::Result<std::optional<BatchInfo>> find_batch(core::TableKind kind, std::string_view campaign,
                                                    std::string_view sha256) override;
  core::Result<std::vector<BatchInfo>> list_batches() override;
  core::Result<core::Table> load_table(core::TableKind kind, std::string_view campaign) override;
  core::Result<core::Table> load_batch_row(core::TableKind kind, int64_t batch_id,
                                           int64_t row) override;
  core::Result<core::Table> load_batches(core::TableKind kind,
                                         const std::vector<int64_t>& batch_ids) override;
  core::Status save_batch_file(int64_t batch_id, BatchFile which, const std::string& path) override;
  // Digests of the batch's files as stored in the database, by the names the SQLite backend
  // gives them (so a copied workspace's seal still verifies).
  core::Result<std::vector<std::pair<std::string, std::string>>> batch_file_digests(
      int64_t batch_id) override;
  // Removes what killed imports of this host left in the cache's tmp/ folder.
  void remove_cache_leftovers();
  // The cache folder of batch `id` (fetched when missing); evict_batch removes it.
  core::Result<std::string> cached_batch(int64_t id);
  core::Status evict_batch(int64_t id);

  // --- pg_workspace.cpp ---
  core::Status put_campaign(const CampaignRecord& campaign) override;
  core::Result<std::optional<CampaignRecord>> find_campaign(std::string_view id) override;
  core::Result<std::vector<CampaignRecord>> list_campaigns() override;
  core::Status put_definition(const DefinitionRecord& definition) override;
  core::Result<std::vector<DefinitionRecord>> list_definitions() override;
  core::Result<std::vector<DefinitionRecord>> list_definition_history() override;
  core::Result<std::optional<DefinitionRecord>> find_definition(std::string_view name) override;
  core::Status add_user(const User& user) override;
  core::Result<std::optional<User>> find_user(std::string_view name) override;
  core::Result<std::vector<User>> list_users() override;
  core::Status put_record(std::string_view collection, std::string_view key, std::string_view json,
                          int64_t now) override;
  core::Status insert_record(std::string_view collection, std::string_view key,
                             std::string_view json, int64_t now) override;
  core::Result<std::optional<Record>> get_record(std::string_view collection,
                                                 std::string_view key) override;
  core::Result<std::vector<Record>> list_records(std::string_view collection,
                                                 std::string_view key_prefix) override;
  core::Status delete_record(std::string_view collection, std::string_view key) override;
  core::Result<int64_t> append_log(std::string_view log, std::string_view json) override;
  core::Result<std::vector<LogEntry>> read_log(std::string_view log) override;
  core::Result<std::optional<LogEntry>> read_log_tail(std::string_view log) override;
  core::Result<std::vector<std::string>> list_collections() override;
  core::Result<std::vector<std::string>> list_logs() override;
  core::Result<std::vector<std::string>> list_blobs() override;
  core::Status transaction(const std::function<core::Status()>& body) override;
  core::Status seal_in_database(std::string_view campaign) override;
  core::Result<int64_t> change_count() override;

  // While a batch's own connection holds the write lock (its commit runs the precondition), a
  // transaction of this connection does not take it again (it would wait for itself).
  void hold_write_lock(bool held) { lock_held_ = held; }
  // transaction(body) that first runs `unlocked` inside the same database transaction but
  // before the outermost one takes the write lock: a large upload that nothing else can see
  // until the commit does not keep other writers waiting.
  core::Status transaction_after(const std::function<core::Status()>& unlocked,
                                 const std::function<core::Status()>& body);

  // --- pg_files.cpp ---
  core::Status put_blob(std::string_view name, std::string_view bytes) override;
  core::Result<std::optional<std::string>> get_blob(std::string_view name) override;
  core::Result<std::string> read_blob_range(std::string_view name, int64_t offset,
                                            int64_t length) override;
  core::Status remove_blob(std::string_view name) override;
  core::Result<std::unique_ptr<BlobWriter>> open_blob(std::string_view name) override;

  // Calls `sink` with the bytes of file `file` of `upload` in order, a few chunks at a time.
  // Errors: kCorrupt when the file is not stored or its chunks do not add up to its size.
  core::Status read_stored_file(int64_t upload, std::string_view file,
                                const std::function<core::Status(std::string_view)>& sink);
  // Writes file `file` of `upload` to the local file `path` (synced).
  core::Status download_file(int64_t upload, std::string_view file, const std::string& path);
  // The SHA-256 of file `file` of `upload` as stored in the database (never the local cache).
  core::Result<std::string> stored_file_sha256(int64_t upload, std::string_view file);
  // The files of `upload` whose names start with `prefix`, sorted.
  core::Result<std::vector<std::string>> stored_files(int64_t upload, std::string_view prefix);
  // Removes every file of `upload`.
  core::Status drop_upload(int64_t upload);
  // Binds a blob name to `upload` of `size` bytes, dropping what it named before.
  core::Status bind_blob(std::string_view name, int64_t upload, int64_t size);

  // The connection blob writers stream their chunks through, outside this handle's transactions
  // (opened on first use, shared by the handle's writers, which may append from several threads:
  // hold upload_mutex() while using it). After an upload failed, every later use fails with it.
  std::mutex& upload_mutex() { return upload_mutex_; }
  core::Result<Connection*> upload_connection();
  // Returns `status`, remembering the first failure of the upload connection.
  core::Status upload_failed(core::Status status);
  // Removes uploads a killed process left unbound for more than a day.
  void remove_stale_uploads();

 private:
  std::string url_;
  std::string cache_;
  std::unique_ptr<Connection> db_;
  int transaction_depth_ = 0;
  bool lock_held_ = false;
  std::mutex upload_mutex_;
  std::unique_ptr<Connection> upload_db_;
  core::Status upload_status_;
};

// A new upload number (the stored files of one batch or one blob).
core::Result<int64_t> new_upload(Connection& db);
// Stores `bytes` as file `file` of `upload`, in chunks sent pipelined (inside the connection's
// transaction).
core::Status upload_bytes(Connection& db, int64_t upload, std::string_view file,
                          std::string_view bytes);
// The same for the local file `path`, read a chunk at a time.
core::Status upload_file(Connection& db, int64_t upload, std::string_view file,
                         const std::string& path);

// A name no other process or handle uses for its work in progress (pid, then a counter).
std::string unique_tmp_name(std::string_view what);

}  // namespace pitwall::store::postgres
