#pragma once
// Files of the win-back results: the score list as CSV and XLSX, and the reports as XLSX
// workbooks, written through io. Header texts come from the catalogue ("winback.col.<key>").

#include <span>
#include <string>

#include "app/winback/scoring.hpp"
#include "cli/context.hpp"
#include "io/report/winback_sheet.hpp"

namespace pitwall::cli::winback {

// Every row of the ranking (the use case ranked every customer for a file).
core::Status write_score_csv(const Context& ctx, const app::winback::ScoreResult& r,
                             const std::string& path);
core::Status write_score_xlsx(const Context& ctx, const app::winback::ScoreResult& r,
                              const std::string& path);
// Writes sheets to an XLSX workbook with headers in the context's language.
core::Status write_sheets_xlsx(const Context& ctx, std::span<const io::Sheet> sheets,
                               const std::string& path);

}  // namespace pitwall::cli::winback
