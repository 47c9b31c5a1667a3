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
#include <functional>
#include <string>

#include "core/base/instant.hpp"
#include "core/base/result.hpp"
#include "io/report/closeout_json.hpp"
#include "io/report/closeout_views.hpp"
#include "io/xlsx/xlsx_writer.hpp"

namespace pitwall::io {

// What the caller adds around the run's own sheets: a first sheet (the cover) and sheets after
// them (the workflow's evidence). When `replaces_arbitration`, the caller's sheets hold the
// arbitration queue (with its decisions) and the run's own Arbitration sheet is left out.
struct WorkbookExtras {
  std::function<void(XlsxWriter&)> first;
  std::function<core::Status(XlsxWriter&)> last;
  bool replaces_arbitration = false;
};

// Writes the workbook to `path`. `created_utc` is the document's creation time (the run's).
// Errors: kIo when the file cannot be written; the extras' errors.
core::Status write_closeout_xlsx(const std::string& path, const StoredRun& run,
                                 const CloseoutWords& words, const core::TimeZone& zone,
                                 int64_t created_utc, const WorkbookExtras& extras = {});

}  // namespace pitwall::io
