#include "cli/supervise_text.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "core/supervision/measures.hpp"

namespace pitwall::cli {

namespace sv = core::supervision;
using app::supervision::alert_kind_word;
using app::supervision::alert_text;
using app::supervision::percent;
using app::supervision::reason_text;
using app::supervision::score_text;

namespace {
constexpr std::string_view kNoteTokens[] = {"unknown_store", "outside_campaign", "duplicate_day",
                                            "negative_figure"};
}

CLI::App* supervise_command(CLI::App& group, Context& ctx, const char* name, const char* help,
                            SuperviseArgs& args, std::function<core::Status()> run) {
  auto* cmd = group.add_subcommand(name, help);
  cmd->add_option("--campaign", args.campaign, "campaign id")->required();
  cmd->add_option("--as", args.as, "who (a registered user; default PITWALL_AS)");
  cmd->add_flag("--json", args.json, "JSON output");
  cmd->callback([&ctx, run = std::move(run)] { ctx.exit_code = finish(ctx, run()); });
  return cmd;
}

void print_alerts(Lang lang, const sv::Feeds& feeds, const std::vector<sv::Alert>& alerts) {
  for (const auto& a : alerts) {
    std::string where =
        a.store >= 0 ? store_label(feeds, a.store) : tr(lang, "supervision.network");
    fmt::print("  [{}] {} — {}\n      {}\n", alert_kind_word(lang, a.kind), where,
               alert_text(lang, feeds, a), a.key(feeds));
  }
}

void print_notes(Lang lang, const sv::Feeds& feeds) {
  for (const auto& n : feeds.notes) {
    fmt::print(stderr, "{}\n",
               tr(lang, fmt::format("supervision.note.{}", kNoteTokens[static_cast<int>(n.kind)]),
                  core::table_schema(n.feed).name, n.rows, n.first_line, n.example));
  }
}

}  // namespace pitwall::cli
