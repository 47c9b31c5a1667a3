#pragma once
// Stored close-out runs as every reading and the workflow open them (docs/closeout.md "Stored
// run"): which run a reading shows, whether it is current, and the workflow's view of it.
//
// A run is the blob document "closeout/<campaign>/<name>.json", its per-order parts
// "<name>.<part>.bin", the workflow's parts (run_view.hpp) and a record in "closeout.runs" (key
// "<campaign>/<run, 6 digits>") that names them and the fingerprint of the inputs it was computed
// from. Once the campaign is sealed, a reading without a run number reads the sealed run;
// before, the latest.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/closeout/run_view.hpp"
#include "app/session.hpp"
#include "core/model/table.hpp"
#include "io/json/json.hpp"
#include "io/report/closeout_json.hpp"

namespace pitwall::app::closeout {

inline constexpr std::string_view kRunsCollection = "closeout.runs";

struct RunRecord {
  std::string campaign;
  int64_t run = 0;
  int64_t created_at = 0;  // UTC seconds
  std::string by;
  std::string blob;  // the document
  std::string result_digest;
  std::string inputs_sha256;  // the fingerprint of the inputs in force it was computed from
  int64_t orders = 0, findings = 0, gray_zone = 0, problems = 0;
  std::vector<io::RunPart> workflow_parts;  // digests, queue, order-index
};
io::Json run_record_json(const RunRecord& r);  // the stored record (UTC seconds)
core::Result<RunRecord> parse_run_record(std::string_view json);

// What a reading says about the run it shows (server.md §5).
struct RunStatus {
  int64_t run = 0;
  int64_t created_at = 0;
  std::string by;
  std::string result_digest;
  bool current = false;  // computed from exactly the inputs in force now
  bool sealed = false;   // the run the seal kept
  int64_t latest = 0;    // the campaign's latest run
};

struct OpenedRun {
  RunRecord record;
  io::StoredRun stored;  // the document; per-order parts once load_parts read them
  RunStatus status;
  const core::TimeZone* zone = nullptr;
};

// How much of the document to read: the light copy (run_view.hpp; everything but the rings and
// the gray zone) or the whole document (the workbook).
enum class Document : uint8_t { kLight, kFull };

// Opens run `run` of `campaign` (0: the sealed run once sealed, else the latest) with its
// status. Errors: kNotFound (campaign, no run yet, no such run), kCorrupt (a damaged blob),
// kConflict (a run of an older format).
core::Result<OpenedRun> open_run(const Session& s, std::string_view campaign, int64_t run,
                                 Document document = Document::kLight);
// The latest run's record, if any (for status and the workflow's current-run check).
core::Result<std::optional<RunRecord>> latest_run_record(store::Workspace& ws,
                                                         std::string_view campaign);
// Reads the per-order parts a reading needs into the opened run (checked against the document).
core::Status load_parts(const Session& s, OpenedRun& open, const io::RunParts& which);

// The key under which Session::memo keeps `what` derived from the run of `record` (memo.hpp):
// it names the run's content exactly.
std::string memo_key(const RunRecord& record, std::string_view what);

// The run the workflow's numbers come from: the latest run, which must be current (server.md
// §5). Errors: kConflict saying no run is current and how to make one.
core::Result<OpenedRun> current_run(const Session& s, std::string_view campaign);

// The workflow's parts of a run, each checked against its recorded size and SHA-256.
core::Result<SignoffDigests> read_digests(const Session& s, const OpenedRun& open);
core::Result<std::vector<core::workflow::QueueItem>> read_queue(const Session& s,
                                                                const OpenedRun& open);

// One order of the run found by id: its index entry and its row of the orders table (read from
// the one batch that holds it, without mapping the batch whole).
struct FoundOrder {
  IndexedOrder index;
  core::Table batch;       // the winning row alone
  uint32_t batch_row = 0;  // 0: its index in `batch`
};
// Errors: kNotFound naming the order and the campaign (field `field`), kCorrupt.
core::Result<FoundOrder> find_order(const Session& s, const OpenedRun& open,
                                    std::string_view order_id, std::string_view field);

}  // namespace pitwall::app::closeout
