#pragma once
// The close-out workbook (formats.md "What users get") with the evidence people sign: a cover
// sheet (campaign, run, its time, definition, result digest, whether current or sealed,
// lifecycle state, seal head), the run's sheets, then Arbitration (item, evidence, decision,
// who, when, reason), Sign-offs and the Retrospective. Needs kCloseoutExport.

#include <string>

#include "app/closeout/readings.hpp"
#include "app/session.hpp"
#include "io/report/closeout_views.hpp"

namespace pitwall::app::workflow {

// Writes the workbook of run r.run (0: sealed, else latest) to `path`, headers in the session's
// language (`words` are the catalogue's close-out words).
core::Status export_workbook(const Session& s, const closeout::ReadRequest& r,
                             const std::string& path, const io::CloseoutWords& words);

}  // namespace pitwall::app::workflow
