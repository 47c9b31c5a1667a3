// The close-out workbook with its evidence (closeout.md §8, §11; formats.md "What users get"):
// a cover sheet naming what the workbook is, the run's sheets, then the arbitration queue with
// its decisions, every sign-off and the retrospective.
#include "app/workflow/export.hpp"

#include <fmt/format.h>

#include "app/campaign.hpp"
#include "app/closeout/readings.hpp"
#include "app/workflow/words.hpp"
#include "app/workflow/workflow.hpp"
#include "io/report/closeout_xlsx.hpp"
#include "io/report/workflow_sheets.hpp"

namespace pitwall::app::workflow {

namespace {

// The words of a token of the workflow's documents, as the terminal says them (words.hpp).
std::string token_words(Lang lang, io::WordKind kind, std::string_view token) {
  using K = io::WordKind;
  switch (kind) {
    case K::kYesNo:
      return tr(lang, token == "yes" ? "workflow.yes" : "workflow.no");
    case K::kRule:
      return rule_words(lang, token);
    case K::kField:
      return field_words(lang, token);
    case K::kStatus:
      return status_words(lang, token);
    case K::kDecision: {
      auto colon = token.find(':');
      return decision_words(lang, token.substr(0, colon),
                            colon == std::string_view::npos ? "" : token.substr(colon + 1));
    }
    case K::kSignoffKind:
      return std::string(message_or(lang, fmt::format("workflow.kind.{}", token), token));
    case K::kSection:
      return std::string(message_or(lang, fmt::format("workflow.section.{}", token), token));
    case K::kFunnelStep:
      return std::string(message_or(lang, fmt::format("workflow.step.{}", token), token));
    case K::kTier:
      return std::string(message_or(lang, fmt::format("workflow.tier.{}", token), token));
  }
  return std::string(token);
}

io::SheetText sheet_text(const Session& s, std::string_view sheet,
                         std::initializer_list<std::string_view> columns) {
  io::SheetText text{s.tr(fmt::format("workflow.sheet.{}", sheet)), {}, {}};
  for (std::string_view c : columns) {
    text.headers.push_back(s.tr(fmt::format("workflow.column.{}", c)));
  }
  Lang lang = s.lang;
  text.word = [lang](io::WordKind kind, std::string_view token) {
    return token_words(lang, kind, token);
  };
  return text;
}

std::string yes_no(const Session& s, bool v) { return s.tr(v ? "workflow.yes" : "workflow.no"); }

// The cover: which campaign, which run (when, by whom, under which definition, its result
// digest, whether it is current or the sealed one), the lifecycle and the seal.
void cover_sheet(const Session& s, io::XlsxWriter& w, const closeout::OpenedRun& open,
                 const CampaignInfo& info) {
  io::XlsxSheet& sheet = w.add_sheet(s.tr("workflow.sheet.cover"));
  sheet.header({s.tr("workflow.column.item"), s.tr("workflow.column.value")});
  auto line = [&](std::string_view key, std::string value) {
    sheet.row({io::XlsxCell::text(s.tr(std::string("workflow.cover.") + std::string(key))),
               io::XlsxCell::text(value)});
  };
  const closeout::RunStatus& st = open.status;
  line("campaign", fmt::format("{} {}", info.campaign.id, info.campaign.name));
  line("run", fmt::format("{}", st.run));
  line("run_at", core::format_local_iso(st.created_at, *info.zone));
  line("run_by", st.by);
  int cleaned = open.stored.settlement_cleaned();
  line("definition", cleaned >= 0
                         ? open.stored.evaluations.empty()
                               ? std::string()
                               : open.stored.evaluations[static_cast<size_t>(cleaned)].tag()
                         : std::string());
  line("result_digest", st.result_digest);
  line("current", yes_no(s, st.current));
  line("sealed_run", yes_no(s, st.sealed));
  line("state", s.tr(fmt::format("workflow.status.{}", core::campaign_state_token(info.state))));
  const auto& seal = info.lifecycle.seal;
  line("sealed_at", seal ? core::format_local_iso(seal->at, *info.zone) : "-");
  line("seal_snapshot", seal ? seal->snapshot_sha256 : "-");
  line("seal_head", seal ? seal->chain_head : "-");
  line("exported_at", core::format_local_iso(s.now, *info.zone));
  line("exported_by", s.principal.name.empty() ? "-" : s.principal.name);
}

core::Status evidence_sheets(const Session& s, const std::string& campaign, io::XlsxWriter& w) {
  io::Json queue = to_json(TRY(arbitration_queue(s, campaign, false)));
  io::Json status = to_json(TRY(campaign_status(s, campaign)));
  io::Json retro = TRY(retrospective(s, RetroRequest{campaign, {}, {}, {}}));
  io::add_arbitration_sheet(
      w,
      sheet_text(s, "arbitration",
                 {"order", "store", "region", "customer", "amount", "counted", "reasons",
                  "evidence", "claimants", "status", "decision", "reason", "who", "at"}),
      queue);
  io::add_signoffs_sheet(w,
                         sheet_text(s, "signoffs",
                                    {"kind", "scope", "status", "who", "at", "definition", "digest",
                                     "current_digest"}),
                         status);
  io::add_retrospective_sheet(
      w, sheet_text(s, "retrospective", {"section", "item", "count", "amount", "text", "who"}),
      retro);
  return {};
}

}  // namespace

core::Status append_workflow_sheets(const Session& s, const std::string& campaign,
                                    io::XlsxWriter& writer) {
  return evidence_sheets(s, campaign, writer);
}

core::Status export_workbook(const Session& s, const closeout::ReadRequest& r,
                             const std::string& path, const io::CloseoutWords& words) {
  closeout::OpenedRun open = TRY(closeout::workbook_run(s, r));
  CampaignInfo info = TRY(load_campaign_info(s, r.campaign));
  io::WorkbookExtras extras;
  extras.first = [&](io::XlsxWriter& w) { cover_sheet(s, w, open, info); };
  extras.last = [&](io::XlsxWriter& w) { return evidence_sheets(s, r.campaign, w); };
  extras.replaces_arbitration = true;
  return io::write_closeout_xlsx(path, open.stored, words, *info.zone, open.status.created_at,
                                 extras);
}

}  // namespace pitwall::app::workflow
