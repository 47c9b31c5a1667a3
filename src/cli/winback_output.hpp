#pragma once
// Files and JSON documents of the win-back results: the score list as JSON, CSV and XLSX, and
// the reports as XLSX workbooks. Header texts come from the catalogue ("winback.col.<key>").

#include <span>
#include <string>

#include "cli/context.hpp"
#include "cli/winback_desk.hpp"
#include "io/json/json.hpp"
#include "io/report/winback_sheet.hpp"

namespace pitwall::cli::winback {

// Sets every member of the object `from` on `into` (in from's order).
void merge_members(io::Json& into, const io::Json& from);

// {"programme", "models", "summary", "customers": [...]}; `limit` 0 = every customer.
io::Json score_json(const DeskData& d, const wb::Ranking& ranking, const wb::ScoreOptions& options,
                    size_t limit);
core::Status write_score_csv(const Context& ctx, const DeskData& d, const wb::Ranking& ranking,
                             const wb::ScoreOptions& options, const std::string& path);
core::Status write_score_xlsx(const Context& ctx, const DeskData& d, const wb::Ranking& ranking,
                              const wb::ScoreOptions& options, const std::string& path);
// Writes sheets to an XLSX workbook with headers in the context's language.
core::Status write_sheets_xlsx(const Context& ctx, std::span<const io::Sheet> sheets,
                               const std::string& path);

}  // namespace pitwall::cli::winback
