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

// 2: what finance reads with its own tools (docs/postgres.md "For finance"): views in schema
// pitwall_report over the stored records and runs, and a read-only role for them. The JSON stays
// text in the tables; the views parse it. A campaign's reported run is the run its seal kept,
// else its latest run, as every reading of Pitwall shows it (server.md §5).
constexpr std::string_view kReport = R"sql(
CREATE SCHEMA pitwall_report;

-- The bytes of a blob (a stored run's document or part), reassembled from its chunks. Runs with
-- its owner's rights, so that the read-only role needs no access to schema pitwall.
CREATE FUNCTION pitwall_report.blob_bytes(blob text) RETURNS bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT COALESCE(string_agg(c.bytes, ''::bytea ORDER BY c.part), ''::bytea)
  FROM pitwall.blobs b JOIN pitwall.file_chunks c ON c.upload = b.upload AND c.file = ''
  WHERE b.name = blob $$;

-- An unsigned little-endian integer of `width` bytes at 0-based offset `at`.
CREATE FUNCTION pitwall_report.uint_at(part bytea, at bigint, width int) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v bigint := 0;
BEGIN
  FOR k IN REVERSE width - 1..0 LOOP
    v := v * 256 + get_byte(part, (at + k)::int);
  END LOOP;
  RETURN v;
END $$;

-- How many rows of a stored run's binary part hold each token of a codes column (io/report/
-- column_part.hpp: "PWCOLS\0\0" u32 version, then columns: u16 name length, name, u8 kind
-- (1 integers, 2 texts), u8 width, u8 signed, u64 rows, [texts: u64 text bytes], values,
-- [texts]; a codes column `c` holds indexes into the text column "c.tokens").
CREATE FUNCTION pitwall_report.part_code_counts(part bytea, column_name text)
RETURNS TABLE(token text, rows bigint) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  pos bigint := 12;
  name_length int;
  name text;
  kind int;
  width int;
  n bigint;
  text_bytes bigint;
  codes_at bigint := -1;
  codes_width int;
  codes_rows bigint;
  tokens text[] := '{}';
  counts bigint[];
  text_at bigint;
  len bigint;
  code int;
BEGIN
  IF part IS NULL OR length(part) < 14 OR substring(part FROM 1 FOR 6) <> '\x5057434f4c53'::bytea
  THEN
    RETURN;
  END IF;
  LOOP
    name_length := pitwall_report.uint_at(part, pos, 2);
    EXIT WHEN name_length = 0;
    name := convert_from(substring(part FROM (pos + 3)::int FOR name_length), 'UTF8');
    pos := pos + 2 + name_length;
    kind := get_byte(part, pos::int);
    width := get_byte(part, (pos + 1)::int);
    n := pitwall_report.uint_at(part, pos + 3, 8);
    pos := pos + 11;
    text_bytes := 0;
    IF kind = 2 THEN
      text_bytes := pitwall_report.uint_at(part, pos, 8);
      pos := pos + 8;
    END IF;
    IF kind = 1 AND name = column_name THEN
      codes_at := pos;
      codes_width := width;
      codes_rows := n;
    ELSIF kind = 2 AND name = column_name || '.tokens' THEN
      text_at := pos + n * width;
      FOR i IN 0..n - 1 LOOP
        len := pitwall_report.uint_at(part, pos + i * width, width);
        tokens := tokens || convert_from(substring(part FROM (text_at + 1)::int FOR len::int),
                                         'UTF8');
        text_at := text_at + len;
      END LOOP;
    END IF;
    pos := pos + n * width + text_bytes;
  END LOOP;
  IF codes_at < 0 THEN
    RETURN;
  END IF;
  counts := array_fill(0::bigint, ARRAY[greatest(cardinality(tokens), 1)]);
  FOR i IN 0..codes_rows - 1 LOOP
    code := pitwall_report.uint_at(part, codes_at + i * codes_width, codes_width)::int;
    counts[code + 1] := counts[code + 1] + 1;
  END LOOP;
  FOR i IN 1..cardinality(tokens) LOOP
    token := tokens[i];
    rows := counts[i];
    RETURN NEXT;
  END LOOP;
END $$;

-- Every stored close-out run; `reported` marks the run the campaign's readings show.
CREATE VIEW pitwall_report.runs AS
WITH run AS (
  SELECT json::jsonb AS j FROM pitwall.records WHERE collection = 'closeout.runs'),
