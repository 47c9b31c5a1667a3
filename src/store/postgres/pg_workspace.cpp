#include "store/postgres/pg_workspace.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "store/files/file_util.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_workspace_impl.hpp"

namespace pitwall::store::postgres {

namespace {

// Migrations run under their own advisory lock, so that two processes opening an old workspace
// at once apply each once.
constexpr int64_t kMigrationLockKey = 0x7069747761'6d67LL;

core::Result<int64_t> schema_version(Connection& db) {
  auto exists = TRY(db.query("SELECT to_regclass('pitwall.meta') IS NOT NULL"));
  if (exists.integer(0, 0) == 0) return 0;
  auto rows = TRY(db.query("SELECT value FROM pitwall.meta WHERE key = 'schema_version'"));
  return rows.empty() ? 0 : std::strtoll(rows.text(0, 0).c_str(), nullptr, 10);
}

core::Status migrate(Connection& db) {
  auto all = migrations();
  auto newer = [&](int64_t version) -> core::Status {
    if (version <= static_cast<int64_t>(all.size())) return {};
    auto e = core::make_error(
        core::ErrorCode::kConflict,
        fmt::format("the workspace was written by a newer Pitwall (schema {}, this one knows {})",
                    version, all.size()));
    e.at_file(db.where());
    return e;
  };
  int64_t version = TRY(schema_version(db));
  TRY(newer(version));
  while (version < static_cast<int64_t>(all.size())) {
    TRY(db.exec("BEGIN"));
    auto applied = [&]() -> core::Status {
      TRY(db.exec(fmt::format("SELECT pg_advisory_xact_lock({})", kMigrationLockKey)));
      version = TRY(schema_version(db));  // another process may have applied it meanwhile
      TRY(newer(version));
      if (version >= static_cast<int64_t>(all.size())) return {};
      TRY(db.exec(all[static_cast<size_t>(version)]));
      ++version;
      Params p;
      p.text(fmt::format("{}", version));
      return db.execute(
          "INSERT INTO pitwall.meta(key, value) VALUES('schema_version', $1) "
          "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
          p);
    }();
    if (applied) applied = db.exec("COMMIT");
    if (!applied) {
      (void)db.exec("ROLLBACK");
      return applied;
    }
  }
  return {};
}

CampaignRecord campaign_from(const Rows& r, int i) {
  return CampaignRecord{r.text(i, 0), r.text(i, 1),    r.text(i, 2),
                        r.text(i, 3), r.integer(i, 4), r.text(i, 5)};
}

DefinitionRecord definition_from(const Rows& r, int i) {
  return DefinitionRecord{r.text(i, 0), r.text(i, 1),    r.text(i, 2), r.text(i, 3),
                          r.text(i, 4), r.integer(i, 5), r.text(i, 6)};
}

core::Result<std::vector<std::string>> names(Connection& db, std::string_view sql) {
  auto rows = TRY(db.query(sql));
  std::vector<std::string> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(rows.text(i, 0));
  return out;
}

User user_from(const Rows& r, int i) {
  return User{r.text(i, 0), r.text(i, 1), r.text(i, 2), r.integer(i, 3)};
}

}  // namespace

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string unique_tmp_name(std::string_view what) {
  static std::atomic<uint64_t> counter{0};
  return fmt::format("{}-{}-{}", what, getpid(), ++counter);
}

std::string cache_folder(const std::string& cache_dir) {
  if (!cache_dir.empty()) return cache_dir;
  if (const char* env = std::getenv("PITWALL_CACHE"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return fmt::format("{}/pitwall", xdg);
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return fmt::format("{}/.cache/pitwall", home);
  }
  const char* tmp = std::getenv("TMPDIR");
  return fmt::format("{}/pitwall-cache-{}", tmp && *tmp ? tmp : "/tmp", getuid());
}

core::Status init_postgres_workspace(const std::string& url, int64_t now) {
  auto db = TRY(Connection::open(url));
  if (TRY(schema_version(*db)) > 0) {
    auto e = core::make_error(core::ErrorCode::kAlreadyExists,
                              "a workspace already exists in this database (schema pitwall)");
    e.at_file(db->where());
    return e;
  }
  TRY(migrate(*db));
  Params p;
  p.text(fmt::format("{}", now));
  return db->execute(
      "INSERT INTO pitwall.meta(key, value) VALUES('created_at', $1) "
      "ON CONFLICT(key) DO NOTHING",
      p);
}

core::Result<std::unique_ptr<Workspace>> open_postgres_workspace(const std::string& url,
                                                                 const std::string& cache_dir) {
  auto db = TRY(Connection::open(url));
  if (TRY(schema_version(*db)) == 0) {
    auto e = core::keyed_error(
        core::ErrorCode::kNotFound, "core.no_workspace_database", {},
        "no Pitwall workspace in this database (create one with `pitwall init URL`, or name "
        "another with -w URL or PITWALL_WORKSPACE)");
    e.at_file(db->where());
    return e;
  }
  TRY(migrate(*db));
  std::string cache = cache_folder(cache_dir);
  for (const char* folder : {"batches", "tmp"}) TRY(make_dirs(fmt::format("{}/{}", cache, folder)));
  auto ws = std::make_unique<PgWorkspace>(url, std::move(cache), std::move(db));
  ws->remove_cache_leftovers();
  ws->remove_stale_uploads();
  return std::unique_ptr<Workspace>(std::move(ws));
}

// --- Campaigns, definitions, people ---

core::Status PgWorkspace::put_campaign(const CampaignRecord& c) {
  return transaction([&]() -> core::Status {
    Params p;
    p.text(c.id).text(c.name).text(c.file).text(c.toml).integer(c.added_at).text(c.added_by);
    return db_->execute(
        "INSERT INTO campaigns(id, name, file, toml, added_at, added_by) "
        "VALUES($1,$2,$3,$4,$5,$6) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "file = excluded.file, toml = excluded.toml, added_at = excluded.added_at, "
        "added_by = excluded.added_by",
        p);
  });
}

core::Result<std::optional<CampaignRecord>> PgWorkspace::find_campaign(std::string_view id) {
  Params p;
  p.text(id);
  auto rows = TRY(db_->query(
      "SELECT id, name, file, toml, added_at, added_by FROM campaigns WHERE id = $1", p));
  if (rows.empty()) return std::optional<CampaignRecord>();
  return std::optional<CampaignRecord>(campaign_from(rows, 0));
}

core::Result<std::vector<CampaignRecord>> PgWorkspace::list_campaigns() {
  auto rows =
      TRY(db_->query("SELECT id, name, file, toml, added_at, added_by FROM campaigns ORDER BY id"));
  std::vector<CampaignRecord> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(campaign_from(rows, i));
  return out;
}

core::Status PgWorkspace::put_definition(const DefinitionRecord& d) {
  // A new version becomes its name's current one; the same version again becomes current again.
  return transaction([&]() -> core::Status {
    Params p;
    p.text(d.name).text(d.version).text(d.normalised).text(d.toml).text(d.file);
    p.integer(d.added_at).text(d.added_by);
    return db_->execute(
        "INSERT INTO definitions(name, version, normalised, toml, file, added_at, "
        "added_by, seq) VALUES($1,$2,$3,$4,$5,$6,$7, nextval('definition_order')) "
        "ON CONFLICT(name, version) DO UPDATE SET seq = nextval('definition_order')",
        p);
  });
}

core::Result<std::vector<DefinitionRecord>> PgWorkspace::list_definitions() {
  auto rows = TRY(db_->query(
      "SELECT DISTINCT ON (name) name, version, normalised, toml, file, added_at, added_by "
      "FROM definitions ORDER BY name, seq DESC"));
  std::vector<DefinitionRecord> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(definition_from(rows, i));
  return out;
}

core::Result<std::vector<DefinitionRecord>> PgWorkspace::list_definition_history() {
  auto rows = TRY(db_->query(
      "SELECT name, version, normalised, toml, file, added_at, added_by FROM definitions "
      "ORDER BY seq"));
  std::vector<DefinitionRecord> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(definition_from(rows, i));
  return out;
}

core::Result<std::optional<DefinitionRecord>> PgWorkspace::find_definition(std::string_view name) {
  std::string_view base = name;
  std::string_view version;
  if (auto at = name.find('@'); at != std::string_view::npos) {
    base = name.substr(0, at);
    version = name.substr(at + 1);
  }
  Params p;
  p.text(base).text(version);
  auto rows = TRY(db_->query(
      "SELECT name, version, normalised, toml, file, added_at, added_by FROM definitions "
      "WHERE name = $1 AND ($2 = '' OR version = $2) ORDER BY seq DESC LIMIT 1",
      p));
  if (rows.empty()) return std::optional<DefinitionRecord>();
  return std::optional<DefinitionRecord>(definition_from(rows, 0));
}

core::Status PgWorkspace::add_user(const User& u) {
  return transaction([&]() -> core::Status {
    Params p;
    p.text(u.name).text(u.role).text(u.scope).integer(u.added_at);
    auto rows =
        TRY(db_->query("INSERT INTO users(name, role, scope, added_at) VALUES($1, $2, $3, $4) "
                       "ON CONFLICT(name) DO NOTHING",
                       p));
    if (rows.affected() == 0) {
      return core::make_error(core::ErrorCode::kAlreadyExists,
                              fmt::format("a user named \"{}\" already exists", u.name));
    }
    return {};
  });
}

core::Result<std::optional<User>> PgWorkspace::find_user(std::string_view name) {
  Params p;
  p.text(name);
  auto rows = TRY(db_->query("SELECT name, role, scope, added_at FROM users WHERE name = $1", p));
  if (rows.empty()) return std::optional<User>();
  return std::optional<User>(user_from(rows, 0));
}

core::Result<std::vector<User>> PgWorkspace::list_users() {
  auto rows = TRY(db_->query("SELECT name, role, scope, added_at FROM users ORDER BY name"));
  std::vector<User> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(user_from(rows, i));
  return out;
}

// --- Records and logs ---

core::Status PgWorkspace::put_record(std::string_view collection, std::string_view key,
                                     std::string_view json, int64_t now) {
  return transaction([&]() -> core::Status {
    Params p;
    p.text(collection).text(key).text(json).integer(now);
    return db_->execute(
        "INSERT INTO records(collection, key, json, updated_at) VALUES($1, $2, $3, $4) "
        "ON CONFLICT(collection, key) DO UPDATE SET json = excluded.json, "
        "updated_at = excluded.updated_at",
        p);
  });
}

core::Status PgWorkspace::insert_record(std::string_view collection, std::string_view key,
                                        std::string_view json, int64_t now) {
  return transaction([&]() -> core::Status {
    Params p;
    p.text(collection).text(key).text(json).integer(now);
    auto rows = TRY(
        db_->query("INSERT INTO records(collection, key, json, updated_at) VALUES($1, $2, $3, $4) "
                   "ON CONFLICT(collection, key) DO NOTHING",
                   p));
    if (rows.affected() == 0) {
      return core::make_error(core::ErrorCode::kAlreadyExists,
                              fmt::format("record {}/{} already exists", collection, key));
    }
    return {};
  });
}

core::Result<std::optional<Record>> PgWorkspace::get_record(std::string_view collection,
                                                            std::string_view key) {
  Params p;
  p.text(collection).text(key);
  auto rows = TRY(db_->query(
      "SELECT key, json, updated_at FROM records WHERE collection = $1 AND key = $2", p));
  if (rows.empty()) return std::optional<Record>();
  return std::optional<Record>(Record{rows.text(0, 0), rows.text(0, 1), rows.integer(0, 2)});
}

core::Result<std::vector<Record>> PgWorkspace::list_records(std::string_view collection,
                                                            std::string_view key_prefix) {
  Params p;
  p.text(collection).text(key_prefix);
  auto rows = TRY(db_->query(
      "SELECT key, json, updated_at FROM records WHERE collection = $1 AND starts_with(key, $2) "
      "ORDER BY key",
      p));
  std::vector<Record> out;
  out.reserve(static_cast<size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    out.push_back(Record{rows.text(i, 0), rows.text(i, 1), rows.integer(i, 2)});
  }
  return out;
}

core::Status PgWorkspace::delete_record(std::string_view collection, std::string_view key) {
  return transaction([&]() -> core::Status {
    Params p;
    p.text(collection).text(key);
    return db_->execute("DELETE FROM records WHERE collection = $1 AND key = $2", p);
  });
}

core::Result<int64_t> PgWorkspace::append_log(std::string_view log, std::string_view json) {
  int64_t seq = 0;
  TRY(transaction([&]() -> core::Status {
    Params p;
    p.text(log).text(json);
    auto rows = TRY(
        db_->query("WITH head AS (INSERT INTO log_heads AS h(log, seq) VALUES($1, 1) "
                   "ON CONFLICT(log) DO UPDATE SET seq = h.seq + 1 RETURNING seq) "
                   "INSERT INTO logs(log, seq, json) SELECT $1, seq, $2 FROM head RETURNING seq",
                   p));
    seq = rows.integer(0, 0);
    return {};
  }));
  return seq;
}

core::Result<std::vector<LogEntry>> PgWorkspace::read_log(std::string_view log) {
  Params p;
  p.text(log);
  auto rows = TRY(db_->query("SELECT seq, json FROM logs WHERE log = $1 ORDER BY seq", p));
  std::vector<LogEntry> out;
  for (int i = 0; i < rows.size(); ++i)
    out.push_back(LogEntry{rows.integer(i, 0), rows.text(i, 1)});
  return out;
}

core::Result<std::optional<LogEntry>> PgWorkspace::read_log_tail(std::string_view log) {
  Params p;
  p.text(log);
  auto rows =
      TRY(db_->query("SELECT seq, json FROM logs WHERE log = $1 ORDER BY seq DESC LIMIT 1", p));
  if (rows.empty()) return std::optional<LogEntry>();
  return std::optional<LogEntry>(LogEntry{rows.integer(0, 0), rows.text(0, 1)});
}

core::Result<std::vector<std::string>> PgWorkspace::list_collections() {
  return names(*db_, "SELECT DISTINCT collection FROM records ORDER BY 1");
}

core::Result<std::vector<std::string>> PgWorkspace::list_logs() {
  return names(*db_, "SELECT DISTINCT log FROM logs ORDER BY 1");
}

core::Result<std::vector<std::string>> PgWorkspace::list_blobs() {
  return names(*db_, "SELECT name FROM blobs ORDER BY 1");
}

// --- Transactions ---

core::Status PgWorkspace::transaction(const std::function<core::Status()>& body) {
  return transaction_after({}, body);
}

core::Status PgWorkspace::transaction_after(const std::function<core::Status()>& unlocked,
                                            const std::function<core::Status()>& body) {
  bool outer = transaction_depth_ == 0;
  std::string name = fmt::format("pw{}", transaction_depth_);
  TRY(db_->exec(outer ? std::string("BEGIN ISOLATION LEVEL READ COMMITTED")
                      : fmt::format("SAVEPOINT {}", name)));
  ++transaction_depth_;
  core::Status status;
  if (unlocked) status = unlocked();
  // READ COMMITTED takes a snapshot per statement: every read after the lock sees what the
  // writer before committed.
  if (status && outer && !lock_held_) {
    status = db_->exec(fmt::format("SELECT pg_advisory_xact_lock({})", kWriteLockKey));
  }
  if (status) status = body();
  --transaction_depth_;
  if (status) status = db_->exec(outer ? std::string("COMMIT") : fmt::format("RELEASE {}", name));
  if (!status) {
    (void)db_->exec(outer ? std::string("ROLLBACK")
                          : fmt::format("ROLLBACK TO {}; RELEASE {}", name, name));
  }
  return status;
}

core::Result<int64_t> PgWorkspace::change_count() {
  Rows rows = TRY(db_->query("SELECT value::bigint FROM meta WHERE key = 'change_seq'"));
  return rows.empty() ? int64_t{0} : rows.integer(0, 0);
}

core::Status PgWorkspace::seal_in_database(std::string_view campaign) {
  return transaction([&]() -> core::Status {
    Params p;
    p.text(campaign);
    return db_->execute("INSERT INTO sealed_campaigns(campaign) VALUES($1) ON CONFLICT DO NOTHING",
                        p);
  });
}

}  // namespace pitwall::store::postgres
