#pragma once
// The close-out workbook for finance and stores (formats.md "What users get"): sheets Summary,
// Bridge, Stores, Regions, Staff, Findings, Arbitration, Errors, built from a stored run.
// Sheet names are those of formats.md in either language; headers and words are in the
// reader's language (CloseoutWords). Same run and language give the same bytes.
//
// Bridge sheet: every pair of definitions as declared (in the run's order), then each
// definition to itself the other way (raw -> cleaned), network-wide; one row per step with its
// order ids (Excel cuts a cell at 32,767 characters; the Findings sheet has every order).

#include <cstdint>
#include <string>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "io/report/closeout_json.hpp"
#include "io/report/closeout_views.hpp"

namespace pitwall::io {

// Writes the workbook to `path`. `created_utc` is the document's creation time (the run's).
// Errors: kIo when the file cannot be written.
core::Status write_closeout_xlsx(const std::string& path, const StoredRun& run,
                                 const CloseoutWords& words, const core::TimeZone& zone,
                                 int64_t created_utc);

}  // namespace pitwall::io
