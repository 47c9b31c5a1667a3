// The workflow's sheets of the close-out workbook (see workflow_ops.hpp).
#include <fmt/format.h>

#include "cli/workflow_ops.hpp"
#include "io/report/workflow_sheets.hpp"

namespace pitwall::cli {

namespace {

io::SheetText sheet_text(const Context& ctx, std::string_view sheet,
                         std::initializer_list<std::string_view> columns) {
  io::SheetText text{tr(ctx.lang, fmt::format("workflow.sheet.{}", sheet)), {}};
  for (std::string_view c : columns) {
    text.headers.push_back(tr(ctx.lang, fmt::format("workflow.column.{}", c)));
  }
  return text;
}

}  // namespace

core::Status append_workflow_sheets(const Context& ctx, store::Workspace& ws,
                                    const std::string& campaign, io::XlsxWriter& writer) {
  io::Json queue = TRY(arbitration_queue(ctx, ws, campaign, false));
  io::Json status = TRY(campaign_status(ctx, ws, campaign));
  io::Json retro = TRY(retrospective(ctx, ws, RetroRequest{campaign, "", {}, {}, {}}));
  io::add_arbitration_sheet(
      writer,
      sheet_text(ctx, "arbitration",
                 {"order", "store", "region", "customer", "amount", "counted", "reasons",
                  "evidence", "claimants", "status", "decision", "reason", "who", "at"}),
      queue);
  io::add_signoffs_sheet(writer,
                         sheet_text(ctx, "signoffs",
                                    {"kind", "scope", "status", "who", "at", "definition", "digest",
                                     "current_digest"}),
                         status);
  io::add_retrospective_sheet(
      writer,
      sheet_text(ctx, "retrospective", {"section", "item", "count", "amount", "text", "who"}),
      retro);
  return {};
}

}  // namespace pitwall::cli
