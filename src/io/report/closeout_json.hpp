#pragma once
// A stored close-out run (docs/closeout.md "Stored run", format_version 2): what `pitwall
// closeout run` stores in the workspace and what summary, bridge, findings, settlement and
// export read back.
//
// A run is a small JSON document (blob "closeout/<campaign>/run-<n>.json") plus per-order parts
// in binary columns, each in its own blob ("run-<n>.<part>.bin", column_part.hpp): the order
// ids, the order ledger, one per evaluation that kept its per-order results, the findings. The
// document is {format, format_version, meta{...}, result_digest, result{...}}. `result` depends
// only on the run's inputs (same inputs, same bytes, parts included); `meta` says which run it
// was (number, time, who, input batches); `result_digest` is the SHA-256 of `result` as written
// compactly, and `result` records the size and SHA-256 of every part, so the digest covers them.
// Summary and settlement read the document alone; bridge, findings and export read only the
// parts they need.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "core/closeout/result.hpp"
#include "core/definitions/evaluation.hpp"
#include "core/model/campaign.hpp"
#include "io/json/json.hpp"

namespace pitwall::io {

inline constexpr std::string_view kCloseoutRunFormat = "pitwall.closeout.run";
inline constexpr int kCloseoutRunFormatVersion = 2;

// One imported batch the run read.
struct RunBatch {
  int64_t id = 0;
  std::string kind;
  std::string file;
  std::string sha256;
  int64_t rows = 0;
};

struct RunMeta {
  std::string campaign;
  int64_t run = 0;                       // 1, 2, ... per campaign
  int64_t created_at = 0;                // UTC seconds
  const core::TimeZone* zone = nullptr;  // written in the campaign's zone; UTC when null
  std::string by;
  std::vector<RunBatch> batches;
  int64_t decisions = 0;        // arbitration decisions applied
  int64_t blacklist_extra = 0;  // blacklist entries added by arbitration
};

// One per-order part of a stored run (format_version 2): a column part (column_part.hpp) in its
// own blob next to the document, listed in the result with its size and SHA-256 so that the
// result digest covers it.
struct RunPart {
  std::string name;  // "order_ids", "ledger", "evaluation-<i>", "findings"
  int64_t rows = 0;
  int64_t bytes = 0;
  std::string sha256;
};

// The deterministic result document: everything but the per-order parts, which it names in
// "parts" (and each evaluation in its "orders"). Times are ISO 8601 in the campaign's zone.
Json closeout_result_json(const core::closeout::RunResult& run, const core::Campaign& campaign,
                          const core::TimeZone& zone, const std::vector<RunPart>& parts);
// The whole stored document around a result from closeout_result_json.
Json closeout_run_json(const RunMeta& meta, Json result);

// Writes a run: each per-order part through `sink` in pieces of a few MB, then returns the
// document, which is small at any size. Two threads write parts at once: `sink` is called from
// both, never for the same part at once, each part's pieces in order. Errors: the sink's first
// error.
using PartSink = std::function<core::Status(std::string_view part, std::string_view bytes)>;
struct RunText {
  std::string text;  // the document (compact JSON)
  std::string result_digest;
  std::vector<RunPart> parts;
};
core::Result<RunText> write_closeout_run(const RunMeta& meta, const core::closeout::RunResult& run,
                                         const core::Campaign& campaign, const core::TimeZone& zone,
                                         const PartSink& sink);
// The blob of a part next to the document's blob: "closeout/c/run-1.json" and "ledger" give
// "closeout/c/run-1.ledger.bin".
std::string part_blob(std::string_view run_blob, std::string_view part);

// A finding as stored (texts, not indices).
struct StoredFinding {
  uint32_t order = 0;  // index into StoredRun::order_ids
  std::string order_id, customer_id, stage, rule, action, field, before, after, detail;
};

// A stored run read back: the document by read_stored_run, the per-order parts a command needs
// by load_run_parts.
struct StoredRun {
  // The document (without per-order parts), shared and never changed once read: copies of a run
  // (a reader's cut to its scope, a cached run handed to many readers) share it until one of
  // them replaces it whole.
  std::shared_ptr<const Json> doc;
  RunMeta meta;
  std::string result_digest;
  core::StoreDirectory stores;
  std::vector<RunPart> parts;
  std::vector<std::string> evaluation_parts;  // per evaluation: its part, "" when not kept
  int64_t order_count = 0;
  // Filled by load_run_parts: order ids; per-order results of the evaluations loaded; findings.
  std::vector<std::string> order_ids;
  std::vector<core::Evaluation> evaluations;
  std::vector<StoredFinding> findings;

  const Json& result() const { return *doc->find("result"); }
  core::OrderIdView ids() const { return core::OrderIdView{nullptr, {}, order_ids}; }
  // Whether evaluation i kept its per-order results (loaded or not).
  bool kept(size_t i) const { return !evaluation_parts[i].empty(); }
  // Index of the evaluation of definition `name` as declared; -1 when absent.
  int declared(std::string_view name) const;
  // The settlement definition evaluated cleaned / raw.
  int settlement_cleaned() const;
  int settlement_raw() const;
};

// The format version written in a stored run's first bytes ({"format":...,"format_version":N),
// or 0 when there is none. Lets a reader refuse an older run without parsing it.
int stored_run_format_version(std::string_view head);

// Parses a stored run's document. Errors: kCorrupt when the text is not a close-out run of
// format_version 2 or a field is missing or mistyped (naming the field).
core::Result<StoredRun> read_stored_run(std::string_view text);

// Which per-order parts a command needs.
struct RunParts {
  bool order_ids = false;
  bool findings = false;
  std::string findings_rule;        // with findings: only those of this rule id ("" for all)
  std::vector<size_t> evaluations;  // indices of kept evaluations
  static RunParts all(const StoredRun& run);
};
// The bytes of a part by name; nullopt when it does not exist.
using PartSource = std::function<core::Result<std::optional<std::string>>(std::string_view part)>;
// Reads the parts named in `which` into `run`, each checked against its recorded size and
// SHA-256. Errors: kCorrupt naming the part (missing, truncated, altered, a column malformed).
core::Status load_run_parts(StoredRun& run, const RunParts& which, const PartSource& source);

namespace detail {
// "evaluation-<i>": the part of evaluation i.
std::string evaluation_part(size_t i);
// {format, format_version, meta, result_digest, result}.
Json run_document(const RunMeta& meta, std::string digest, Json result);
}  // namespace detail

// "2023-03-31T23:59:59+08:00", or null for core::kNoTime.
Json instant_json(int64_t utc, const core::TimeZone& zone);

}  // namespace pitwall::io
