#pragma once
// What the supervise commands share: their common options (--campaign, --as, --json) and the
// terminal forms of stores, shares and figures. Words come from the message catalogue
// (app/supervision/supervision_words.hpp); --json prints app::supervision::to_json instead.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/supervision/supervision_data.hpp"
#include "app/supervision/supervision_words.hpp"
#include "cli/i18n.hpp"
#include "core/base/result.hpp"
#include "core/supervision/alerts.hpp"
#include "core/supervision/board.hpp"
#include "core/supervision/feeds.hpp"

namespace CLI {
class App;
}

namespace pitwall::cli {

struct Context;

// The options every supervise command takes.
struct SuperviseArgs {
  std::string campaign;
  std::string as;  // the person (else PITWALL_AS, else the local operator)
  bool json = false;
};

// Adds a subcommand with --campaign (required), --as and --json bound to `args`; its callback
// sets ctx.exit_code from `run`.
CLI::App* supervise_command(CLI::App& group, Context& ctx, const char* name, const char* help,
                            SuperviseArgs& args, std::function<core::Status()> run);

// The terminal's forms of stores, shares, figures and reasons are the desk's words
// (app/supervision/supervision_words.hpp), shared with the group robots' messages.
using app::supervision::figures_line;
using app::supervision::rate_text;
using app::supervision::reasons_text;
using app::supervision::scope_label;
using app::supervision::share_text;
using app::supervision::store_label;
// The alerts, two lines each (kind, store, detail; the key to open a problem from).
void print_alerts(Lang lang, const core::supervision::Feeds& feeds,
                  const std::vector<core::supervision::Alert>& alerts);
// The feed notes ("store-day: 3 rows with an unknown store ...") on stderr.
void print_notes(Lang lang, const core::supervision::Feeds& feeds);

}  // namespace pitwall::cli
