#pragma once
// The close-out's results as JSON (docs/closeout.md): the stored run's record, and the summary
// and settlement documents with the run they show (io/report/closeout_views.hpp builds the rest).

#include <string>
#include <vector>

#include "app/closeout/stored_run.hpp"
#include "io/json/json.hpp"

namespace pitwall::app::closeout {

// {campaign, run, created_at, by, blob, result_digest, inputs_sha256, orders, findings,
// gray_zone, problems}.
io::Json to_json(const RunRecord& r, const core::TimeZone& zone);
// {run, created_at, by, result_digest, current, sealed, latest}.
io::Json run_status_json(const RunStatus& r, const core::TimeZone& zone);
// io::summary_json with "run_status".
io::Json summary_json(const OpenedRun& open, const std::vector<std::string>& names);
// io::settlement_view_json with "run_status".
io::Json settlement_json(const OpenedRun& open);

}  // namespace pitwall::app::closeout
