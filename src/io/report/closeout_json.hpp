#pragma once
// A close-out run as JSON (docs/closeout.md "Stored run"): what `pitwall closeout run` stores in
// the workspace (blob "closeout/<campaign>/run-<n>.json") and what summary, bridge, findings,
// settlement and export read back. The workflow desk (arbitration, confirmations, sign-offs)
// reads the same document: per-order verdicts, attributed stores, findings and gray-zone
// candidates are all in it, by stable field names.
//
// The document is {format, format_version, meta{...}, result_digest, result{...}}. `result`
// depends only on the run's inputs (same inputs, same bytes); `meta` says which run it was
// (number, time, who, input batches); `result_digest` is the SHA-256 of `result` as written
// compactly.

#include <cstdint>
#include <functional>
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
inline constexpr int kCloseoutRunFormatVersion = 1;

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

// The deterministic part. Times are written as ISO 8601 in the campaign's zone. With kTotals the
// per-order parts are left out (evaluations without "orders", the "orders" columns and
// "findings" empty): small at any size, enough for the summary views, not for bridges.
enum class RunDetail : uint8_t { kFull, kTotals };
Json closeout_result_json(const core::closeout::RunResult& run, const core::Campaign& campaign,
                          const core::TimeZone& zone, RunDetail detail = RunDetail::kFull);
// The whole stored document around a result from closeout_result_json.
Json closeout_run_json(const RunMeta& meta, Json result);

// The stored document as text, written straight from the run without a Json tree for the
// per-order columns and findings (closeout_json_write.cpp): byte for byte
// closeout_run_json(meta, closeout_result_json(run, campaign, zone)).dump(), at a fraction of
// the time and memory (a 10M-order run is a few GB of text).
struct RunText {
  std::string text;
  std::string result_digest;
};
RunText closeout_run_text(const RunMeta& meta, const core::closeout::RunResult& run,
                          const core::Campaign& campaign, const core::TimeZone& zone);
// The same text in pieces of a few MB through `sink` (formatted on this thread, handed to the
// sink and hashed on a second one), with 64 '0' where the result digest goes: the caller
// overwrites them at `digest_offset` with `result_digest`. Errors: the sink's first error.
struct RunDigest {
  std::string result_digest;
  int64_t digest_offset = 0;
};
core::Result<RunDigest> write_closeout_run(
    const RunMeta& meta, const core::closeout::RunResult& run, const core::Campaign& campaign,
    const core::TimeZone& zone, const std::function<core::Status(std::string_view)>& sink);

// A finding as stored (texts, not indices).
struct StoredFinding {
  uint32_t order = 0;  // index into StoredRun::order_ids
  std::string order_id, customer_id, stage, rule, action, field, before, after, detail;
};

// A stored run read back, with what the bridge needs rebuilt as core types.
struct StoredRun {
  // The document without its per-order parts (read straight into the members below): the
  // evaluations' "orders" are null, the ledger keeps only "superseded", "findings" is empty.
  Json doc;
  RunMeta meta;
  std::string result_digest;
  core::StoreDirectory stores;
  std::vector<std::string> order_ids;
  // Every evaluation of the run, per-order results filled where the run kept them.
  std::vector<core::Evaluation> evaluations;
  std::vector<StoredFinding> findings;

  const Json& result() const { return *doc.find("result"); }
  core::OrderIdView ids() const { return core::OrderIdView{nullptr, {}, order_ids}; }
  // Index of the evaluation of definition `name` as declared; -1 when absent.
  int declared(std::string_view name) const;
  // The settlement definition evaluated cleaned / raw.
  int settlement_cleaned() const;
  int settlement_raw() const;
};

// Parses a stored run (a SAX pass: no tree for the per-order parts). Errors: kCorrupt when the text
// is not a close-out run of a known format version or a field is missing or mistyped (naming the
// field).
core::Result<StoredRun> read_stored_run(std::string_view text);

namespace detail {  // shared by closeout_json.cpp and closeout_json_write.cpp
// An evaluation's object; with kTotals without its "orders" member (which comes last).
Json evaluation_json(const core::Evaluation& e, const core::StoreDirectory& dir, RunDetail detail);
// {format, format_version, meta, result_digest, result}.
Json run_document(const RunMeta& meta, std::string digest, Json result);
}  // namespace detail

// "2023-03-31T23:59:59+08:00", or null for core::kNoTime.
Json instant_json(int64_t utc, const core::TimeZone& zone);

}  // namespace pitwall::io
