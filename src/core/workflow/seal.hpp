#pragma once
// Seal (封版, closeout.md §9): a canonical snapshot of a campaign's results with its SHA-256, and
// the adjustment log as a hash chain, so that any later change — a row edited in the database
// behind Pitwall's back, an entry of the log rewritten — is detected by `campaign verify`.
//
// The snapshot is text in sections, one fact per line (canonical.hpp): the campaign file's
// SHA-256, the settlement definition, the pinned master-data batches, every order (verdict,
// store, amount under the cleaned settlement evaluation), every finding, every arbitration
// decision and the settlement. Same inputs give the same bytes, whatever the machine or the
// number of threads. Each section has its own digest, so verify can say what changed.
//
// The chain: entry i stores prev = hash(i-1) (kChainGenesis for the first) and
// hash(i) = SHA-256(prev + "\n" + entry text). Editing, removing or reordering entries breaks it.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/closeout/inputs.hpp"
#include "core/closeout/result.hpp"

namespace pitwall::core::workflow {

struct PinnedBatches {
  std::string kind;  // import kind name: stores, staff, customers, price-list, blacklist
  std::vector<int64_t> batch_ids;
};

// A section of evidence the caller prepared (canonical lines, canonical.hpp): the records and
// files that decide money or a sign-off beyond the run's numbers — sign-offs, disputes, the
// freeze, the batches' metadata and the checksums of their files.
struct EvidenceSection {
  std::string name;
  std::string text;  // canonical lines, without the section line
};

struct SnapshotInputs {
  const closeout::RunResult* run = nullptr;
  std::string campaign_id;
  std::string campaign_file_sha256;  // of the stored campaign file text
  std::vector<PinnedBatches> pins;
  std::span<const closeout::ArbitrationDecision> decisions;
  std::span<const closeout::BlacklistEntry> extra_blacklist;
  std::span<const EvidenceSection> evidence;  // appended after the settlement, in order
};

struct SnapshotSection {
  std::string name;  // header, orders, findings, decisions, settlement, then the evidence's
  std::string sha256;
};

struct Snapshot {
  std::string text;
  std::string sha256;  // of text
  std::vector<SnapshotSection> sections;
};

Snapshot seal_snapshot(const SnapshotInputs& inputs);

// Up to `limit` lines that differ between two snapshots (or any texts), as "-line" (only in
// `sealed`) and "+line" (only in `now`), each in the order it appears in its text. Lines are
// compared as multisets: a line that moved is not a difference.
std::vector<std::string> snapshot_differences(std::string_view sealed, std::string_view now,
                                              size_t limit);

// --- The hash chain ---
inline constexpr std::string_view kChainGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";
std::string chain_hash(std::string_view prev, std::string_view entry);

struct ChainLink {
  int64_t seq = 0;    // the log's sequence number
  std::string prev;   // as stored
  std::string hash;   // as stored
  std::string entry;  // the entry text the hash covers
};

struct ChainCheck {
  bool ok = true;
  int64_t bad_seq = 0;  // first entry that fails, 0 when ok
  std::string problem;  // prev_mismatch | hash_mismatch | sequence_gap
  std::string head;     // hash of the last entry (kChainGenesis when empty)
  int64_t length = 0;
};
ChainCheck check_chain(std::span<const ChainLink> links);

}  // namespace pitwall::core::workflow
