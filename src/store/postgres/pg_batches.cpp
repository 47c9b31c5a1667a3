// PgWorkspace (pg_workspace_impl.hpp): import batches, stored in the database, mapped from the
// local cache.
//
// A batch is written as the SQLite backend writes it (BatchFilesWriter, in the cache's tmp/
// folder), in one database transaction on a connection of its own: the original is uploaded
// while the rows are parsed (as the SQLite backend copies it meanwhile); the commit uploads the
// column files and the error report, then takes the write lock, checks the precondition and
// records the row with the next id and a random data key. Until that commit nothing of it is
// visible; a killed import leaves an aborted transaction (nothing) and a tmp/ folder the next open
// removes. Reading a batch maps cache/batches/<data key>/, fetched from the database first when it
// is not there (into tmp/, then renamed into place, so a folder that exists is whole).
#include <fmt/format.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <thread>

#include "core/base/check.hpp"
#include "store/files/batch_files.hpp"
#include "store/files/file_util.hpp"
#include "store/files/splice.hpp"
#include "store/postgres/pg_workspace_impl.hpp"

namespace pitwall::store::postgres {

namespace {

constexpr const char* kBatchColumns =
    "id, kind, campaign, file, sha256, rows_read, loaded, rejected, imported_at, imported_by, "
    "forced, original_path, report_path";

BatchInfo batch_from(const Rows& r, int i) {
  BatchInfo b;
  b.id = r.integer(i, 0);
  b.kind = r.text(i, 1);
  b.campaign = r.text(i, 2);
  b.file = r.text(i, 3);
  b.sha256 = r.text(i, 4);
  b.rows_read = r.integer(i, 5);
  b.loaded = r.integer(i, 6);
  b.rejected = r.integer(i, 7);
  b.imported_at = r.integer(i, 8);
  b.imported_by = r.text(i, 9);
  b.forced = r.integer(i, 10) != 0;
  b.original_path = r.text(i, 11);
  b.report_path = r.text(i, 12);
  return b;
}

// Keeps file names safe in the names shown (as the SQLite backend names its kept originals).
std::string safe_file_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(c == '/' || c == '\\' || u < 0x20 ? '_' : c);
  }
  if (out.empty() || out == "." || out == "..") out = "file";
  return out;
}

class PgBatchWriter final : public BatchWriter {
 public:
  PgBatchWriter(PgWorkspace* ws, BatchStart start, std::string tmp_dir,
                std::unique_ptr<BatchFilesWriter> files, std::unique_ptr<Connection> db,
                int64_t upload)
      : ws_(ws),
        start_(std::move(start)),
        tmp_dir_(std::move(tmp_dir)),
        files_(std::move(files)),
        db_(std::move(db)),
        upload_(upload) {}
  ~PgBatchWriter() override {
    if (uploader_.joinable()) uploader_.join();
    db_.reset();  // an uncommitted transaction ends with its connection: nothing of it stays
    files_.reset();
    (void)remove_tree(tmp_dir_);
  }
  // The original is uploaded on the batch's connection while the rows are parsed.
  void start_upload() {
    uploader_ = std::thread(
        [this] { uploaded_ = upload_file(*db_, upload_, "original", start_.source_path); });
  }
  core::StringPool& pool() override { return pool_; }
  core::Status append(const core::Table& chunk) override {
    TRY(files_->append(chunk));
    return files_->append_pool(pool_);
  }
  core::Result<BatchInfo> commit(const BatchCounts& counts, std::string_view report,
                                 const std::function<core::Status()>& precondition) override;

 private:
  core::Status upload_rest(std::string_view report);
  core::Status record(BatchInfo& info, bool has_report, std::string& data_key);
  core::Status finish(BatchInfo& info, std::string_view report,
                      const std::function<core::Status()>& precondition, std::string& data_key);

  PgWorkspace* ws_;
  BatchStart start_;
  std::string tmp_dir_;
  std::unique_ptr<BatchFilesWriter> files_;
  std::unique_ptr<Connection> db_;  // the batch's own transaction
  int64_t upload_;
  core::StringPool pool_;
  std::thread uploader_;
  core::Status uploaded_;  // written by uploader_, read after joining it
  bool committed_ = false;
};

core::Status PgBatchWriter::upload_rest(std::string_view report) {
  std::string data = tmp_dir_ + "/data";
  for (const auto& name : list_dir(data)) {
    TRY(upload_file(*db_, upload_, "data/" + name, data + "/" + name));
  }
  if (!report.empty()) TRY(upload_bytes(*db_, upload_, "report", report));
  return {};
}

