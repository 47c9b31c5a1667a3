#include "store/sqlite/sqlite_workspace.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "store/files/batch_files.hpp"
#include "store/files/file_util.hpp"
#include "store/files/splice.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace pitwall::store::sqlite {

namespace {

constexpr const char* kDatabaseName = "pitwall.db";

std::string join(const std::string& dir, std::string_view name) {
  return fmt::format("{}/{}", dir, name);
}

// Keeps file names safe inside the workspace: no folders, no control characters.
std::string safe_file_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(c == '/' || c == '\\' || u < 0x20 ? '_' : c);
  }
  if (out.empty() || out == "." || out == "..") out = "file";
  return out;
}

core::Result<int64_t> schema_version(Database& db) {
  auto stmt = TRY(db.prepare("PRAGMA user_version"));
  return TRY(stmt.step()) ? stmt.column_int(0) : 0;
}

// Applies pending migrations. A workspace already current is only read: opening it does not take
// the write lock. Each migration runs under the write lock and reads the version again there, so
// two processes opening an old workspace at once apply it once.
core::Status migrate(Database& db) {
  auto all = migrations();
  auto newer = [&](int64_t version) -> core::Status {
    if (version <= static_cast<int64_t>(all.size())) return {};
    auto e = core::make_error(
        core::ErrorCode::kConflict,
        fmt::format("the workspace was written by a newer Pitwall (schema {}, this one knows {})",
                    version, all.size()));
    e.at_file(db.path());
    return e;
  };
  int64_t version = TRY(schema_version(db));
  TRY(newer(version));
  while (version < static_cast<int64_t>(all.size())) {
    TRY(db.exec("BEGIN IMMEDIATE"));
    auto applied = [&]() -> core::Status {
      version = TRY(schema_version(db));
      TRY(newer(version));
      if (version >= static_cast<int64_t>(all.size())) return {};
      TRY(db.exec(all[static_cast<size_t>(version)]));
      ++version;
      return db.exec(fmt::format("PRAGMA user_version = {}", version));
    }();
    if (!applied) {
      (void)db.exec("ROLLBACK");
      return applied;
    }
    TRY(db.exec("COMMIT"));
  }
  return {};
}

// A name no other import of any process or workspace handle uses: the process id (a later open
// keeps the folder while that process lives) and a number unique within the process.
std::string unique_tmp_name(std::string_view what) {
  static std::atomic<uint64_t> counter{0};
  return fmt::format("{}-{}-{}", what, getpid(), ++counter);
}

BatchInfo batch_from(const Statement& s) {
  BatchInfo b;
  b.id = s.column_int(0);
  b.kind = s.column_text(1);
  b.campaign = s.column_text(2);
  b.file = s.column_text(3);
  b.sha256 = s.column_text(4);
  b.rows_read = s.column_int(5);
  b.loaded = s.column_int(6);
  b.rejected = s.column_int(7);
  b.imported_at = s.column_int(8);
  b.imported_by = s.column_text(9);
  b.forced = s.column_int(10) != 0;
  b.original_path = s.column_text(11);
  b.report_path = s.column_text(12);
  return b;
}
constexpr const char* kBatchColumns =
    "id, kind, campaign, file, sha256, rows_read, loaded, rejected, imported_at, imported_by, "
    "forced, original_path, report_path, data_path";

class SqliteWorkspace;

class SqliteBatchWriter final : public BatchWriter {
 public:
  SqliteBatchWriter(SqliteWorkspace* ws, BatchStart start, std::string tmp_dir,
                    std::unique_ptr<BatchFilesWriter> files)
      : ws_(ws), start_(std::move(start)), tmp_dir_(std::move(tmp_dir)), files_(std::move(files)) {}
  ~SqliteBatchWriter() override {
    if (copier_.joinable()) copier_.join();
    if (!committed_) (void)remove_tree(tmp_dir_);
  }
  // The original is copied beside the column files while they are being written.
  void start_copy() {
    copier_ =
        std::thread([this] { copied_ = copy_file(start_.source_path, tmp_dir_ + "/original"); });
  }
  core::StringPool& pool() override { return pool_; }
  core::Status append(const core::Table& chunk) override {
    TRY(files_->append(chunk));
    return files_->append_pool(pool_);
  }
  core::Result<BatchInfo> commit(const BatchCounts& counts, std::string_view report,
                                 const std::function<core::Status()>& precondition) override;

