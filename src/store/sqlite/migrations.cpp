#include "store/sqlite/migrations.hpp"

namespace pitwall::store::sqlite {

namespace {
constexpr std::string_view kMigrations[] = {
    // 1: the first schema.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE batches(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  campaign TEXT NOT NULL DEFAULT '',
  file TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  loaded INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  forced INTEGER NOT NULL DEFAULT 0,
  original_path TEXT NOT NULL,
  report_path TEXT NOT NULL DEFAULT '',
  data_path TEXT NOT NULL);
CREATE INDEX batches_by_kind ON batches(kind, campaign, id);
CREATE INDEX batches_by_sha ON batches(sha256);
CREATE TABLE campaigns(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, file TEXT NOT NULL, toml TEXT NOT NULL,
  added_at INTEGER NOT NULL, added_by TEXT NOT NULL);
CREATE TABLE definitions(
  name TEXT NOT NULL, version TEXT NOT NULL, normalised TEXT NOT NULL, toml TEXT NOT NULL,
  file TEXT NOT NULL, added_at INTEGER NOT NULL, added_by TEXT NOT NULL,
  seq INTEGER NOT NULL, PRIMARY KEY(name, version));
CREATE TABLE users(
  name TEXT PRIMARY KEY, role TEXT NOT NULL, scope TEXT NOT NULL DEFAULT '',
  added_at INTEGER NOT NULL);
CREATE TABLE records(
  collection TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY(collection, key));
CREATE TABLE logs(log TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY(log, seq));
CREATE TABLE sealed_campaigns(campaign TEXT PRIMARY KEY);
-- A sealed campaign's records (keys "<campaign>/..."), logs ("<campaign>/..."), batches and
-- campaign row are refused by the database itself (closeout.md §9); carry-overs stay writable.
CREATE TRIGGER sealed_no_unseal BEFORE DELETE ON sealed_campaigns
BEGIN SELECT RAISE(ABORT, 'a seal cannot be removed'); END;
CREATE TRIGGER sealed_records_insert BEFORE INSERT ON records
WHEN NEW.collection NOT LIKE '%carryover%' AND EXISTS (SELECT 1 FROM sealed_campaigns s
  WHERE substr(NEW.key, 1, length(s.campaign) + 1) = s.campaign || '/')
BEGIN SELECT RAISE(ABORT, 'campaign sealed'); END;
CREATE TRIGGER sealed_records_update BEFORE UPDATE ON records
WHEN OLD.collection NOT LIKE '%carryover%' AND EXISTS (SELECT 1 FROM sealed_campaigns s
  WHERE substr(OLD.key, 1, length(s.campaign) + 1) = s.campaign || '/')
BEGIN SELECT RAISE(ABORT, 'campaign sealed'); END;
CREATE TRIGGER sealed_records_delete BEFORE DELETE ON records
WHEN OLD.collection NOT LIKE '%carryover%' AND EXISTS (SELECT 1 FROM sealed_campaigns s
  WHERE substr(OLD.key, 1, length(s.campaign) + 1) = s.campaign || '/')
BEGIN SELECT RAISE(ABORT, 'campaign sealed'); END;
CREATE TRIGGER sealed_logs_insert BEFORE INSERT ON logs
WHEN NEW.log NOT LIKE '%carryover%' AND EXISTS (SELECT 1 FROM sealed_campaigns s
  WHERE substr(NEW.log, 1, length(s.campaign) + 1) = s.campaign || '/')
BEGIN SELECT RAISE(ABORT, 'campaign sealed'); END;
CREATE TRIGGER sealed_logs_change BEFORE UPDATE ON logs
BEGIN SELECT RAISE(ABORT, 'logs are append-only'); END;
CREATE TRIGGER sealed_logs_delete BEFORE DELETE ON logs
BEGIN SELECT RAISE(ABORT, 'logs are append-only'); END;
CREATE TRIGGER sealed_batches_insert BEFORE INSERT ON batches
WHEN EXISTS (SELECT 1 FROM sealed_campaigns s WHERE s.campaign = NEW.campaign)
BEGIN SELECT RAISE(ABORT, 'campaign sealed'); END;
CREATE TRIGGER sealed_campaign_update BEFORE UPDATE ON campaigns
WHEN EXISTS (SELECT 1 FROM sealed_campaigns s WHERE s.campaign = OLD.id)
BEGIN SELECT RAISE(ABORT, 'campaign sealed'); END;
CREATE TRIGGER sealed_campaign_delete BEFORE DELETE ON campaigns
WHEN EXISTS (SELECT 1 FROM sealed_campaigns s WHERE s.campaign = OLD.id)
BEGIN SELECT RAISE(ABORT, 'campaign sealed'); END;
)sql",
    // 2: a count of the changes readers can see (Workspace::change_count): every write but the
    // sign-in housekeeping (auth.* records), the audit trail and the server's job records; and
    // the changes to who may act (sessions ended, tokens and passwords set or revoked).
    R"sql(
INSERT OR IGNORE INTO meta(key, value) VALUES('change_seq', '0');
CREATE TRIGGER change_records_insert AFTER INSERT ON records
WHEN NEW.collection NOT LIKE 'auth.%' AND NEW.collection <> 'server.jobs'
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_records_update AFTER UPDATE ON records
WHEN NEW.collection NOT LIKE 'auth.%' AND NEW.collection <> 'server.jobs'
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_records_delete AFTER DELETE ON records
WHEN OLD.collection NOT LIKE 'auth.%' AND OLD.collection <> 'server.jobs'
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_access_insert AFTER INSERT ON records
WHEN NEW.collection IN ('auth.tokens', 'auth.passwords')
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_access_update AFTER UPDATE ON records
WHEN NEW.collection IN ('auth.tokens', 'auth.passwords')
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_access_delete AFTER DELETE ON records
WHEN OLD.collection IN ('auth.sessions', 'auth.tokens', 'auth.passwords')
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_logs_insert AFTER INSERT ON logs WHEN NEW.log <> 'audit'
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_batches_insert AFTER INSERT ON batches
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_batches_update AFTER UPDATE ON batches
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_batches_delete AFTER DELETE ON batches
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_campaigns_insert AFTER INSERT ON campaigns
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_campaigns_update AFTER UPDATE ON campaigns
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_campaigns_delete AFTER DELETE ON campaigns
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_definitions_insert AFTER INSERT ON definitions
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_definitions_update AFTER UPDATE ON definitions
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_definitions_delete AFTER DELETE ON definitions
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_users_insert AFTER INSERT ON users
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_users_update AFTER UPDATE ON users
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_users_delete AFTER DELETE ON users
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
CREATE TRIGGER change_sealed_insert AFTER INSERT ON sealed_campaigns
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'; END;
)sql",
};
}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

}  // namespace pitwall::store::sqlite