// Under the write lock: the next id, the names shown for the original and the report.
core::Status PgBatchWriter::record(BatchInfo& info, bool has_report, std::string& data_key) {
  auto next = TRY(db_->query("SELECT COALESCE(MAX(id), 0) + 1 FROM batches"));
  info.id = next.integer(0, 0);
  info.original_path = fmt::format("files/{}-{}", info.id, safe_file_name(info.file));
  info.report_path = has_report ? fmt::format("reports/{}-errors.txt", info.id) : "";
  Params p;
  p.integer(info.id).text(info.kind).text(info.campaign).text(info.file).text(info.sha256);
  p.integer(info.rows_read).integer(info.loaded).integer(info.rejected);
  p.integer(info.imported_at).text(info.imported_by).boolean(info.forced);
  p.text(info.original_path).text(info.report_path).integer(upload_);
  auto rows = TRY(db_->query(
      "INSERT INTO batches(id, kind, campaign, file, sha256, rows_read, loaded, rejected, "
      "imported_at, imported_by, forced, original_path, report_path, upload, data_key) "
      "VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14, gen_random_uuid()) "
      "RETURNING data_key::text",
      p));
  data_key = rows.text(0, 0);
  return {};
}

// Uploads the rest, takes the write lock on the batch's connection, checks the precondition
// (through the workspace's own connection, which reads everything committed before the lock;
// a transaction it opens does not take the lock this process already holds) and records the row.
core::Status PgBatchWriter::finish(BatchInfo& info, std::string_view report,
                                   const std::function<core::Status()>& precondition,
                                   std::string& data_key) {
  uploader_.join();
  TRY(std::move(uploaded_));
  TRY(upload_rest(report));
  TRY(db_->exec(fmt::format("SELECT pg_advisory_xact_lock({})", kWriteLockKey)));
  if (precondition) {
    ws_->hold_write_lock(true);
    core::Status checked = precondition();
    ws_->hold_write_lock(false);
    TRY(std::move(checked));
  }
  TRY(record(info, !report.empty(), data_key));
  return db_->exec("COMMIT");
}

core::Result<BatchInfo> PgBatchWriter::commit(const BatchCounts& counts, std::string_view report,
                                              const std::function<core::Status()>& precondition) {
  PW_CHECK(!committed_, "commit twice");
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
  std::string data_key;
  core::Status done = files_->finish(pool_);
  if (done) done = finish(info, report, precondition, data_key);
  if (!done) {
    if (uploader_.joinable()) uploader_.join();
    (void)db_->exec("ROLLBACK");
    return done.release_error();
  }
  committed_ = true;
  // The importer's own files become its cache of the batch (a failure only costs a fetch).
  (void)rename_path(tmp_dir_ + "/data", fmt::format("{}/batches/{}", ws_->cache(), data_key));
  return info;
}

}  // namespace

core::Result<std::unique_ptr<BatchWriter>> PgWorkspace::begin_batch(const BatchStart& start) {
  std::string tmp = fmt::format("{}/tmp/{}", cache_, unique_tmp_name("batch"));
  TRY(remove_tree(tmp));
  auto files = TRY(BatchFilesWriter::create(tmp + "/data", start.kind));
  // A connection of its own: its transaction uploads the batch while the rows are parsed.
  auto db = TRY(Connection::open(url_));
  TRY(db->exec("BEGIN ISOLATION LEVEL READ COMMITTED"));
  int64_t upload = TRY(new_upload(*db));
  auto writer =
      std::make_unique<PgBatchWriter>(this, start, tmp, std::move(files), std::move(db), upload);
  writer->start_upload();
  return std::unique_ptr<BatchWriter>(std::move(writer));
}

void PgWorkspace::remove_cache_leftovers() {
  std::string tmp = fmt::format("{}/tmp", cache_);
  for (const auto& name : list_dir(tmp)) {
    int pid = 0;
    char what[16] = {};
    if (std::sscanf(name.c_str(), "%15[a-z]-%d-", what, &pid) == 2 && pid > 0 &&
        (::kill(pid, 0) == 0 || errno == EPERM)) {
      continue;  // work in progress of a live process sharing this cache
    }
    (void)remove_tree(tmp + "/" + name);
  }
}

core::Result<std::optional<BatchInfo>> PgWorkspace::find_batch(core::TableKind kind,
                                                               std::string_view campaign,
                                                               std::string_view sha256) {
  Params p;
  p.text(core::table_schema(kind).name).text(campaign).text(sha256);
  auto rows = TRY(db_->query(fmt::format("SELECT {} FROM batches WHERE kind = $1 AND campaign = "
                                         "$2 AND sha256 = $3 ORDER BY id LIMIT 1",
                                         kBatchColumns),
                             p));
  if (rows.empty()) return std::optional<BatchInfo>();
  return std::optional<BatchInfo>(batch_from(rows, 0));
}

core::Result<std::vector<BatchInfo>> PgWorkspace::list_batches() {
  auto rows = TRY(db_->query(fmt::format("SELECT {} FROM batches ORDER BY id", kBatchColumns)));
  std::vector<BatchInfo> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(batch_from(rows, i));
  return out;
}

