#pragma once
// Parts of the "winback" command group defined outside winback_cmd.cpp.

namespace CLI {
class App;
}

namespace pitwall::cli {
struct Context;
}

namespace pitwall::cli::winback {

// offer create|approve|reject|release|outcome|list|show (winback_offer_cmd.cpp).
void add_offer_commands(CLI::App& winback, Context& ctx);
// budget, override, report monthly|audit|cohorts|experiments, log (winback_report_cmd.cpp).
void add_budget_and_report_commands(CLI::App& winback, Context& ctx);

}  // namespace pitwall::cli::winback