 private:
  SqliteWorkspace* ws_;
  BatchStart start_;
  std::string tmp_dir_;
  std::unique_ptr<BatchFilesWriter> files_;
  core::StringPool pool_;
  bool committed_ = false;
  std::thread copier_;
  core::Status copied_;  // written by copier_, read after joining it
};

class SqliteWorkspace final : public Workspace {
 public:
  SqliteWorkspace(std::string dir, std::unique_ptr<Database> db)
      : dir_(std::move(dir)), db_(std::move(db)) {}

  const std::string& dir() const override { return dir_; }
  Database& db() { return *db_; }
  // A batch's commit is a transaction of its own: what its precondition calls nests inside.
  void enter_transaction() { ++transaction_depth_; }
  void leave_transaction() { --transaction_depth_; }

  // Removes what an interrupted import left: its tmp/ folder (when its process is gone) and
  // batch folders or files that no committed batch row references. Finding them only reads; a
  // removal runs under the database's write lock, which a concurrent import's commit holds, and
  // looks again there, so a batch being committed is never taken for a leftover.
  core::Status remove_leftovers() {
    TRY(make_dirs(join(dir_, "tmp")));
    for (const auto& name : list_dir(join(dir_, "tmp"))) {
      int pid = 0;
      if (std::sscanf(name.c_str(), "batch-%d-", &pid) == 1 && pid > 0 &&
          (::kill(pid, 0) == 0 || errno == EPERM)) {
        continue;  // an import in progress in another process
      }
      TRY(remove_tree(join(dir_, "tmp/" + name)));
    }
    remove_dead_temp_files(join(dir_, "blobs"));
    if (TRY(unreferenced()).empty()) return {};
    TRY(db_->exec("BEGIN IMMEDIATE"));
    auto status = [&]() -> core::Status {
      for (const auto& path : TRY(unreferenced())) TRY(remove_tree(join(dir_, path)));
      return {};
    }();
    (void)db_->exec(status ? "COMMIT" : "ROLLBACK");
    return status;
  }