seal AS (
  SELECT json::jsonb ->> 'campaign' AS campaign, (json::jsonb #>> '{seal,run}')::bigint AS run
  FROM pitwall.records WHERE collection = 'workflow.lifecycle'),
latest AS (
  SELECT j ->> 'campaign' AS campaign, max((j ->> 'run')::bigint) AS run FROM run GROUP BY 1)
SELECT r.j ->> 'campaign' AS campaign,
       (r.j ->> 'run')::bigint AS run,
       to_timestamp((r.j ->> 'created_at')::bigint) AS created_at,
       r.j ->> 'by' AS created_by,
       (r.j ->> 'orders')::bigint AS orders,
       (r.j ->> 'findings')::bigint AS findings,
       (r.j ->> 'gray_zone')::bigint AS gray_zone,
       (r.j ->> 'problems')::bigint AS problems,
       r.j ->> 'result_digest' AS result_digest,
       COALESCE(s.run = (r.j ->> 'run')::bigint, false) AS sealed,
       COALESCE(s.run, l.run) = (r.j ->> 'run')::bigint AS reported,
       r.j ->> 'blob' AS blob
FROM run r
JOIN latest l ON l.campaign = r.j ->> 'campaign'
LEFT JOIN seal s ON s.campaign = r.j ->> 'campaign';

-- Each reported run's document, parsed once per query.
CREATE VIEW pitwall_report.reported_documents AS
SELECT r.campaign, r.run, r.sealed,
       convert_from(pitwall_report.blob_bytes(r.blob), 'UTF8')::jsonb -> 'result' AS result
FROM pitwall_report.runs r WHERE r.reported;

-- Per-store settlement of the reported run, under the campaign's settlement definition
-- (closeout.md §7): money in fen (integers) and in yuan.
CREATE VIEW pitwall_report.store_settlement AS
SELECT d.campaign, d.run, d.sealed,
       d.result #>> '{settlement,definition}' AS definition,
       s ->> 'store' AS store, s ->> 'name' AS store_name, s ->> 'region' AS region,
       (s ->> 'orders')::bigint AS orders,
       (s ->> 'received_fen')::bigint AS received_fen,
       (s ->> 'rebate_fen')::bigint AS rebate_fen,
       (s ->> 'raw_orders')::bigint AS raw_orders,
       (s ->> 'raw_received_fen')::bigint AS raw_received_fen,
       (s ->> 'raw_rebate_fen')::bigint AS raw_rebate_fen,
       (s ->> 'overpayment_avoided_fen')::bigint AS overpayment_avoided_fen,
       (s ->> 'clawback_orders')::bigint AS clawback_orders,
       (s ->> 'clawback_fen')::bigint AS clawback_fen,
       (s ->> 'payable_fen')::bigint AS payable_fen,
       ((s ->> 'received_fen')::numeric / 100)::numeric(18, 2) AS received_yuan,
       ((s ->> 'rebate_fen')::numeric / 100)::numeric(18, 2) AS rebate_yuan,
       ((s ->> 'payable_fen')::numeric / 100)::numeric(18, 2) AS payable_yuan
FROM pitwall_report.reported_documents d,
     jsonb_array_elements(d.result #> '{settlement,stores}') s;

-- Per metric definition (口径): raw and cleaned orders, amounts, rebates and ROI.
CREATE VIEW pitwall_report.definition_summary AS
SELECT d.campaign, d.run, d.sealed,
       g ->> 'definition' AS definition, g ->> 'version' AS version,
       (g ->> 'raw_orders')::bigint AS raw_orders,
       (g ->> 'cleaned_orders')::bigint AS cleaned_orders,
       (g ->> 'raw_amount_fen')::bigint AS raw_amount_fen,
       (g ->> 'cleaned_amount_fen')::bigint AS cleaned_amount_fen,
       (g ->> 'order_difference_rate')::numeric AS order_difference_rate,
       (g ->> 'amount_difference_rate')::numeric AS amount_difference_rate,
       (g ->> 'rebate_raw_fen')::bigint AS rebate_raw_fen,
       (g ->> 'rebate_cleaned_fen')::bigint AS rebate_cleaned_fen,
       (g ->> 'rebate_saved_fen')::bigint AS rebate_saved_fen,
       (g ->> 'roi_raw')::numeric AS roi_raw,
       (g ->> 'roi_cleaned')::numeric AS roi_cleaned
FROM pitwall_report.reported_documents d, jsonb_array_elements(d.result -> 'gross_net') g;

-- Findings of the reported run by rule (closeout.md: validate, clean, fraud, ...), from its
-- findings part.
CREATE VIEW pitwall_report.findings_by_rule AS
SELECT r.campaign, r.run, r.sealed, f.token AS rule, f.rows AS findings
FROM pitwall_report.runs r,
     pitwall_report.part_code_counts(
       pitwall_report.blob_bytes(regexp_replace(r.blob, '\.json$', '') || '.findings.bin'),
       'rule') f
WHERE r.reported AND f.rows > 0;

-- Every sign-off and confirmation (store, region, finance) as recorded.
CREATE VIEW pitwall_report.signoffs AS
SELECT split_part(key, '/', 1) AS campaign,
       j ->> 'kind' AS kind, j ->> 'scope' AS scope, j ->> 'who' AS signed_by,
       j ->> 'role' AS role, to_timestamp((j ->> 'at')::bigint) AS signed_at,
       j ->> 'definition' AS definition, j ->> 'digest' AS digest,
       (j ->> 'deemed')::boolean AS deemed
FROM (SELECT key, json::jsonb AS j FROM pitwall.records WHERE collection = 'workflow.signoff') s;

-- Per campaign: frozen, sealed, and how many sign-offs of each kind are recorded.
CREATE VIEW pitwall_report.signoff_status AS
SELECT c.id AS campaign, c.name,
       to_timestamp((l.j #>> '{freeze,at}')::bigint) AS frozen_at,
       to_timestamp((l.j #>> '{seal,at}')::bigint) AS sealed_at,
       (l.j #>> '{seal,run}')::bigint AS sealed_run,
       (SELECT count(*) FROM pitwall_report.signoffs s
        WHERE s.campaign = c.id AND s.kind = 'store') AS stores_confirmed,
       (SELECT count(*) FROM pitwall_report.signoffs s
        WHERE s.campaign = c.id AND s.kind = 'region') AS regions_signed,
       EXISTS (SELECT 1 FROM pitwall_report.signoffs s
               WHERE s.campaign = c.id AND s.kind = 'finance') AS finance_signed
FROM pitwall.campaigns c
LEFT JOIN (SELECT json::jsonb AS j FROM pitwall.records
           WHERE collection = 'workflow.lifecycle') l ON l.j ->> 'campaign' = c.id;

-- The read-only role for these views (psql, Excel, a BI tool): grant it to a login role.
-- Creating a role needs CREATEROLE; without it the views are there and IT grants them by hand.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pitwall_report_reader') THEN
    CREATE ROLE pitwall_report_reader NOLOGIN;
  END IF;
  GRANT USAGE ON SCHEMA pitwall_report TO pitwall_report_reader;
  GRANT SELECT ON ALL TABLES IN SCHEMA pitwall_report TO pitwall_report_reader;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pitwall_report_reader not created: %', SQLERRM;
END $$;
)sql";

// 3: blobs stream their chunks while they are written, before the transaction that binds them:
// an upload is registered here until it is bound (a killed writer's is removed a day later).
constexpr std::string_view kPendingUploads = R"sql(
CREATE TABLE pitwall.pending_uploads(upload bigint PRIMARY KEY, started_at bigint NOT NULL);
)sql";

// 4: a count of the changes readers can see (Workspace::change_count): every write but the
// sign-in housekeeping (auth.* records), the audit trail and the server's job records; and the
// changes to who may act (sessions ended, tokens and passwords set or revoked). The row
// is updated inside the writer's transaction, which holds the workspace's write lock already.
constexpr std::string_view kChangeCount = R"sql(
INSERT INTO pitwall.meta(key, value) VALUES ('change_seq', '0') ON CONFLICT DO NOTHING;
CREATE FUNCTION pitwall.count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE pitwall.meta SET value = (value::bigint + 1)::text WHERE key = 'change_seq';
  RETURN NULL;
END $$;
CREATE TRIGGER change_records AFTER INSERT OR UPDATE ON pitwall.records FOR EACH ROW
  WHEN (NEW.collection NOT LIKE 'auth.%' AND NEW.collection <> 'server.jobs')
  EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_records_delete AFTER DELETE ON pitwall.records FOR EACH ROW
  WHEN (OLD.collection NOT LIKE 'auth.%' AND OLD.collection <> 'server.jobs')
  EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_access AFTER INSERT OR UPDATE ON pitwall.records FOR EACH ROW
  WHEN (NEW.collection IN ('auth.tokens', 'auth.passwords'))
  EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_access_delete AFTER DELETE ON pitwall.records FOR EACH ROW
  WHEN (OLD.collection IN ('auth.sessions', 'auth.tokens', 'auth.passwords'))
  EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_logs AFTER INSERT ON pitwall.logs FOR EACH ROW WHEN (NEW.log <> 'audit')
  EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_batches AFTER INSERT OR UPDATE OR DELETE ON pitwall.batches
  FOR EACH STATEMENT EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_campaigns AFTER INSERT OR UPDATE OR DELETE ON pitwall.campaigns
  FOR EACH STATEMENT EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_definitions AFTER INSERT OR UPDATE OR DELETE ON pitwall.definitions
  FOR EACH STATEMENT EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_users AFTER INSERT OR UPDATE OR DELETE ON pitwall.users
  FOR EACH STATEMENT EXECUTE FUNCTION pitwall.count_change();
CREATE TRIGGER change_sealed AFTER INSERT ON pitwall.sealed_campaigns
  FOR EACH STATEMENT EXECUTE FUNCTION pitwall.count_change();
)sql";

constexpr std::string_view kMigrations[] = {kSchema, kReport, kPendingUploads, kChangeCount};

}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

}  // namespace pitwall::store::postgres
