#pragma once
// What the seal covers beyond the run's numbers (issue 22, "tamper evidence over everything that
// decides money or a sign-off"): the sign-offs, the disputes, the freeze, and every batch the
// campaign reads — its metadata and the SHA-256 of each of its files (column files, pool, line
// numbers, manifest, the kept original, the error report). Each is a section of the seal's
// snapshot (core/workflow/seal.hpp), so that `campaign verify` names which changed and, with the
// stored snapshot, the lines (the record, the file).

#include <vector>

#include "app/closeout/inputs.hpp"
#include "app/session.hpp"
#include "core/workflow/seal.hpp"

namespace pitwall::app::workflow {

enum class FileDigests : uint8_t { kWith, kWithout };

// The evidence sections of `in`'s campaign as the workspace holds them now: "signoffs",
// "disputes", "freeze", "batches" (with kWithout, the batches' metadata only: what can change
// while a seal is being made). Errors: kCorrupt for a damaged record, kIo.
core::Result<std::vector<core::workflow::EvidenceSection>> seal_evidence(
    const Session& s, const closeout::InputsInForce& in, FileDigests files);

}  // namespace pitwall::app::workflow