core::Result<core::Table> PgWorkspace::load_table(core::TableKind kind, std::string_view campaign) {
  const auto& schema = core::table_schema(kind);
  Params p;
  p.text(schema.name).text(schema.per_campaign ? campaign : std::string_view());
  auto rows =
      TRY(db_->query("SELECT id FROM batches WHERE kind = $1 AND campaign = $2 ORDER BY id", p));
  std::vector<int64_t> ids;
  for (int i = 0; i < rows.size(); ++i) ids.push_back(rows.integer(i, 0));
  return load_batches(kind, ids);
}

namespace {

struct StoredBatch {
  int64_t upload = 0;
  std::string data_key;
};

core::Result<StoredBatch> stored_batch(Connection& db, int64_t id) {
  Params p;
  p.integer(id);
  auto rows = TRY(db.query("SELECT upload, data_key::text FROM batches WHERE id = $1", p));
  if (rows.empty()) return core::not_found(fmt::format("import batch {} does not exist", id));
  return StoredBatch{rows.integer(0, 0), rows.text(0, 1)};
}

}  // namespace

// The cached folder of batch `id`, fetched first when missing. Another process fetching the same
// batch at once is harmless: the first rename wins, the other's copy is dropped.
core::Result<std::string> PgWorkspace::cached_batch(int64_t id) {
  StoredBatch b = TRY(stored_batch(*db_, id));
  std::string dir = fmt::format("{}/batches/{}", cache_, b.data_key);
  if (path_exists(dir + "/manifest.txt")) return dir;
  std::string tmp = fmt::format("{}/tmp/{}", cache_, unique_tmp_name("fetch"));
  TRY(make_dirs(tmp));
  auto fetched = [&]() -> core::Status {
    for (const auto& file : TRY(stored_files(b.upload, "data/"))) {
      TRY(download_file(b.upload, file, tmp + "/" + file.substr(5)));
    }
    TRY(sync_path(tmp));
    TRY(make_dirs(fmt::format("{}/batches", cache_)));
    auto renamed = rename_path(tmp, dir);
    if (!renamed && !path_exists(dir + "/manifest.txt")) return renamed;
    return {};
  }();
  (void)remove_tree(tmp);
  TRY(std::move(fetched));
  return dir;
}

core::Status PgWorkspace::evict_batch(int64_t id) {
  StoredBatch b = TRY(stored_batch(*db_, id));
  return remove_tree(fmt::format("{}/batches/{}", cache_, b.data_key));
}

core::Result<core::Table> PgWorkspace::load_batches(core::TableKind kind,
                                                    const std::vector<int64_t>& batch_ids) {
  std::vector<int64_t> ids = batch_ids;
  std::sort(ids.begin(), ids.end());
  auto read = [&]() -> core::Result<core::Table> {
    std::vector<std::string> dirs;
    for (int64_t id : ids) dirs.push_back(TRY(cached_batch(id)));
    return read_batches(kind, ids, std::move(dirs));
  };
  auto table = read();
  if (table || table.error().code == core::ErrorCode::kNotFound) return table;
  // A cached copy that does not read (damaged, or removed while being read) is fetched again.
  for (int64_t id : ids) TRY(evict_batch(id));
  return read();
}

core::Result<core::Table> PgWorkspace::load_batch_row(core::TableKind kind, int64_t batch_id,
                                                      int64_t row) {
  auto one = [&]() -> core::Result<core::Table> {
    return read_batch_row(TRY(cached_batch(batch_id)), kind, static_cast<uint32_t>(batch_id), row);
  };
  auto table = one();
  if (table || table.error().code == core::ErrorCode::kNotFound) return table;
  TRY(evict_batch(batch_id));
  return one();
}

core::Status PgWorkspace::save_batch_file(int64_t batch_id, BatchFile which,
                                          const std::string& path) {
  StoredBatch b = TRY(stored_batch(*db_, batch_id));
  std::string_view file = which == BatchFile::kOriginal ? "original" : "report";
  if (TRY(stored_files(b.upload, file)).empty()) {
    return core::not_found(fmt::format("import batch {} has no row errors", batch_id));
  }
  return download_file(b.upload, file, path);
}

// The names as the SQLite backend gives them: each column file, pool, line-number file and the
// manifest by its name in the batch folder, sorted; then "original" and, if any, "report".
core::Result<std::vector<std::pair<std::string, std::string>>> PgWorkspace::batch_file_digests(
    int64_t batch_id) {
  Params p;
  p.integer(batch_id);
  auto rows = TRY(db_->query("SELECT upload, report_path FROM batches WHERE id = $1", p));
  if (rows.empty()) return core::not_found(fmt::format("import batch {} does not exist", batch_id));
  int64_t upload = rows.integer(0, 0);
  bool has_report = !rows.text(0, 1).empty();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& file : TRY(stored_files(upload, "data/"))) {
    out.emplace_back(file.substr(5), TRY(stored_file_sha256(upload, file)));
  }
  out.emplace_back("original", TRY(stored_file_sha256(upload, "original")));
  if (has_report) out.emplace_back("report", TRY(stored_file_sha256(upload, "report")));
  return out;
}

}  // namespace pitwall::store::postgres