  // Blobs a killed writer left half-written ("<blob>.tmp-<pid>-<n>", file_util.hpp) whose
  // process is gone. A writer still running keeps its file.
  static void remove_dead_temp_files(const std::string& root) {
    std::error_code ec;
    std::vector<std::string> dead;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      int pid = temp_file_owner(it->path().filename().string());
      if (pid > 0 && pid != getpid() && ::kill(pid, 0) != 0 && errno != EPERM) {
        dead.push_back(it->path().string());
      }
    }
    for (const auto& path : dead) (void)::unlink(path.c_str());
  }

  // Batch folders, kept originals and reports no batch row references (relative paths).
  core::Result<std::vector<std::string>> unreferenced() {
    std::set<std::string> referenced_batches, referenced_files;
    auto stmt = TRY(db_->prepare("SELECT id, original_path, report_path FROM batches"));
    while (TRY(stmt.step())) {
      referenced_batches.insert(fmt::format("{}", stmt.column_int(0)));
      referenced_files.insert(stmt.column_text(1));
      referenced_files.insert(stmt.column_text(2));
    }
    std::vector<std::string> out;
    for (const auto& name : list_dir(join(dir_, "batches"))) {
      if (!referenced_batches.count(name)) out.push_back("batches/" + name);
    }
    for (const char* folder : {"files", "reports"}) {
      for (const auto& name : list_dir(join(dir_, folder))) {
        std::string path = fmt::format("{}/{}", folder, name);
        if (!referenced_files.count(path)) out.push_back(std::move(path));
      }
    }
    return out;
  }

  core::Result<std::unique_ptr<BatchWriter>> begin_batch(const BatchStart& start) override {
    std::string tmp = join(dir_, "tmp/" + unique_tmp_name("batch"));
    TRY(remove_tree(tmp));
    auto files = TRY(BatchFilesWriter::create(tmp + "/data", start.kind));
    auto writer = std::make_unique<SqliteBatchWriter>(this, start, tmp, std::move(files));
    writer->start_copy();
    return std::unique_ptr<BatchWriter>(std::move(writer));
  }

  core::Result<std::optional<BatchInfo>> find_batch(core::TableKind kind, std::string_view campaign,
                                                    std::string_view sha256) override {
    auto stmt = TRY(db_->prepare(fmt::format(
        "SELECT {} FROM batches WHERE kind = ?1 AND campaign = ?2 AND sha256 = ?3 ORDER BY id "
        "LIMIT 1",
        kBatchColumns)));
    stmt.bind(1, core::table_schema(kind).name).bind(2, campaign).bind(3, sha256);
    if (TRY(stmt.step())) return std::optional<BatchInfo>(batch_from(stmt));
    return std::optional<BatchInfo>();
  }

  core::Result<std::vector<BatchInfo>> list_batches() override {
    auto stmt = TRY(db_->prepare(fmt::format("SELECT {} FROM batches ORDER BY id", kBatchColumns)));
    std::vector<BatchInfo> out;
    while (TRY(stmt.step())) out.push_back(batch_from(stmt));
    return out;
  }

  core::Result<core::Table> load_table(core::TableKind kind, std::string_view campaign) override {
    const auto& schema = core::table_schema(kind);
    auto stmt =
        TRY(db_->prepare("SELECT id FROM batches WHERE kind = ?1 AND campaign = ?2 ORDER BY id"));
    stmt.bind(1, schema.name).bind(2, schema.per_campaign ? campaign : std::string_view());
    std::vector<int64_t> ids;
    while (TRY(stmt.step())) ids.push_back(stmt.column_int(0));
    return load_batches(kind, ids);
  }

  core::Result<core::Table> load_batches(core::TableKind kind,
                                         const std::vector<int64_t>& batch_ids) override {
    std::vector<int64_t> ids = batch_ids;
    std::sort(ids.begin(), ids.end());
    std::vector<std::string> dirs;
    for (int64_t id : ids) dirs.push_back(TRY(batch_dir(id)));
    return read_batches(kind, ids, std::move(dirs));
  }

  core::Status save_batch_file(int64_t batch_id, BatchFile which,
                               const std::string& path) override {
    auto stmt = TRY(db_->prepare("SELECT original_path, report_path FROM batches WHERE id = ?1"));
    stmt.bind(1, batch_id);
    if (!TRY(stmt.step())) {
      return core::not_found(fmt::format("import batch {} does not exist", batch_id));
    }
    std::string kept = stmt.column_text(which == BatchFile::kOriginal ? 0 : 1);
    if (kept.empty()) {
      return core::not_found(fmt::format("import batch {} has no row errors", batch_id));
    }
    return copy_file(join(dir_, kept), path);
  }

  core::Result<std::vector<std::pair<std::string, std::string>>> batch_file_digests(
      int64_t batch_id) override {
    auto stmt = TRY(
        db_->prepare("SELECT data_path, original_path, report_path FROM batches WHERE id = ?1"));
    stmt.bind(1, batch_id);
    if (!TRY(stmt.step())) {
      return core::not_found(fmt::format("import batch {} does not exist", batch_id));
    }
    std::string data = join(dir_, stmt.column_text(0));
    std::string original = stmt.column_text(1), report = stmt.column_text(2);
    std::vector<std::pair<std::string, std::string>> out;
    std::vector<std::string> names = list_dir(data);
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      out.emplace_back(name, TRY(file_sha256(join(data, name))));
    }
    out.emplace_back("original", TRY(file_sha256(join(dir_, original))));
    if (!report.empty()) out.emplace_back("report", TRY(file_sha256(join(dir_, report))));
    return out;
  }

  core::Result<core::Table> load_batch_row(core::TableKind kind, int64_t batch_id,
                                           int64_t row) override {
    return read_batch_row(TRY(batch_dir(batch_id)), kind, static_cast<uint32_t>(batch_id), row);
  }

  core::Status put_campaign(const CampaignRecord& c) override {
    auto stmt = TRY(db_->prepare(
        "INSERT INTO campaigns(id, name, file, toml, added_at, added_by) VALUES(?1,?2,?3,?4,?5,?6) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, file = excluded.file, "
        "toml = excluded.toml, added_at = excluded.added_at, added_by = excluded.added_by"));
    stmt.bind(1, c.id).bind(2, c.name).bind(3, c.file).bind(4, c.toml).bind(5, c.added_at);
    stmt.bind(6, c.added_by);
    return stmt.run();
  }

  core::Result<std::optional<CampaignRecord>> find_campaign(std::string_view id) override {
    auto stmt = TRY(db_->prepare(
        "SELECT id, name, file, toml, added_at, added_by FROM campaigns WHERE id = ?1"));
    stmt.bind(1, id);
    if (!TRY(stmt.step())) return std::optional<CampaignRecord>();
    return std::optional<CampaignRecord>(campaign_from(stmt));
  }

  core::Result<std::vector<CampaignRecord>> list_campaigns() override {
    auto stmt = TRY(
        db_->prepare("SELECT id, name, file, toml, added_at, added_by FROM campaigns ORDER BY id"));
    std::vector<CampaignRecord> out;
    while (TRY(stmt.step())) out.push_back(campaign_from(stmt));
    return out;
  }

  core::Status put_definition(const DefinitionRecord& d) override {
    auto exists = TRY(db_->prepare("SELECT 1 FROM definitions WHERE name = ?1 AND version = ?2"));
    exists.bind(1, d.name).bind(2, d.version);
    bool known = TRY(exists.step());
    auto seq = TRY(db_->prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM definitions"));
    int64_t next = TRY(seq.step()) ? seq.column_int(0) : 1;
    if (known) {
      // The same content again: make it the current version of its name.
      auto bump =
          TRY(db_->prepare("UPDATE definitions SET seq = ?3 WHERE name = ?1 AND version = ?2"));
      bump.bind(1, d.name).bind(2, d.version).bind(3, next);
      return bump.run();
    }
    auto stmt = TRY(db_->prepare(
        "INSERT INTO definitions(name, version, normalised, toml, file, added_at, added_by, seq) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"));
    stmt.bind(1, d.name).bind(2, d.version).bind(3, d.normalised).bind(4, d.toml).bind(5, d.file);
    stmt.bind(6, d.added_at).bind(7, d.added_by).bind(8, next);
    return stmt.run();
  }

  core::Result<std::vector<DefinitionRecord>> list_definitions() override {
    auto stmt = TRY(db_->prepare(
        "SELECT d.name, d.version, d.normalised, d.toml, d.file, d.added_at, d.added_by "
        "FROM definitions d WHERE d.seq = (SELECT MAX(seq) FROM definitions e "
        "WHERE e.name = d.name) ORDER BY d.name"));
    std::vector<DefinitionRecord> out;
    while (TRY(stmt.step())) out.push_back(definition_from(stmt));
    return out;
  }

  core::Result<std::vector<DefinitionRecord>> list_definition_history() override {
    auto stmt = TRY(db_->prepare(
        "SELECT name, version, normalised, toml, file, added_at, added_by FROM definitions "
        "ORDER BY seq"));
    std::vector<DefinitionRecord> out;
    while (TRY(stmt.step())) out.push_back(definition_from(stmt));
    return out;
  }

  core::Result<std::optional<DefinitionRecord>> find_definition(std::string_view name) override {
    std::string_view base = name;
    std::string_view version;
    if (auto at = name.find('@'); at != std::string_view::npos) {
      base = name.substr(0, at);
      version = name.substr(at + 1);
    }
    auto stmt = TRY(db_->prepare(
        "SELECT name, version, normalised, toml, file, added_at, added_by FROM definitions "
        "WHERE name = ?1 AND (?2 = '' OR version = ?2) ORDER BY seq DESC LIMIT 1"));
    stmt.bind(1, base).bind(2, version);
    if (!TRY(stmt.step())) return std::optional<DefinitionRecord>();
    return std::optional<DefinitionRecord>(definition_from(stmt));
  }

  core::Status add_user(const User& u) override {
    if (TRY(find_user(u.name))) {
      return core::make_error(core::ErrorCode::kAlreadyExists,
                              fmt::format("a user named \"{}\" already exists", u.name));
    }
    auto stmt =
        TRY(db_->prepare("INSERT INTO users(name, role, scope, added_at) VALUES(?1, ?2, ?3, ?4)"));
    stmt.bind(1, u.name).bind(2, u.role).bind(3, u.scope).bind(4, u.added_at);
    return stmt.run();
  }

  core::Result<std::optional<User>> find_user(std::string_view name) override {
    auto stmt = TRY(db_->prepare("SELECT name, role, scope, added_at FROM users WHERE name = ?1"));
    stmt.bind(1, name);
    if (!TRY(stmt.step())) return std::optional<User>();
    return std::optional<User>(
        User{stmt.column_text(0), stmt.column_text(1), stmt.column_text(2), stmt.column_int(3)});
  }

  core::Result<std::vector<User>> list_users() override {
    auto stmt = TRY(db_->prepare("SELECT name, role, scope, added_at FROM users ORDER BY name"));
    std::vector<User> out;
    while (TRY(stmt.step())) {
      out.push_back(
          User{stmt.column_text(0), stmt.column_text(1), stmt.column_text(2), stmt.column_int(3)});
    }
    return out;
  }

  core::Status put_record(std::string_view collection, std::string_view key, std::string_view json,
                          int64_t now) override {
    auto stmt = TRY(db_->prepare(
        "INSERT INTO records(collection, key, json, updated_at) VALUES(?1, ?2, ?3, ?4) "
        "ON CONFLICT(collection, key) DO UPDATE SET json = excluded.json, "
        "updated_at = excluded.updated_at"));
    stmt.bind(1, collection).bind(2, key).bind(3, json).bind(4, now);
    return stmt.run();
  }

  core::Result<std::optional<Record>> get_record(std::string_view collection,
                                                 std::string_view key) override {
    auto stmt = TRY(db_->prepare(
        "SELECT key, json, updated_at FROM records WHERE collection = ?1 AND key = ?2"));
    stmt.bind(1, collection).bind(2, key);
    if (!TRY(stmt.step())) return std::optional<Record>();
    return std::optional<Record>(
        Record{stmt.column_text(0), stmt.column_text(1), stmt.column_int(2)});
  }

  core::Result<std::vector<Record>> list_records(std::string_view collection,
                                                 std::string_view key_prefix) override {
    auto stmt =
        TRY(db_->prepare("SELECT key, json, updated_at FROM records WHERE collection = ?1 AND "
                         "substr(key, 1, length(?2)) = ?2 ORDER BY key"));
    stmt.bind(1, collection).bind(2, key_prefix);
    std::vector<Record> out;
    while (TRY(stmt.step())) {
      out.push_back(Record{stmt.column_text(0), stmt.column_text(1), stmt.column_int(2)});
    }
    return out;
  }

  core::Status insert_record(std::string_view collection, std::string_view key,
                             std::string_view json, int64_t now) override {
    auto stmt = TRY(db_->prepare(
        "INSERT INTO records(collection, key, json, updated_at) VALUES(?1, ?2, ?3, ?4) "
        "ON CONFLICT(collection, key) DO NOTHING"));
    stmt.bind(1, collection).bind(2, key).bind(3, json).bind(4, now);
    TRY(stmt.run());
    if (db_->changes() == 0) {
      return core::make_error(core::ErrorCode::kAlreadyExists,
                              fmt::format("record {}/{} already exists", collection, key));
    }
    return {};
  }

  core::Status delete_record(std::string_view collection, std::string_view key) override {
    auto stmt = TRY(db_->prepare("DELETE FROM records WHERE collection = ?1 AND key = ?2"));
    stmt.bind(1, collection).bind(2, key);
    return stmt.run();
  }

  core::Result<int64_t> append_log(std::string_view log, std::string_view json) override {
    int64_t seq = 0;
    TRY(transaction([&]() -> core::Status {
      auto next = TRY(db_->prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM logs WHERE log = ?1"));
      next.bind(1, log);
      seq = TRY(next.step()) ? next.column_int(0) : 1;
      auto stmt = TRY(db_->prepare("INSERT INTO logs(log, seq, json) VALUES(?1, ?2, ?3)"));
      stmt.bind(1, log).bind(2, seq).bind(3, json);
      return stmt.run();
    }));
    return seq;
  }

  core::Result<std::vector<LogEntry>> read_log(std::string_view log) override {
    auto stmt = TRY(db_->prepare("SELECT seq, json FROM logs WHERE log = ?1 ORDER BY seq"));
    stmt.bind(1, log);
    std::vector<LogEntry> out;
    while (TRY(stmt.step())) out.push_back(LogEntry{stmt.column_int(0), stmt.column_text(1)});
    return out;
  }

  core::Result<std::optional<LogEntry>> read_log_tail(std::string_view log) override {
    auto stmt =
        TRY(db_->prepare("SELECT seq, json FROM logs WHERE log = ?1 ORDER BY seq DESC LIMIT 1"));
    stmt.bind(1, log);
    if (!TRY(stmt.step())) return std::optional<LogEntry>();
    return std::optional<LogEntry>(LogEntry{stmt.column_int(0), stmt.column_text(1)});
  }

  core::Result<std::vector<std::string>> list_collections() override {
    return names("SELECT DISTINCT collection FROM records ORDER BY 1");
  }
  core::Result<std::vector<std::string>> list_logs() override {
    return names("SELECT DISTINCT log FROM logs ORDER BY 1");
  }
  // Blob names are the blobs/ folder's files (blob_path changes a leading '.' of a part to '_'),
  // without the temporary files of writes in progress.
  core::Result<std::vector<std::string>> list_blobs() override {
    std::vector<std::string> out;
    std::vector<std::string> folders = {""};
    while (!folders.empty()) {
      std::string folder = folders.back();
      folders.pop_back();
      for (const auto& name : list_dir(join(dir_, "blobs/" + folder))) {
        std::string path = folder.empty() ? name : folder + "/" + name;
        if (name.find(".tmp-") != std::string::npos) continue;
        if (path_exists(join(dir_, "blobs/" + path + "/."))) {
          folders.push_back(path);
        } else {
          out.push_back(path);
        }
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  core::Result<std::string> read_blob_range(std::string_view name, int64_t offset,
                                            int64_t length) override {
    std::string path = blob_path(name);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      auto e = core::not_found(fmt::format("blob {} does not exist", name));
      e.at_file(path);
      return e;
    }
    std::string out(static_cast<size_t>(std::max<int64_t>(length, 0)), '\0');
    in.seekg(offset);
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    if (in.bad()) {
      auto e = core::make_error(core::ErrorCode::kIo, "cannot read the blob");
      e.at_file(path);
      return e;
    }
    out.resize(in.eof() || in.fail()
                   ? static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0))
                   : out.size());
    return out;
  }

  core::Status remove_blob(std::string_view name) override { return remove_tree(blob_path(name)); }

  core::Status put_blob(std::string_view name, std::string_view bytes) override {
    std::string path = blob_path(name);
    TRY(make_dirs(path.substr(0, path.find_last_of('/'))));
    return write_file_atomic(path, bytes);
  }

  core::Result<std::unique_ptr<BlobWriter>> open_blob(std::string_view name) override {
    struct Writer final : BlobWriter {
      std::unique_ptr<AtomicFile> file;
      core::Status append(std::string_view bytes) override { return file->append(bytes); }
      core::Status overwrite(int64_t offset, std::string_view bytes) override {
        return file->overwrite(offset, bytes);
      }
      core::Status commit() override { return file->commit(); }
    };
    std::string path = blob_path(name);
    TRY(make_dirs(path.substr(0, path.find_last_of('/'))));
    auto w = std::make_unique<Writer>();
    w->file = TRY(AtomicFile::create(path));
    return std::unique_ptr<BlobWriter>(std::move(w));
  }

  core::Result<std::optional<std::string>> get_blob(std::string_view name) override {
    std::string path = blob_path(name);
    if (!path_exists(path)) return std::optional<std::string>();
    return std::optional<std::string>(TRY(read_file(path)));
  }

  // The outermost transaction takes the write lock at its start (BEGIN IMMEDIATE), so that what
  // its body reads cannot change before it commits; inner ones are savepoints.
  core::Status transaction(const std::function<core::Status()>& body) override {
    bool outer = transaction_depth_ == 0;
    std::string name = fmt::format("pw{}", transaction_depth_);
    TRY(db_->exec(outer ? std::string("BEGIN IMMEDIATE") : fmt::format("SAVEPOINT {}", name)));
    ++transaction_depth_;
    core::Status status = body();
    --transaction_depth_;
    if (status) status = db_->exec(outer ? std::string("COMMIT") : fmt::format("RELEASE {}", name));
    if (!status) {
      (void)db_->exec(outer ? std::string("ROLLBACK")
                            : fmt::format("ROLLBACK TO {}; RELEASE {}", name, name));
    }
    return status;
  }

  core::Result<int64_t> change_count() override {
    auto stmt =
        TRY(db_->prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'change_seq'"));
    if (!TRY(stmt.step())) return int64_t{0};
    return stmt.column_int(0);
  }

  core::Status seal_in_database(std::string_view campaign) override {
    auto stmt = TRY(db_->prepare("INSERT OR IGNORE INTO sealed_campaigns(campaign) VALUES(?1)"));
    stmt.bind(1, campaign);
    return stmt.run();
  }

 private:
  core::Result<std::string> batch_dir(int64_t id) {
    auto stmt = TRY(db_->prepare("SELECT data_path FROM batches WHERE id = ?1"));
    stmt.bind(1, id);
    if (!TRY(stmt.step())) {
      return core::not_found(fmt::format("import batch {} does not exist", id));
    }
    return join(dir_, stmt.column_text(0));
  }

  std::string blob_path(std::string_view name) const {
    std::string safe;
    for (char c : name) safe.push_back(c == '.' && (safe.empty() || safe.back() == '/') ? '_' : c);
    return join(dir_, "blobs/" + safe);
  }

  core::Result<std::vector<std::string>> names(std::string_view sql) {
    auto stmt = TRY(db_->prepare(sql));
    std::vector<std::string> out;
    while (TRY(stmt.step())) out.push_back(stmt.column_text(0));
    return out;
  }

  static CampaignRecord campaign_from(const Statement& s) {
    return CampaignRecord{s.column_text(0), s.column_text(1), s.column_text(2),
                          s.column_text(3), s.column_int(4),  s.column_text(5)};
  }
  static DefinitionRecord definition_from(const Statement& s) {
    return DefinitionRecord{s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3),
                            s.column_text(4), s.column_int(5),  s.column_text(6)};
  }

  std::string dir_;
  std::unique_ptr<Database> db_;
  int transaction_depth_ = 0;
  friend class SqliteBatchWriter;
};

core::Result<BatchInfo> SqliteBatchWriter::commit(
    const BatchCounts& counts, std::string_view report,
    const std::function<core::Status()>& precondition) {
  PW_CHECK(!committed_, "commit twice");
  TRY(files_->finish(pool_));
  const std::string& dir = ws_->dir();
  Database& db = ws_->db();
  BatchInfo info;
  info.kind = std::string(core::table_schema(start_.kind).name);
  info.campaign = start_.campaign;
  info.file = start_.file;
  info.sha256 = start_.sha256;
  info.rows_read = counts.rows_read;
  info.loaded = counts.loaded;
  info.rejected = counts.rejected;
  info.imported_at = start_.imported_at;
  info.imported_by = start_.imported_by;
  info.forced = start_.forced;

  // The original bytes and the error report go beside the column files first (in tmp/), then
  // everything moves into place inside the transaction that records the batch.
  copier_.join();
  TRY(std::move(copied_));
  if (!report.empty()) TRY(write_file_atomic(tmp_dir_ + "/report.txt", report));

  std::vector<std::pair<std::string, std::string>> moved;  // for undo on failure
  auto undo = [&] {
    for (auto it = moved.rbegin(); it != moved.rend(); ++it)
      (void)rename_path(it->second, it->first);
  };
  TRY(db.exec("BEGIN IMMEDIATE"));
  ws_->enter_transaction();
  auto body = [&]() -> core::Status {
    if (precondition) TRY(precondition());
    auto insert = TRY(
        db.prepare("INSERT INTO batches(kind, campaign, file, sha256, rows_read, loaded, rejected, "
                   "imported_at, imported_by, forced, original_path, report_path, data_path) "
                   "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,'','','')"));
    insert.bind(1, info.kind).bind(2, info.campaign).bind(3, info.file).bind(4, info.sha256);
    insert.bind(5, info.rows_read).bind(6, info.loaded).bind(7, info.rejected);
    insert.bind(8, info.imported_at).bind(9, info.imported_by).bind(10, int64_t{info.forced});
    TRY(insert.run());
    info.id = db.last_insert_id();
    info.original_path = fmt::format("files/{}-{}", info.id, safe_file_name(info.file));
    info.report_path = report.empty() ? "" : fmt::format("reports/{}-errors.txt", info.id);
    std::string data_path = fmt::format("batches/{}", info.id);
    auto update = TRY(db.prepare(
        "UPDATE batches SET original_path = ?2, report_path = ?3, data_path = ?4 WHERE id = ?1"));
    update.bind(1, info.id).bind(2, info.original_path).bind(3, info.report_path);
    update.bind(4, data_path);
    TRY(update.run());
    for (const char* folder : {"files", "reports", "batches"}) TRY(make_dirs(join(dir, folder)));
    auto move = [&](const std::string& from, const std::string& to) -> core::Status {
      TRY(rename_path(from, to));
      moved.emplace_back(from, to);
      return {};
    };
    TRY(move(tmp_dir_ + "/data", join(dir, data_path)));
    TRY(move(tmp_dir_ + "/original", join(dir, info.original_path)));
    if (!report.empty()) TRY(move(tmp_dir_ + "/report.txt", join(dir, info.report_path)));
    for (const char* folder : {"files", "reports", "batches"}) TRY(sync_path(join(dir, folder)));
    return db.exec("COMMIT");
  };
  auto status = body();
  ws_->leave_transaction();
  if (!status) {
    (void)db.exec("ROLLBACK");
    undo();
    return status.release_error();
  }
  committed_ = true;
  (void)remove_tree(tmp_dir_);
  return info;
}

}  // namespace

