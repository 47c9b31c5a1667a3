#include "store/postgres/pg_migrations.hpp"

namespace pitwall::store::postgres {

namespace {

// 1: the workspace, as the SQLite backend keeps it (store/sqlite/migrations.cpp), with bulk
// files in the database. Keys and names sort by bytes (COLLATE "C"), as SQLite sorts them,
// whatever the database's default collation.
constexpr std::string_view kSchema = R"sql(
CREATE SCHEMA pitwall;
CREATE TABLE pitwall.meta(key text COLLATE "C" PRIMARY KEY, value text NOT NULL);

-- Bulk bytes (a batch's column files, originals and error reports; blobs), in chunks of 1 MiB
-- under an upload number. The database compresses each chunk (TOAST).
CREATE SEQUENCE pitwall.uploads;
CREATE TABLE pitwall.stored_files(
  upload bigint NOT NULL, file text COLLATE "C" NOT NULL, size bigint NOT NULL,
  PRIMARY KEY(upload, file));
CREATE TABLE pitwall.file_chunks(
  upload bigint NOT NULL, file text COLLATE "C" NOT NULL, part integer NOT NULL,
  bytes bytea NOT NULL, PRIMARY KEY(upload, file, part));
-- lz4 where the server has it (Debian's does): faster than the default pglz.
DO $$ BEGIN
  ALTER TABLE pitwall.file_chunks ALTER COLUMN bytes SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN NULL;
END $$;

CREATE TABLE pitwall.batches(
  id bigint PRIMARY KEY,
  kind text COLLATE "C" NOT NULL,
  campaign text COLLATE "C" NOT NULL DEFAULT '',
  file text NOT NULL,
  sha256 text NOT NULL,
  rows_read bigint NOT NULL,
  loaded bigint NOT NULL,
  rejected bigint NOT NULL,
  imported_at bigint NOT NULL,
  imported_by text NOT NULL,
  forced boolean NOT NULL DEFAULT false,
  original_path text NOT NULL,
  report_path text NOT NULL DEFAULT '',
  upload bigint NOT NULL,  -- its files in stored_files: data/<column file>, original, report
  data_key uuid NOT NULL UNIQUE);  -- names the batch's folder in a server's local cache
CREATE INDEX batches_by_kind ON pitwall.batches(kind, campaign, id);
CREATE INDEX batches_by_sha ON pitwall.batches(sha256);

CREATE TABLE pitwall.campaigns(
  id text COLLATE "C" PRIMARY KEY, name text NOT NULL, file text NOT NULL, toml text NOT NULL,
  added_at bigint NOT NULL, added_by text NOT NULL);
CREATE SEQUENCE pitwall.definition_order;
CREATE TABLE pitwall.definitions(
  name text COLLATE "C" NOT NULL, version text COLLATE "C" NOT NULL, normalised text NOT NULL,
  toml text NOT NULL, file text NOT NULL, added_at bigint NOT NULL, added_by text NOT NULL,
  seq bigint NOT NULL, PRIMARY KEY(name, version));
CREATE TABLE pitwall.users(
  name text COLLATE "C" PRIMARY KEY, role text NOT NULL, scope text NOT NULL DEFAULT '',
  added_at bigint NOT NULL);

-- Workflow records and hash-chained logs: the JSON is text, the exact bytes that were hashed
-- (jsonb would reorder keys and break `verify`).
CREATE TABLE pitwall.records(
  collection text COLLATE "C" NOT NULL, key text COLLATE "C" NOT NULL, json text NOT NULL,
  updated_at bigint NOT NULL, PRIMARY KEY(collection, key));
CREATE TABLE pitwall.logs(
  log text COLLATE "C" NOT NULL, seq bigint NOT NULL, json text NOT NULL, PRIMARY KEY(log, seq));
-- The last sequence number of each log: an append takes the next one under the row's lock,
-- never by MAX()+1.
CREATE TABLE pitwall.log_heads(log text COLLATE "C" PRIMARY KEY, seq bigint NOT NULL);

CREATE TABLE pitwall.blobs(
  name text COLLATE "C" PRIMARY KEY, upload bigint NOT NULL, size bigint NOT NULL);

-- A sealed campaign's records (keys "<campaign>/..."), logs ("<campaign>/..."), batches and
-- campaign row are refused by the database itself (closeout.md §9), whoever writes: carry-overs
-- stay writable. The same rules as the SQLite backend's triggers.
CREATE TABLE pitwall.sealed_campaigns(campaign text COLLATE "C" PRIMARY KEY);

CREATE FUNCTION pitwall.sealed_owner(name text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT s.campaign FROM pitwall.sealed_campaigns s
  WHERE starts_with(name, s.campaign || '/') LIMIT 1 $$;

CREATE FUNCTION pitwall.refuse_unseal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a seal cannot be removed (campaign %)', OLD.campaign;
END $$;
CREATE TRIGGER sealed_no_unseal BEFORE DELETE OR UPDATE ON pitwall.sealed_campaigns
  FOR EACH ROW EXECUTE FUNCTION pitwall.refuse_unseal();
CREATE FUNCTION pitwall.refuse_sealed_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner text;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.collection NOT LIKE '%carryover%' THEN
    owner := pitwall.sealed_owner(OLD.key);
  END IF;
  IF owner IS NULL AND TG_OP <> 'DELETE' AND NEW.collection NOT LIKE '%carryover%' THEN
    owner := pitwall.sealed_owner(NEW.key);
  END IF;
  IF owner IS NOT NULL THEN
    RAISE EXCEPTION 'campaign % sealed', owner;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sealed_records BEFORE INSERT OR UPDATE OR DELETE ON pitwall.records
  FOR EACH ROW EXECUTE FUNCTION pitwall.refuse_sealed_record();

CREATE FUNCTION pitwall.refuse_sealed_log() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'logs are append-only (log %)', OLD.log;
  END IF;
  IF NEW.log NOT LIKE '%carryover%' THEN
    owner := pitwall.sealed_owner(NEW.log);
    IF owner IS NOT NULL THEN
      RAISE EXCEPTION 'campaign % sealed', owner;
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sealed_logs BEFORE INSERT OR UPDATE OR DELETE ON pitwall.logs
  FOR EACH ROW EXECUTE FUNCTION pitwall.refuse_sealed_log();

CREATE FUNCTION pitwall.refuse_sealed_batch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pitwall.sealed_campaigns s WHERE s.campaign = NEW.campaign) THEN
    RAISE EXCEPTION 'campaign % sealed', NEW.campaign;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sealed_batches BEFORE INSERT ON pitwall.batches
  FOR EACH ROW EXECUTE FUNCTION pitwall.refuse_sealed_batch();

CREATE FUNCTION pitwall.refuse_sealed_campaign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pitwall.sealed_campaigns s WHERE s.campaign = OLD.id) THEN
    RAISE EXCEPTION 'campaign % sealed', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sealed_campaign BEFORE UPDATE OR DELETE ON pitwall.campaigns
  FOR EACH ROW EXECUTE FUNCTION pitwall.refuse_sealed_campaign();
)sql";

constexpr std::string_view kMigrations[] = {kSchema};

}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

}  // namespace pitwall::store::postgres