core::Status init_sqlite_workspace(const std::string& dir, int64_t now) {
  TRY(make_dirs(dir));
  std::string db_path = join(dir, kDatabaseName);
  if (path_exists(db_path)) {
    auto e = core::make_error(core::ErrorCode::kAlreadyExists,
                              "a workspace already exists here (pitwall.db)");
    e.at_file(dir);
    return e;
  }
  for (const char* folder : {"files", "batches", "reports", "blobs", "tmp"}) {
    TRY(make_dirs(join(dir, folder)));
  }
  // The database is created owner-only whatever the umask; SQLite gives its -wal and -shm files
  // the same permissions.
  int fd = ::open(db_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    auto e = core::make_error(core::ErrorCode::kIo, "cannot create the workspace database");
    e.at_file(db_path);
    return e;
  }
  (void)::fchmod(fd, 0600);
  ::close(fd);
  (void)::chmod(dir.c_str(), 0700);
  auto db = TRY(Database::open(db_path, /*create=*/true));
  TRY(migrate(*db));
  auto stmt = TRY(db->prepare("INSERT INTO meta(key, value) VALUES('created_at', ?1)"));
  stmt.bind(1, fmt::format("{}", now));
  return stmt.run();
}

core::Result<std::unique_ptr<Workspace>> open_sqlite_workspace(const std::string& dir) {
  std::string db_path = join(dir, kDatabaseName);
  if (!path_exists(db_path)) {
    auto e = core::keyed_error(
        core::ErrorCode::kNotFound, "core.no_workspace", {},
        "no Pitwall workspace here (create one with `pitwall init DIR`, or name one with -w DIR "
        "or PITWALL_WORKSPACE)");
    e.at_file(dir);
    return e;
  }
  // A workspace made by an earlier version with the usual umask: owner-only from now on.
  (void)::chmod(db_path.c_str(), 0600);
  auto db = TRY(Database::open(db_path, /*create=*/false));
  TRY(migrate(*db));
  auto ws = std::make_unique<SqliteWorkspace>(dir, std::move(db));
  TRY(ws->remove_leftovers());
  return std::unique_ptr<Workspace>(std::move(ws));
}

}  // namespace pitwall::store::sqlite
